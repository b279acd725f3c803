#!/usr/bin/env bash
set -euo pipefail
build=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
for f in bin/nwn lib/ngspice/nwnspice.cm share/nwnspice/nwnjunction.lib include/nwnspice/junction.h; do
  [[ -f $scratch/prefix/$f ]] || { echo "missing after install: $f"; exit 1; }
done
cd "$scratch"
env -u NWN_CODEMODEL -u NWN_SUBCKT_LIB prefix/bin/nwn generate --wires 40 --lx 20 --ly 20 --seed 1 -o net.json 2>/dev/null
for flavour in codemodel subckt; do
  env -u NWN_CODEMODEL -u NWN_SUBCKT_LIB prefix/bin/nwn run net.json --flavour $flavour --stimulus dc:0.3 \
    --tstop 0.01 --quiet --out run-$flavour
  grep -q '"status": "completed"' run-$flavour/run.json || { cat run-$flavour/run.json; exit 1; }
done
# The installed code model loads in the plain ngspice CLI.
# (output captured first: grep -q closing the pipe early would fail the pipeline under pipefail)
out=$(printf 'codemodel %s\nsource %s\n' "$scratch/prefix/lib/ngspice/nwnspice.cm" \
        "$(dirname "$0")/../../examples/junction_iv.cir" | ngspice -p 2>&1) || true
grep -q 'i_falling' <<<"$out" || { echo "examples/junction_iv.cir did not run with the installed .cm:"; echo "$out" | tail -20; exit 1; }
echo "install ok"
