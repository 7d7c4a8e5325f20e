#!/usr/bin/env bash
# Deploy support-desk (environment dev) with Terraform: the one documented command.
#
#   ./deploy.sh [extra terraform apply options, e.g. -auto-approve]
#
# 1. terraform apply -target the ECR repository (and its lifecycle policy): the runtime cannot be
#    created before its image is in the repository.
# 2. Build the agent image for linux/arm64 (FR-006) with docker buildx, tag it with a hash of
#    the build context (immutable repository, FR-007), and push it unless that tag is already
#    there.
# 3. terraform apply with support_agent_image_ref = the pushed image's sha256 digest: creates
#    or updates the runtime (a new digest is a new runtime version), its log and trace delivery
#    and its alarms, and everything else of the module.
#
# Needs terraform (>= 1.11, with credentials for the target account), docker with buildx (and
# QEMU/binfmt or an arm64 builder on other hosts), the AWS CLI v2. Environment:
#   AGENT_DIR  build context holding the Dockerfile (default: the repository's agent/ folder,
#              where the spec's `entrypoint "../agent/app.py"` points)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
agent_dir="${AGENT_DIR:-$here/../../../../agent}"

log() { printf 'deploy.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in terraform docker aws sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "\`$tool\` is not on PATH"
done
docker buildx version >/dev/null 2>&1 || die "docker buildx is not available"
[ -f "$agent_dir/Dockerfile" ] || die "no Dockerfile in $agent_dir (set AGENT_DIR)"
agent_dir="$(cd "$agent_dir" && pwd)"

tf() { terraform -chdir="$here" "$@"; }

# Step 1: the repository.
tf init -input=false
tf apply -input=false \
  -target=aws_ecr_repository.support_agent_repository \
  -target=aws_ecr_lifecycle_policy.support_agent_repository \
  "$@"
# Read from the state (a targeted apply need not refresh the root module's outputs).
repo_url="$(printf '%s\n' 'aws_ecr_repository.support_agent_repository.repository_url' | tf console | tr -d '"')"
[[ "$repo_url" == *.dkr.ecr.*/* ]] || die "could not read the repository URL from the state (got: $repo_url)"
registry="${repo_url%%/*}"             # <account>.dkr.ecr.<region>.amazonaws.com
repo_name="${repo_url#*/}"             # support-desk/dev/support_agent
region="$(printf '%s' "$registry" | cut -d. -f4)"

# Step 2: the image. The tag is a hash of the build context's files (names and contents), so
# the same sources give the same tag and an unchanged agent is not rebuilt.
context_hash="$(
  cd "$agent_dir" &&
    find . -type f \
      -not -path '*/.git/*' -not -path '*/__pycache__/*' -not -path '*/.pytest_cache/*' \
      -not -path '*/.venv/*' -not -name '*.pyc' -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
)"
tag="src-$context_hash"

digest() {
  aws ecr describe-images --region "$region" --repository-name "$repo_name" \
    --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true
}

image_digest="$(digest)"
if [[ "$image_digest" == sha256:* ]]; then
  log "image $repo_url:$tag already pushed ($image_digest)"
else
  log "building $repo_url:$tag for linux/arm64 from $agent_dir"
  aws ecr get-login-password --region "$region" |
    docker login --username AWS --password-stdin "$registry" >/dev/null
  # One single-platform image manifest: no provenance/SBOM attestations (an image index).
  docker buildx build --platform linux/arm64 --provenance=false --sbom=false \
    --tag "$repo_url:$tag" --push "$agent_dir"
  image_digest="$(digest)"
  [[ "$image_digest" == sha256:* ]] || die "pushed $repo_url:$tag but ECR reports no digest for it"
fi

# Step 3: everything, with the digest.
log "applying with support_agent_image_ref=$image_digest"
tf apply -input=false -var "support_agent_image_ref=$image_digest" "$@"
tf output
