"""1000 runs in one process: the resident set grows by less than 5 MB (PySpice's users report leaks there)."""
import gc

import nwnspice


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def test_thousand_runs_rss(small_net):
    def one():
        r = nwnspice.run(small_net, 1.0, engine="native", tstop=0.02, tmax=1e-3, save_lambda=True)
        assert r.status == "completed"
    for _ in range(50):  # warm-up: allocator pools, imports, first-use caches
        one()
    gc.collect()
    before = rss_kb()
    for _ in range(1000):
        one()
    gc.collect()
    grown = rss_kb() - before
    print("RSS growth over 1000 runs: %d kB" % grown)
    assert grown < 5 * 1024
