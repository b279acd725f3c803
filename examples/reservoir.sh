#!/usr/bin/env bash
# The README's reservoir table: a 4 x 4 pad array under the 992-wire network (one input pad, six grounded
# readout pads, three floating probes) on every task of nwn reservoir, native engine, with the two baselines.
#   examples/reservoir.sh [OUT_DIR] [STEPS]     (nwn from $NWN, else build/bin/nwn; about 4 minutes on 2 cores)
set -euo pipefail
nwn=${NWN:-build/bin/nwn}
out=${1:-reservoir-out}
steps=${2:-2000}
mkdir -p "$out"
"$nwn" generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes grid:4x4 -o "$out/mea.json" 2>/dev/null
roles=(--inputs p1_1 --readouts p0_0,p0_3,p3_0,p3_3,p1_2,p2_1 --probes p2_2,p0_1,p3_2)
run=(--steps "$steps" --step-time 0.01 --tmax 1e-4 --amplitude 0.4 --offset 0.4 --quiet)
echo "| task | score | network (9 features) | raw input | echo-state network (9 units) |"
echo "|---|---|---|---|---|"
for task in memory-capacity narma10 mackey-glass; do
  "$nwn" reservoir "$task" "$out/mea.json" "${roles[@]}" "${run[@]}" --out "$out/$task"
  case $task in
    memory-capacity) keys=("memory_capacity:MC (delays 1-30)") ;;
    narma10) keys=("nrmse:NRMSE") ;;
    mackey-glass) keys=("nrmse:NRMSE, 1 step" "nrmse_by_horizon.10:NRMSE, 10 steps") ;;
  esac
  for k in "${keys[@]}"; do
    field=${k%%:*}
    label=${k#*:}
    /usr/bin/python3 - "$out/$task/reservoir.json" "$task" "$label" "$field" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def get(s, path):
    for p in path.split('.'):
        s = s[p]
    return s
f = sys.argv[4]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {get(d['network_score'], f):.3f} | {get(d['baselines']['raw_input'], f):.3f} | {get(d['baselines']['echo_state'], f):.3f} |")
PY
  done
done
