#!/usr/bin/env bash
# The README's reservoir table: a 4 x 4 pad array under three 992-wire networks (seeds 2821-2823) on every task of
# nwn reservoir, native engine, with the two baselines; each cell is the mean +- standard deviation over the
# three networks. memory-capacity, narma10, mackey-glass: one input pad, six grounded readout pads, three
# floating probes; digits: eight input pads (one image column per 10 ms step) and eight readout pads, read at
# every column step.
#   examples/reservoir.sh [OUT_DIR] [STEPS]     (nwn from $NWN, else build/bin/nwn; about 5 minutes on 2 cores)
set -euo pipefail
nwn=${NWN:-build/bin/nwn}
out=${1:-reservoir-out}
steps=${2:-2000}
mkdir -p "$out"
nets=()
for seed in 2821 2822 2823; do
  "$nwn" generate --wires 1000 --lx 100 --ly 100 --seed "$seed" --electrodes grid:4x4 -o "$out/mea$seed.json" 2>/dev/null
  nets+=("$out/mea$seed.json")
done
roles=(--inputs p1_1 --readouts p0_0,p0_3,p3_0,p3_3,p1_2,p2_1 --probes p2_2,p0_1,p3_2)
digit_roles=(--inputs p0_0,p0_1,p0_2,p0_3,p1_0,p1_1,p1_2,p1_3 --readouts p2_0,p2_1,p2_2,p2_3,p3_0,p3_1,p3_2,p3_3 --read-every-step)
run=(--steps "$steps" --step-time 0.01 --tmax 1e-3 --amplitude 0.4 --offset 0.4 --quiet)
echo "| task | score | network | raw input | echo-state network (as many units as features) |"
echo "|---|---|---|---|---|"
for task in memory-capacity narma10 mackey-glass digits; do
  if [[ $task == digits ]]; then r=("${digit_roles[@]}"); else r=("${roles[@]}"); fi
  "$nwn" reservoir "$task" "${nets[@]}" "${r[@]}" "${run[@]}" --out "$out/$task"
  /usr/bin/python3 - "$out/$task" "$task" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1] + "/reservoir.json"))
task = sys.argv[2]
def cell(block, key):
    return f"{block[key]:.3f} ± {block[key + '_sd']:.3f}"
label = {"memory-capacity": "MC (delays 1-30)", "narma10": "NRMSE", "mackey-glass": "NRMSE, 1 step",
         "digits": "test accuracy"}[task]
key = d["score_key"]
print(f"| {task} | {label} | {cell(d['network_score'], key)} | {cell(d['baselines']['raw_input'], key)} | "
      f"{cell(d['baselines']['echo_state'], key)} |")
if task == "mackey-glass":  # 10 steps ahead, from the members' own files
    def ten(kind):
        v = []
        for m in d["networks"]:
            r = json.load(open(f"{sys.argv[1]}/{m['dir']}/reservoir.json"))
            v.append((r["network_score"] if kind == "network" else r["baselines"][kind])["nrmse_by_horizon"]["10"])
        return f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}"
    print(f"| {task} | NRMSE, 10 steps | {ten('network')} | {ten('raw_input')} | {ten('echo_state')} |")
PY
done
