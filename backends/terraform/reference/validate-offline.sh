#!/usr/bin/env bash
# `terraform validate` a reference module offline, with the local hashicorp/aws 5.100 mirror.
#
#   backends/terraform/reference/validate-offline.sh production|dev|DIR
#
# Provider 5.100 predates what the module needs from 6.x, so a COPY of the module is changed
# before validating (the module itself is never touched):
#   1. runtime.tf (only the aws_bedrockagentcore_agent_runtime resource and the locals derived
#      from it) is replaced by a stub that defines the same locals from a terraform_data
#      resource, i.e. unknown strings, so every reference to them is still type-checked;
#   2. `delivery_destination_type = "XRAY"` (settable from 6.x on; computed-only in 5.100, whose
#      destination also requires a delivery_destination_configuration block) becomes a
#      placeholder delivery_destination_configuration block;
#   3. an override file pins hashicorp/aws to the mirrored version instead of ">= 6.25.0".
# Whatever 5.100 does not know is checked by ../schema/check_attributes.py against 6.25 instead.
# terraform init runs inside an empty network namespace when `unshare -n` is allowed (root),
# and always with scripts/setup/terraform.sh's CLI config (filesystem mirror only).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 production|dev|DIR" >&2; exit 2; }
module="$1"
[ -d "$module" ] || module="$here/$1"
[ -f "$module/runtime.tf" ] || { echo "validate-offline: $module has no runtime.tf" >&2; exit 2; }

eval "$("$repo/scripts/setup/terraform.sh" --env)"
mirror="$(sed -n 's/^ *path *= *"\(.*\)"$/\1/p' "$TF_CLI_CONFIG_FILE")"
aws_version="$(find "$mirror/registry.terraform.io/hashicorp/aws" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$module"/*.tf "$work/"

python3 - "$work" "$aws_version" <<'PY'
import re, sys
from pathlib import Path

work, aws_version = Path(sys.argv[1]), sys.argv[2]
runtime = (work / "runtime.tf").read_text()
# Locals defined in runtime.tf (terraform fmt layout: `locals {`, two-space names, `}`).
names = []
for block in re.findall(r"(?ms)^locals \{\n(.*?)^\}", runtime):
    names += re.findall(r"(?m)^  (\w+)\s*=", block)
(work / "runtime.tf").unlink()
stub = ['# validate-offline.sh: stands in for runtime.tf (aws_bedrockagentcore_agent_runtime needs aws >= 6.x)',
        'resource "terraform_data" "offline_validate_runtime_stub" {',
        '  input = "arn:aws:bedrock-agentcore:us-east-1:000000000000:runtime/offline_stub-0000000000"',
        '}', '', 'locals {']
stub += [f"  {n} = terraform_data.offline_validate_runtime_stub.output" for n in names]
stub += ['}', '']
(work / "offline_runtime_stub.tf").write_text("\n".join(stub))

xray = re.compile(r'(?m)^(\s*)delivery_destination_type\s*=\s*"XRAY"\s*$')
placeholder = (r'\1delivery_destination_configuration {' '\n'
               r'\1  destination_resource_arn = "arn:aws:logs:us-east-1:000000000000:log-group:offline-validate-placeholder"' '\n'
               r'\1}')
for tf in sorted(work.glob("*.tf")):
    text = tf.read_text()
    code = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith(("#", "//")))
    if re.search(r"\baws_bedrockagentcore_\w+\.\w+", code) and tf.name != "offline_runtime_stub.tf":
        sys.exit(f"validate-offline: {tf.name} refers to aws_bedrockagentcore_* outside runtime.tf; "
                 "keep such references in runtime.tf's locals")
    new, n = xray.subn(placeholder, text)
    if n:
        tf.write_text(new)
        print(f"validate-offline: {tf.name}: {n} XRAY delivery destination(s) given a 5.100 placeholder block")

(work / "offline_override.tf").write_text(
    'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
    f'      version = "{aws_version}"\n    }}\n  }}\n}}\n')
print(f"validate-offline: runtime.tf replaced by a stub for locals {', '.join(names)}; aws pinned to {aws_version}")
PY

init=(terraform -chdir="$work" init -input=false -backend=false -no-color)
if unshare -n true 2>/dev/null; then init=(unshare -n -- "${init[@]}"); fi
"${init[@]}" >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
validate=(terraform -chdir="$work" validate -no-color)
if unshare -n true 2>/dev/null; then validate=(unshare -n -- "${validate[@]}"); fi
echo "validate-offline: $(basename "$module"):"
"${validate[@]}"
