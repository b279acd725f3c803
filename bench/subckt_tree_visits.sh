#!/usr/bin/env bash
# Expression-tree nodes that ngspice 39 walks per junction and Newton iteration in the portable subcircuit,
# counted, not timed: valgrind's callgrind counts the calls of ngspice's tree walker (PTeval, the function
# with the most calls; Debian's binary has no symbols), so the figure does not depend on the machine's load.
#   bench/subckt_tree_visits.sh [LIB ...]     default: the build's nwnjunction.lib
# Four fixed regimes, 64 junctions behind 10 kOhm from one DC source, 50 steps of 1 ms:
#   on+    formed at +lmax under +0.2 V (the set regime pushes against the bound)
#   on-    formed at -lmax under -0.2 V
#   reset0 unformed (lambda = 0) under 3 mV, below vreset
#   dead   lambda = 0.004 under 7 mV, between the thresholds
# The counts include ngspice's convergence test, which evaluates every tree once more per accepted step.
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "subckt_tree_visits: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
libs=("$@")
[[ ${#libs[@]} -gt 0 ]] || libs=("$PWD/build/share/nwnspice/nwnjunction.lib")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=64

source bench/junction_decks.sh

# The largest call count of any one function in a callgrind profile, summed over its call sites and over
# callgrind's names for it in recursion ("fn'2").
most_calls() {
  # callgrind names a function once, in whichever fn= or cfn= line comes first, and by its id after that
  awk '/^c?fn=/ { id = $1; sub(/^c?fn=/, "", id)
                 if (NF > 1) { f = $2; sub(/'"'"'[0-9]+$/, "", f); name[id] = f } }
       /^cfn=/ { cur = name[id] }
       /^calls=/ { split($1, a, "="); c[cur] += a[2] }
       END { m = 0; for (k in c) if (c[k] > m) m = c[k]; print m }' "$1"
}

echo "| library | on+ | on- | reset0 | dead |"
echo "|---|---|---|---|---|"
for lib in "${libs[@]}"; do
  [[ -f $lib ]] || { echo "subckt_tree_visits: $lib not found" >&2; exit 1; }
  row="| $(basename "$(dirname "$lib")")/$(basename "$lib")"
  for r in "0.2 0.015" "-0.2 -0.015" "0.003 0" "0.007 0.004"; do
    read -r v l <<<"$r"
    junction_deck subckt_tree_visits "$n" "$lib" 0.05 "$l" "DC $v" >"$work/deck.cir"
    read -r it _ < <(rusage_of "$work/deck.cir") || { echo "subckt_tree_visits: ngspice did not run $lib" >&2; exit 1; }
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" ngspice -b "$work/deck.cir" >/dev/null 2>&1 || true
    calls=$(most_calls "$work/cg.out")
    row="$row | $((calls / it / n))"
  done
  echo "$row |"
done
