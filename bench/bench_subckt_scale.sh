#!/usr/bin/env bash
# Cost of one junction per Newton iteration against the number of junctions, in ngspice 39's CLI:
# the XSPICE code model against the portable subcircuit (and, given a second library, an older one).
#   bench/bench_subckt_scale.sh [SIZES] [TSTOP] [REPEATS] [OLD_LIB]
#   SIZES default "50 100 300 1000 3000", TSTOP 0.05 s, REPEATS 3 (the median is printed),
#   OLD_LIB: another nwnjunction.lib to time as well, e.g. one built from an older commit.
# The circuit: N independent junctions, each behind 10 kOhm from one of four sine sources (20, 50,
# 100, 200 mV at 2 Hz), so the junctions sit in different regimes (reset, dead zone, set) while the
# matrix stays trivial and the time is the device's. From ngspice's `rusage`: iterations, load time and
# total analysis time (load, convergence tests, truncation checks, solve), printed per junction and
# iteration in microseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-50 100 300 1000 3000}
tstop=${2:-0.05}
repeats=${3:-3}
old_lib=${4:-}
build=$PWD/build
cm=$build/lib/nwnspice.cm
lib=$build/share/nwnspice/nwnjunction.lib
for f in "$cm" "$lib" ${old_lib:+"$old_lib"}; do
  [[ -f $f ]] || { echo "bench_subckt_scale: $f not found (build first)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source bench/junction_decks.sh
sines=("SIN(0 0.02 2)" "SIN(0 0.05 2)" "SIN(0 0.1 2)" "SIN(0 0.2 2)")

echo "| junctions | device | Newton iterations | analysis (s) | per junction-iteration, all (us) | of which load (us) |"
echo "|---|---|---|---|---|---|"
for n in $sizes; do
  devices=("codemodel" "$lib")
  [[ -n $old_lib ]] && devices+=("$old_lib")
  for dev in "${devices[@]}"; do
    label=codemodel
    [[ $dev == "$lib" ]] && label="subcircuit"
    [[ -n $old_lib && $dev == "$old_lib" ]] && label="subcircuit, OLD_LIB"
    junction_deck "bench_subckt_scale: $n junctions" "$n" "$dev" "$tstop" 0 "${sines[@]}" >"$work/deck.cir"
    read -r it ld an < <(time_deck "$work/deck.cir" "$repeats") || exit 1
    awk -v n="$n" -v d="$label" -v it="$it" -v an="$an" -v ld="$ld" 'BEGIN{
      printf "| %d | %s | %d | %.3f | %.2f | %.2f |\n", n, d, it, an, an / it / n * 1e6, ld / it / n * 1e6 }'
  done
done
echo
echo "load: $(uptime | sed 's/.*load average/load average/')"
