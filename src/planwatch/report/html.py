"""A report as one self-contained HTML page, to read in a browser or print to A4.

Offices open reports on machines without internet access and pass them on as a
single file, so the page holds its styles and its charts (PNG as data: URLs)
and refers to nothing outside itself. The page depends only on the report, so
two runs on the same content give the same bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from planwatch.plan.vocabulary import STATUS_COLOURS, STATUS_ZH, figure_text
from planwatch.report import layout, palette
from planwatch.report.content import Report, project_summary, task_summary
from planwatch.report.figures import MISSING_FONT, cjk_family, indicator_path, status_overview
from planwatch.report.palette import ink

_ENV = Environment(
    loader=PackageLoader("planwatch.report", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_ENV.filters["figure"] = lambda x: figure_text(x, layout.EMPTY)
_ENV.filters["cell"] = lambda s: s or layout.EMPTY
_ENV.filters["chinese"] = layout.chinese_number


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(report: Report) -> str:
    """The page for `report` as text; charts follow the main table's order (none, said so, without a CJK font)."""
    charts: list[tuple[str, str]] = []
    undrawn: list[str] = []
    font = cjk_family() is not None
    for group in report.groups if font else ():
        for row in group.rows:
            drawn = report.charts.get(row.indicator)
            png = indicator_path(row.name, drawn) if drawn is not None else None
            if png is None:
                undrawn.append(row.name)
            else:
                charts.append((row.name, _data_url(png)))
    overview = status_overview(report.counts, f"{report.year}年主要指标进展情况") if font else None
    return _ENV.get_template("report.html").render(
        report=report,
        layout=layout,
        overview=_data_url(overview) if overview is not None else "",
        missing_font="" if font else MISSING_FONT,
        charts=charts,
        undrawn=undrawn,
        colours={s: (fill, ink(fill)) for s, fill in STATUS_COLOURS.items()},
        palette=palette,
        status_names=STATUS_ZH,
        met=layout.met_text,
        task_summary=task_summary(report),
        project_summary=project_summary(report),
        actual_heads=layout.actual_heads(report),
        chapters=layout.evaluation_chapters(report),
        date=f"{report.date.year}年{report.date.month}月{report.date.day}日",
    )


def write_html(report: Report, path: Path) -> None:
    """Write the report as a self-contained, printable HTML page at `path` (UTF-8, '\\n' line ends)."""
    path.write_bytes(render_html(report).encode("utf-8"))
