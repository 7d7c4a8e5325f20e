#!/usr/bin/env bash
# Terraform for agentc's checks, offline: verify that `terraform` is on PATH, find a local
# provider mirror holding hashicorp/aws, and write a Terraform CLI configuration that installs
# providers ONLY from that mirror. With it, `terraform init` never contacts registry.terraform.io
# (there is no `direct` installation method) and checkpoint (version phone-home) is off.
#
# Usage:
#   scripts/setup/terraform.sh                 check, write the CLI config, print what was found
#   eval "$(scripts/setup/terraform.sh --env)" same, then export TF_CLI_CONFIG_FILE and
#                                              CHECKPOINT_DISABLE into the calling shell
#   scripts/setup/terraform.sh --self-test     also `terraform init` a throw-away module that
#                                              requires the mirrored aws version, inside an empty
#                                              network namespace when `unshare -n` is allowed
#
# Environment:
#   AGENTC_TF_MIRROR  directory that holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/
#                     (default: Terraform's implied local-mirror directories, then a search of /)
#   AGENTC_TF_HOME    where the CLI config is written (default: $HOME/.cache/agentc/terraform)
#
# No registry that agentc's machines reach ships Terraform itself: the binary must already be
# installed (these machines have Terraform 1.11 and hashicorp/aws 5.100 in a local mirror, see
# docs in backends/terraform/reference/README.md).
set -euo pipefail

readonly MIN_TERRAFORM="1.11.0"
TF_HOME="${AGENTC_TF_HOME:-$HOME/.cache/agentc/terraform}"
CONFIG="$TF_HOME/cli.tfrc"

log() { printf 'terraform.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mode=""
case "${1:-}" in
  "") ;;
  --env) mode="env" ;;
  --self-test) mode="self-test" ;;
  -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
  *) die "unknown argument: $1 (try --help)" ;;
esac

# 1. The binary.
if ! command -v terraform >/dev/null 2>&1; then
  cat >&2 <<EOF
terraform.sh: error: \`terraform\` is not on PATH.
  agentc's Terraform checks (terraform fmt, offline terraform validate) need Terraform >= $MIN_TERRAFORM.
  No package registry reachable from agentc's machines ships it (PyPI, npm, crates.io and Debian
  do not carry the Terraform binary): use a machine image that has it, or install it from
  HashiCorp's releases where you have access, put it on PATH, and run this script again.
EOF
  exit 1
fi

# The CLI config we write must not be needed to run `terraform version`; ignore a broken one.
version_json="$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 terraform version -json)"
tf_version="$(printf '%s' "$version_json" | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')"
platform="$(printf '%s' "$version_json" | sed -n 's/.*"platform": *"\([^"]*\)".*/\1/p')"
[ -n "$tf_version" ] && [ -n "$platform" ] || die "could not read \`terraform version -json\`"
if [ "$(printf '%s\n%s\n' "$MIN_TERRAFORM" "$tf_version" | sort -V | head -n1)" != "$MIN_TERRAFORM" ]; then
  die "terraform $tf_version is older than $MIN_TERRAFORM"
fi

# 2. The mirror: a directory D with D/registry.terraform.io/hashicorp/aws/<version>/<platform>/.
has_aws() { compgen -G "$1/registry.terraform.io/hashicorp/aws/*/$platform" >/dev/null 2>&1; }

mirror=""
if [ -n "${AGENTC_TF_MIRROR:-}" ]; then
  has_aws "$AGENTC_TF_MIRROR" || die "AGENTC_TF_MIRROR=$AGENTC_TF_MIRROR holds no registry.terraform.io/hashicorp/aws/*/$platform"
  mirror="$AGENTC_TF_MIRROR"
else
  # Terraform's implied local mirror directories (CLI config docs, "Implied Local Mirror Directories").
  candidates=("$HOME/.terraform.d/plugins" "${XDG_DATA_HOME:-$HOME/.local/share}/terraform/plugins")
  IFS=: read -r -a xdg_dirs <<<"${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
  for d in "${xdg_dirs[@]}"; do candidates+=("$d/terraform/plugins"); done
  for d in "${candidates[@]}"; do
    if has_aws "$d"; then mirror="$d"; break; fi
  done
  if [ -z "$mirror" ]; then
    # Elsewhere (e.g. a machine image's own plugin directory): search, shallowly.
    found="$(find / -maxdepth 6 -type d -path '*/registry.terraform.io/hashicorp/aws' \
      -not -path '/proc/*' -not -path '*/.terraform/*' 2>/dev/null | sort | head -n1 || true)"
    [ -n "$found" ] && mirror="${found%/registry.terraform.io/hashicorp/aws}"
  fi
  if [ -z "$mirror" ] || ! has_aws "$mirror"; then
    die "no local provider mirror with hashicorp/aws for $platform was found; set AGENTC_TF_MIRROR to a directory holding registry.terraform.io/hashicorp/aws/<version>/$platform/"
  fi
fi
versions="$(cd "$mirror/registry.terraform.io/hashicorp/aws" && for v in */; do
  [ -d "$v$platform" ] && printf '%s ' "${v%/}"; done)"

# 3. The CLI config: filesystem mirror only, no direct installation, no checkpoint.
mkdir -p "$TF_HOME"
tmp="$(mktemp "$TF_HOME/cli.tfrc.XXXXXX")"
cat >"$tmp" <<EOF
# Written by agentc scripts/setup/terraform.sh: providers come only from the local mirror below;
# with no "direct" method, terraform init never contacts a registry.
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
}
EOF
mv "$tmp" "$CONFIG"

if [ "$mode" = env ]; then
  printf 'export TF_CLI_CONFIG_FILE=%q\nexport CHECKPOINT_DISABLE=1\n' "$CONFIG"
  exit 0
fi

log "terraform $tf_version ($platform)"
log "provider mirror: $mirror (hashicorp/aws: ${versions% })"
log "CLI config: $CONFIG"
log "use it with: export TF_CLI_CONFIG_FILE=$CONFIG CHECKPOINT_DISABLE=1"

if [ "$mode" = self-test ]; then
  aws_version="${versions%% *}"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat >"$work/main.tf" <<EOF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "$aws_version" }
  }
}
EOF
  run=(terraform -chdir="$work" init -input=false -backend=false -no-color)
  isolation="with network"
  if unshare -n true 2>/dev/null; then run=(unshare -n -- "${run[@]}"); isolation="in an empty network namespace"; fi
  if TF_CLI_CONFIG_FILE="$CONFIG" CHECKPOINT_DISABLE=1 "${run[@]}" >"$work/init.log" 2>&1; then
    log "self-test: terraform init installed hashicorp/aws $aws_version from the mirror $isolation"
  else
    cat "$work/init.log" >&2
    die "self-test: terraform init failed"
  fi
fi
