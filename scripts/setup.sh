#!/usr/bin/env bash
# Install everything agentc's tests need, pinned, under ${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}:
# cfn-lint, checkov and moto (Python venvs), the agent's venv, the CDK toolchain (npm), and an
# offline Terraform configuration. Each step is a no-op when what it installed is current, so
# this runs at the start of every test run; a fresh machine only takes longer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== setup: %s\n' "$*" >&2; }

step "Python tools (cfn-lint, checkov, moto)"
scripts/setup/python-tools.sh
step "agent venv"
scripts/setup/agent.sh
step "CDK toolchain"
scripts/setup/cdk.sh >/dev/null
step "Terraform (offline)"
scripts/setup/terraform.sh >/dev/null
step "HCL parsers (Terraform gates)"
scripts/setup/hcl-tools.sh
