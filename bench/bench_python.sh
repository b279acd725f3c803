#!/usr/bin/env bash
# The Python package's overhead: NWNsim's 100-wire DC 1.8 V run (10 s, 1 ms) through nwnspice.run against
# `nwn run`: wall time of the whole command for both (/usr/bin/time; Python's start and NumPy's import count),
# and of the nwnspice.run() call alone (time.perf_counter: what a script or notebook that runs many pays); and
# the per-step cost of the closed-loop API (Simulation.advance_to + state + set_drive, Python's time module)
# against one batch step. Medians of RUNS; run it on a quiet machine.
#   bench/bench_python.sh [REFERENCE_DIR] [RUNS] [ENGINES]   defaults: ../shared/reference, 5, "native libngspice"
# Environment: BUILD_DIR (default build), PYTHON (default: the interpreter the build found).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-../shared/reference}
runs=${2:-5}
engines=${3:-native libngspice}
build=$PWD/${BUILD_DIR:-build}
nwn=$build/bin/nwn
[[ -x $nwn ]] || { echo "bench_python.sh: $nwn not built (scripts/build.sh)" >&2; exit 1; }
[[ -f $ref/nwnsim/nw100_seed042.mat ]] || { echo "bench_python.sh: no NWNsim reference data in $ref" >&2; exit 1; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench_python.sh: RUNS must be a positive integer, not '$runs'" >&2; exit 2; }
python=${PYTHON:-$(sed -n 's/^Python3_EXECUTABLE:FILEPATH=//p' "$build/CMakeCache.txt")}
export PYTHONPATH=$build/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$nwn" import-mat "$ref/nwnsim/nw100_seed042.mat" -o "$work/nw100.json" 2>/dev/null
cat >"$work/run.py" <<'PY'
import sys, time
import nwnspice
net = nwnspice.Network.load(sys.argv[1])
net.choose_electrodes("wires:72,29")
t0 = time.perf_counter()
r = nwnspice.run(net, "dc:1.8", engine=sys.argv[2], tstop=10, tmax=1e-3)
with open(sys.argv[3], "a") as f:
    print("%.3f" % (time.perf_counter() - t0), file=f)
assert r.status == "completed"
PY
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "NWNsim's 100-wire DC 1.8 V run, 10 s at 1 ms; medians of $runs; $(nproc) cores; $(date +%F)"
echo
echo "| engine | nwn run (s) | python3 script (s) | overhead | nwnspice.run() call (s) | overhead |"
echo "|---|---|---|---|---|---|"
for engine in $engines; do
  for ((r = 1; r <= runs; r++)); do
    /usr/bin/time -f %e -a -o "$work/cli-$engine" "$nwn" run "$work/nw100.json" --contacts 72,29 --engine "$engine" \
      --stimulus dc:1.8 --tstop 10 --tmax 1e-3 --quiet --out "$work/out"
    /usr/bin/time -f %e -a -o "$work/py-$engine" "$python" "$work/run.py" "$work/nw100.json" "$engine" "$work/call-$engine"
  done
  c=$(median <"$work/cli-$engine")
  p=$(median <"$work/py-$engine")
  k=$(median <"$work/call-$engine")
  pct() { awk -v c="$1" -v p="$2" 'BEGIN {printf "%+.1f %%", 100 * (p / c - 1)}'; }
  echo "| $engine | $c | $p | $(pct "$c" "$p") | $k | $(pct "$c" "$k") |"
done

echo
"$python" - "$work/nw100.json" "$runs" <<'PY'
import statistics, sys, time
import nwnspice
net = nwnspice.Network.load(sys.argv[1])
net.choose_electrodes("wires:72,29")
runs, steps = int(sys.argv[2]), 2000
def per_step(engine, loop):
    out = []
    for _ in range(runs):
        with nwnspice.Simulation(net, {"src": 1.8}, engine=engine) as sim:
            t0 = time.perf_counter()
            loop(sim)
            out.append((time.perf_counter() - t0) / steps * 1e6)
    return statistics.median(out)
def batch(sim):
    sim.advance_to(steps * sim.dt)
def stepped(sim):
    for k in range(1, steps + 1):
        sim.advance_to(k * sim.dt)
def closed_loop(sim):
    for k in range(1, steps + 1):
        sim.advance_to(k * sim.dt)
        sim.set_drive("src", 1.8 - 1e3 * sim.state()["I"])
print("Closed-loop API, 100-wire network, %d steps of 1 ms (libngspice: its default flavour), medians of %d:" % (steps, runs))
print()
print("| loop | native (µs per step) | libngspice (µs per step) |")
print("|---|---|---|")
for name, loop in (("one advance_to over all steps", batch), ("advance_to every step", stepped),
                   ("advance_to + state() + set_drive() every step", closed_loop)):
    print("| %s | %.1f | %.1f |" % (name, per_step("native", loop), per_step("libngspice", loop)))
PY
