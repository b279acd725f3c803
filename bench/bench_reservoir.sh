#!/usr/bin/env bash
# What a reservoir task costs: each task of nwn reservoir on a 300-wire network with a 3 x 3 pad array (seed 3,
# 50 x 50 um), 200 samples of 10 ms (digits: 200 images of 10 steps), native engine (1 ms step) and libngspice
# with the OSDI device (the build's ngspice 46, 1 ms maximum step; digits natively only); and one grid point of nwn phase-diagram
# --task narma10 on each engine (the task plus the native two-copy exponent along its input). Median wall time of RUNS runs
# each, with the cost per 10 ms step of input.
#   bench/bench_reservoir.sh [RUNS]      default 3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
nwn=$PWD/build/bin/nwn
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$nwn generate --wires 300 --lx 50 --ly 50 --seed 3 --electrodes grid:3x3 -o "$work/net.json" 2>/dev/null
steps=200
roles=(--inputs p1_1 --readouts p0_0,p0_2,p2_0,p2_2 --probes p0_1,p1_0)
digit_roles=(--inputs p0_0,p0_1,p0_2,p1_0,p1_2,p2_0,p2_1,p2_2 --readouts p1_1 --read-every-step)
common=(--steps "$steps" --step-time 0.01 --tmax 1e-3 --amplitude 0.4 --offset 0.4 --washout 20 --quiet)
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
timed() {  # label, samples, command...
  local label=$1 samples=$2 i
  shift 2
  : >"$work/times"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e" -o "$work/t" "$@" >/dev/null
    cat "$work/t" >>"$work/times"
  done
  local m
  m=$(median <"$work/times")
  awk -v l="$label" -v m="$m" -v s="$samples" -v n="$runs" 'BEGIN { printf "| %s | %.2f | %.2f | %d |\n", l, m, 1000 * m / s, n }'
}
echo "| task, engine | median wall (s) | ms per input step | runs |"
echo "|---|---|---|---|"
for task in memory-capacity narma10 mackey-glass digits; do
  if [[ $task == digits ]]; then r=("${digit_roles[@]}"); samples=$((steps * 10)); else r=("${roles[@]}"); samples=$steps; fi
  engines=(native osdi)
  [[ $task == digits ]] && engines=(native)  # 2 000 steps of 8 pads through SPICE take minutes per run
  for engine in "${engines[@]}"; do
    case $engine in
      native) e=(--engine native) ;;
      osdi) e=(--engine libngspice --flavour osdi) ;;
    esac
    timed "$task, $engine" "$samples" $nwn reservoir "$task" "$work/net.json" "${r[@]}" "${common[@]}" "${e[@]}" --out "$work/$task-$engine"
  done
done
# A rerun of the same directory would resume (and cost nothing): a fresh directory each time. The exponent is
# the native two-copy estimate along the task's input whichever engine runs the task.
for engine in native osdi; do
  case $engine in
    native) e="--engine native" ;;
    osdi) e="--engine libngspice --flavour osdi" ;;
  esac
  point="rm -rf '$work/pd' && $nwn phase-diagram '$work/net.json' --task narma10 $e --amplitudes 0.4 \
    --frequencies 100 --no-plot --quiet --task-arg=--inputs=p1_1 --task-arg=--readouts=p0_0,p0_2,p2_0,p2_2 \
    --task-arg=--steps=$steps --task-arg=--offset=0.4 --task-arg=--washout=20 --out '$work/pd' -- --tmax 1e-3"
  timed "phase-diagram --task narma10, one point ($engine, with lambda)" "$steps" bash -c "$point"
done
