"""The examples in examples/python run (with small arguments) and succeed."""
import os
import subprocess
import sys

from conftest import source_dir

EXAMPLES = source_dir() / "examples" / "python"


# (golden_activation.py, which needs NWNsim's reference data, runs in test_golden.py)
def run_example(name, *args):
    p = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True, env=os.environ)
    assert p.returncode == 0, p.stdout + p.stderr
    return p.stdout


def test_avalanche_ensemble():
    out = run_example("avalanche_ensemble.py", "--seeds", "3", "--tstop", "3", "--resamples", "20")
    assert '"avalanches"' in out


def test_closed_loop():
    assert "of the set point" in run_example("closed_loop.py")
