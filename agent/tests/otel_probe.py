"""Run the image's CMD (opentelemetry-instrument python -m agent.app) in an image-like layout and
check it serves, logs JSON and traces requests. Prints one JSON summary line; exit status 0 = ok.

    python -m agent.tests.otel_probe <app dir holding agent/ and requirements.txt>

test_image.py runs this inside a fresh network namespace (unshare --net) where it can, so nothing
the OpenTelemetry distro or boto3 tries to reach can leave the machine.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path

from agent.tests.harness import REQUEST_HEADER, start_server

MODEL_ID = "us.anthropic.claude-sonnet-4-20250514-v1:0"


def main(app_dir: Path, work_dir: Path) -> dict:
    otel = Path(sys.executable).parent / "opentelemetry-instrument"
    env = {
        "MODEL_ID": MODEL_ID,
        # No exporter: spans are made (so the log can carry trace ids) but sent nowhere.
        "OTEL_TRACES_EXPORTER": "none",
        "OTEL_METRICS_EXPORTER": "none",
        "OTEL_LOGS_EXPORTER": "none",
        "OTEL_SERVICE_NAME": "agentc-agent-probe",
    }
    server = start_server(work_dir, env, argv=[str(otel), sys.executable, "-m", "agent.app"], cwd=app_dir)
    try:
        trace_id = uuid.uuid4().hex
        rid = f"probe-{uuid.uuid4()}"
        with server.client() as c:
            ping = c.get("/ping").json()
            r = c.post(
                "/invocations",
                content=b"{not json",
                headers={REQUEST_HEADER: rid, "traceparent": f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"},
            )
        records = server.log_records()
        lines = server.invocation_records(rid)
    finally:
        status = server.stop()
    return {
        "ping": ping,
        "status": r.status_code,
        "error_type": r.json()["error"]["type"],
        "invocation_lines": len(lines),
        "trace_id_sent": trace_id,
        "trace_id_logged": lines[0].get("trace_id") if lines else None,
        "starting": [x for x in records if x.get("message") == "starting"],
        "exit_status": status,
        "stderr": server.stderr(),
    }


if __name__ == "__main__":
    result = main(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(result))
