"""Test harness: the real agent server, started as a subprocess on 127.0.0.1.

The server is agent.app.main() with one swap, build_model -> FakeModel (agent/tests/fake_server.py).
Its stdout (the JSON log) and stderr go to files that tests read. Every wait has a deadline.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import httpx
import pytest

AGENT_DIR = Path(__file__).resolve().parents[1]
ROOT = AGENT_DIR.parent  # the directory that holds agent/, so `agent` imports as a package
STARTUP_DEADLINE_S = 30.0
SESSION_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"
REQUEST_HEADER = "X-Amzn-Bedrock-AgentCore-Runtime-Request-Id"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(**overrides: str) -> Dict[str, str]:
    """The parent environment without AWS settings or secret references, plus offline defaults."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "OTEL_")) and not k.endswith("_SECRET_REF") and k not in ("MODEL_ID", "PORT", "HOST")
    }
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "AWS_REGION": "us-east-1",
            # No AWS credentials and no instance metadata lookups: nothing may leave the machine.
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "NO_PROXY": "127.0.0.1,localhost",
            "HOST": "127.0.0.1",
        }
    )
    env.update(overrides)
    return env


class Server:
    def __init__(self, proc: subprocess.Popen, port: int, stdout_path: Path, stderr_path: Path) -> None:
        self.proc = proc
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.stdout_path = stdout_path
        self.stderr_path = stderr_path
        self.healthy = False

    def client(self, **kwargs) -> httpx.Client:
        kwargs.setdefault("timeout", 30.0)
        return httpx.Client(base_url=self.url, trust_env=False, **kwargs)

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8")

    def log_records(self) -> List[dict]:
        """Every stdout line parsed as JSON (a line that is not JSON fails the test)."""
        records = []
        for n, line in enumerate(self.stdout().splitlines(), 1):
            try:
                rec = json.loads(line)
            except ValueError:
                pytest.fail(f"stdout line {n} is not JSON: {line[:200]!r}")
            assert isinstance(rec, dict), f"stdout line {n} is not a JSON object"
            records.append(rec)
        return records

    def invocation_records(self, request_id: Optional[str] = None) -> List[dict]:
        recs = [r for r in self.log_records() if r.get("event") == "invocation"]
        if request_id is not None:
            recs = [r for r in recs if r.get("request_id") == request_id]
        return recs

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        return self.proc.returncode


class ServerExited(RuntimeError):
    pass


def wait_healthy(server: "Server", deadline_s: float = STARTUP_DEADLINE_S) -> None:
    """Poll GET /ping until it answers 200, the process exits, or the deadline passes."""
    deadline = time.monotonic() + deadline_s
    with httpx.Client(trust_env=False, timeout=2.0) as c:
        while time.monotonic() < deadline:
            if server.proc.poll() is not None:
                raise ServerExited(
                    f"server exited with {server.proc.returncode} before answering /ping\n"
                    f"stdout:\n{server.stdout()[-3000:]}\nstderr:\n{server.stderr()[-3000:]}"
                )
            try:
                if c.get(server.url + "/ping").status_code == 200:
                    server.healthy = True
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer /ping within {deadline_s} s\nstderr:\n{server.stderr()[-3000:]}")


def start_server(
    workdir: Path,
    env_overrides: Optional[Dict[str, Optional[str]]] = None,
    argv: Optional[Sequence[str]] = None,
    wrapper: Sequence[str] = (),
    attempts: int = 3,
    cwd: Optional[Path] = None,
) -> Server:
    """Start the server (default: the fake-model server) and wait until /ping answers.

    The free port is picked before the server binds it; if another process takes it in between,
    the server exits and is started again on a new port (at most ``attempts`` times).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    cmd = [*wrapper, *(argv or [sys.executable, "-m", "agent.tests.fake_server"])]
    stdout_path, stderr_path = workdir / "stdout.log", workdir / "stderr.log"
    for attempt in range(1, attempts + 1):
        port = free_port()
        env = base_env(PORT=str(port), MODEL_ID="fake-model")
        for k, v in (env_overrides or {}).items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            proc = subprocess.Popen(cmd, cwd=cwd or ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        server = Server(proc, port, stdout_path, stderr_path)
        try:
            wait_healthy(server)
            return server
        except ServerExited:
            if attempt == attempts:
                raise
        finally:
            if not server.healthy:
                server.stop()
    raise AssertionError("unreachable")


def session_id() -> str:
    """A session id of the AgentCore form: at least 33 characters."""
    import uuid

    sid = f"test-session-{uuid.uuid4()}"
    assert len(sid) >= 33
    return sid
