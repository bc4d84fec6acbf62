"""How long ingestion takes: the sample, and a document 50 times its size. Run by hand; prints figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from planwatch.cli import sample_path
from planwatch.ingest import ingest


def _times(path: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        ingest(path)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs on the sample")
    parser.add_argument("--large-runs", type=int, default=3, help="runs on the 50× document")
    args = parser.parse_args()
    sample = sample_path()
    text = sample.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large.txt"
        large.write_text(header + "\n" + "\n".join([body] * 50), encoding="utf-8")
        for label, path, runs in (("sample", sample, args.runs), ("50x sample", large, args.large_runs)):
            times = _times(path, runs)
            size = len(path.read_text(encoding="utf-8"))
            print(
                f"{label}: {size} chars, median {statistics.median(times):.1f} ms "
                f"(min {min(times):.1f}, max {max(times):.1f}, {runs} runs)"
            )


if __name__ == "__main__":
    main()
