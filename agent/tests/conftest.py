"""Fixtures: servers shared by the whole session (see harness.py)."""

from __future__ import annotations

import os
import sys

# `python -m pytest` run inside agent/ puts agent/ on sys.path, where agent/secrets.py would shadow
# the standard library's `secrets` (starlette imports it). The code imports as the package `agent`
# (pyproject.toml adds the parent directory), so drop agent/ itself before anything else imports.
_AGENT_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != _AGENT_DIR]
if getattr(sys.modules.get("secrets"), "__file__", None) == os.path.join(_AGENT_DIR, "secrets.py"):
    del sys.modules["secrets"]

from typing import Iterator  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

from agent.tests.harness import Server, start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The default configuration (1 MiB body limit), with a short model timeout."""
    s = start_server(tmp_path_factory.mktemp("server"), {"MODEL_TIMEOUT_SECONDS": "1.5"})
    yield s
    s.stop()


@pytest.fixture(scope="session")
def small_server(tmp_path_factory) -> Iterator[Server]:
    """A server with MAX_REQUEST_BYTES=2048 and MODEL_MAX_ATTEMPTS=1."""
    s = start_server(tmp_path_factory.mktemp("small_server"), {"MAX_REQUEST_BYTES": "2048", "MODEL_MAX_ATTEMPTS": "1"})
    yield s
    s.stop()


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c
