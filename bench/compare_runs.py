#!/usr/bin/env python3
"""Accuracy of a run against a reference run (both nwn run directories), as issue "SPICE at scale" asks:
G(t) within 1 % wherever G > 2 G(0), the 10x and 100x activation times, and the final number of junctions
with |lambda| >= lcrit (from lambda.csv, when both runs saved it). Standard library only.
usage: compare_runs.py REF_DIR RUN_DIR [--lcrit 0.01]"""
import bisect, csv, json, sys

def series(d):
    t, g = [], []
    with open(f"{d}/timeseries.csv") as f:
        for row in csv.DictReader(f):
            t.append(float(row["t"])); g.append(float(row["G"]))
    return t, g

def interp(t, g, x):
    i = bisect.bisect_left(t, x)
    if i <= 0: return g[0]
    if i >= len(t): return g[-1]
    a = (x - t[i - 1]) / (t[i] - t[i - 1])
    return g[i - 1] + a * (g[i] - g[i - 1])

def crossing(t, g, level):
    for i in range(1, len(t)):
        if g[i] >= level:
            return t[i - 1] + (level - g[i - 1]) / (g[i] - g[i - 1]) * (t[i] - t[i - 1]) if g[i] != g[i - 1] else t[i]
    return float("nan")

def final_lambda(d):
    try:
        with open(f"{d}/lambda.csv") as f:
            last = None
            for last in f: pass
        return [float(x) for x in last.strip().split(",")[1:]]
    except FileNotFoundError:
        return None

def main():
    args = sys.argv[1:]
    lcrit = 0.01
    if "--lcrit" in args:
        i = args.index("--lcrit"); lcrit = float(args[i + 1]); del args[i:i + 2]
    if len(args) != 2: sys.exit(__doc__)
    ref, run = args
    tr, gr = series(ref); tx, gx = series(run)
    g0 = json.load(open(f"{ref}/run.json"))["G_initial"]
    worst, at, n = 0.0, float("nan"), 0
    for t, g in zip(tr, gr):
        if g > 2 * g0 and t <= tx[-1]:
            e = abs(interp(tx, gx, t) / g - 1); n += 1
            if e > worst: worst, at = e, t
    print(f"G(t): largest relative deviation where G > 2 G(0): {100 * worst:.3f} % at t = {at:.4f} s ({n} reference points)")
    for k in (10, 100):
        a, b = crossing(tr, gr, k * g0), crossing(tx, gx, k * g0)
        print(f"{k}x activation time: reference {a:.5f} s, run {b:.5f} s, difference {1e3 * (b - a):+.3f} ms")
    print(f"G at the end: reference {gr[-1]:.6e} S, run {gx[-1]:.6e} S ({100 * (gx[-1] / gr[-1] - 1):+.3f} %)")
    a, b = final_lambda(ref), final_lambda(run)
    if a is not None and b is not None and len(a) == len(b):
        on = lambda l: sum(abs(x) >= lcrit for x in l)
        differ = [(x, y) for x, y in zip(a, b) if (abs(x) >= lcrit) != (abs(y) >= lcrit)]
        near = max((max(abs(abs(x) - lcrit), abs(abs(y) - lcrit)) for x, y in differ), default=0.0)
        print(f"junctions with |lambda| >= {lcrit} at the end: reference {on(a)}, run {on(b)}; {len(differ)} differ, "
              f"all within {near:.2g} V*s of lcrit")

main()
