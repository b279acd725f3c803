#!/usr/bin/env bash
# Times the network pipeline on a large random network (default 100 000 wires at NWNsim's density 0.1,
# mean length 10 um): nwn generate (wires, junction search on the grid, largest component, farthest
# electrodes), nwn netlist (codemodel deck) and nwn draw. A benchmark to run by hand, not a test:
#   bench/bench_generate.sh [BUILD_DIR] [WIRES]
set -euo pipefail
build=${1:-build}
wires=${2:-100000}
nwn="$build/bin/nwn"
[[ -x $nwn ]] || { echo "bench_generate: build nwn first: cmake --build $build --target nwn" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
L=$(awk -v n="$wires" 'BEGIN { printf "%.6g", sqrt(n / 0.1) }')

timed() {  # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  t1=$(date +%s.%N)
  printf '%-28s %8.2f s   %s\n' "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(tail -n 1 "$tmp/err")"
}

echo "bench_generate: $wires wires, Lx = Ly = $L"
timed "generate (farthest)" "$nwn" generate --wires "$wires" --lx "$L" --seed 1 -o "$tmp/net.json"
timed "generate (bars:0.025)" "$nwn" generate --wires "$wires" --lx "$L" --seed 1 --electrodes bars:0.025 -o "$tmp/bars.json"
timed "netlist (codemodel deck)" "$nwn" netlist "$tmp/net.json" --cm-load none -o "$tmp/net.cir"
timed "draw (svg)" "$nwn" draw "$tmp/net.json" -o "$tmp/net.svg"
ls -l "$tmp" | awk 'NR > 1 { printf "  %-10s %10d bytes\n", $9, $5 }'
