#!/usr/bin/env bash
# Install the pinned HCL parsers the Terraform gates use (tests/terraform_gates.rs,
# backends/terraform/reference/check.sh), under ${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}:
#
#   node-hcl2json/node_modules/@cdktf/hcl2json   HashiCorp's HCL parser (hcl/v2 as wasm), npm
#   venv-python-hcl2/                             python-hcl2, which tells blocks from attributes
#
# Both feed backends/terraform/schema/check_attributes.py (the hashicorp/aws 6.25 attribute
# check). Each install is skipped when the pinned version is already there, so this runs at the
# start of every test run; a fresh machine only takes longer.
#
# Usage: scripts/setup/hcl-tools.sh [--check]   (--check: install nothing, exit 1 if missing)
set -euo pipefail

readonly HCL2JSON_VERSION="0.21.0"
readonly PYTHON_HCL2_VERSION="8.1.4"
# Its dependencies, pinned too (the versions it resolved to when this was written).
readonly PYTHON_HCL2_DEPS=("lark==1.3.1" "regex==2026.11.19")

TOOLS_DIR="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
PYTHON="${AGENTC_PYTHON:-python3}"
node_dir="$TOOLS_DIR/node-hcl2json"
venv="$TOOLS_DIR/venv-python-hcl2"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

log() { printf 'hcl-tools: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  -h | --help)
    sed -n '2,13p' "$0"
    exit 0
    ;;
  *) die "unknown argument: $1 (try --help)" ;;
esac

hcl2json_ok() {
  [ -f "$node_dir/node_modules/@cdktf/hcl2json/package.json" ] &&
    grep -q "\"version\": \"$HCL2JSON_VERSION\"" "$node_dir/node_modules/@cdktf/hcl2json/package.json"
}
python_hcl2_ok() {
  [ -x "$venv/bin/python" ] &&
    [ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("python-hcl2"))' 2>/dev/null)" = "$PYTHON_HCL2_VERSION" ]
}

if ! hcl2json_ok; then
  [ $check = 0 ] || die "@cdktf/hcl2json $HCL2JSON_VERSION is not installed in $node_dir"
  command -v npm >/dev/null 2>&1 || die "npm is not on PATH (needed for @cdktf/hcl2json)"
  log "installing @cdktf/hcl2json@$HCL2JSON_VERSION into $node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save --ignore-scripts \
    "@cdktf/hcl2json@$HCL2JSON_VERSION" >/dev/null
  hcl2json_ok || die "@cdktf/hcl2json $HCL2JSON_VERSION did not install"
fi

if ! python_hcl2_ok; then
  [ $check = 0 ] || die "python-hcl2 $PYTHON_HCL2_VERSION is not installed in $venv"
  log "installing python-hcl2==$PYTHON_HCL2_VERSION into $venv"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/pip" install --quiet "python-hcl2==$PYTHON_HCL2_VERSION" "${PYTHON_HCL2_DEPS[@]}"
  python_hcl2_ok || die "python-hcl2 $PYTHON_HCL2_VERSION did not install"
fi

command -v node >/dev/null 2>&1 || die "node is not on PATH (hcl2json.js runs under it)"
log "ok: @cdktf/hcl2json $HCL2JSON_VERSION, python-hcl2 $PYTHON_HCL2_VERSION"
