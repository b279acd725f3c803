#!/bin/bash
# Reproduction of NWNsim's Lyapunov reference points (docs/model.md §5, §7.4) on its 100-wire network, AC set,
# 1.25 V triangle at 0.1 and 0.85 Hz (NWNsim: -2.66 and +4.04 1/s, r 7.7e3 and 5.9e3), in four parts:
#   scheme     NWNsim's scheme (native: explicit Euler, renormalised every step, eps 5e-4, 200 s) at
#              dt = 5e-4 and refined to dt/2, dt/4, dt/8; and its small-eps exponent (eps 1e-7) as dt -> 0
#   epsilon    native, 0.85 Hz: eps x renormalisation interval (finite-eps bias, small-eps limit)
#   transient  native, per-step scheme: exponent against the length of the attractor transient (NWNsim: 3000 s)
#   spice      libngspice (continuous time), after a native transient (about 1 h of CPU)
# usage: bench/lyapunov_reference.sh [scheme|epsilon|transient|spice|all] [OUTDIR]
# Needs NWN_REFERENCE_DIR (default ../shared/reference) and a build (build/bin/nwn). Prints one line per run:
#   label  lambda_per_s  sigma  r  wall_s
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nwn=${NWN:-$here/build/bin/nwn}
ref=${NWN_REFERENCE_DIR:-$here/../shared/reference}
part=${1:-all}
out=${2:-$here/build/bench-lyapunov}
mkdir -p "$out"
net=$out/nw100.json
[ -f "$net" ] || "$nwn" import-mat "$ref/nwnsim/nw100_seed042.mat" --electrodes wires:72,29 -o "$net" >/dev/null

run() {  # run LABEL ARGS... : one nwn lyapunov, reused when its lyapunov.json is complete
    local label=$1; shift
    local dir=$out/$label
    if ! grep -q '"status": "completed"' "$dir/lyapunov.json" 2>/dev/null; then
        "$nwn" lyapunov "$net" --contacts 72,29 --preset ac --out "$dir" --quiet "$@" || true
    fi
    python3 - "$dir/lyapunov.json" "$label" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
f = lambda x: "nan" if x is None else f"{x:.4g}"
print(f"{sys.argv[2]:34s} {f(j['lambda_per_s']):>9s} {f(j['sigma']):>8s} {f(j['r']):>8s} {j['timing']['wall_s']:8.1f}"
      + ("  (upper bound)" if j.get('lambda_is_upper_bound') else ""))
PY
}
P85=$(python3 -c "print(1/0.85)")

if [ "$part" = scheme ] || [ "$part" = all ]; then
    for dt in 5e-4 1.25e-4 3.125e-5; do  # the small-eps exponent of the discrete scheme as dt -> 0
        run "smalleps_0.1_dt$dt" --stimulus triangle:1.25:0.1 --engine native --dt "$dt" --eps 1e-7 --tau 2.5 --transient 20 --periods 3 --skip 1 --direction junction:0
        run "smalleps_0.85_dt$dt" --stimulus triangle:1.25:0.85 --engine native --dt "$dt" --eps 1e-7 --tau "$(python3 -c "print($P85/4)")" --transient 100 --periods 100 --skip 2
    done
    for dt in 5e-4 2.5e-4 1.25e-4 6.25e-5; do
        run "scheme_0.1_dt$dt" --stimulus triangle:1.25:0.1 --engine native --every-step --dt "$dt" --transient 100 --periods 20 --skip 1 --direction junction:0
        run "scheme_0.85_dt$dt" --stimulus triangle:1.25:0.85 --engine native --every-step --dt "$dt" --transient 100 --periods 170 --skip 2 --direction junction:0
    done
fi

if [ "$part" = epsilon ] || [ "$part" = all ]; then
    for eps in 5e-4 1e-5 1e-7; do
        run "eps_0.85_${eps}_step" --stimulus triangle:1.25:0.85 --engine native --every-step --eps "$eps" --transient 100 --periods 100 --skip 2
        for frac in 16 4 1; do
            run "eps_0.85_${eps}_P/$frac" --stimulus triangle:1.25:0.85 --engine native --tau "$(python3 -c "print($P85/$frac)")" --eps "$eps" --transient 100 --periods 100 --skip 2
        done
    done
fi

if [ "$part" = transient ] || [ "$part" = all ]; then
    for T in 0 10 30 100 300 1000 3000; do
        run "transient_0.1_T$T" --stimulus triangle:1.25:0.1 --engine native --every-step --transient "$T" --periods 20 --skip 1 --direction junction:0
        run "transient_0.85_T$T" --stimulus triangle:1.25:0.85 --engine native --every-step --transient "$(python3 -c "print(round($T*0.85)/0.85)")" --periods 170 --skip 2 --direction junction:0
    done
fi

if [ "$part" = spice ] || [ "$part" = all ]; then
    run spice_0.1_tau2.5 --stimulus triangle:1.25:0.1 --transient-engine native --transient 20 --tau 2.5 --periods 3 --skip 1 --direction junction:0
    run spice_0.1_tau2.5_spicetransient --stimulus triangle:1.25:0.1 --transient 20 --tau 2.5 --periods 2 --skip 1 --direction junction:0
    run spice_0.85_P/4_eps1e-7 --stimulus triangle:1.25:0.85 --transient-engine native --transient 100 --tau "$(python3 -c "print($P85/4)")" --eps 1e-7 --periods 40 --skip 2
    run spice_0.85_P/2_eps1e-7 --stimulus triangle:1.25:0.85 --transient-engine native --transient 100 --tau "$(python3 -c "print($P85/2)")" --eps 1e-7 --periods 80 --skip 2
    run spice_0.85_P_eps1e-7 --stimulus triangle:1.25:0.85 --transient-engine native --transient 100 --eps 1e-7 --periods 40 --skip 2
    run spice_0.85_P_eps5e-4 --stimulus triangle:1.25:0.85 --transient-engine native --transient 100 --periods 40 --skip 2
fi
