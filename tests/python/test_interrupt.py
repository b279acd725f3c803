"""Ctrl-C: SIGINT during a simulation raises KeyboardInterrupt once the engine has stopped cleanly."""
import os
import signal
import threading
import time

import pytest

import nwnspice


def sigint_after(seconds: float) -> threading.Timer:
    t = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    t.start()
    return t


def network(engine: str) -> nwnspice.Network:
    # A 1000 s run that takes minutes in either engine, so the signal arrives mid-run: ~2000 wires natively;
    # ~250 for libngspice, which then loads its circuit in well under the 1 s before the signal (12 000 junctions
    # take it seconds, and a signal during the load stops the run before its first point).
    if engine == "native":
        return nwnspice.Network.generate(density=0.2, lx=100, seed=2, electrodes="bars:0.05")
    return nwnspice.Network.generate(density=0.1, lx=50, seed=2, electrodes="bars:0.05")


@pytest.fixture
def big_net():
    return network("native")


@pytest.mark.parametrize("engine", ["native", "libngspice"])
def test_run_interrupted(tmp_path, engine):
    big_net = network(engine)
    out = tmp_path / engine
    timer = sigint_after(2.0 if engine == "libngspice" else 1.0)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        nwnspice.run(big_net, 1.0, engine=engine, flavour="auto" if engine == "native" else "codemodel",
                     tstop=1000, tmax=1e-3, out=out)
    timer.join()
    assert time.monotonic() - start < 30
    # the run directory is complete and says what happened, as after `nwn run` and Ctrl-C
    r = nwnspice.read_run(out)
    assert r.status == "interrupted" and len(r.t) > 0
    # Python's handler is back: the next SIGINT is an ordinary KeyboardInterrupt
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    # and the next run is not stopped by the old request
    assert nwnspice.run(big_net, 1.0, tstop=0.002).status == "completed"


def test_simulation_interrupted_and_resumable(big_net):
    sim = nwnspice.Simulation(big_net, 1.0)
    timer = sigint_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        sim.advance_to(1e5)
    timer.join()
    steps = sim.steps
    assert 0 < steps < 1e8
    assert sim.state()["t"] == pytest.approx(steps * 1e-3)
    sim.advance_to(sim.t + 0.005)
    assert sim.steps == steps + 5
