"""Benchmark: `painwise assess` on 10,000 generated intakes, whole command, wall clock.

    python bench/bench_assess_cli.py [--count 10000] [--runs 5]

Reports the median and the range over the runs, including interpreter start-up.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "intakes.json"
        subprocess.run(
            [sys.executable, str(here / "generate_intakes.py"), str(args.count), str(path)],
            check=True,
        )
        size = path.stat().st_size
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "painwise.cli", "assess", str(path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"painwise assess failed: {result.stderr}")
    print(
        f"painwise assess, {args.count} intakes ({size // 1024} KiB): "
        f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s "
        f"over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
