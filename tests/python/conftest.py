"""Shared fixtures of the nwnspice Python tests (run by CTest: tests/python/CMakeLists.txt)."""
import os
import pathlib
import subprocess

import pytest

import nwnspice


def reference_dir(why: str) -> pathlib.Path:
    """NWNsim's reference data (NWN_REFERENCE_DIR, else the build's setting), or a skip that CTest reports
    as skipped: the reason starts with "SKIPPED:", as tests/support/reference.h prints it."""
    d = pathlib.Path(os.environ.get("NWN_REFERENCE_DIR") or os.environ.get("NWN_REFERENCE_DIR_DEFAULT", "../shared/reference"))
    if not (d / "nwnsim").is_dir():
        pytest.skip("SKIPPED: NWNsim reference data not found at %s (set NWN_REFERENCE_DIR); cannot check %s" % (d, why))
    return d


def source_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("NWN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def nwn(*args: str) -> subprocess.CompletedProcess:
    """The CLI built with the package; fails the test on a non-zero exit."""
    p = subprocess.run([str(nwnspice.nwn_path()), *map(str, args)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p


@pytest.fixture
def small_net() -> nwnspice.Network:
    """A 60-wire network (seed 3) with two contacts: quick in every engine."""
    return nwnspice.Network.generate(wires=60, lx=20, seed=3, electrodes="farthest")
