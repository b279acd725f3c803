#!/usr/bin/env bash
# Activation times of NWNsim's DC 1.8 V run (100-wire network, contacts 72 -> 29) from the native engine
# (NWNsim's explicit Euler) as its step is refined, against the continuous-time SPICE answer.
# Writes docs/native_convergence.csv and docs/native_convergence.png.
#   bench/native_convergence.sh [REFERENCE_DIR]     (default ../shared/reference)
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-${NWN_REFERENCE_DIR:-../shared/reference}}
nwn=build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$nwn import-mat "$ref/nwnsim/nw100_seed042.mat" -o "$work/nw100.json" 2>/dev/null

activation() {  # timeseries.csv -> "t(10 G0) t(100 G0)" in ms
  awk -F, 'NR==2{g0=$4} NR>1 && !a && $4>10*g0 {a=$1} NR>1 && !b && $4>100*g0 {b=$1}
           END{printf "%.4f %.4f", a*1000, b*1000}' "$1"
}
echo "dt_s,t10_ms,t100_ms" >"$work/native.csv"
for dt in 1e-3 5e-4 2e-4 1e-4 5e-5 2e-5 1e-5; do
  $nwn run "$work/nw100.json" --engine native --nwnsim-compat --stimulus dc:1.8 --tstop 0.1 --tmax $dt \
    --contacts 72,29 --out "$work/n$dt" --quiet
  read -r a b <<<"$(activation "$work/n$dt/timeseries.csv")"
  echo "$dt,$a,$b" >>"$work/native.csv"
done
$nwn run "$work/nw100.json" --engine libngspice --stimulus dc:1.8 --tstop 0.1 --tmax 1e-3 --contacts 72,29 \
  --out "$work/spice" --quiet
read -r sa sb <<<"$(activation "$work/spice/timeseries.csv")"
{ echo "# native engine (NWNsim's explicit Euler) vs the SPICE answer (libngspice, code model): t10 = $sa ms, t100 = $sb ms"
  cat "$work/native.csv"; } >docs/native_convergence.csv
column -s, -t docs/native_convergence.csv
echo "SPICE (libngspice, code model, 1 ms maximum step): t10 = $sa ms, t100 = $sb ms"
gnuplot <<GP
set terminal pngcairo size 640,400 font ",10"
set output "docs/native_convergence.png"
set datafile separator ","
set logscale x
set format x "%.0e"
set xlabel "native engine step dt (s)"
set ylabel "activation time (ms)"
set key bottom right
set title "DC 1.8 V on NWNsim's 100-wire network: explicit Euler -> SPICE"
plot "docs/native_convergence.csv" skip 2 using 1:2 with linespoints pt 7 title "native, G > 10 G(0)", \
     "" skip 2 using 1:3 with linespoints pt 5 title "native, G > 100 G(0)", \
     $sa with lines dt 2 lw 2 title "SPICE, 10 G(0)", $sb with lines dt 3 lw 2 title "SPICE, 100 G(0)"
GP
echo "wrote docs/native_convergence.csv and docs/native_convergence.png"
