#!/usr/bin/env bash
# How the cost of a run grows with network size: seed-0 networks at density 0.1 wires/um^2 with bar
# electrodes (2.5 % strips, as nwn demo), driven at V* = V/(n*vset) for TSTOP seconds with the default
# options (tmax 1 ms), through libngspice with the code model (ngspice 39.3, Sparse 1.3), libngspice with
# the OSDI device (the build's ngspice 46, KLU) and the native engine. Prints a markdown table (wall
# time, wall per simulated second, accepted points, Newton iterations, peak RSS) and, per engine and
# drive, the exponent b of wall/s ~ junctions^b fitted by least squares in log-log.
#   bench/bench_scale.sh [SIZES] [VSTARS] [TSTOP] [TSTOP_LARGE] [LARGE_FROM] [ENGINES]
#   defaults: "50 100 150 200 300" "2 1" 10 1 200 "libngspice:codemodel libngspice:osdi native"
#   ENGINES: ENGINE[:FLAVOUR[:SOLVER]] each, e.g. libngspice:osdi:sparse (ngspice 46 without KLU)
#   (sizes >= LARGE_FROM run TSTOP_LARGE seconds)
# The 200 and 300 um networks (~4 000 and ~9 000 wires) take minutes per run through SPICE.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-50 100 150 200 300}
vstars=${2:-2 1}
tstop=${3:-10}
tstop_large=${4:-1}
large_from=${5:-200}
engines=${6:-libngspice:codemodel libngspice:osdi native}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: >"$rows"
echo "| Lx (um) | wires | junctions | V* | engine (device) | tstop (s) | wall (s) | wall per sim. s | points | Newton its | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for lx in $sizes; do
  net=$work/net$lx.json
  $nwn generate --density 0.1 --lx "$lx" --seed 0 --electrodes bars:0.025 -o "$net" 2>"$work/gen.txt"
  n=$(sed -n 's/.*hop distance n = \([0-9]*\).*/\1/p' "$work/gen.txt")
  t=$tstop
  ((lx >= large_from)) && t=$tstop_large
  for vs in $vstars; do
    volts=$(echo "$vs * $n * 0.01" | bc -l)
    for spec in $engines; do
      IFS=: read -r engine flavour solver <<<"$spec"
      flavour=${flavour:-codemodel} solver=${solver:-auto}
      label=$engine
      if [[ $engine != native ]]; then
        label="$engine ($flavour"
        if [[ $solver != auto ]]; then label+=", $solver"; fi
        label+=")"
      fi
      out=$work/run-$lx-$vs-$engine-$flavour-$solver
      /usr/bin/time -f "%e %M" -o "$work/time" $nwn run "$net" --engine "$engine" --flavour "$flavour" \
        --solver "$solver" --stimulus "dc:$volts" --tstop "$t" --out "$out" --quiet
      read -r wall rss <"$work/time"
      python3 - "$out/run.json" "$lx" "$vs" "$label" "$t" "$wall" "$rss" "$rows" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
lx, vs, engine, t, wall, rss, rows = sys.argv[2:]
wall, t = float(wall), float(t)
s = j.get("solver", {})
its = "%d" % s["newton_iterations"] if "newton_iterations" in s else "n/a"
print("| %s | %d | %d | %s | %s | %g | %.1f | %.2f | %d | %s | %d |" % (lx, j["network"]["wires"], j["network"]["junctions"],
      vs, engine, t, wall, wall / t, j["points"], its, int(rss) // 1024))
with open(rows, "a") as f:
    f.write("%s\t%s\t%d\t%g\n" % (engine, vs, j["network"]["junctions"], wall / t))
PY
    done
  done
done
echo
python3 - "$rows" <<'PY'
import math, sys
groups = {}
for line in open(sys.argv[1]):
    engine, vs, junctions, per_s = line.split("\t")
    groups.setdefault((engine, vs), []).append((math.log(int(junctions)), math.log(float(per_s))))
for (engine, vs), pts in sorted(groups.items()):
    if len(pts) < 2:
        continue
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    b = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    print("%s, V* = %s: wall per simulated second ~ junctions^%.2f" % (engine, vs, b))
PY
