"""Reports an office hands in: the annual monitoring report, the mid-term and the final evaluation."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from planwatch.report.content import Report, build_report

FORMATS = ("docx", "xlsx", "html")

__all__ = ["FORMATS", "Report", "build_report", "write_report"]


def write_report(report: Report, fmt: str, path: Path, template: Path | None = None) -> None:
    """Write the report in one of FORMATS; `template` is an office's own .docx for Word reports.

    Each writer is imported only when used: matplotlib is slow to load.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: one of {', '.join(FORMATS)}")
    writer = getattr(import_module(f"planwatch.report.{fmt}"), f"write_{fmt}")
    if fmt == "docx":
        writer(report, path, template)
    else:
        writer(report, path)
