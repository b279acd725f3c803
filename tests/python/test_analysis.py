"""Analyses on arrays: the project's C++ (runner/analysis), with the CLI's results where the CLI has them."""
import json

import numpy as np
import pytest

import nwnspice
from conftest import nwn


def zipf_sample(n=3000, a=2.0, seed=5):
    # numpy's seeded Zipf draws: a discrete power law of exponent a on 1, 2, ...
    return np.random.default_rng(seed).zipf(a, n).astype(np.int64)


def test_powerlaw_fit_is_nwn_powerlaw(tmp_path):
    x = zipf_sample()
    np.savetxt(tmp_path / "x.csv", x, fmt="%d", header="size", comments="")
    cli = json.loads(nwn("powerlaw", tmp_path / "x.csv", "--column", "size", "--resamples", "100", "--threads", "1").stdout)
    fit = nwnspice.powerlaw_fit(x, resamples=100, threads=2)  # results do not depend on the thread count
    cli.pop("n")
    assert fit == cli
    # and it finds the exponent numpy drew with: within 3 sigma
    assert abs(fit["value"] - 2.0) < 3 * fit["sigma"]


def test_fixed_support_and_bad_input():
    fit = nwnspice.powerlaw_fit(zipf_sample(), 1, 50, resamples=50)
    assert (fit["xmin"], fit["xmax"]) == (1, 50) and 0 <= fit["p"] <= 1
    with pytest.raises(nwnspice.Error, match="both xmin and xmax"):
        nwnspice.powerlaw_fit(zipf_sample(), 1)


def test_events_avalanches_and_criticality():
    # three networks driven at V* = 2 for 5 s: ~600 junction crossing events, ~120 avalanches
    vset = nwnspice.junction_params()["vset"]
    runs = []
    for seed in range(3):
        net = nwnspice.Network.generate(density=0.1, lx=50, seed=seed, electrodes="bars:0.025")
        runs.append(nwnspice.run(net, 2 * net.hop_distance * vset, tstop=5, tmax=1e-3, save_events=True))
    ev = [r.events for r in runs]
    av = nwnspice.avalanches(ev, iei_multiple=1.0, dt=1e-3)
    assert len(av["sizes"]) == len(av["lifetimes"]) == len(av["profiles"]) > 50
    assert all(len(p) == T and p.sum() == S for p, T, S in zip(av["profiles"], av["lifetimes"], av["sizes"]))
    crit = nwnspice.criticality(events=ev, dt=1e-3, resamples=20, shape_bootstraps=2, compare_alternatives=False)
    # the pipeline counts the same events and avalanches as the pieces
    assert crit["events"] == sum(int(e.sum()) for e in ev)
    assert crit["avalanches"]["count"] == len(av["sizes"])
    G_events = nwnspice.conductance_events(runs[0].G)
    assert set(np.unique(G_events)) <= {0, 1}
    assert np.array_equal(nwnspice.gradient(np.array([0.0, 1.0, 4.0])), [1.0, 2.0, 3.0])


def test_crackling_shape_lyapunov_nlt():
    sizes = zipf_sample(2000, 1.8, 1)
    lifetimes = np.maximum(1, np.round(sizes ** 0.6)).astype(np.int64)
    tau = nwnspice.powerlaw_fit(sizes, 1, 100, resamples=10)
    alpha = nwnspice.powerlaw_fit(lifetimes, 1, 10, resamples=10)
    c = nwnspice.crackling(tau, alpha, sizes, lifetimes)
    # S ∝ T^(1/0.6) by construction (up to the rounding of T)
    assert c["fitted"]["value"] == pytest.approx(1 / 0.6, rel=0.15)
    T = 8
    profiles = [np.sin(np.pi * (np.arange(1, T + 1) - 0.5) / T) * T ** 0.5 for _ in range(60)]
    profiles += [np.sin(np.pi * (np.arange(1, 2 * T + 1) - 0.5) / (2 * T)) * (2 * T) ** 0.5 for _ in range(60)]
    sc = nwnspice.shape_collapse(profiles, bootstraps=2)
    assert sc["valid"] and sc["gamma"] == pytest.approx(0.5, abs=0.05)
    st = nwnspice.lyapunov_stats(np.full(40, 2.5), block=2)
    assert st["mean"] == 2.5 and st["used"] == 40
    t = np.arange(0, 2, 1e-3)
    V = np.sin(2 * np.pi * t)
    assert nwnspice.period_ratio(t, V, V * 1e-3 * (1 + 0.5 * (t % 1)), 1.0, 1e-3) > 1
    X = np.column_stack([np.sin(t), np.cos(t)])
    scores = nwnspice.nlt_scores(X, ["sum"], [np.sin(t) + 2 * np.cos(t)])
    assert scores[0]["accuracy"] == pytest.approx(1.0) and np.allclose(scores[0]["weights"], [1, 2])
