#!/usr/bin/env python3
"""Closed-loop control of a nanowire network: at every 1 ms step the drive is moved in proportion to the
current's error from a set point (an incremental proportional controller, i.e. integral action), holding the
network current there while the junctions switch on and the conductance grows by orders of magnitude.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/closed_loop.py --setpoint 2e-6 --tstop 1.5
"""
import argparse
import sys

import numpy as np

import nwnspice


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setpoint", type=float, default=2e-6, help="network current to hold (A)")
    ap.add_argument("--gain", type=float, default=2e4, help="volts per ampere of error, per step")
    ap.add_argument("--tstop", type=float, default=1.5)
    ap.add_argument("--vmax", type=float, default=3.0, help="the drive stays within 0..vmax")
    a = ap.parse_args()

    net = nwnspice.Network.generate(wires=60, lx=20, seed=3, electrodes="farthest")
    sim = nwnspice.Simulation(net, {"src": 0.0}, dt=1e-3)
    v, rows = 0.0, []
    for k in range(1, int(round(a.tstop / sim.dt)) + 1):
        sim.advance_to(k * sim.dt)
        s = sim.state()
        v = min(max(v + a.gain * (a.setpoint - s["I"]), 0.0), a.vmax)
        sim.set_drive("src", v)
        rows.append((s["t"], s["V"], s["I"]))
    t, V, I = map(np.array, zip(*rows))
    for tt in np.linspace(0.1, a.tstop, 8):
        k = int(np.searchsorted(t, tt - 1e-9))
        print("t = %6.3f s   V = %.4f V   I = %.4e A   G = %.3e S" % (t[k], V[k], I[k], abs(I[k] / V[k]) if V[k] else 0))
    tail = I[-len(I) // 5:]
    err = float(np.max(np.abs(tail / a.setpoint - 1)))
    print("last %d steps: current within %.2f %% of the set point" % (len(tail), 100 * err))
    return 0 if err < 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
