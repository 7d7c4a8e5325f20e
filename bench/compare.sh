#!/usr/bin/env bash
# agentc against the path a CDK user takes today, on the same spec, whole processes, one run:
#
#   agentc check SPEC                          (every environment)
#   agentc compile SPEC --target T --env ENV   (each wired backend, written with -o)
#   cdk synth                                  (the CDK app agentc emits; the hand-written
#                                               reference app in backends/cdk/reference when
#                                               the CDK backend is not wired yet)
#   cfn-lint template.json                     (the template agentc emits)
#
# Each command is timed by hyperfine (Debian: `apt-get install hyperfine`) over several runs
# after a warm-up; without hyperfine (or with AGENTC_BENCH_OWN_TIMER=1), by this script's own
# loop (python3 around subprocess, through a shell: ~1 ms more per run; same statistics).
# Prints the machine, the exact commands, and a table of medians with ratios to `agentc check`
# and to all backends together; with --json FILE also writes the raw results.
#
#   bench/compare.sh                                   # specs/support-desk.kdl, production
#   bench/compare.sh --spec path/spec.kdl --env dev --runs 30 --slow-runs 5
#
# Tools come from the project's pinned setup scripts (scripts/setup/cdk.sh,
# scripts/setup/python-tools.sh cfnlint) under ${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools};
# agentc is built with `cargo build --release --locked` into $CARGO_TARGET_DIR.
# Nothing touches the network: cdk runs with telemetry and notices off (and inside `unshare -n`
# when the machine allows it, like backends/cdk/reference/check.sh).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spec="$repo/specs/support-desk.kdl"
env_name=production
runs=30
slow_runs=5
json_out=""
while (($#)); do
  case "$1" in
    --spec) spec=$(realpath "$2"); shift ;;
    --env) env_name=$2; shift ;;
    --runs) runs=$2; shift ;;
    --slow-runs) slow_runs=$2; shift ;;
    --json) json_out=$(realpath -m "$2"); shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "compare: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/agentc/target}"
export AGENTC_TOOLS_DIR="${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}"
export CDK_DISABLE_CLI_TELEMETRY=true npm_config_update_notifier=false NO_COLOR=1
log() { printf 'compare: %s\n' "$*" >&2; }
have_hyperfine() { [[ -z "${AGENTC_BENCH_OWN_TIMER:-}" ]] && command -v hyperfine >/dev/null; }

log "building agentc (release)"
(cd "$repo" && cargo build --release --locked -q -p agentc)
agentc="$CARGO_TARGET_DIR/release/agentc"

log "tools: CDK toolchain and cfn-lint (pinned; no-op when current)"
cdk_tools=$("$repo/scripts/setup/cdk.sh" | tail -n1)
"$repo/scripts/setup/python-tools.sh" cfnlint >/dev/null
cfn_lint="$AGENTC_TOOLS_DIR/venv-cfnlint/bin/cfn-lint"

work=$(mktemp -d "${TMPDIR:-/tmp}/agentc-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi

# The backends agentc has: each target whose compile succeeds on this spec.
targets=()
for t in cfn cdk terraform; do
  if "$agentc" compile "$spec" --target "$t" --env "$env_name" -o "$work/out-$t" >/dev/null 2>"$work/err-$t"; then
    targets+=("$t")
  else
    log "target $t: not measured ($(grep -m1 -o 'not built yet\|error[^:]*:.*' "$work/err-$t" || echo 'compile failed'))"
  fi
done
[[ " ${targets[*]} " == *" cfn "* ]] || { log "the cfn backend must compile the spec"; cat "$work/err-cfn" >&2; exit 1; }

# The CDK app to synthesize: agentc's own, else the hand-written reference app.
if [[ " ${targets[*]} " == *" cdk "* ]]; then
  cdk_app="$work/out-cdk"
  cdk_what="the CDK app agentc emits"
  cdk_ctx=(-c "env=$env_name")
else
  cdk_app="$work/cdk-reference"
  cp -r "$repo/backends/cdk/reference" "$cdk_app"
  rm -rf "$cdk_app/node_modules" "$cdk_app"/cdk.out*
  cdk_what="the hand-written reference app (backends/cdk/reference; agentc's CDK backend is not wired yet)"
  cdk_ctx=(-c "env=$env_name")
fi
ln -sfn "$cdk_tools/node_modules" "$cdk_app/node_modules"
# One synth up front: proves it works and compiles nothing we would then time twice.
(cd "$cdk_app" && "${offline[@]}" node_modules/.bin/cdk synth "${cdk_ctx[@]}" --no-notices -q -o "$work/cdk.out" >/dev/null)
# cfn-lint exit codes: 0 clean, 4/8/12 warnings or notices; 2 (errors) fails the comparison.
set +e
"$cfn_lint" "$work/out-cfn/template.json" >"$work/cfn-lint.txt" 2>&1
lint_rc=$?
set -e
if ((lint_rc & 2)); then log "cfn-lint reports errors on agentc's template:"; cat "$work/cfn-lint.txt" >&2; exit 1; fi

rel_spec=$(realpath --relative-to="$repo" "$spec")
fast_names=("agentc check" ) fast_cmds=("$agentc check $spec --color never")
for t in "${targets[@]}"; do
  fast_names+=("agentc compile --target $t")
  fast_cmds+=("$agentc compile $spec --target $t --env $env_name -o $work/t-$t --color never")
done
slow_names=("cdk synth" "cfn-lint")
slow_cmds=(
  "cd $cdk_app && ${offline[*]} node_modules/.bin/cdk synth ${cdk_ctx[*]} --no-notices -q -o $work/cdk.out"
  "$cfn_lint $work/out-cfn/template.json"
)

machine() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "agentc $("$agentc" --version | awk '{print $2}') ($(rustc --version)); cdk $("$cdk_tools/node_modules/.bin/cdk" --version 2>/dev/null | awk '{print $1}'); node $(node --version); $("$cfn_lint" --version 2>&1)"
  echo "spec: $rel_spec, environment $env_name; CDK app: $cdk_what"
}
machine | tee "$work/machine.txt" >&2

# time_all NAME... -- CMD... : JSON list of {name, command, times[]} on stdout.
time_all() {
  local n=$1 out=$2
  shift 2
  local names=() cmds=()
  while [[ $1 != -- ]]; do names+=("$1"); shift; done
  shift
  cmds=("$@")
  if have_hyperfine; then
    local args=()
    for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
    hyperfine -N --warmup 2 --runs "$n" --style basic --export-json "$out" "${args[@]}" >&2
  else
    python3 - "$n" "$out" "${names[@]}" -- "${cmds[@]}" <<'EOF'
import json, subprocess, sys, time
n, out, rest = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
sep = rest.index("--")
names, cmds = rest[:sep], rest[sep + 1:]
results = []
for name, cmd in zip(names, cmds):
    for _ in range(2):
        subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    print(f"{name}: {sorted(times)[len(times) // 2] * 1000:.1f} ms median of {n}", file=sys.stderr)
    results.append({"command": name, "times": times})
json.dump({"results": results}, open(out, "w"))
EOF
  fi
}

# hyperfine -N runs without a shell; commands with `cd` and `&&` need one, so the slow
# group always goes through a shell (its overhead, ~1 ms, is noise next to cdk synth).
time_all "$runs" "$work/fast.json" "${fast_names[@]}" -- "${fast_cmds[@]}"
if have_hyperfine; then
  args=()
  for i in "${!slow_cmds[@]}"; do args+=(-n "${slow_names[$i]}" "${slow_cmds[$i]}"); done
  hyperfine --warmup 1 --runs "$slow_runs" --style basic --export-json "$work/slow.json" "${args[@]}" >&2
else
  time_all "$slow_runs" "$work/slow.json" "${slow_names[@]}" -- "${slow_cmds[@]}"
fi

python3 - "$work" "$json_out" "$work/machine.txt" "$runs" "$slow_runs" "$agentc" "$repo" "$cfn_lint" \
  "${fast_cmds[@]}" -- "${slow_cmds[@]}" <<'EOF'
import json, statistics, sys
work, json_out, machine, runs, slow_runs, agentc, repo, cfn_lint = sys.argv[1:9]
rest = sys.argv[9:]

def portable(cmd):
    """The command as a reader would type it: no machine paths."""
    for path, name in ((agentc, "agentc"), (cfn_lint, "cfn-lint"), (work, "$WORK"), (repo + "/", "")):
        cmd = cmd.replace(path, name)
    return cmd

sep = rest.index("--")
fast_cmds, slow_cmds = rest[:sep], rest[sep + 1:]
rows = []
for part, cmds in (("fast", fast_cmds), ("slow", slow_cmds)):
    for r, cmd in zip(json.load(open(f"{work}/{part}.json"))["results"], cmds):
        rows.append({"name": r["command"], "command": portable(cmd), "median": statistics.median(r["times"]),
                     "min": min(r["times"]), "max": max(r["times"]), "runs": len(r["times"])})
by = {r["name"]: r for r in rows}
check = by["agentc check"]["median"]
backends = [r for r in rows if r["name"].startswith("agentc compile")]
all_backends = sum(r["median"] for r in backends)
cdk_path = by["cdk synth"]["median"] + by["cfn-lint"]["median"]
print()
print(open(machine).read().rstrip())
print(f"runs: {runs} per agentc command, {slow_runs} per cdk synth / cfn-lint (after warm-up)")
print()
print(f"| {'command':<34} | {'median':>10} | {'min':>10} | {'max':>10} | {'× agentc check':>14} |")
print(f"|{'-' * 36}|{'-' * 11}:|{'-' * 11}:|{'-' * 11}:|{'-' * 15}:|")
ms = lambda s: f"{s * 1000:.1f} ms"
for r in rows:
    print(f"| {r['name']:<34} | {ms(r['median']):>10} | {ms(r['min']):>10} | {ms(r['max']):>10} | {r['median'] / check:>14.1f} |")
print()
print(f"all {len(backends)} backend(s) together (sum of medians): {ms(all_backends)}")
print(f"cdk synth + cfn-lint (sum of medians): {ms(cdk_path)}")
print(f"ratio cdk synth + cfn-lint / agentc check:        {cdk_path / check:.0f}x")
print(f"ratio cdk synth + cfn-lint / all agentc backends: {cdk_path / all_backends:.0f}x")
print()
print("commands:")
for r in rows:
    print(f"  {r['name']}: {r['command']}")
if json_out:
    json.dump({"machine": open(machine).read(), "rows": rows}, open(json_out, "w"), indent=2)
EOF
