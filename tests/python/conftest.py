"""Shared fixtures of the nwnspice Python tests (run by CTest: tests/python/CMakeLists.txt)."""
import os
import pathlib
import subprocess

import pytest

import nwnspice


# Skips as tests/support/skip.h makes them: an exit status (CTest's SKIP_RETURN_CODE), never a word in the
# output; a capability listed in NWN_REQUIRE (CI) fails instead of skipping. One CTest test per file, so a file
# whose tests skip holds nothing else.
_skipped = False


def required(capability: str) -> bool:
    return capability in [c.strip() for c in os.environ.get("NWN_REQUIRE", "").split(",")]


def skip(capability: str, why: str) -> None:
    if required(capability):
        pytest.fail("'%s' is required (NWN_REQUIRE=%s) but missing: %s" % (capability, os.environ["NWN_REQUIRE"], why))
    pytest.skip(why)


def pytest_runtest_logreport(report):
    global _skipped
    _skipped = _skipped or report.skipped


def pytest_sessionfinish(session, exitstatus):
    # no failures but something skipped: the skip status (failures keep pytest's own, which never equal it)
    if exitstatus == 0 and _skipped and "NWN_TEST_SKIP_CODE" in os.environ:
        session.exitstatus = int(os.environ["NWN_TEST_SKIP_CODE"])


def reference_dir(why: str) -> pathlib.Path:
    """NWNsim's reference data (NWN_REFERENCE_DIR, else the build's setting), or a skip for want of it
    (capability "reference", as tests/support/reference.h)."""
    d = pathlib.Path(os.environ.get("NWN_REFERENCE_DIR") or os.environ.get("NWN_REFERENCE_DIR_DEFAULT", "../shared/reference"))
    if not (d / "nwnsim").is_dir():
        skip("reference", "NWNsim reference data not found at %s (set NWN_REFERENCE_DIR); cannot check %s" % (d, why))
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
