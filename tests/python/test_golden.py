"""NWNsim's golden DC 1.8 V run (100 wires, 10 s) through Python: the CLI's numbers, and NWNsim's."""
import numpy as np

import nwnspice
from conftest import nwn, reference_dir
from test_examples import run_example


def test_golden_dc_equals_cli_and_nwnsim(tmp_path):
    ref = reference_dir("NWNsim's DC 1.8 V golden run through Python") / "nwnsim"
    net = nwnspice.Network.from_mat(ref / "nw100_seed042.mat")
    net.choose_electrodes("wires:72,29")
    assert (net.n_wires, net.n_junctions) == (100, 261)
    r = nwnspice.run(net, {"src": "dc:1.8"}, engine="native", nwnsim_compat=True, tstop=10, tmax=1e-3,
                     save_lambda=True)
    net.save(tmp_path / "nw100.json")
    nwn("run", tmp_path / "nw100.json", "--engine", "native", "--nwnsim-compat", "--stimulus", "dc:1.8",
        "--tstop", "10", "--tmax", "1e-3", "--save-lambda", "--quiet", "--out", tmp_path / "cli")
    cli = nwnspice.read_run(tmp_path / "cli")
    for name in ("t", "V", "I", "G"):
        assert np.array_equal(r.columns[name], cli.columns[name]), name
    assert np.array_equal(r.lam, cli.lam)
    # NWNsim's own numbers, as tests/golden checks the engine: same scheme in double precision, only
    # round-off of a different linear solver differs.
    g_ref = np.loadtxt(ref / "tl_T10_DC1.8V_timeseries.csv", delimiter=",", skiprows=1, usecols=4)
    assert len(g_ref) == len(r.G)
    assert np.max(np.abs(r.G / g_ref - 1)) < 1e-9


def test_golden_activation(tmp_path):
    ref = reference_dir("examples/python/golden_activation.py")
    out = run_example("golden_activation.py", str(ref), "--svg", str(tmp_path / "g.svg"))
    assert "largest relative difference" in out and (tmp_path / "g.svg").exists()


