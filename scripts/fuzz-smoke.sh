#!/usr/bin/env bash
# The fuzz smoke run: build agentc's cargo-fuzz targets (fuzz/) and run each for a short while
# from a corpus made now from the repository's specs (specs/*.kdl, golden/*/spec.kdl). Any
# crash fails the run; its input is left in fuzz/artifacts/<target>/ with the command that
# replays it.
#
#   scripts/fuzz-smoke.sh                        # each target ~25 s (about a minute in all)
#   AGENTC_FUZZ_SECONDS=600 scripts/fuzz-smoke.sh front_end_grammar   # a long run of one
#
# Needs cargo-fuzz (installed here, pinned, into ~/.cargo/bin when missing) and a toolchain
# that takes -Z flags: `cargo +nightly` when rustup has one; otherwise the repository's pinned
# stable toolchain with RUSTC_BOOTSTRAP=1 (which unlocks the nightly flags libFuzzer's
# instrumentation needs on a stable compiler; for fuzzing only, never for what we ship).
#
# Environment: AGENTC_FUZZ_SECONDS (per target, default 25), AGENTC_FUZZ_TARGET_DIR (cargo
# target dir, default $HOME/.cache/agentc/fuzz-target: kept apart from the main build, whose
# flags differ), AGENTC_FUZZ_CORPUS (keep the corpus in this folder instead of a temporary one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

readonly CARGO_FUZZ_VERSION=0.13.2
seconds=${AGENTC_FUZZ_SECONDS:-25}
export CARGO_TARGET_DIR=${AGENTC_FUZZ_TARGET_DIR:-$HOME/.cache/agentc/fuzz-target}
log() { printf 'fuzz-smoke: %s\n' "$*" >&2; }

targets=("$@")
((${#targets[@]})) || targets=(front_end_bytes front_end_grammar)

# cargo-fuzz, pinned. `cargo install` builds it with the repository's pinned toolchain.
if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION into ${CARGO_HOME:-$HOME/.cargo}/bin"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi

# A toolchain for -Z flags.
toolchain=()
if cargo +nightly --version >/dev/null 2>&1; then
  toolchain=(+nightly)
  log "toolchain: $(cargo +nightly --version)"
else
  export RUSTC_BOOTSTRAP=1
  log "toolchain: $(cargo --version) with RUSTC_BOOTSTRAP=1 (no nightly installed)"
fi

# Release with debug assertions and overflow checks; no sanitizer: agentc forbids unsafe code,
# and without ASan the targets run ~10x faster, so a short run goes deeper. Stack overflows
# and panics are caught either way.
flags=(-O --debug-assertions --sanitizer none)
log "building the fuzz targets"
(cd fuzz && cargo "${toolchain[@]}" fuzz build "${flags[@]}")

corpus_root=${AGENTC_FUZZ_CORPUS:-}
if [[ -z "$corpus_root" ]]; then
  corpus_root=$(mktemp -d "${TMPDIR:-/tmp}/agentc-fuzz-corpus.XXXXXX")
  trap 'rm -rf "$corpus_root"' EXIT
fi

status=0
for target in "${targets[@]}"; do
  corpus="$corpus_root/$target"
  mkdir -p "$corpus"
  # Seeds: every spec of the repository, named after where it came from.
  for spec in specs/*.kdl; do cp "$spec" "$corpus/specs-$(basename "$spec")"; done
  for spec in golden/*/spec.kdl; do cp "$spec" "$corpus/golden-$(basename "$(dirname "$spec")").kdl"; done
  log "$target: ${seconds} s from $(find "$corpus" -type f | wc -l) inputs"
  log_file="$corpus_root/$target.log"
  set +e
  (cd fuzz && cargo "${toolchain[@]}" fuzz run "${flags[@]}" "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -dict="$repo/fuzz/kdl.dict" -print_final_stats=1) >"$log_file" 2>&1
  rc=$?
  set -e
  runs=$(grep -m1 '^stat::number_of_executed_units' "$log_file" | awk '{print $2}')
  rate=$(grep -m1 '^stat::average_exec_per_sec' "$log_file" | awk '{print $2}')
  if ((rc == 0)); then
    log "$target: ok, ${runs:-?} executions (${rate:-?}/s), no crash"
  else
    status=1
    log "$target: FAILED (exit $rc) after ${runs:-?} executions; the end of libFuzzer's log:"
    tail -n 60 "$log_file" >&2
    { grep -oE '/[^ ]*/artifacts/[^ /]+/(crash|leak|timeout|oom)-[0-9a-f]+' "$log_file" || true; } | sort -u | while read -r crash; do
      log "replay: (cd fuzz && cargo ${toolchain[*]} fuzz run ${flags[*]} $target $crash)"
    done
  fi
done
exit "$status"
