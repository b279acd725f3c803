"""Network: the generator, files, electrodes, pictures and netlists, against the CLI."""
import numpy as np
import pytest

import nwnspice
from conftest import nwn


def test_generate_is_nwn_generate(tmp_path):
    nwn("generate", "--wires", "120", "--lx", "30", "--seed", "7", "--electrodes", "bars:0.1", "-o", tmp_path / "cli.json")
    net = nwnspice.Network.generate(wires=120, lx=30, seed=7, electrodes="bars:0.1")
    assert net.to_json() == nwnspice.Network.load(tmp_path / "cli.json").to_json()
    assert [e["name"] for e in net.electrodes] == ["src", "drn"] and all(e["bar"] for e in net.electrodes)


def test_arrays_and_round_trip(tmp_path, small_net):
    w, j = small_net.wires, small_net.junctions
    assert w.shape == (small_net.n_wires, 8) and j.shape == (small_net.n_junctions, 2)
    assert (j[:, 0] < j[:, 1]).all() and small_net.junction_points.shape == j.shape
    # centres are the midpoints of the end points (NWNsim's construction)
    assert np.allclose(w[:, 4], (w[:, 0] + w[:, 2]) / 2)
    small_net.save(tmp_path / "n.json")
    back = nwnspice.Network.load(tmp_path / "n.json")
    assert back.to_json() == small_net.to_json()
    assert np.array_equal(back.wires, w)  # shortest round-trip numbers: the same doubles


def test_electrodes(small_net):
    small_net.choose_electrodes("edges:4")
    assert [e["name"] for e in small_net.electrodes] == ["c0", "c1", "c2", "c3"]
    assert small_net.electrode_rule == "edges:4"
    with pytest.raises(nwnspice.Error):
        small_net.choose_electrodes("nearest")


def test_draw_and_netlist(tmp_path, small_net):
    small_net.draw(tmp_path / "n.svg")
    assert "<svg" in (tmp_path / "n.svg").read_text()
    small_net.draw(tmp_path / "c.svg", colour_by="lambda", values=[0.01] * small_net.n_junctions)
    with pytest.raises(nwnspice.Error, match="values for"):
        small_net.draw(tmp_path / "x.svg", colour_by="lambda", values=[0.0])
    deck = small_net.netlist(stimulus="dc:1.2", tstop=0.1, load_device=False)
    assert "DC 1.2" in deck and ".tran" in deck and "nwnjunction" in deck
    assert ".subckt nwn" in small_net.netlist(flavour="subckt", form="subckt").lower()
    # the same text as `nwn netlist` but for the comment naming the command
    small_net.save(tmp_path / "n.json")
    nwn("netlist", tmp_path / "n.json", "--stimulus", "dc:1.2", "--tstop", "0.1", "--cm-load", "none", "-o", tmp_path / "cli.cir")
    strip = lambda text: [l for l in text.splitlines() if "nwn netlist" not in l and "nwnspice.Network.netlist" not in l]
    assert strip(deck) == strip((tmp_path / "cli.cir").read_text())
