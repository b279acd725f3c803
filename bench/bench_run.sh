#!/usr/bin/env bash
# Times NWNsim's DC 1.8 V run (100-wire network, contacts 72 -> 29, 10 s) with every engine and both
# junction flavours and prints a markdown table: wall time, accepted points, peak memory (max RSS).
#   bench/bench_run.sh [REFERENCE_DIR] [TSTOP] [FLAVOURS]     FLAVOURS default "codemodel osdi subckt"
# (the subckt rows take ~20 s each on the 2-core VM; leave them out for a quick table).
# SUBCKT_LIB=path times the subckt rows with that nwnjunction.lib instead of the build's (e.g. an older one).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-${NWN_REFERENCE_DIR:-../shared/reference}}
tstop=${2:-10}
flavours=${3:-codemodel osdi subckt}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$nwn import-mat "$ref/nwnsim/nw100_seed042.mat" -o "$work/nw100.json" 2>/dev/null
echo "| engine | flavour | wall (s) | points | peak RSS (MB) | G(10 s) (S) |"
echo "|---|---|---|---|---|---|"
run() {  # engine flavour extra-args...
  local engine=$1 flavour=$2; shift 2
  local out="$work/$engine-$flavour"
  /usr/bin/time -f "%e %M" -o "$work/time" $nwn run "$work/nw100.json" --engine "$engine" --flavour "$flavour" \
    --stimulus dc:1.8 --tstop "$tstop" --tmax 1e-3 --contacts 72,29 --out "$out" --quiet "$@"
  read -r wall rss <"$work/time"
  local points gfinal
  points=$(sed -n 's/.*"points": \([0-9]*\).*/\1/p' "$out/run.json")
  gfinal=$(sed -n 's/.*"G_final": \([-0-9.e]*\).*/\1/p' "$out/run.json")
  local label=$flavour
  [[ $engine == native ]] && label="(NWNsim Euler, dt 1 ms)"
  printf "| %s | %s | %s | %s | %d | %s |\n" "$engine" "$label" "$wall" "$points" "$((rss / 1024))" "$gfinal"
}
run native codemodel --nwnsim-compat
for f in $flavours; do
  extra=()
  [[ $f == subckt && -n ${SUBCKT_LIB:-} ]] && extra=(--lib "$SUBCKT_LIB")
  run libngspice "$f" "${extra[@]}"
  run ngspice-cli "$f" "${extra[@]}"
done
