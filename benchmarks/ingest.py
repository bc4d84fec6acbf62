"""How long `ingest` takes on the sample plan and on a document 50 times its size.

Run by hand (`.venv/bin/python benchmarks/ingest.py`); it prints figures and asserts
nothing, since timings depend on the machine.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from planwatch.cli import sample_path
from planwatch.ingest import ingest

COPIES = 50
CHUNK = re.compile(r"^\d{1,4}、")


def large_text(sample: str, copies: int) -> str:
    """The sample's body `copies` times under its one site header.

    The chunk markers are renumbered to run on through the copies, so the text
    reader joins them into one long run, as it would a long scraped plan, and
    the outline and table readers see one big document rather than short lines.
    """
    header, body = sample.split("\n", 1)
    lines = [CHUNK.sub("", line) for line in body.splitlines() if line.strip()] * copies
    return "\n".join([header, *(f"{n}、{line}" for n, line in enumerate(lines, 1))]) + "\n"


def timings(path: Path, runs: int) -> list[float]:
    """Wall time of each of `runs` ingests of `path`, in ms."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        ingest(path)
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(label: str, chars: int, times: list[float]) -> None:
    print(
        f"{label}: {chars} chars, {len(times)} runs: median {statistics.median(times):.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, help="runs per document (default 7 for the sample, 3 for the large one)"
    )
    args = parser.parse_args()
    sample = sample_path()
    text = sample.read_text(encoding="utf-8")
    ingest(sample)  # the first ingest compiles patterns and loads modules: leave it out of the figures
    report("sample", len(text), timings(sample, args.runs or 7))
    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large.txt"
        big = large_text(text, COPIES)
        large.write_text(big, encoding="utf-8")
        report(f"{COPIES}x sample", len(big), timings(large, args.runs or 3))


if __name__ == "__main__":
    main()
