#!/usr/bin/env bash
# Wall time of one nwn sweep (the compliance example over 12 gate/drive points) with 1, 2, ... jobs,
# against the sum of its points' own run times: what the process pool buys on this machine.
#   bench/bench_sweep.sh [MAX_JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
maxjobs=${1:-$(nproc)}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|../build/share/nwnspice/|$PWD/build/share/nwnspice/|" examples/cosim_net_cm.lib >"$work/cosim_net_cm.lib"
cp examples/cosim_cmos.lib examples/cosim_compliance.cir "$work/"
echo "| jobs | wall (s) | sum of point runs (s) | speed-up over the sum |"
echo "|---|---|---|---|"
for j in $(seq 1 "$maxjobs"); do
  start=$(date +%s.%N)
  $nwn sweep "$work/cosim_compliance.cir" --param vg=0.6:1.0:6 --param vmax=1,2 --jobs "$j" -q --out "$work/j$j"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  sum=$(cat "$work"/j$j/points/*/run/run.json | sed -n 's/.*"wall_s": \([0-9.e-]*\).*/\1/p' | paste -sd+ | bc)
  printf '| %d | %.2f | %.2f | %.2f |\n' "$j" "$wall" "$sum" "$(echo "$sum / $wall" | bc -l)"
done
