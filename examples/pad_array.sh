#!/usr/bin/env bash
# A 4 x 4 pad array under a 992-wire network: three pads driven, two floating, eleven grounded, in the native
# engine; draws the layout and the electrodes' voltages and currents (the README's "Multi-electrode devices"
# pictures are docs/multielectrode_pads.svg and docs/multielectrode_currents.png from this script).
#   examples/pad_array.sh [OUT_DIR]      (nwn from $NWN, else build/bin/nwn)
set -euo pipefail
nwn=${NWN:-build/bin/nwn}
out=${1:-pad-array}
mkdir -p "$out"
"$nwn" generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes grid:4x4 -o "$out/mea.json"
"$nwn" draw "$out/mea.json" -o "$out/mea.svg"
"$nwn" run "$out/mea.json" --engine native --drive p0_0=dc:0.6 --drive p1_2=sine:0.5:100 \
  --drive p3_1=triangle:0.4:50 --float p2_2,p0_3 --tstop 0.1 --tmax 1e-4 --quiet --out "$out/run"
"$nwn" report "$out/run" --out "$out/report/index.html" >/dev/null
echo "layout: $out/mea.svg; electrodes: $out/report/report-figures/run/electrodes.png; page: $out/report/index.html"
