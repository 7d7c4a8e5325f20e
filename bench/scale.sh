#!/usr/bin/env bash
# How agentc grows with a spec's size, whole process: specs with 1, 10, 100 and 1,000 agents
# (bench/src/scale.rs, written by `gen-spec` with every agent's files into a temporary
# folder), each timed with hyperfine (`agentc check`, and `agentc compile --env production`
# for every backend) and its peak memory read by GNU time (`/usr/bin/time -f %M`, max RSS).
# Prints a markdown table and, per step, the growth factor from the size before (10× agents:
# ~10× time means linear).
#
#   bench/scale.sh                 # sizes 1 10 100 1000
#   bench/scale.sh 1 10 100        # other sizes
#
# agentc and gen-spec are built with `cargo build --release --locked` into $CARGO_TARGET_DIR.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=("$@")
((${#sizes[@]})) || sizes=(1 10 100 1000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/agentc/target}"
log() { printf 'scale: %s\n' "$*" >&2; }
command -v hyperfine >/dev/null || { log "needs hyperfine (Debian: apt-get install hyperfine)"; exit 1; }
[[ -x /usr/bin/time ]] || { log "needs GNU time at /usr/bin/time (Debian: apt-get install time)"; exit 1; }

log "building agentc and gen-spec (release)"
(cd "$repo" && cargo build --release --locked -q -p agentc -p agentc-bench --bin agentc --bin gen-spec)
agentc="$CARGO_TARGET_DIR/release/agentc"
gen="$CARGO_TARGET_DIR/release/gen-spec"

work=$(mktemp -d "${TMPDIR:-/tmp}/agentc-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

targets=(cfn cdk terraform)
results="$work/results.tsv"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  spec=$("$gen" --agents "$n" "$dir")
  runs=$((n >= 1000 ? 5 : n >= 100 ? 10 : 30))
  names=(check) cmds=("$agentc check $spec --color never")
  for t in "${targets[@]}"; do
    names+=("$t")
    cmds+=("$agentc compile $spec --target $t --env production -o $dir/out-$t --color never")
  done
  args=()
  for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
  log "$n agent(s): $runs runs each"
  hyperfine -N --warmup 1 --runs "$runs" --style none --export-json "$work/$n.json" "${args[@]}" >/dev/null
  for i in "${!cmds[@]}"; do
    # Peak memory: the largest max RSS of three runs.
    rss=0
    for _ in 1 2 3; do
      # shellcheck disable=SC2086 # the command is a word list on purpose (no paths with spaces)
      /usr/bin/time -f '%M' -o "$work/rss" ${cmds[$i]} >/dev/null 2>&1 || true
      r=$(tail -n1 "$work/rss")
      ((r > rss)) && rss=$r
    done
    printf '%s\t%s\t%s\t%s\n' "$n" "${names[$i]}" "$(stat -c %s "$spec")" "$rss" >>"$results"
  done
done

python3 - "$work" "$results" "${sizes[@]}" <<'EOF'
import json, statistics, sys
work, results, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
rss = {}
spec_bytes = {}
for line in open(results):
    n, name, size, kb = line.split("\t")
    rss[(n, name)] = int(kb)
    spec_bytes[n] = int(size)
med = {}
for n in sizes:
    for r in json.load(open(f"{work}/{n}.json"))["results"]:
        med[(n, r["command"])] = statistics.median(r["times"])
names = ["check", "cfn", "cdk", "terraform"]
label = {"check": "agentc check (3 envs)", "cfn": "compile cfn", "cdk": "compile cdk", "terraform": "compile terraform"}
print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
print()
print("| agents | spec | " + " | ".join(f"{label[x]}: median (growth), peak RSS" for x in names) + " |")
print("|---:|---:|" + "---:|" * len(names))
prev = None
for n in sizes:
    cells = []
    for x in names:
        t = med[(n, x)]
        growth = f" ({t / med[(prev, x)]:.1f}×)" if prev else ""
        cells.append(f"{t * 1000:.1f} ms{growth}, {rss[(n, x)] / 1024:.1f} MiB")
    print(f"| {n} | {spec_bytes[n] / 1024:.0f} KiB | " + " | ".join(cells) + " |")
    prev = n
print()
print("commands (SPEC = the generated spec, gen-spec --agents N DIR):")
print("  agentc check SPEC --color never")
print("  agentc compile SPEC --target T --env production -o DIR/out-T --color never")
print("  /usr/bin/time -f %M <the same command>   # peak RSS, KiB (largest of 3 runs)")
EOF
