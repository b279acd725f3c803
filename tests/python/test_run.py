"""nwnspice.run is `nwn run`: the same run directory, the same numbers, in every engine."""
import json

import numpy as np
import pytest

import nwnspice
from conftest import nwn

# Fields of run.json that name how a run was started or how long it took, not what it computed.
NOT_COMPARED = {"command", "wall_s", "network", "ngspice_library", "solver"}


def same_run(py_run: nwnspice.Run, cli_dir):
    cli = nwnspice.read_run(cli_dir)
    assert py_run.columns.keys() == cli.columns.keys()
    for name in cli.columns:
        assert np.array_equal(py_run.columns[name], cli.columns[name], equal_nan=True), name
    if cli.lam is not None:
        assert np.array_equal(py_run.lam, cli.lam)
        assert np.array_equal(py_run.lam_junctions, cli.lam_junctions)
    strip = lambda rec: {k: v for k, v in rec.items() if k not in NOT_COMPARED}
    assert strip(py_run.record) == strip(cli.record)


@pytest.mark.parametrize("engine", ["native", "libngspice"])
def test_network_run_equals_cli(tmp_path, small_net, engine):
    small_net.save(tmp_path / "n.json")
    args = ["--engine", engine, "--stimulus", "sine:1.2:5", "--tstop", "0.3", "--tmax", "1e-3", "--save-lambda"]
    if engine != "native":
        args += ["--flavour", "codemodel"]
    nwn("run", tmp_path / "n.json", *args, "--quiet", "--out", tmp_path / "cli")
    flavour = "auto" if engine == "native" else "codemodel"
    r = nwnspice.run(tmp_path / "n.json", "sine:1.2:5", engine=engine, flavour=flavour, tstop=0.3, tmax=1e-3,
                     save_lambda=True)
    assert r.status == "completed" and r.out is None
    assert r.lam.shape == (len(r.t), len(r.lam_junctions))
    same_run(r, tmp_path / "cli")


def test_engines_agree(small_net):
    """The three engines on one network: SPICE's adaptive steps against the fixed-step native engine."""
    kw = dict(tstop=0.2, tmax=1e-3)
    native = nwnspice.run(small_net, 1.0, engine="native", **kw)
    lib = nwnspice.run(small_net, 1.0, engine="libngspice", flavour="codemodel", **kw)
    cli = nwnspice.run(small_net, 1.0, engine="ngspice-cli", flavour="codemodel", **kw)
    assert lib.record["engine"] == "libngspice" and cli.record["engine"] == "ngspice-cli"
    # The two SPICE engines run the same deck in the same ngspice: the CLI's raw file holds doubles.
    assert np.allclose(cli.G, np.interp(cli.t, lib.t, lib.G), rtol=1e-6)
    # Native explicit Euler vs SPICE's trapezoidal integration at the same 1 ms step: within 1 % of G
    # (tests/engine compares the engines in detail).
    assert lib.G[-1] == pytest.approx(native.G[-1], rel=1e-2)


def test_keeps_out_and_reads_it(tmp_path, small_net):
    r = nwnspice.run(small_net, 0.8, tstop=0.05, save_events=True, out=tmp_path / "run")
    assert r.out == tmp_path / "run" and (tmp_path / "run" / "run.json").exists()
    assert json.loads((tmp_path / "run" / "run.json").read_text())["stimulus"] == "dc:0.8"
    assert r.events is not None and len(r.events) == len(r.t)
    again = nwnspice.read_run(tmp_path / "run")
    assert np.array_equal(again.G, r.G)


def test_deck_run(tmp_path, small_net):
    (tmp_path / "n.cir").write_text(small_net.netlist(stimulus="dc:1", tstop=0.05, load_device=False))
    r = nwnspice.run(tmp_path / "n.cir", engine="libngspice")
    assert r.status == "completed" and r.record["deck"].endswith("n.cir")
    drain = small_net.electrodes[1]["name"]
    assert "t" in r.columns and any(drain in name for name in r.columns)


@pytest.mark.parametrize("engine", ["native", "libngspice"])
def test_multi_electrode_run_equals_cli(tmp_path, small_net, engine):
    small_net.choose_electrodes("edges:4")
    small_net.save(tmp_path / "n.json")
    nwn("run", tmp_path / "n.json", "--engine", engine, "--flavour", "codemodel", "--drive", "c0=sine:1:5",
        "--drive", "c2=dc:0.3", "--float", "c1", "--load", "c3=10k", "--tstop", "0.1", "--quiet", "--out", tmp_path / "cli")
    r = nwnspice.run(small_net, {"c0": "sine:1:5", "c2": 0.3}, floating=["c1"], loads={"c3": "10k"}, engine=engine,
                     flavour="codemodel", tstop=0.1)
    assert {"V_c0", "I_c3"} <= r.columns.keys()
    # ngspice solves for the driven node's voltage too: its round-off, nothing more
    assert np.allclose(r.electrode_V("c2"), 0.3, rtol=1e-12, atol=0)
    same_run(r, tmp_path / "cli")


def test_miranda_model_equals_cli(tmp_path, small_net):
    """model= is `nwn run --model`: the Turin rate-balance junction, natively and through the code model."""
    small_net.save(tmp_path / "n.json")
    for engine, flavour in (("native", "auto"), ("libngspice", "codemodel")):
        cli = tmp_path / ("cli-" + engine)
        nwn("run", tmp_path / "n.json", "--model", "miranda", "--engine", engine, "--flavour", flavour,
            "--stimulus", "sine:3:5", "--tstop", "0.2", "--tmax", "1e-3", "--save-lambda", "--quiet", "--out", cli)
        r = nwnspice.run(tmp_path / "n.json", "sine:3:5", engine=engine, flavour=flavour, model="miranda",
                         tstop=0.2, tmax=1e-3, save_lambda=True)
        assert r.record["model"] == "miranda"
        same_run(r, cli)
        # g is the miranda state in [0, 1] (the tunnelling model's λ stays below 0.15 V·s); the SPICE
        # integrator may step past the bound by rounding (1e-12 seen), hence the 1e-9.
        assert 0 <= r.lam.min() and r.lam.max() <= 1 + 1e-9 and r.lam.max() > 0.1


def test_model_parameters_and_errors(small_net):
    p = nwnspice.junction_params(model="miranda")
    assert "kp0" in p and "vset" not in p
    assert nwnspice.junction_params()["vset"] > 0  # the default model stays hochstetter
    with pytest.raises(Exception, match="hochstetter"):
        nwnspice.junction_params(model="memristor")
    with pytest.raises(Exception, match="vset"):
        nwnspice.run(small_net, 1.0, model="miranda", params={"vset": 0.1}, tstop=0.01)
    assert "miranda" in small_net.netlist(model="miranda", load_device=False).lower()
