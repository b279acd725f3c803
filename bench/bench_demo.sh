#!/usr/bin/env bash
# Wall time of `nwn demo` (default, --quick or --full), section by section: runs it RUNS times into a
# scratch directory and prints a markdown table of each run's sections (from demo.json) with the median,
# plus the CPU time (user + sys, /usr/bin/time) of the whole command. Run it on a quiet machine.
#   bench/bench_demo.sh [RUNS] [MODE]      defaults: 3, default (MODE: default | quick | full)
# Environment: BUILD_DIR (default build; a baseline build to compare with), NWN_REFERENCE_DIR (NWNsim's data for activation and chaos).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mode=${2:-default}
case $mode in
  default) flag=() ;;
  quick | full) flag=("--$mode") ;;
  *) echo "bench_demo.sh: MODE must be default, quick or full, not '$mode'" >&2; exit 2 ;;
esac
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench_demo.sh: RUNS must be a positive integer, not '$runs'" >&2; exit 2; }
build=${BUILD_DIR:-build}
[[ $build == /* ]] || build=$PWD/$build
nwn=$build/bin/nwn
[[ -x $nwn ]] || { echo "bench_demo.sh: $nwn not built (scripts/build.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for ((r = 1; r <= runs; r++)); do
  /usr/bin/time -f "%U %S" -o "$work/time$r" "$nwn" demo "${flag[@]}" --out "$work/run$r" --quiet >/dev/null
done
echo "nwn demo ${flag[*]:-(default)}, $runs runs, $(nproc) cores, $(date +%F)"
echo
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
walls = [json.load(open(f"{work}/run{r}/demo.json"))["wall_s"] for r in range(1, runs + 1)]
cpu = [sum(map(float, open(f"{work}/time{r}").read().split())) for r in range(1, runs + 1)]
sections = [s for s in ("activation", "avalanches", "chaos", "cosim", "reservoir", "total") if s in walls[0]]
print("| section | " + " | ".join(f"run {r}" for r in range(1, runs + 1)) + " | median |")
print("|---" * (runs + 2) + "|")
for s in sections:
    xs = [w.get(s, float("nan")) for w in walls]
    name = f"**{s}**" if s == "total" else s
    print(f"| {name} | " + " | ".join(f"{x:.1f} s" for x in xs) + f" | {statistics.median(xs):.1f} s |")
print("| CPU (user + sys) | " + " | ".join(f"{x:.0f} s" for x in cpu) + f" | {statistics.median(cpu):.0f} s |")
PY
