"""Reports an office hands in: the annual monitoring report, the mid-term and the final evaluation."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from planwatch.report.content import Report, build_report

FORMATS = ("docx", "xlsx", "html")

__all__ = ["FORMATS", "Report", "build_report", "write_report"]


def write_report(report: Report, fmt: str, path: Path) -> None:
    """Write the report in one of FORMATS (each writer is imported only when used: matplotlib is slow to load)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: one of {', '.join(FORMATS)}")
    writer = getattr(import_module(f"planwatch.report.{fmt}"), f"write_{fmt}")
    writer(report, path)
