#!/usr/bin/env bash
# Install agentc's pinned CDK toolchain (aws-cdk-lib, constructs, the cdk CLI, cdk-nag,
# typescript, tsx, @types/node) from backends/cdk/npm/package-lock.json with `npm ci`.
#
#   target:  ${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}/cdk/node_modules
#   cache:   $HOME/.cache/agentc/npm
#
# Idempotent: does nothing when the installed tree was made from the same package.json and
# package-lock.json (their sha256 is stored in cdk/.agentc-lock-hash) and its binaries are
# there. Safe to run concurrently (flock) and never leaves a half-installed tree behind (the new
# tree is built beside the old one and swapped in).
#
# How a generated CDK app uses it (see backends/cdk/reference/README.md): symlink the app's
# `node_modules` to "$AGENTC_TOOLS_DIR/cdk/node_modules"; tsc, tsx and the cdk CLI then resolve
# everything through it. Run the CLI as `node_modules/.bin/cdk synth --no-notices` with
# CDK_DISABLE_CLI_TELEMETRY=true and npm_config_update_notifier=false: no network is touched.
#
# Prints the tools directory on stdout as its last line, so callers can do
#   AGENTC_CDK_TOOLS=$(scripts/setup/cdk.sh | tail -n1)
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
src="$repo_root/backends/cdk/npm"
tools_dir="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
dest="$tools_dir/cdk"
npm_cache="$HOME/.cache/agentc/npm"
stamp="$dest/.agentc-lock-hash"

export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
export CDK_DISABLE_CLI_TELEMETRY=true

log() { printf 'setup/cdk: %s\n' "$*" >&2; }

for tool in node npm sha256sum flock; do
  command -v "$tool" >/dev/null 2>&1 || { log "missing required tool: $tool"; exit 1; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
  log "node >= 20 required (aws-cdk-lib 2.276), found $(node --version)"
  exit 1
fi

want_hash=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1)

installed_ok() {
  [[ -f "$stamp" && "$(cat "$stamp")" == "$want_hash" ]] || return 1
  local bin
  for bin in cdk tsc tsx; do
    [[ -x "$dest/node_modules/.bin/$bin" ]] || return 1
  done
  [[ -f "$dest/node_modules/aws-cdk-lib/package.json" && -f "$dest/node_modules/cdk-nag/package.json" ]]
}

if installed_ok; then
  log "up to date ($dest)"
  printf '%s\n' "$dest"
  exit 0
fi

mkdir -p "$tools_dir" "$npm_cache"
exec 9>"$tools_dir/.cdk.lock"
flock 9
# Another process may have finished the install while we waited for the lock.
if installed_ok; then
  log "up to date ($dest)"
  printf '%s\n' "$dest"
  exit 0
fi

staging="$tools_dir/.cdk.staging.$$"
old="$tools_dir/.cdk.old.$$"
cleanup() { rm -rf "$staging" "$old"; }
trap cleanup EXIT

rm -rf "$staging"
mkdir -p "$staging"
cp "$src/package.json" "$src/package-lock.json" "$staging/"

log "npm ci into $dest (cache $npm_cache)"
start=$SECONDS
# --ignore-scripts: nothing in the tree needs an install script (esbuild finds its platform
# binary through its optional @esbuild/<platform> dependency), and skipping them keeps the
# install free of arbitrary code and network access beyond the registry fetch itself.
(
  cd "$staging"
  npm ci \
    --cache "$npm_cache" \
    --prefer-offline \
    --ignore-scripts \
    --no-audit \
    --no-fund \
    --loglevel=warn
)
printf '%s\n' "$want_hash" >"$staging/.agentc-lock-hash"

# Swap the new tree in. Paths under $dest stay valid for symlinks made by earlier runs.
if [[ -e "$dest" ]]; then
  mv "$dest" "$old"
fi
mv "$staging" "$dest"
log "installed in $((SECONDS - start)) s: $("$dest/node_modules/.bin/cdk" --version 2>/dev/null | head -n1), tsc $("$dest/node_modules/.bin/tsc" --version 2>/dev/null | awk '{print $NF}')"
printf '%s\n' "$dest"
