#!/usr/bin/env python3
"""NWNsim's golden activation run from Python: its 100-wire network (nw100_seed042.mat) under DC 1.8 V for
10 s in the native engine with NWNsim's rule, compared with NWNsim's own conductance.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/golden_activation.py [REFERENCE_DIR] [--svg OUT.svg]
"""
import argparse
import os
import pathlib
import sys

import numpy as np

import nwnspice


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", nargs="?", default=os.environ.get("NWN_REFERENCE_DIR", "../shared/reference"))
    ap.add_argument("--svg", help="also draw the network coloured by the final junction states")
    a = ap.parse_args()
    ref = pathlib.Path(a.reference) / "nwnsim"
    if not ref.is_dir():
        print("no NWNsim reference data in %s (give its directory)" % ref.parent, file=sys.stderr)
        return 2

    net = nwnspice.Network.from_mat(ref / "nw100_seed042.mat")
    net.choose_electrodes("wires:72,29")
    print(net.summary())
    run = nwnspice.run(net, {"src": "dc:1.8"}, engine="native", nwnsim_compat=True, tstop=10, tmax=1e-3,
                       save_lambda=True)
    g_nwnsim = np.loadtxt(ref / "tl_T10_DC1.8V_timeseries.csv", delimiter=",", skiprows=1, usecols=4)
    k = int(np.argmax(run.G > 10 * run.G[0]))  # first sample 10x above the initial conductance
    print("G: %.4g S -> %.4g S; tenfold at t = %.3f s; %d points in %.2f s" %
          (run.G[0], run.G[-1], run.t[k], len(run.t), run.record["wall_s"]))
    worst = float(np.max(np.abs(run.G / g_nwnsim - 1)))
    print("largest relative difference from NWNsim's G: %.2e" % worst)
    if a.svg:
        net.draw(a.svg, colour_by="lambda", values=run.lam[-1])
    return 0 if worst < 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
