#!/usr/bin/env bash
# Throughput of nwn ensemble: members per minute and the pooled avalanche count for each engine and
# --jobs value, on NWNsim-like members (density 0.1, bar electrodes, V* given) and prints a markdown table.
#   bench/bench_ensemble.sh [SEEDS] [WIRES] [TSTOP] [VSTAR]     defaults: 0:7 200 5 1.5
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-0:7}
wires=${2:-200}
tstop=${3:-5}
vstar=${4:-1.5}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "members: seeds $seeds, $wires wires, $tstop s, V* = $vstar, crossing events"
echo
echo "| engine | jobs | wall (s) | members | events | avalanches | tau | alpha |"
echo "|---|---|---|---|---|---|---|---|"
for engine in native libngspice; do
  for jobs in 1 2; do
    out="$work/$engine-$jobs"
    start=$(date +%s.%N)
    $nwn ensemble --out "$out" --seeds "$seeds" --wires "$wires" --tstop "$tstop" --vstar "$vstar" \
      --engine "$engine" --jobs "$jobs" --no-plots --quiet || true
    wall=$(echo "$(date +%s.%N) - $start" | bc -l)
    python3 - "$out/ensemble.json" "$engine" "$jobs" "$wall" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); g = j["groups"][0]; r = g.get("result", {})
fit = lambda k: "%.2f ± %.2f" % (r[k]["value"], r[k]["sigma"]) if r.get(k, {}).get("value") is not None else "n/a"
print("| %s | %s | %.1f | %d | %s | %s | %s | %s |" % (sys.argv[2], sys.argv[3], float(sys.argv[4]), g.get("completed", 0),
      r.get("events", "n/a"), r.get("avalanches", "n/a"), fit("tau"), fit("alpha")))
PY
  done
done
