#!/usr/bin/env bash
set -euo pipefail
build=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
for f in bin/nwn lib/ngspice/nwnspice.cm share/nwnspice/nwnjunction.lib share/nwnspice/nwnmiranda.lib \
         include/nwnspice/hochstetter/hochstetter.h include/nwnspice/miranda/miranda.h include/nwnspice/device_common.h; do
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
# The Python package, when the build has it: imported from the prefix, it runs with the installed device files.
python=$(sed -n 's/^Python3_EXECUTABLE:FILEPATH=//p' "$build/CMakeCache.txt")
pydir=$(sed -n 's/^NWN_PYTHON_INSTALL_DIR:STRING=//p' "$build/CMakeCache.txt")
if [[ -n $pydir && -d $scratch/prefix/$pydir/nwnspice ]]; then
  env -u NWN_CODEMODEL -u NWN_SUBCKT_LIB -u NWN_OSDI PYTHONPATH="$scratch/prefix/$pydir" "$python" - "$scratch/prefix" <<'PY'
import os, sys
import nwnspice
prefix = os.path.realpath(sys.argv[1])
assert os.path.realpath(nwnspice.__file__).startswith(prefix), nwnspice.__file__
assert os.path.realpath(os.environ["NWN_CODEMODEL"]) == os.path.join(prefix, "lib/ngspice/nwnspice.cm")
assert str(nwnspice.nwn_path()) == os.path.join(prefix, "bin/nwn")
net = nwnspice.Network.load("net.json")
for engine in ("native", "libngspice"):
    assert nwnspice.run(net, 0.3, engine=engine, flavour="codemodel", tstop=0.01).status == "completed"
PY
fi
echo "install ok"
