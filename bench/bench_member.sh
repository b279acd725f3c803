#!/usr/bin/env bash
# The native engine's cost on the demo's avalanche member: one NWNsim-scheme run of 30 s (1 ms steps) on the
# seed-0 network of 100 x 100 um at V* = 1, as `nwn ensemble` runs it (events counted as it goes). With a
# baseline build, the two binaries run in turn (A B A B ...) and the ratio is taken pair by pair, so that a
# drift in the machine's speed cancels. Prints each run's wall and user seconds and the medians.
#   bench/bench_member.sh [RUNS] [BASELINE_BUILD_DIR]     defaults: 5, none
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
base=${2:-}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench_member.sh: RUNS must be a positive integer, not '$runs'" >&2; exit 2; }
nwn=$PWD/${BUILD_DIR:-build}/bin/nwn
[[ -x $nwn ]] || { echo "bench_member.sh: $nwn not built (scripts/build.sh)" >&2; exit 1; }
if [[ -n $base ]]; then
  [[ $base == /* ]] || base=$PWD/$base
  [[ -x $base/bin/nwn ]] || { echo "bench_member.sh: no $base/bin/nwn" >&2; exit 1; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The network and drive of the demo's ensemble member seed 0 (the member's run.json holds its command).
# 10 ms of it hold no avalanche, so the ensemble's analysis fails: only the member's record is wanted.
"$nwn" ensemble --seeds 0:0 --lx 100 --vstar 1 --tstop 0.01 --jobs 1 --no-plots --quiet --out "$work/ens" >/dev/null 2>&1 || true
[[ -f $work/ens/L100/Vstar1/seed0/run.json ]] || { echo "bench_member.sh: nwn ensemble made no member" >&2; exit 1; }
run=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['command'])" "$work/ens/L100/Vstar1/seed0/run.json")
args=${run#nwn }
args=${args%% --out *}
args=${args/--tstop 0.01/--tstop 30}
one() {  # binary, label, k
  /usr/bin/time -f "%e %U" -o "$work/t" "$1" $args --out "$work/$2$3" --quiet --save-events >/dev/null
  echo "$2 $(cat "$work/t")" >>"$work/times"
  rm -rf "${work:?}/$2$3"
}
for ((k = 1; k <= runs; k++)); do
  one "$nwn" A "$k"
  [[ -z $base ]] || one "$base/bin/nwn" B "$k"
done
echo "nwn run (ensemble member: seed 0, 100 x 100 um, V* = 1, 30 s), $runs runs, $(nproc) cores, $(date +%F)"
python3 - "$work/times" "${base:+yes}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
a = [(float(w), float(u)) for lab, w, u in rows if lab == "A"]
b = [(float(w), float(u)) for lab, w, u in rows if lab == "B"]
def line(name, xs):
    print(f"| {name} | " + " ".join(f"{w:.2f}" for w, _ in xs) + f" | {statistics.median(w for w, _ in xs):.2f} | {statistics.median(u for _, u in xs):.2f} |")
print("\n| build | wall per run (s) | median wall (s) | median user (s) |\n|---|---|---|---|")
line("this build", a)
if sys.argv[2]:
    line("baseline", b)
    print(f"\nratio this/baseline, wall, median of {len(b)} pairs: {statistics.median(x[0] / y[0] for x, y in zip(a, b)):.3f}")
PY
