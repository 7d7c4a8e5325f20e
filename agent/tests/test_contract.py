"""The AgentCore HTTP contract, over real HTTP against the running server."""

from __future__ import annotations

import json
import time
import uuid

from agent.tests.harness import REQUEST_HEADER, SESSION_HEADER, session_id


def test_ping_is_healthy(client):
    before = int(time.time())
    r = client.get("/ping")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"status", "time_of_last_update"}
    assert body["status"] == "Healthy"
    assert type(body["time_of_last_update"]) is int
    # Set when the server started or last changed state: not in the future, not ancient.
    assert before - 3600 < body["time_of_last_update"] <= int(time.time())


def test_invocation_answers_with_the_model_text_and_the_ids(client):
    sid = session_id()
    rid = f"req-{uuid.uuid4()}"
    r = client.post(
        "/invocations",
        json={"prompt": "hello agent"},
        headers={SESSION_HEADER: sid, REQUEST_HEADER: rid},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {"response": "echo: hello agent", "session_id": sid, "request_id": rid}


def test_request_id_is_generated_and_session_id_is_null_without_headers(client):
    r = client.post("/invocations", json={"prompt": "no headers"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["response"] == "echo: no headers"
    assert body["session_id"] is None
    assert str(uuid.UUID(body["request_id"])) == body["request_id"]
    again = client.post("/invocations", json={"prompt": "no headers"}).json()
    assert again["request_id"] != body["request_id"]


def test_extra_fields_are_ignored(client):
    r = client.post("/invocations", json={"prompt": "extra", "other": {"x": [1, 2]}})
    assert r.status_code == 200, r.text
    assert r.json()["response"] == "echo: extra"


def test_unicode_round_trips(client):
    prompt = "héllo — 你好 — 🚀 \"quoted\" \\ back\nslash"
    r = client.post("/invocations", content=json.dumps({"prompt": prompt}, ensure_ascii=False).encode())
    assert r.status_code == 200, r.text
    assert r.json()["response"] == "echo: " + prompt


def test_content_type_is_not_required(client):
    # curl -d sends application/x-www-form-urlencoded; the body is still JSON.
    r = client.post(
        "/invocations",
        content=b'{"prompt": "form"}',
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["response"] == "echo: form"


def test_requests_are_stateless_even_within_one_session(client):
    sid = session_id()
    for _ in range(3):
        r = client.post("/invocations", json={"prompt": "count:"}, headers={SESSION_HEADER: sid})
        assert r.status_code == 200, r.text
        # The model sees only this request's one user message: no history carried over.
        assert r.json()["response"] == "messages=1"


def test_ping_reports_busy_while_an_invocation_runs(server):
    import threading

    with server.client() as c:
        result = {}

        def slow():
            result["r"] = c.post("/invocations", json={"prompt": "sleep:1.0:slow"})

        t = threading.Thread(target=slow)
        t.start()
        seen = set()
        deadline = time.monotonic() + 5
        while t.is_alive() and time.monotonic() < deadline:
            seen.add(c.get("/ping").json()["status"])
            time.sleep(0.05)
        t.join(timeout=10)
        assert not t.is_alive()
        assert result["r"].status_code == 200
        assert "HealthyBusy" in seen
        after = c.get("/ping").json()
        assert after["status"] == "Healthy"
        assert after["time_of_last_update"] >= int(time.time()) - 5
