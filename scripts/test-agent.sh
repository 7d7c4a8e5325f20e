#!/usr/bin/env bash
# Runs the agent's tests (agent/tests) in the venv that scripts/setup/agent.sh builds.
# Extra arguments go to pytest, e.g.  scripts/test-agent.sh -k secrets -x
# Exits non-zero when a test fails (or when none ran).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}/venv-agent"

bash "$repo_root/scripts/setup/agent.sh"

# From the repository root, so `agent` imports as a package (never agent/ itself on sys.path).
cd "$repo_root"
export PYTHONDONTWRITEBYTECODE=1
exec "$venv/bin/python" -m pytest -c agent/pyproject.toml --rootdir agent agent/tests "$@"
