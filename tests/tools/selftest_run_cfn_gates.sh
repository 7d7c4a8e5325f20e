#!/usr/bin/env bash
# Self-test of tests/tools/run_cfn_gates.py: the reference templates pass, and each fixture
# under tests/tools/fixtures/ is refused with the expected exit status, so a gate that
# silently stopped checking cannot wave the golden templates through.
# Needs the venvs of scripts/setup/python-tools.sh (pass --setup to build them first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

gate=(python3 tests/tools/run_cfn_gates.py)
[[ ${1:-} == --setup ]] && bash scripts/setup/python-tools.sh cfnlint checkov

passed=0 failed=0
expect() { # expect STATUS PATTERN TEMPLATE...
  local want="$1" pattern="$2" out status=0
  shift 2
  out="$("${gate[@]}" "$@" 2>&1)" || status=$?
  if [[ $status == "$want" ]] && grep -q -- "$pattern" <<<"$out"; then
    passed=$((passed + 1))
    echo "ok: exit $status: $*"
  else
    failed=$((failed + 1))
    echo "FAIL: $* exited $status (want $want, output matching '$pattern'):"
    sed 's/^/    /' <<<"$out"
  fi
}

f=tests/tools/fixtures
expect 0 '' backends/cfn/reference/support-desk-production.json backends/cfn/reference/support-desk-dev.json
expect 1 'cfn-lint W2001' "$f/cfn-lint-warning.json"
expect 1 'checkov CKV_AWS_26 FAILED' "$f/checkov-failure.json"
expect 1 'without a justification comment' "$f/checkov-skip-without-comment.json"
expect 2 'declares no Resources' "$f/not-a-template.json"
expect 2 'no such file' "$f/does-not-exist.json"

echo "$passed passed, $failed failed"
((failed == 0))
