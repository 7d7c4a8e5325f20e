"""In-process checks of what the HTTP tests cannot reach: a bug in the server (500), and the log
formatter. The app runs on httpx's ASGI transport (no socket)."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest

from agent import app as agent_app
from agent.tests.fake_model import FakeModel


def call(application, body: bytes):
    async def go():
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://agent") as c:
            return await c.post("/invocations", content=body, headers={agent_app.REQUEST_HEADER: "rid-1"})

    return asyncio.run(go())


@pytest.fixture
def application():
    settings = agent_app.Settings.from_env({"MODEL_ID": "fake", "MODEL_TIMEOUT_SECONDS": "5"})
    return agent_app.create_app(settings, FakeModel())


def test_a_bug_in_the_server_is_a_500_that_hides_its_message(application, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise KeyError("detail that quotes the prompt: SECRET-PROMPT")

    monkeypatch.setattr(agent_app, "build_agent", broken)
    with caplog.at_level(logging.INFO, logger="agent"):
        r = call(application, b'{"prompt": "SECRET-PROMPT"}')
    assert r.status_code == 500
    assert r.json() == {"error": {"type": "internal_error", "message": "internal error"}, "request_id": "rid-1"}
    [rec] = [x for x in caplog.records if x.getMessage() == "invocation"]
    assert rec.levelno == logging.ERROR
    assert rec.fields["error_type"] == "internal_error" and rec.fields["exception"] == "KeyError"
    assert "SECRET-PROMPT" not in caplog.text


def test_the_real_path_works_in_process_too(application):
    r = call(application, b'{"prompt": "in process"}')
    assert r.status_code == 200
    assert r.json() == {"response": "echo: in process", "session_id": None, "request_id": "rid-1"}


def _record(exc_info=None, **fields):
    rec = logging.LogRecord("agent", logging.ERROR, __file__, 1, "msg %s", ("x",), exc_info)
    rec.fields = fields
    return rec


def test_formatter_writes_one_json_object_with_the_fields():
    line = agent_app.JsonFormatter().format(_record(a=1, b="ü\nnewline"))
    assert "\n" not in line
    obj = json.loads(line)
    assert obj["message"] == "msg x" and obj["level"] == "ERROR" and obj["logger"] == "agent"
    assert obj["a"] == 1 and obj["b"] == "ü\nnewline"
    assert obj["timestamp"].endswith("Z") and len(obj["timestamp"]) == len("2026-01-01T00:00:00.000Z")


@pytest.mark.parametrize("level,has_traceback", [(logging.INFO, False), (logging.DEBUG, True)])
def test_tracebacks_only_at_debug(level, has_traceback):
    root = logging.getLogger()
    old = root.level
    root.setLevel(level)
    try:
        try:
            raise ValueError("quoted user input")
        except ValueError:
            import sys

            obj = json.loads(agent_app.JsonFormatter().format(_record(sys.exc_info())))
    finally:
        root.setLevel(old)
    assert obj["exception"] == "ValueError"
    assert ("traceback" in obj) is has_traceback
    if not has_traceback:
        assert "quoted user input" not in json.dumps(obj)


def test_result_text_drops_only_the_trailing_newline():
    class R:
        def __init__(self, s):
            self.s = s

        def __str__(self):
            return self.s

    assert agent_app._result_text(R("a\nb\n")) == "a\nb"
    assert agent_app._result_text(R("a")) == "a"
    assert agent_app._result_text(R("")) == ""
