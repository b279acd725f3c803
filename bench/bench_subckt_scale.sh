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

deck() {  # N device -> deck on stdout; device: codemodel or the path of a subcircuit library
  local n=$1 dev=$2 k
  echo "bench_subckt_scale: $n junctions"
  if [[ $dev == codemodel ]]; then
    echo ".model jm nwnjunction (cstate=1e-8)"
  else
    echo ".include $dev"
  fi
  for k in 0 1 2 3; do echo "Vs$k s$k 0 SIN(0 $(echo "0.02 0.05 0.1 0.2" | cut -d' ' -f$((k + 1))) 2)"; done
  for ((k = 0; k < n; k++)); do
    echo "R$k s$((k % 4)) n$k 10k"
    if [[ $dev == codemodel ]]; then
      echo "A$k %gd(n$k 0) %g(l$k) jm"
      echo "C$k l$k 0 1e-8"
    else
      echo "X$k n$k 0 l$k nwnjunction"
    fi
  done
  echo ".options reltol=1e-4 trtol=1"
  echo ".tran 1m $tstop 0 1m uic"
  for ((k = 0; k < n; k++)); do echo ".ic v(l$k)=0"; done
  echo ".control"
  [[ $dev == codemodel ]] && echo "pre_codemodel $cm"
  echo "run"
  echo "rusage all"
  echo ".endc"
  echo ".end"
}

measure() {  # deck -> "iterations load_s analysis_s" (ngspice -b exits 1 after a .control block's run)
  { nice -n 10 ngspice -b "$1" 2>&1 || true; } | awk '/^Transient iterations =/{it=$4} /^Transient load time/{ld=$5}
    /^Total analysis time/{an=$6} END{if (it == "") exit 1; print it, ld, an}'
}

median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR + 1) / 2)]}'; }

echo "| junctions | device | Newton iterations | analysis (s) | per junction-iteration, all (us) | of which load (us) |"
echo "|---|---|---|---|---|---|"
for n in $sizes; do
  devices=("codemodel" "$lib")
  [[ -n $old_lib ]] && devices+=("$old_lib")
  for dev in "${devices[@]}"; do
    label=codemodel
    [[ $dev == "$lib" ]] && label="subcircuit"
    [[ -n $old_lib && $dev == "$old_lib" ]] && label="subcircuit, OLD_LIB"
    deck "$n" "$dev" >"$work/deck.cir"
    : >"$work/runs"
    for ((r = 0; r < repeats; r++)); do measure "$work/deck.cir" >>"$work/runs"; done
    it=$(awk '{print $1}' "$work/runs" | median)
    an=$(awk '{print $3}' "$work/runs" | median)
    ld=$(awk '{print $2}' "$work/runs" | median)
    awk -v n="$n" -v d="$label" -v it="$it" -v an="$an" -v ld="$ld" 'BEGIN{
      printf "| %d | %s | %d | %.3f | %.2f | %.2f |\n", n, d, it, an, an / it / n * 1e6, ld / it / n * 1e6 }'
  done
done
echo
echo "load: $(uptime | sed 's/.*load average/load average/')"
