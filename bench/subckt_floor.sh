#!/usr/bin/env bash
# How far the portable subcircuit is from the cheapest behavioural-source junction ngspice 39 can run:
# cost per junction and Newton iteration against the number of junctions, in two fixed regimes, for
#   codemodel   the XSPICE code model;
#   subcircuit  the build's nwnjunction.lib;
#   no-tests    the same elements and nodes, every B-source reduced to the one formula the subcircuit
#               evaluates in that regime (no conditions, no other pieces): what the physics costs in
#               behavioural sources once the regime is known, a lower bound for any arrangement of them
#               that keeps junction.h's formulas;
#   structure   the same elements and nodes, every B-source a one-variable linear expression: what the
#               subcircuit's elements cost without any expression to evaluate.
#   bench/subckt_floor.sh [SIZES] [TSTOP] [REPEATS]     SIZES default "50 300 1000 3000", TSTOP 0.05 s, REPEATS 3
# (below 1000 junctions the run is lengthened to TSTOP*1000/N, so that every size runs long enough to time).
# Regimes (N junctions behind 10 kOhm from one DC source, as bench/subckt_tree_visits.sh):
#   formed  lambda = +lmax under +0.2 V (where 67 % of the junction-time of NWNsim's 100-wire run is)
#   reset   lambda = 0 under 3 mV (unformed, below vreset: the tunnelling formula and the reset rate)
# From ngspice's `rusage`: "all" is the transient analysis, "load" the device load, per junction and
# iteration in microseconds (medians of REPEATS). The no-tests and structure libraries are written here;
# their parameters are the default (DC) set.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-50 300 1000 3000}
tstop=${2:-0.05}
repeats=${3:-3}
build=$PWD/build
cm=$build/lib/nwnspice.cm
lib=$build/share/nwnspice/nwnjunction.lib
for f in "$cm" "$lib"; do [[ -f $f ]] || { echo "subckt_floor: $f not found (build first)" >&2; exit 1; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The default parameters and the constants the formulas below use, as subcircuit .params (numparam
# evaluates them once per instance, as in nwnjunction.lib).
head='.subckt nwnjunction a b l params: vset=0.01 vreset=0.005 lcrit=0.01 lmax=0.015 boost=10 gon=7.77e-05 goff=7.77e-08 phi=0.81 area=0.17 smax=5 vsmooth=0.0001 lsmooth=1e-05 lzero=0.0005 cstate=1e-08
.param kg={gon+goff}
.param kv={1e3*vset}
.param kc={cstate*1e-3}
.param kq={cstate*1e4/(4*lsmooth)}
.param ks0={smax/lcrit*(lcrit-lsmooth/2)}
.param ks2={smax/lcrit/(2*lsmooth)}
.param kt1={2/area/sqrt(phi)/4.71307e-05}
.param kt2={10.19*phi*phi}
.param kt3={1/gon}
.param kb={1e3*boost}
.param kz={1/lzero}
Gvj 0 vj a b 1
Rvj vj 0 1
Rs s 0 1
Rf0 f0 0 1
Cl l 0 {cstate}
Rleak l 0 {1e12/cstate}'
{
  echo "$head"
  echo "Bs 0 s I = 0"
  echo "Bj a b I = v(vj)*{kg}"
  echo "Bf0 0 f0 I = 1e3*v(vj)-sgn(v(vj))*{kv}"
  echo "Bl 0 l I = {kc}*(v(f0)-v(f0))-{kq}*(v(l)-{lmax})*(v(l)-{lmax})"
  echo ".ends nwnjunction"
} >"$work/formed-no-tests.lib"
{
  echo "$head"
  echo "Bs 0 s I = {ks0}-v(l)*v(l)*{ks2}"
  echo "Bj a b I = v(vj)*(1/({kt1}*v(s)*exp({kt2}*v(s))+{kt3})+{goff})"
  echo "Bf0 0 f0 I = -{kb}*({vreset}-abs(v(vj)))*(v(l)*{kz}*(2-abs(v(l))*{kz}))"
  echo "Bl 0 l I = {kc}*v(f0)"
  echo ".ends nwnjunction"
} >"$work/reset-no-tests.lib"
{
  echo "$head"
  echo "Bs 0 s I = 1e-3*v(l)"
  echo "Bj a b I = v(vj)*{kg}"
  echo "Bf0 0 f0 I = 1e3*v(vj)"
  echo "Bl 0 l I = {kc}*v(f0)"
  echo ".ends nwnjunction"
} >"$work/structure.lib"

source bench/junction_decks.sh

echo "| regime | junctions | device | Newton iterations | per junction-iteration, all (us) | of which load (us) |"
echo "|---|---|---|---|---|---|"
for regime in formed reset; do
  if [[ $regime == formed ]]; then v=0.2 l0=0.015; else v=0.003 l0=0; fi
  for n in $sizes; do
    for dev in codemodel subcircuit no-tests structure; do
      case $dev in
        subcircuit) path=$lib ;;
        no-tests) path=$work/$regime-no-tests.lib ;;
        structure) path=$work/structure.lib ;;
        *) path=codemodel ;;
      esac
      t=$(awk -v t="$tstop" -v n="$n" 'BEGIN{print (n < 1000 ? t * 1000 / n : t)}')
      junction_deck "subckt_floor: $n junctions" "$n" "$path" "$t" "$l0" "DC $v" >"$work/deck.cir"
      read -r it ld an < <(time_deck "$work/deck.cir" "$repeats") || exit 1
      awk -v g="$regime" -v n="$n" -v d="$dev" -v it="$it" -v an="$an" -v ld="$ld" 'BEGIN{
        printf "| %s | %d | %s | %d | %.2f | %.2f |\n", g, n, d, it, an / it / n * 1e6, ld / it / n * 1e6 }'
    done
  done
done
echo
echo "load: $(uptime | sed 's/.*load average/load average/')"
