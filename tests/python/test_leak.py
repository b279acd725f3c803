"""1000 runs in one process: the resident set grows by less than 5 MB (PySpice's users report leaks there), in
the native engine and in libngspice (whose circuits are removed and plots destroyed after every run)."""
import gc

import pytest

import nwnspice


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


@pytest.mark.parametrize("engine", ["native", "libngspice"])
def test_thousand_runs_rss(small_net, engine):
    def one():
        r = nwnspice.run(small_net, 1.0, engine=engine, flavour="codemodel" if engine != "native" else "auto",
                         tstop=0.01, tmax=1e-3, save_lambda=True)
        assert r.status == "completed"
    for _ in range(50):  # warm-up: allocator pools, imports, ngspice's first circuit and code model
        one()
    gc.collect()
    before = rss_kb()
    for _ in range(1000):
        one()
    gc.collect()
    grown = rss_kb() - before
    print("%s: RSS growth over 1000 runs: %d kB" % (engine, grown))
    assert grown < 5 * 1024
