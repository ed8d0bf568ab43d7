"""The benchmark script runs (it imports the engine as the command line does)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_measures_the_sample_leaflet():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--repeat", "1",
                           str(ROOT / "fixtures" / "samples" / "leaflet.pdf")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "PDF total: 1 pages" in done.stdout
