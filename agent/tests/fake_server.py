"""Serve the real agent (agent.app.main) with FakeModel in place of Bedrock.

The only thing swapped is ``agent.app.build_model``. Run from the directory that holds agent/:
    MODEL_ID=fake PORT=8080 python -m agent.tests.fake_server
"""

import sys

from agent import app
from agent.tests.fake_model import FakeModel


def _build_fake_model(settings: "app.Settings") -> FakeModel:
    return FakeModel(model_id=settings.model_id)


if __name__ == "__main__":
    app.build_model = _build_fake_model
    sys.exit(app.main())
