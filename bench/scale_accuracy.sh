#!/usr/bin/env bash
# The large-network case of "SPICE at scale": NWNsim's 992-wire network (the one its 992-wire file holds:
# seed 2821, 1000 wires drawn in 100 x 100 um, farthest wires as electrodes), DC 1.8 V for TSTOP s.
# Times the run (libngspice with the code model, or FLAVOUR) RUNS times and prints the median, then compares its G(t),
# 10x / 100x activation times and final on-junction count against the native engine refined to dt
# (converged: dt 1e-4 -> 1e-5 changes G by 2.9 %, so 1e-5 carries ~0.3 %). About 5 min at the defaults.
#   bench/scale_accuracy.sh [TSTOP] [RUNS] [REFERENCE_DT] [FLAVOUR]     defaults: 10 3 1e-5 codemodel
# (FLAVOUR osdi runs the OSDI device in the build's ngspice 46 with KLU.)
set -euo pipefail
cd "$(dirname "$0")/.."
tstop=${1:-10}
runs=${2:-3}
dt=${3:-1e-5}
flavour=${4:-codemodel}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$nwn generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes farthest -o "$work/net.json"
walls=()
for ((k = 1; k <= runs; k++)); do
  out=$work/spice
  rm -rf "$out"
  /usr/bin/time -f "%e %M" -o "$work/time" $nwn run "$work/net.json" --flavour "$flavour" --stimulus dc:1.8 \
    --tstop "$tstop" --save-lambda --out "$out" --quiet
  read -r wall rss <"$work/time"
  walls+=("$wall")
  echo "run $k: $wall s wall, peak RSS $((rss / 1024)) MB"
done
median=$(printf "%s\n" "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
echo "libngspice, $flavour, $tstop s: median wall $median s over $runs runs"
python3 - "$work/spice/run.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); s = j["solver"]
print("points %d, rejected %d, Newton iterations %d, equations %d; load %.1f s, factor %.1f s, solve %.1f s, truncation %.1f s"
      % (j["points"], s["rejected_points"], s["newton_iterations"], s["equations"], s["load_s"], s["factor_s"],
         s["solve_s"], s["truncation_s"]))
PY
# The reference keeps G on a 0.1 ms grid and lambda at the end (every state at dt would be gigabytes).
$nwn run "$work/net.json" --engine native --tmax "$dt" --stimulus dc:1.8 --tstop "$tstop" --resample 1e-4 \
  --out "$work/ref" --quiet
$nwn run "$work/net.json" --engine native --tmax "$dt" --stimulus dc:1.8 --tstop "$tstop" \
  --resample "$(echo "$tstop / 20" | bc -l)" --save-lambda --out "$work/ref_lambda" --quiet
cp "$work/ref_lambda/lambda.csv" "$work/ref/lambda.csv"
python3 bench/compare_runs.py "$work/ref" "$work/spice"
