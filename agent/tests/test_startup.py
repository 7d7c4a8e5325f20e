"""Start-up: configuration errors stop the server at once, with a JSON reason; script mode works."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from agent.app import ConfigError, Settings
from agent.tests.harness import AGENT_DIR, ROOT, base_env, start_server

FAKE_SERVER = [sys.executable, "-m", "agent.tests.fake_server"]


def run_to_exit(env_overrides, argv=FAKE_SERVER, timeout=60):
    env = base_env(MODEL_ID="fake-model", PORT="1")  # PORT=1 is never bound: startup fails before it
    for k, v in env_overrides.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def last_json(stdout: str) -> dict:
    lines = [json.loads(line) for line in stdout.splitlines()]  # every line must be JSON
    assert lines, "no log line"
    return lines[-1]


@pytest.mark.parametrize(
    "overrides,needle",
    [
        pytest.param({"MODEL_ID": None}, "MODEL_ID", id="no-model-id"),
        pytest.param({"MAX_REQUEST_BYTES": "0"}, "MAX_REQUEST_BYTES", id="bad-limit"),
        pytest.param({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL", id="bad-log-level"),
        pytest.param({"SEARCH_API_KEY_SECRET_REF": "vault:support/key"}, "SEARCH_API_KEY_SECRET_REF", id="bad-secret-ref"),
    ],
)
def test_bad_configuration_stops_the_server_with_a_json_reason(overrides, needle):
    p = run_to_exit(overrides)
    assert p.returncode == 1, (p.stdout, p.stderr)
    rec = last_json(p.stdout)
    assert rec["level"] == "ERROR" and rec["message"] == "startup failed"
    assert needle in rec["error"]
    assert p.stderr == ""


def test_a_port_in_use_stops_the_server(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        p = run_to_exit({"PORT": str(s.getsockname()[1])})
    assert p.returncode != 0
    for line in p.stdout.splitlines():
        json.loads(line)


def test_script_mode_with_the_real_bedrock_model(tmp_path):
    """`python agent/app.py` (no test swap: the real build_model, a BedrockModel) starts and serves.

    Started this way Python puts agent/ on sys.path, where agent/secrets.py would shadow the
    standard library's `secrets` (starlette imports it); app.py must undo that. No model call is
    made: only /ping and a request rejected before the model.
    """
    server = start_server(
        tmp_path,
        {"MODEL_ID": "us.anthropic.claude-sonnet-4-20250514-v1:0"},
        argv=[sys.executable, str(AGENT_DIR / "app.py")],
    )
    try:
        with server.client() as c:
            assert c.get("/ping").json()["status"] == "Healthy"
            r = c.post("/invocations", content=b"{")
            assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_json"
        start = [r for r in server.log_records() if r.get("message") == "starting"]
        assert start and start[0]["model_id"] == "us.anthropic.claude-sonnet-4-20250514-v1:0"
    finally:
        assert server.stop() in (0, -signal.SIGTERM)
    assert server.stderr() == ""


def test_sigterm_stops_the_server_cleanly(tmp_path):
    server = start_server(tmp_path)
    # uvicorn shuts down gracefully, then re-raises SIGTERM: the status says "terminated by SIGTERM".
    assert server.stop() in (0, -signal.SIGTERM)
    assert any(r.get("message", "").startswith("Finished server process") for r in server.log_records())


# ---- Settings, in process ------------------------------------------------------------------


def test_settings_defaults_follow_the_agentcore_contract():
    s = Settings.from_env({"MODEL_ID": "m"})
    assert (s.host, s.port) == ("0.0.0.0", 8080)
    assert s.max_request_bytes == 1024 * 1024
    assert s.model_timeout_seconds == 300
    assert s.model_max_attempts == 6
    assert s.log_level == "INFO"
    assert s.system_prompt


def test_settings_read_every_variable():
    s = Settings.from_env(
        {
            "MODEL_ID": " m ",
            "HOST": "127.0.0.1",
            "PORT": "9000",
            "MAX_REQUEST_BYTES": "10",
            "MODEL_TIMEOUT_SECONDS": "2.5",
            "MODEL_MAX_ATTEMPTS": "2",
            "SYSTEM_PROMPT": "be brief",
            "LOG_LEVEL": "debug",
        }
    )
    assert s == Settings(
        model_id="m",
        host="127.0.0.1",
        port=9000,
        max_request_bytes=10,
        model_timeout_seconds=2.5,
        model_max_attempts=2,
        system_prompt="be brief",
        log_level="DEBUG",
    )


@pytest.mark.parametrize(
    "env,needle",
    [
        ({}, "MODEL_ID"),
        ({"MODEL_ID": "  "}, "MODEL_ID"),
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"PORT": "0"}, "PORT"),
        ({"MAX_REQUEST_BYTES": "0"}, "MAX_REQUEST_BYTES"),
        ({"MAX_REQUEST_BYTES": "1.5"}, "MAX_REQUEST_BYTES"),
        ({"MODEL_TIMEOUT_SECONDS": "soon"}, "MODEL_TIMEOUT_SECONDS"),
        ({"MODEL_TIMEOUT_SECONDS": "-1"}, "MODEL_TIMEOUT_SECONDS"),
        ({"MODEL_TIMEOUT_SECONDS": "0"}, "MODEL_TIMEOUT_SECONDS"),
        ({"MODEL_TIMEOUT_SECONDS": "inf"}, "MODEL_TIMEOUT_SECONDS"),
        ({"MODEL_TIMEOUT_SECONDS": "nan"}, "MODEL_TIMEOUT_SECONDS"),
        ({"MODEL_MAX_ATTEMPTS": "0"}, "MODEL_MAX_ATTEMPTS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ],
)
def test_settings_reject_bad_values(env, needle):
    full = {"MODEL_ID": "m", **env} if env else {}
    with pytest.raises(ConfigError, match=needle):
        Settings.from_env(full)


def test_build_model_is_bedrock_with_the_model_id_and_bounded_client(monkeypatch):
    from strands.models import BedrockModel

    from agent.app import build_model

    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    model = build_model(Settings.from_env({"MODEL_ID": "eu.example-model-v1:0", "MODEL_TIMEOUT_SECONDS": "42"}))
    assert isinstance(model, BedrockModel)
    assert model.get_config()["model_id"] == "eu.example-model-v1:0"
    cfg = model.client.meta.config
    assert cfg.read_timeout == 42 and cfg.retries == {"mode": "standard", "total_max_attempts": 3}
    assert model.client.meta.region_name == "eu-west-1"
