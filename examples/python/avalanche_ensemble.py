#!/usr/bin/env python3
"""An avalanche ensemble from Python (what `nwn ensemble` does, in a few lines): random networks with bar
electrodes driven at V = V*·n·vset, junction crossing events pooled over the members, avalanche sizes and
lifetimes fitted with discrete power laws, and the crackling-noise relation.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/avalanche_ensemble.py --seeds 8 --tstop 10
"""
import argparse
import json
import sys

import numpy as np

import nwnspice


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=8, help="networks 0..N-1")
    ap.add_argument("--lx", type=float, default=50)
    ap.add_argument("--vstar", type=float, default=1.0, help="drive V = V*·n·vset")
    ap.add_argument("--tstop", type=float, default=10)
    ap.add_argument("--resamples", type=int, default=200, help="bootstrap resamples of the fits")
    a = ap.parse_args()

    vset = nwnspice.junction_params("dc")["vset"]
    events = []
    for seed in range(a.seeds):
        net = nwnspice.Network.generate(density=0.1, lx=a.lx, seed=seed, electrodes="none")
        try:
            net.choose_electrodes("bars:0.025")
        except nwnspice.Error as e:  # an empty bar or disconnected bars: NWNsim skips such seeds too
            print("seed %d skipped: %s" % (seed, e), file=sys.stderr)
            continue
        volts = a.vstar * net.hop_distance * vset
        run = nwnspice.run(net, volts, engine="native", tstop=a.tstop, tmax=1e-3, save_events=True)
        events.append(run.events)
        print("seed %d: %s, %.3f V, %d events" % (seed, net.summary(), volts, int(run.events.sum())), file=sys.stderr)

    av = nwnspice.avalanches(events, iei_multiple=1.0, dt=1e-3)
    sizes, lifetimes = av["sizes"], av["lifetimes"]
    out = {"members": len(events), "avalanches": len(sizes), "bin_samples": av["bin_samples"],
           "branching_ratio": av["branching_ratio"]}
    if len(np.unique(sizes)) >= 3 and len(np.unique(lifetimes)) >= 3:
        tau = nwnspice.powerlaw_fit(sizes, resamples=a.resamples, min_n=5)
        alpha = nwnspice.powerlaw_fit(lifetimes, resamples=a.resamples, min_n=5)
        out.update(tau=tau, alpha=alpha, crackling=nwnspice.crackling(tau, alpha, sizes, lifetimes))
    else:
        out["fits"] = "too few distinct avalanche sizes for a fit: more seeds or a longer --tstop"
    print(json.dumps(out, indent=1, allow_nan=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
