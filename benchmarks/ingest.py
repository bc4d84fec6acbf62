"""How long `ingest` takes: the sample, the real plans beside the project, and growing copies of each.

Run by hand (`.venv/bin/python benchmarks/ingest.py`); it prints figures and asserts
nothing, since timings depend on the machine. The real plans are read from
`../shared/corpus/` where it exists. The growing copies show whether the time
grows linearly with the size of the text: each row prints the time per megabyte.
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

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
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


def report(label: str, path: Path, times: list[float]) -> None:
    size = path.stat().st_size
    median = statistics.median(times)
    print(
        f"{label:28} {size / 1024:9.0f} KB  median {median:9.1f} ms (min {min(times):.1f}, max {max(times):.1f})"
        f"  {median / (size / 2**20):8.0f} ms/MB"
    )


def growth(label: str, make, sizes: list[int], tmp: Path) -> None:
    """The same document made `n` times larger, for each n: time per MB should stay flat."""
    for n in sizes:
        path = tmp / f"{label}-{n}.txt"
        path.write_text(make(n), encoding="utf-8")
        report(f"{label} x{n}", path, timings(path, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per document (default 5)")
    parser.add_argument(
        "--sizes",
        default="10,40,160",
        help="copies for the growth rows (default 10,40,160; 500 is about 20 MB)",
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    sample = sample_path()
    text = sample.read_text(encoding="utf-8")
    ingest(sample)  # the first ingest compiles patterns and loads modules: leave it out of the figures
    report("sample", sample, timings(sample, args.runs))
    real = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.html")) if CORPUS.exists() else []
    for path in real:
        report(path.name, path, timings(path, args.runs))
    with tempfile.TemporaryDirectory() as tmp:
        growth("sample", lambda n: large_text(text, n), sizes, Path(tmp))
        for path in real[:1]:
            printed = path.read_text(encoding="utf-8")
            growth(
                path.stem, lambda n, printed=printed: printed * n, [max(1, n // 4) for n in sizes], Path(tmp)
            )


if __name__ == "__main__":
    main()
