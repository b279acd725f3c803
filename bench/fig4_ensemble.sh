#!/usr/bin/env bash
# Hochstetter et al.'s Fig. 4a-c protocol as a benchmark: DC ensembles at density 0.10, V* = 1, Lx = 150 um
# (~2250 wires, ~7000 junctions), 30 s at 1 ms per network, bar electrodes of 2.5 %, junction crossing events,
# bin = mean IEI. Runs as many networks as BUDGET seconds allow with the native engine (a first batch measures
# the cost per network), then SPICE_MEMBERS of the same networks through libngspice, then the MPI scaling
# of an ensemble of MPI_MEMBERS networks from 1 to 2 worker ranks. Prints markdown tables with the paper's
# published values (docs/model.md section 7) next to ours.
#   bench/fig4_ensemble.sh [BUDGET_S] [SPICE_MEMBERS] [MPI_MEMBERS]     defaults: 600 2 4
# Environment: NWN (default build/bin/nwn), WORK (kept; default a temporary directory, removed), JOBS (local
# pool, default nproc), TSTOP (default 30: the protocol's; shorter only for a trial of the script). Use a quiet machine: the figures are wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-600}
spice_members=${2:-2}
mpi_members=${3:-4}
nwn=${NWN:-$PWD/build/bin/nwn}
jobs=${JOBS:-$(nproc)}
if [[ -n ${WORK:-} ]]; then
  work=$WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
protocol=(--lx 150 --density 0.10 --vstar 1 --tstop "${TSTOP:-30}" --dt 1e-3 --electrodes bars:0.025 --events crossings --bin mean-iei --quiet)
now() { date +%s.%N; }
since() { python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$1"; }

# ---- native: a first batch of one network per core gives the cost; then what the budget allows
start=$(now)
"$nwn" ensemble "${protocol[@]}" --seeds "0:$((jobs - 1))" --jobs "$jobs" --no-plots --out "$work/native" || true
first=$(since "$start")
members=$(python3 -c "import sys; b, f, j = map(float, sys.argv[1:]); print(max(int(j), int(j * b / f)))" "$budget" "$first" "$jobs")
"$nwn" ensemble "${protocol[@]}" --seeds "0:$((members - 1))" --jobs "$jobs" --out "$work/native" || true
wall=$(since "$start")

python3 - "$work/native" "$wall" "$jobs" <<'PY'
import glob, json, sys
root, wall, jobs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
e = json.load(open(root + "/ensemble.json")); g = e["groups"][0]; r = g.get("result", {})
walls = [json.load(open(f))["wall_s"] for f in glob.glob(root + "/L150/Vstar1/seed*/run.json")]
per = sum(walls) / len(walls)
def v(x, k="value"):
    return None if x is None else x.get(k)
def fit(x):
    return "n/a" if v(x) is None else "%.2f ± %.2f" % (x["value"], x["sigma"])
def rng(x):
    return "" if v(x) is None else " on [%d, %d], p = %.2f" % (x["xmin"], x["xmax"], x["p"])
c = r.get("crackling", {})
print("## Fig. 4a-c protocol, native engine, %d local jobs\n" % jobs)
print("| quantity | nwnspice | paper (simulation, 1000 networks) |")
print("|---|---|---|")
print("| networks | %d completed, %d seeds skipped (electrodes not connected) | 1000 |" % (g["completed"], len(g["skipped_seeds"])))
n = g["completed"] + g["failed"]
print("| throughput | %d networks in %.0f s on %d cores: %.0f networks per hour per core (the simulation alone: %.1f s per network) | |"
      % (n, wall, jobs, n * 3600 / (wall * jobs), per))
print("| events | %s | 390 142 |" % r.get("events", "n/a"))
print("| avalanches | %s | 59 560 |" % r.get("avalanches", "n/a"))
print("| τ (size) | %s%s | 1.98 ± 0.011 on [4, 113] |" % (fit(r.get("tau")), rng(r.get("tau"))))
print("| α (lifetime) | %s%s | 2.26 ± 0.016 on [3, 29] |" % (fit(r.get("alpha")), rng(r.get("alpha"))))
print("| crackling, predicted (α−1)/(τ−1) | %s | 1.29 ± 0.022 |" % fit(c.get("predicted")))
print("| crackling, fitted ⟨S⟩(T) | %s | 1.36 ± 0.009 |" % fit(c.get("fitted")))
print("| crackling, shape collapse | %s | 1.38 ± 0.016 |" % fit(c.get("shape_collapse")))
print()
PY

# ---- SPICE: the first networks again through libngspice (the code model), events compared per network
if ((spice_members > 0)); then
  start=$(now)
  "$nwn" ensemble "${protocol[@]}" --seeds "0:$((spice_members - 1))" --engine libngspice --jobs "$jobs" --no-plots \
    --out "$work/spice" || true
  spice_wall=$(since "$start")
  python3 - "$work" "$spice_wall" <<'PY'
import json, os, sys
work, wall = sys.argv[1], float(sys.argv[2])
print("## The SPICE path on the same networks (libngspice, code model, λ resampled onto 1 ms)\n")
print("| seed | junctions | events native | events SPICE | wall native (s) | wall SPICE (s) |")
print("|---|---|---|---|---|---|")
for m in json.load(open(work + "/spice/ensemble.json"))["groups"][0]["members"]:
    rows = []
    for eng in ("native", "spice"):
        d = os.path.join(work, eng, m["dir"])
        run = json.load(open(d + "/run.json"))
        ev = sum(int(float(l.split(",")[1])) for l in open(d + "/events.csv") if l[0].isdigit())
        rows.append((run["network"]["junctions"], ev, run["wall_s"], run["status"]))
    print("| %d | %d | %d | %d%s | %.1f | %.1f |" % (m["seed"], rows[0][0], rows[0][1], rows[1][1],
          "" if rows[1][3] == "completed" else " (" + rows[1][3] + ")", rows[0][2], rows[1][2]))
print("\n(%d networks through libngspice in %.0f s wall)\n" % (len(json.load(open(work + "/spice/ensemble.json"))["groups"][0]["members"]), wall))
PY
fi

# ---- MPI: the same ensemble on 1 and on 2 worker ranks (mpirun -np 2 and -np 3; rank 0 only schedules)
if ((mpi_members > 0)) && command -v mpirun >/dev/null; then
  [[ $(id -u) -eq 0 ]] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  declare -A mpi_wall
  for workers in 1 2; do
    start=$(now)
    mpirun --oversubscribe -np $((workers + 1)) "$nwn" ensemble "${protocol[@]}" --seeds "0:$((mpi_members - 1))" \
      --no-plots --out "$work/mpi$workers" || true
    mpi_wall[$workers]=$(since "$start")
  done
  python3 - "$work" "${mpi_wall[1]}" "${mpi_wall[2]}" "$mpi_members" <<'PY'
import json, sys
work, w1, w2, n = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
same = json.load(open(work + "/mpi1/ensemble.json"))["groups"][0].get("result") == json.load(open(work + "/mpi2/ensemble.json"))["groups"][0].get("result")
per = w1 / n  # one worker: networks one after the other, start-up and generation included
print("## MPI: %d networks on 1 and 2 worker ranks\n" % n)
print("| worker ranks | wall (s) | speed-up |")
print("|---|---|---|")
print("| 1 | %.1f | 1.00 |" % w1)
print("| 2 | %.1f | %.2f |" % (w2, w1 / w2))
print("\nSame pooled results on 1 and 2 workers: %s. At %.1f s per network, a 64-core node (63 workers) "
      "would run about %.0f networks per hour: Fig. 4's 1000 in about %.1f h." % ("yes" if same else "NO", per, 63 * 3600 / per, 1000 * per / 63 / 3600))
PY
fi
