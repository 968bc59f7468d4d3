"""Left/right pictures: how long 1,000 take to generate, in memory and through the CLI (which
also starts Python and writes 1,000 files and a manifest). The baseline, in the same run, is
starting the same Python with nothing to do. Prints figures; asserts nothing about time."""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from painwise.clinical.gmi.generate import PARTS, session_pictures

COUNT, RUNS = 1000, 5


def best_of(fn):
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def in_memory():
    svgs = [p.svg() for p in session_pictures(7, COUNT, PARTS, 3)]
    assert len(svgs) == COUNT


def cli():
    with tempfile.TemporaryDirectory() as out:
        painwise = Path(sys.executable).with_name("painwise")
        subprocess.run(
            [str(painwise), "gmi", "generate", "--seed", "7", "--count", str(COUNT), "--out", out],
            check=True,
            capture_output=True,
        )
        assert len(list(Path(out).glob("*.svg"))) == COUNT


def bare_python():
    subprocess.run([sys.executable, "-c", "pass"], check=True)


if __name__ == "__main__":
    sizes = [len(p.svg()) for p in session_pictures(7, COUNT, PARTS, 3)]
    for name, fn in [
        ("baseline: python -c pass", bare_python),
        (f"{COUNT} pictures in memory", in_memory),
        (f"painwise gmi generate --count {COUNT}", cli),
    ]:
        best, median = best_of(fn)
        print(f"{name:42s} best {best * 1000:7.0f} ms   median {median * 1000:7.0f} ms")
    print(
        f"picture size: median {statistics.median(sizes) / 1024:.1f} KiB, "
        f"largest {max(sizes) / 1024:.1f} KiB"
    )
