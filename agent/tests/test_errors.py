"""Every error case: a typed JSON error carrying the request id, and the server keeps serving."""

from __future__ import annotations

import json
import time
import uuid

import httpx
import pytest

from agent.tests.harness import REQUEST_HEADER, SESSION_HEADER, session_id

MIB = 1024 * 1024


def assert_error(r: httpx.Response, status: int, type_: str, request_id: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error", "request_id"}
    assert set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == type_
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if request_id is not None:
        assert body["request_id"] == request_id
    else:
        uuid.UUID(body["request_id"])
    return body


def assert_still_serving(c: httpx.Client) -> None:
    assert c.get("/ping").json()["status"] == "Healthy"
    r = c.post("/invocations", json={"prompt": "still here"})
    assert r.status_code == 200 and r.json()["response"] == "echo: still here"


BAD_BODIES = [
    pytest.param(b"not json", "invalid_json", id="not-json"),
    pytest.param(b"", "invalid_json", id="empty"),
    pytest.param(b"   \n", "invalid_json", id="blank"),
    pytest.param(b'{"prompt": "unterminated"', "invalid_json", id="truncated"),
    pytest.param(b"\xff\xfe\x00", "invalid_json", id="not-utf8"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "invalid_json", id="deeply-nested"),
    pytest.param(b'["prompt", "x"]', "invalid_request", id="array"),
    pytest.param(b'"just a string"', "invalid_request", id="string"),
    pytest.param(b"null", "invalid_request", id="null"),
    pytest.param(b"{}", "invalid_request", id="no-prompt"),
    pytest.param(b'{"text": "x"}', "invalid_request", id="wrong-key"),
    pytest.param(b'{"prompt": 5}', "invalid_request", id="prompt-number"),
    pytest.param(b'{"prompt": null}', "invalid_request", id="prompt-null"),
    pytest.param(b'{"prompt": ["a"]}', "invalid_request", id="prompt-list"),
    pytest.param(b'{"prompt": {"text": "a"}}', "invalid_request", id="prompt-object"),
    pytest.param(b'{"prompt": true}', "invalid_request", id="prompt-bool"),
    pytest.param(b'{"prompt": ""}', "invalid_request", id="prompt-empty"),
    pytest.param(b'{"prompt": " \\n\\t "}', "invalid_request", id="prompt-whitespace"),
]


@pytest.mark.parametrize("body,type_", BAD_BODIES)
def test_bad_input_is_a_400_json_error(client, body, type_):
    rid = f"bad-{uuid.uuid4()}"
    r = client.post("/invocations", content=body, headers={REQUEST_HEADER: rid, "content-type": "application/json"})
    assert_error(r, 400, type_, rid)


def test_bad_input_without_request_id_gets_a_generated_one(client):
    assert_error(client.post("/invocations", content=b"nope"), 400, "invalid_json")
    assert_still_serving(client)


def test_body_over_the_default_limit_of_1_mib_is_413(client):
    rid = f"big-{uuid.uuid4()}"
    r = client.post("/invocations", content=b" " * (MIB + 1), headers={REQUEST_HEADER: rid})
    assert_error(r, 413, "payload_too_large", rid)
    assert_still_serving(client)


def test_body_of_exactly_1_mib_is_accepted(client):
    prompt = "x" * (MIB - len(b'{"prompt": ""}'))
    body = b'{"prompt": "' + prompt.encode() + b'"}'
    assert len(body) == MIB
    r = client.post("/invocations", content=body)
    assert r.status_code == 200, r.text[:200]
    assert r.json()["response"] == "echo: " + prompt


def test_limit_is_configurable_by_env(small_server):
    with small_server.client() as c:
        ok = b'{"prompt": "' + b"y" * (2048 - 14) + b'"}'
        assert len(ok) == 2048
        assert c.post("/invocations", content=ok).status_code == 200
        assert_error(c.post("/invocations", content=ok + b" "), 413, "payload_too_large")
        assert_still_serving(c)


def test_oversized_chunked_body_without_content_length_is_413(small_server):
    def chunks():
        for _ in range(10):
            yield b" " * 1024

    with small_server.client() as c:
        r = c.post("/invocations", content=chunks())
        assert r.request.headers.get("transfer-encoding") == "chunked"
        assert_error(r, 413, "payload_too_large")
        assert_still_serving(c)


def test_small_chunked_body_is_accepted(small_server):
    def chunks():
        yield b'{"prompt": '
        yield b'"chunked"}'

    with small_server.client() as c:
        r = c.post("/invocations", content=chunks())
        assert r.status_code == 200 and r.json()["response"] == "echo: chunked"


def test_model_failure_is_a_502_with_the_request_id(client):
    rid = f"fail-{uuid.uuid4()}"
    r = client.post("/invocations", json={"prompt": "fail:boom"}, headers={REQUEST_HEADER: rid})
    body = assert_error(r, 502, "model_error", rid)
    # The exception's message quotes the prompt: it must not reach the caller.
    assert "boom" not in body["error"]["message"]
    assert_still_serving(client)


def test_model_throttling_after_the_last_attempt_is_a_502_model_throttled(small_server):
    # small_server runs with MODEL_MAX_ATTEMPTS=1: no retry.
    rid = f"throttle-{uuid.uuid4()}"
    with small_server.client() as c:
        r = c.post("/invocations", json={"prompt": "throttle:slow down"}, headers={REQUEST_HEADER: rid})
        assert_error(r, 502, "model_throttled", rid)
        assert_still_serving(c)


def test_model_throttling_is_retried_until_the_timeout(client):
    # The default server keeps Strands' retries (6 attempts, 4 s backoff): the 1.5 s timeout wins.
    rid = f"throttle-{uuid.uuid4()}"
    r = client.post("/invocations", json={"prompt": "throttle:slow down"}, headers={REQUEST_HEADER: rid})
    assert_error(r, 504, "model_timeout", rid)
    assert_still_serving(client)


def test_model_timeout_is_a_504(client):
    # The server fixture runs with MODEL_TIMEOUT_SECONDS=1.5; the fake model never answers "hang:".
    rid = f"hang-{uuid.uuid4()}"
    sid = session_id()
    start = time.monotonic()
    r = client.post("/invocations", json={"prompt": "hang:"}, headers={REQUEST_HEADER: rid, SESSION_HEADER: sid})
    elapsed = time.monotonic() - start
    assert_error(r, 504, "model_timeout", rid)
    assert 1.4 <= elapsed < 10
    assert_still_serving(client)


def test_model_timeout_is_a_504_even_when_the_model_blocks_a_thread(client):
    # BedrockModel reads the stream in a worker thread; the timeout must not wait for that thread.
    rid = f"block-{uuid.uuid4()}"
    start = time.monotonic()
    r = client.post("/invocations", json={"prompt": "block:4:late"}, headers={REQUEST_HEADER: rid})
    elapsed = time.monotonic() - start
    assert_error(r, 504, "model_timeout", rid)
    assert elapsed < 3.5
    assert_still_serving(client)


@pytest.mark.parametrize(
    "method,path,status,type_",
    [
        ("GET", "/invocations", 405, "method_not_allowed"),
        ("POST", "/ping", 405, "method_not_allowed"),
        ("GET", "/nope", 404, "not_found"),
        ("POST", "/invocations/extra", 404, "not_found"),
    ],
)
def test_other_routes_answer_in_the_error_shape(client, method, path, status, type_):
    rid = f"route-{uuid.uuid4()}"
    r = client.request(method, path, headers={REQUEST_HEADER: rid})
    assert_error(r, status, type_, rid)


def test_invalid_content_length_is_a_400(server):
    # httpx always sends a correct Content-Length, so write the request by hand.
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    # uvicorn (h11) rejects a malformed Content-Length itself before the app sees it.
    assert data.startswith(b"HTTP/1.1 400")
    with server.client() as c:
        assert_still_serving(c)
