"""How long a report of 25 indicators with charts takes in each form. Run by hand; prints figures.

.venv/bin/python benchmarks/report.py [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import tempfile
import time
from pathlib import Path

from planwatch.report import FORMATS, build_report, write_report

# The 25 indicators of every kind and their five years of figures, as benchmarks/evaluate.py makes them.
_spec = importlib.util.spec_from_file_location("evaluate_bench", Path(__file__).with_name("evaluate.py"))
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    indicators, observations = _bench.plan(0, random.Random(1))
    for ind, category in zip(
        indicators, ["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"] * 5, strict=True
    ):
        ind.category = category
    start = time.perf_counter()
    report = build_report(
        indicators, observations, 2023, "midterm", plan_title="测试规划", date=dt.date(2026, 1, 1)
    )
    print(f"content of 25 indicators: {(time.perf_counter() - start) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in FORMATS:
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                write_report(report, fmt, Path(tmp) / f"report.{fmt}")
                times.append(time.perf_counter() - t)
            size = (Path(tmp) / f"report.{fmt}").stat().st_size
            print(
                f"{fmt}: median {statistics.median(times):.2f} s (min {min(times):.2f}, {args.runs} runs), {size / 1024:.0f} KiB"
            )


if __name__ == "__main__":
    main()
