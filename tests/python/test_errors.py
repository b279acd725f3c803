"""Bad input raises nwnspice.Error (a ValueError) with the CLI's own message."""
import subprocess
import threading
import time

import pytest

import nwnspice


def cli_error(*args):
    p = subprocess.run([str(nwnspice.nwn_path()), *map(str, args)], capture_output=True, text=True)
    assert p.returncode != 0
    return p.stderr


def test_error_is_value_error():
    assert issubclass(nwnspice.Error, ValueError)


def test_messages_are_the_clis(tmp_path, small_net):
    small_net.save(tmp_path / "n.json")
    cases = [
        (dict(engine="spectre"), ["--engine", "spectre"]),  # the only case naming another engine
        (dict(tstop=0.1, tmax=0.5), ["--tstop", "0.1", "--tmax", "0.5"]),
        (dict(preset="hot"), ["--preset", "hot"]),
        (dict(params={"nosuch": 1.0}), ["--param", "nosuch=1.0"]),
        (dict(drives="sine:1"), ["--stimulus", "sine:1"]),
        (dict(ic=[0.0, 0.1]), None),
    ]
    for kwargs, cli_args in cases:
        with pytest.raises(nwnspice.Error) as e:
            nwnspice.run(small_net, **{"engine": "native", **kwargs})
        msg = str(e.value)
        assert msg
        if cli_args:
            engine = [] if "engine" in kwargs else ["--engine", "native"]
            assert msg in cli_error("run", tmp_path / "n.json", *engine, *cli_args, "--out", tmp_path / "o")


def test_bad_drives_and_files(tmp_path, small_net):
    with pytest.raises(nwnspice.Error, match="gate"):
        nwnspice.run(small_net, {"gate": 1.0})
    with pytest.raises(nwnspice.Error, match="every electrode floats"):
        nwnspice.run(small_net, floating=["src", "drn"])
    with pytest.raises(nwnspice.Error, match="missing.json"):
        nwnspice.Network.load(tmp_path / "missing.json")
    with pytest.raises(nwnspice.Error, match="seed"):
        nwnspice.Network.generate(wires=10, lx=10, seed=-1)
    with pytest.raises(nwnspice.Error):
        nwnspice.Network.generate(wires=10, density=0.1, lx=10)
    with pytest.raises(nwnspice.Error, match="unknown engine 'spectre'"):
        nwnspice.Simulation(small_net, 1.0, engine="spectre")
    with pytest.raises(nwnspice.Error, match="no electrode named 'gate'"):
        nwnspice.Simulation(small_net, 1.0).set_drive("gate", 1.0)


def test_failed_run_raises_runtime_error(small_net):
    # A wall-clock limit far below one step's time: the run fails as `nwn run --wall-limit` does.
    with pytest.raises(RuntimeError, match="wall-clock limit"):
        nwnspice.run(small_net, 1.0, tstop=100, tmax=1e-3, wall_limit=1e-6)
    r = nwnspice.run(small_net, 1.0, tstop=100, tmax=1e-3, wall_limit=1e-6, check=False)
    assert r.status == "failed" and r.record["status"] == "failed"


def test_second_libngspice_session_is_refused(tmp_path, small_net):
    """libngspice keeps its state in globals: a run started while another holds the session is refused."""
    big = nwnspice.Network.generate(density=0.2, lx=60, seed=2, electrodes="bars:0.05")
    results = {}

    def first():
        results["r"] = nwnspice.run(big, 1.0, engine="libngspice", flavour="codemodel", tstop=1000, wall_limit=4,
                                    out=tmp_path / "first", check=False)

    th = threading.Thread(target=first)
    th.start()
    # deck.cir is written just before the session is opened; the session then runs for 4 s
    deadline = time.monotonic() + 30
    while not (tmp_path / "first" / "deck.cir").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    with pytest.raises(nwnspice.Error, match="an ngspice session is already active in this process"):
        nwnspice.run(small_net, 1.0, engine="libngspice", flavour="codemodel", tstop=0.01)
    th.join()
    assert results["r"].status == "failed" and "wall-clock limit" in results["r"].message
    # once it has ended, the next session is fine
    assert nwnspice.run(small_net, 1.0, engine="libngspice", flavour="codemodel", tstop=0.01).status == "completed"
