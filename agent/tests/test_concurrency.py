"""Concurrent requests stay independent: each gets its own answer, session id and request id."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx

from agent.tests.harness import REQUEST_HEADER, SESSION_HEADER, Server

PARALLEL = 20
DELAY_S = 1.0


async def _run(server: Server):
    limits = httpx.Limits(max_connections=PARALLEL, max_keepalive_connections=PARALLEL)
    async with httpx.AsyncClient(base_url=server.url, trust_env=False, timeout=30.0, limits=limits) as c:
        gate = asyncio.Semaphore(PARALLEL)

        async def one(i: int):
            sid = f"concurrent-session-{i:02d}-{uuid.uuid4()}"
            rid = f"concurrent-{i:02d}-{uuid.uuid4()}"
            # Alternate good answers, model failures and bad input, all in flight together.
            if i % 5 == 3:
                body = {"prompt": f"fail:{i}"}
            elif i % 5 == 4:
                body = {"prompt": i}
            else:
                body = {"prompt": f"sleep:{DELAY_S}:answer-{i}"}
            async with gate:
                r = await c.post("/invocations", json=body, headers={SESSION_HEADER: sid, REQUEST_HEADER: rid})
            return i, sid, rid, r

        async def busy_probe():
            await asyncio.sleep(DELAY_S / 3)
            return (await c.get("/ping")).json()["status"]

        start = time.monotonic()
        results, status = await asyncio.wait_for(
            asyncio.gather(asyncio.gather(*(one(i) for i in range(PARALLEL))), busy_probe()), timeout=60
        )
        return results, status, time.monotonic() - start


def test_twenty_parallel_requests_are_independent(server: Server):
    results, status_while_busy, elapsed = asyncio.run(_run(server))
    assert status_while_busy == "HealthyBusy"
    assert len(results) == PARALLEL
    for i, sid, rid, r in results:
        body = r.json()
        if i % 5 == 3:
            assert r.status_code == 502 and body["error"]["type"] == "model_error"
        elif i % 5 == 4:
            assert r.status_code == 400 and body["error"]["type"] == "invalid_request"
        else:
            assert r.status_code == 200, r.text
            assert body == {"response": f"echo: answer-{i}", "session_id": sid, "request_id": rid}
            continue
        assert body["request_id"] == rid
    # They ran together: one after another, the sleeping ones alone would take 12 * 1 s = 12 s.
    assert elapsed < 6, f"requests were not served concurrently ({elapsed:.1f} s)"
    for _, sid, rid, r in results:
        lines = server.invocation_records(rid)
        assert len(lines) == 1 and lines[0]["session_id"] == sid and lines[0]["status"] == r.status_code
    with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as c:
        assert c.get("/ping").json()["status"] == "Healthy"
