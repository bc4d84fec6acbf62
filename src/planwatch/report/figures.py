"""Charts for reports, drawn with matplotlib as PNG: the status overview and each indicator's path.

Chinese labels need a CJK font. The project installs Debian's fonts-noto-cjk;
where no CJK font is found, a report is written without its charts and says
why (MISSING_FONT) rather than printing boxes in place of characters.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt

from planwatch.evaluate.path import Chart
from planwatch.plan.vocabulary import STATUS_COLOURS, STATUS_ZH, STATUSES

_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
)


# File names of the CJK fonts above, for fonts installed after matplotlib cached its list.
_CJK_FILES = re.compile(r"NotoSansCJK|NotoSerifCJK|SourceHan|wqy-zenhei|simhei|msyh", re.IGNORECASE)

# What a report says in place of its charts when the machine has no Chinese font.
MISSING_FONT = (
    "本报告未附图表：生成报告的计算机没有安装中文字体，无法绘制图表。"
    "请安装中文字体（Debian 系统：apt-get install fonts-noto-cjk）后重新生成报告。"
)


def cjk_family() -> str | None:
    """The first CJK font family installed, or None where there is none (the report then goes without charts).

    Only a font found is remembered: one installed while the program runs is found on the next report.
    """
    try:
        return _found_family()
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _found_family() -> str:
    """matplotlib keeps its list of fonts in a cache made on first use, which says nothing of a font
    installed later: when the list has no CJK font, the system's font files are searched and added."""
    family = _known_family()
    if family is None:
        for path in font_manager.findSystemFonts():
            if _CJK_FILES.search(path):
                font_manager.fontManager.addfont(path)
        family = _known_family()
    if family is None:
        raise LookupError("no CJK font")
    return family


def _known_family() -> str | None:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in _CJK_FAMILIES if family in installed), None)


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def _style(family: str) -> dict:
    return {"font.family": family, "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}


def status_overview(counts: dict[str, int], title: str) -> bytes | None:
    """A bar per status, coloured as on the dashboard; None without a CJK font."""
    family = cjk_family()
    if family is None:
        return None
    with plt.rc_context(_style(family)):
        fig, ax = plt.subplots(figsize=(6.2, 2.6))
        labels = [STATUS_ZH[s] for s in STATUSES]
        values = [counts.get(s, 0) for s in STATUSES]
        bars = ax.bar(labels, values, color=[STATUS_COLOURS[s] for s in STATUSES])
        ax.bar_label(bars, labels=[str(v) for v in values], padding=2)
        ax.set_ylabel("指标数（项）")
        ax.set_title(title)
        ax.set_ylim(0, max([*values, 1]) * 1.2)
        return _png(fig)


def _line(ax, points: list[tuple[int, float]], style: str, status: str, label: str) -> None:
    """Points joined in a status's colour: the path in the on-track one, the observations in the lagging one."""
    ax.plot([y for y, _ in points], [v for _, v in points], style, color=STATUS_COLOURS[status], label=label)


def indicator_path(name: str, drawn: Chart) -> bytes | None:
    """The time-elapsed path from baseline to target, the observations and the target line; None with no path
    (or no CJK font: the report says so once, see MISSING_FONT)."""
    family = cjk_family()
    if family is None or drawn.measure == "none" or not any(v is not None for v in drawn.path):
        return None
    with plt.rc_context(_style(family)):
        fig, ax = plt.subplots(figsize=(6.2, 2.8))
        years = drawn.years
        path = [(y, v) for y, v in zip(years, drawn.path, strict=True) if v is not None]
        seen = [(y, v) for y, v in zip(years, drawn.observed, strict=True) if v is not None]
        _line(ax, path, "--", "on_track", "序时进度")
        if seen:
            _line(ax, seen, "o-", "lagging", "实际")
        if drawn.target is not None:
            ax.axhline(
                drawn.target, color=STATUS_COLOURS["achieved"], linewidth=1, label=f"目标 {drawn.target:g}"
            )
        unit = {"index": "指数（基期年=100）", "cumulative": f"累计（{drawn.unit}）"}.get(
            drawn.measure, drawn.unit
        )
        ax.set_ylabel(unit)
        ax.set_xticks(years)
        ax.set_title(name)
        ax.legend(frameon=False, fontsize=8, loc="best")
        return _png(fig)
