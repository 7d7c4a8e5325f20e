#!/usr/bin/env bash
# Every gate of the Terraform reference modules, offline:
#   1. terraform fmt -check -recursive
#   2. every .tf file parsed by HashiCorp's HCL parser (npm @cdktf/hcl2json, ../schema/hcl2json.js)
#   3. ../schema/check_attributes.py: the resources the local provider 5.100 lacks, against the
#      hashicorp/aws 6.25 schema (aws-6.25-agentcore.json), block/attribute kinds with
#      python-hcl2; plus its negative fixture, which must fail with the expected findings
#   4. validate-offline.sh: terraform validate with the local hashicorp/aws 5.100 mirror
#   5. checkov --framework terraform --skip-download: no failed check (skips carry reasons)
#
# Usage: backends/terraform/reference/check.sh [--install] [ENV...]   (default ENVs: production dev)
#   --install  install the missing pinned helpers first: @cdktf/hcl2json@0.21.0 (npm) and
#              python-hcl2==8.1.4 (PyPI) under $AGENTC_TOOLS_DIR; checkov comes from
#              scripts/setup/python-tools.sh (its venv-checkov) or AGENTC_CHECKOV
# Environment: AGENTC_TOOLS_DIR (default $HOME/.cache/agentc/tools), AGENTC_CHECKOV (a checkov
#   executable), AGENTC_SKIP_CHECKOV=1 (skip gate 5, reported as skipped).
set -euo pipefail

readonly HCL2JSON_VERSION="0.21.0"
readonly PYTHON_HCL2_VERSION="8.1.4"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
schema_dir="$repo/backends/terraform/schema"
tools="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
node_modules="$tools/node-hcl2json/node_modules"
hcl2_python="$tools/venv-python-hcl2/bin/python"

install=0
envs=()
for arg in "$@"; do
  case "$arg" in
    --install) install=1 ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) envs+=("$arg") ;;
  esac
done
[ ${#envs[@]} -gt 0 ] || envs=(production dev)

log() { printf '== %s\n' "$*"; }
die() { printf 'check.sh: error: %s\n' "$*" >&2; exit 1; }

if [ ! -f "$node_modules/@cdktf/hcl2json/package.json" ]; then
  [ $install = 1 ] || die "@cdktf/hcl2json is not installed in $node_modules (run with --install)"
  npm install --prefix "$tools/node-hcl2json" --no-audit --no-fund --no-save --ignore-scripts \
    "@cdktf/hcl2json@$HCL2JSON_VERSION" >/dev/null
fi
if [ ! -x "$hcl2_python" ] || ! "$hcl2_python" -c "import hcl2" 2>/dev/null; then
  [ $install = 1 ] || die "python-hcl2 is not installed in $tools/venv-python-hcl2 (run with --install)"
  python3 -m venv "$tools/venv-python-hcl2"
  "$tools/venv-python-hcl2/bin/pip" install --quiet --disable-pip-version-check "python-hcl2==$PYTHON_HCL2_VERSION"
fi
checkov="${AGENTC_CHECKOV:-$tools/venv-checkov/bin/checkov}"
[ -x "$checkov" ] || checkov="$(command -v checkov || true)"
if [ -z "$checkov" ] && [ "${AGENTC_SKIP_CHECKOV:-0}" != 1 ]; then
  die "checkov not found: run scripts/setup/python-tools.sh checkov, or set AGENTC_CHECKOV (AGENTC_SKIP_CHECKOV=1 to skip)"
fi

eval "$("$repo/scripts/setup/terraform.sh" --env)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log "terraform fmt -check -recursive"
terraform fmt -check -recursive -diff "$here"

log "checker self-test: schema/testdata/bad_runtime.tf must fail with 9 findings"
NODE_PATH="$node_modules" node "$schema_dir/hcl2json.js" "$schema_dir/testdata/bad_runtime.tf" >"$work/bad.json"
if "$hcl2_python" "$schema_dir/check_attributes.py" --kinds require -q "$work/bad.json" >"$work/bad.out"; then
  cat "$work/bad.out"; die "check_attributes.py accepted the bad fixture"
fi
findings="$(grep -c '^  ERROR' "$work/bad.out" || true)"
[ "$findings" = 9 ] || { cat "$work/bad.out"; die "expected 9 findings on the bad fixture, got $findings"; }
echo "ok: 9 findings, exit 1"

for env in "${envs[@]}"; do
  dir="$here/$env"
  [ -d "$dir" ] || die "no module $dir"

  log "$env: HCL parse (@cdktf/hcl2json $HCL2JSON_VERSION)"
  NODE_PATH="$node_modules" node "$schema_dir/hcl2json.js" "$dir" >"$work/$env.json"
  echo "ok: $(find "$dir" -maxdepth 1 -name '*.tf' | wc -l) files parsed"

  log "$env: attribute names against hashicorp/aws 6.25"
  "$hcl2_python" "$schema_dir/check_attributes.py" --kinds require -q "$work/$env.json"

  log "$env: terraform validate (local hashicorp/aws mirror, offline)"
  "$here/validate-offline.sh" "$dir"

  log "$env: checkov --framework terraform"
  if [ -n "$checkov" ] && [ "${AGENTC_SKIP_CHECKOV:-0}" != 1 ]; then
    BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=true \
      "$checkov" -d "$dir" --framework terraform --skip-download --compact --quiet
  else
    echo "SKIPPED (AGENTC_SKIP_CHECKOV=1)"
  fi
done
log "all gates passed: ${envs[*]}"
