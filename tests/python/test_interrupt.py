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


@pytest.fixture
def big_net():
    # ~2000 wires: a 1000 s run takes minutes, so the signal always arrives mid-run
    return nwnspice.Network.generate(density=0.2, lx=100, seed=2, electrodes="bars:0.05")


@pytest.mark.parametrize("engine", ["native", "libngspice"])
def test_run_interrupted(tmp_path, big_net, engine):
    out = tmp_path / engine
    timer = sigint_after(1.0)
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
