#!/usr/bin/env bash
# The cost of many electrodes: the 992-wire network (seed 2821, 100 x 100 um) with a 4 x 4 pad array (p0_0
# driven at 0.6 V DC, two pads floating, thirteen grounded) against the same network with two pads (the corner
# pads of the same array, one driven at 0.6 V DC, one grounded), native and OSDI (libngspice, the build's
# ngspice 46). The drive is the same DC in both, so the difference is the electrodes (and the switching their
# extra paths bring). Median wall time of RUNS runs each, alternating the two layouts, and their ratio.
#   bench/bench_multielectrode.sh [TSTOP] [RUNS]      defaults 1 s, 5 runs
set -euo pipefail
cd "$(dirname "$0")/.."
tstop=${1:-1}
runs=${2:-5}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$nwn generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes grid:4x4 -o "$work/pads.json" 2>/dev/null
# Two electrodes: the two corner pads of the same array, as a pad file.
layout="name,x,y,w,h
a,12.5,87.5,6.25,6.25
b,87.5,12.5,6.25,6.25"
echo "$layout" >"$work/two.csv"
$nwn generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes "pads:$work/two.csv" -o "$work/two.json" 2>/dev/null
multi=(--drive p0_0=dc:0.6 --float p2_2,p0_3)
two=(--drive a=dc:0.6)
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "| engine | electrodes | median wall (s) | runs | ratio 16/2 |"
echo "|---|---|---|---|---|"
for engine in native osdi; do
  case $engine in
    native) eargs=(--engine native --tmax 1e-4) ;;
    osdi) eargs=(--engine libngspice --flavour osdi --tmax 1e-3) ;;
  esac
  : >"$work/t16"
  : >"$work/t2"
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e" -o "$work/t" $nwn run "$work/pads.json" "${multi[@]}" "${eargs[@]}" --tstop "$tstop" --quiet --out "$work/r16"
    cat "$work/t" >>"$work/t16"
    /usr/bin/time -f "%e" -o "$work/t" $nwn run "$work/two.json" "${two[@]}" "${eargs[@]}" --tstop "$tstop" --quiet --out "$work/r2"
    cat "$work/t" >>"$work/t2"
  done
  m16=$(median <"$work/t16")
  m2=$(median <"$work/t2")
  printf "| %s | 16 pads | %s | %d | %.3f |\n| %s | 2 pads | %s | %d | |\n" "$engine" "$m16" "$runs" \
    "$(awk -v a="$m16" -v b="$m2" 'BEGIN {print a / b}')" "$engine" "$m2" "$runs"
done
