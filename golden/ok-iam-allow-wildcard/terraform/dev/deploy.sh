#!/usr/bin/env bash
# Deploy metrics-dev with Terraform: the one documented command (README.md).
#
#   ./deploy.sh [terraform apply options, e.g. -auto-approve]
#
# 1. terraform apply -target the ECR repositories (and their lifecycle policies): a runtime
#    cannot be created before its image is in its repository.
# 2. For each agent, build the image for linux/arm64 (FR-006) with docker buildx, tag it with a
#    hash of its build context (the repository is immutable, FR-007), and push it unless that
#    tag is already there.
# 3. terraform apply with each <agent>_image_ref = the pushed image's sha256 digest: creates or
#    updates the runtimes (a new digest is a new runtime version), their log delivery and
#    alarms, and everything else.
#
# Needs terraform (>= 1.11, with credentials for the target account), docker with buildx (and
# QEMU/binfmt or an arm64 builder on other hosts), the AWS CLI v2 and sha256sum.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'deploy.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

for tool in terraform docker aws sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "\`$tool\` is not on PATH"
done
docker buildx version >/dev/null 2>&1 || die "docker buildx is not available"

tf() { terraform -chdir="$here" "$@"; }

# Step 1: the repositories.
tf init -input=false
tf apply -input=false \
  -target=aws_ecr_repository.metrics_agent_repository \
  -target=aws_ecr_lifecycle_policy.metrics_agent_repository \
  "$@"

# build_and_push REPOSITORY_ADDRESS CONTEXT DOCKERFILE: print the digest of the agent's image,
# built and pushed unless its tag is already in the repository.
build_and_push() {
  local address="$1" context="$2" dockerfile="$3"
  [ -d "$context" ] || die "no build context $context"
  [ -f "$dockerfile" ] || die "no Dockerfile $dockerfile"
  context="$(cd "$context" && pwd)"
  local repo_url registry repo_name region hash tag digest
  # From the state: a targeted apply need not refresh the root module's outputs.
  repo_url="$(printf '%s.repository_url\n' "$address" | tf console | tr -d '"')"
  [[ "$repo_url" == *.dkr.ecr.*/* ]] || die "could not read $address from the state (got: $repo_url)"
  registry="${repo_url%%/*}"
  repo_name="${repo_url#*/}"
  region="$(printf '%s' "$registry" | cut -d. -f4)"
  # The tag is a hash of the Dockerfile and the context's files (names and contents): the same
  # sources give the same tag, and an unchanged agent is not rebuilt.
  hash="$(
    {
      sha256sum "$dockerfile" | cut -c1-64
      cd "$context" &&
        find . -type f \
          -not -path '*/.git/*' -not -path '*/.terraform/*' -not -name '*.tfstate*' \
          -not -path '*/__pycache__/*' -not -path '*/.pytest_cache/*' -not -path '*/.venv/*' \
          -not -path '*/node_modules/*' -not -name '*.pyc' -print0 |
        LC_ALL=C sort -z | xargs -0 -r sha256sum
    } | sha256sum | cut -c1-16
  )"
  tag="src-$hash"
  digest() {
    aws ecr describe-images --region "$region" --repository-name "$repo_name" \
      --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true
  }
  digest="$(digest)"
  if [[ "$digest" == sha256:* ]]; then
    log "image $repo_url:$tag already pushed ($digest)"
  else
    log "building $repo_url:$tag for linux/arm64 from $context"
    aws ecr get-login-password --region "$region" |
      docker login --username AWS --password-stdin "$registry" >/dev/null
    # One single-platform image manifest: no provenance or SBOM attestations (an image index).
    docker buildx build --platform linux/arm64 --provenance=false --sbom=false \
      --file "$dockerfile" --tag "$repo_url:$tag" --push "$context" >&2
    digest="$(digest)"
    [[ "$digest" == sha256:* ]] || die "pushed $repo_url:$tag but ECR reports no digest for it"
  fi
  printf '%s\n' "$digest"
}

# Step 2: the images. Paths are relative to this folder, as agentc compiled them.
vars=()
digest="$(build_and_push aws_ecr_repository.metrics_agent_repository "$here/"'../..' "$here/"'../../Dockerfile')"
vars+=(-var "metrics_agent_image_ref=$digest")

# Step 3: everything, with the digests.
log "applying with ${vars[*]}"
tf apply -input=false "${vars[@]}" "$@"
tf output
