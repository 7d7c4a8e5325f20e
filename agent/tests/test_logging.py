"""The log: every stdout line is JSON, one invocation line per request, and no prompt text."""

from __future__ import annotations

import uuid

import pytest

from agent.tests.harness import REQUEST_HEADER, SESSION_HEADER, Server, session_id, start_server

REQUIRED = {"timestamp", "level", "logger", "message", "event", "session_id", "request_id", "latency_ms",
            "request_bytes", "response_bytes", "status"}


@pytest.fixture(scope="module")
def log_server(tmp_path_factory):
    """A server of its own, so this module sees every line it wrote."""
    s = start_server(tmp_path_factory.mktemp("log_server"), {"MODEL_TIMEOUT_SECONDS": "1"})
    yield s
    s.stop()


def _marker() -> str:
    return f"PROMPT-MARKER-{uuid.uuid4().hex}"


def _cases():
    """(prompt, expected status, expected error_type) for each kind of outcome."""
    m = _marker
    return [
        (f"{m()}", 200, None),
        (f"sleep:0.05:{m()}", 200, None),
        (f"fail:{m()}", 502, "model_error"),
        (f"hang:{m()}", 504, "model_timeout"),
    ]


def test_one_json_line_per_invocation_with_the_fields_and_no_prompt(log_server: Server):
    sent = []  # (request_id, session_id, body bytes, response)
    markers = []
    with log_server.client() as c:
        for prompt, status, error_type in _cases():
            markers.append(prompt.rsplit(":", 1)[-1])
            rid, sid = f"log-{uuid.uuid4()}", session_id()
            body = ('{"prompt": "%s"}' % prompt).encode()
            r = c.post("/invocations", content=body, headers={REQUEST_HEADER: rid, SESSION_HEADER: sid})
            assert r.status_code == status, r.text
            sent.append((rid, sid, body, r, status, error_type))
        # Bad input, too: the body carries a marker that must not be logged either.
        bad_marker = _marker()
        markers.append(bad_marker)
        rid = f"log-{uuid.uuid4()}"
        bad = ('{"prompt": ["%s"]}' % bad_marker).encode()
        r = c.post("/invocations", content=bad, headers={REQUEST_HEADER: rid})
        assert r.status_code == 400
        sent.append((rid, None, bad, r, 400, "invalid_request"))
        # Too large: request_bytes is what was received.
        rid = f"log-{uuid.uuid4()}"
        big = b" " * (1024 * 1024 + 10)
        r = c.post("/invocations", content=big, headers={REQUEST_HEADER: rid})
        assert r.status_code == 413
        sent.append((rid, None, big, r, 413, "payload_too_large"))
        # A request without ids: the generated request id is the one logged.
        r = c.post("/invocations", json={"prompt": "anonymous"})
        sent.append((r.json()["request_id"], None, r.request.content, r, 200, None))

    records = log_server.log_records()  # fails if any stdout line is not JSON
    for rec in records:
        assert {"timestamp", "level", "logger", "message"} <= set(rec)
    for rid, sid, body, resp, status, error_type in sent:
        lines = log_server.invocation_records(rid)
        assert len(lines) == 1, f"expected one invocation line for {rid}, got {lines}"
        rec = lines[0]
        assert REQUIRED <= set(rec), set(rec)
        assert rec["session_id"] == sid
        assert rec["status"] == status
        assert rec["request_bytes"] == len(body)
        assert rec["response_bytes"] == len(resp.content)
        assert isinstance(rec["latency_ms"], (int, float)) and rec["latency_ms"] >= 0
        assert rec["level"] == ("INFO" if status < 500 else "ERROR")
        if error_type is None:
            assert "error_type" not in rec
        else:
            assert rec["error_type"] == error_type
    timeout_rec = log_server.invocation_records(sent[3][0])[0]
    assert timeout_rec["latency_ms"] >= 900
    assert log_server.invocation_records(sent[2][0])[0]["exception"] == "RuntimeError"

    everything = log_server.stdout() + log_server.stderr()
    for marker in markers:
        assert marker not in everything, "prompt text reached the log"
    assert "anonymous" not in everything
    # The model's answers (which echo the prompt) are not logged either.
    assert "echo:" not in everything


def test_stderr_stays_empty(log_server: Server):
    with log_server.client() as c:
        c.post("/invocations", json={"prompt": "quiet"})
    assert log_server.stderr() == ""


def test_ping_is_not_logged_at_info(log_server: Server):
    with log_server.client() as c:
        before = len(log_server.log_records())
        for _ in range(5):
            c.get("/ping")
    assert len(log_server.log_records()) == before


def test_startup_line_names_the_settings_but_no_secret(log_server: Server):
    start = [r for r in log_server.log_records() if r.get("message") == "starting"]
    assert len(start) == 1
    rec = start[0]
    assert rec["model_id"] == "fake-model"
    assert rec["model_timeout_seconds"] == 1
    assert rec["max_request_bytes"] == 1024 * 1024
    assert rec["secrets"] == []
