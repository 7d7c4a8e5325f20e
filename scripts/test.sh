#!/usr/bin/env bash
# agentc's whole test suite, as CI runs it: install the pinned tools, then formatting, lints,
# every Rust test (unit, golden, CLI, robustness, the real-tool gates), and the agent's tests.
#
# Cargo's target dir and the tool caches live outside the clone (under $HOME/.cache/agentc) so
# repeated runs are fast; a fresh machine passes too, only slower.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/agentc/target}"
export AGENTC_TOOLS_DIR="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
step() { printf '\n== %s\n' "$*" >&2; }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "fuzz smoke (each fuzz target ~25 s; scripts/fuzz-smoke.sh)"
scripts/fuzz-smoke.sh

step "agent tests"
scripts/test-agent.sh
