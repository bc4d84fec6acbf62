"""The words of the domain, each defined once.

Readers, the judge, the reports, the CLI and the web pages all say "约束性", "滞后" or "以上";
when each keeps its own copy the copies drift, so every list, label and colour lives here and
everything else imports it.
"""

from __future__ import annotations

import re
from typing import Literal

# --- attributes (属性) -------------------------------------------------------------------------------

Attribute = Literal["预期性", "约束性"]
EXPECTED: Attribute = "预期性"
BINDING: Attribute = "约束性"
ATTRIBUTES: tuple[Attribute, ...] = (EXPECTED, BINDING)
ATTRIBUTE_EN: dict[str, str] = {EXPECTED: "expected", BINDING: "binding"}

# --- comparators -------------------------------------------------------------------------------------

Comparator = Literal["ge", "gt", "le", "lt", "about"]

# Words and signs before a figure or an indicator that compare with it.
COMPARE_BEFORE: dict[str, Comparator] = {
    "≥": "ge", ">=": "ge", "不低于": "ge", "不少于": "ge", "不小于": "ge", "不慢于": "ge",
    ">": "gt", "大于": "gt", "高于": "gt", "超过": "gt", "多于": "gt", "快于": "gt",
    "≤": "le", "<=": "le", "不超过": "le", "不高于": "le", "不大于": "le", "不多于": "le", "不快于": "le",
    "<": "lt", "小于": "lt", "低于": "lt", "少于": "lt", "慢于": "lt",
    "约": "about", "大约": "about",
}  # fmt: skip

# Words after a figure that compare with it.
COMPARE_AFTER: dict[str, Comparator] = {
    "以上": "ge", "及以上": "ge", "以下": "le", "及以下": "le", "以内": "le", "左右": "about",
}  # fmt: skip

# How a figure with a comparator is written back: {} is the figure.
COMPARATOR_PHRASE: dict[Comparator, str] = {
    "ge": "{}以上",
    "gt": "超过{}",
    "le": "{}以下",
    "lt": "低于{}",
    "about": "{}左右",
}
COMPARATOR_PHRASE_EN: dict[Comparator, str] = {
    "ge": "at least {}",
    "gt": "over {}",
    "le": "at most {}",
    "lt": "under {}",
    "about": "about {}",
}

# --- what an indicator's name says about its figures -------------------------------------------------

# A name ending in one of these is judged on a fall: 单位GDP能耗降低, 碳排放下降.
REDUCTION_WORDS: tuple[str, ...] = ("降低", "下降", "降幅", "减少")
# A name holding one of these is reported as a yearly rate in %, not a level.
RATE_WORDS: tuple[str, ...] = ("增长", "增速", *REDUCTION_WORDS)

# --- progress status (进展状态) ------------------------------------------------------------------------

Status = Literal["achieved", "ahead", "on_track", "lagging", "severely_lagging", "not_assessable"]
STATUSES: tuple[Status, ...] = (
    "achieved",
    "ahead",
    "on_track",
    "lagging",
    "severely_lagging",
    "not_assessable",
)
BEHIND: tuple[Status, ...] = ("lagging", "severely_lagging")
STATUS_ZH: dict[str, str] = {
    "achieved": "提前实现",
    "ahead": "快于预期",
    "on_track": "基本符合预期",
    "lagging": "滞后",
    "severely_lagging": "严重滞后",
    "not_assessable": "无法评估",
}
STATUS_EN: dict[str, str] = {
    "achieved": "achieved ahead of time",
    "ahead": "ahead of the path",
    "on_track": "on track",
    "lagging": "lagging",
    "severely_lagging": "severely lagging",
    "not_assessable": "not assessable",
}
# One palette for the pages, the charts, Word and Excel (the CSS is checked against it by a test).
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#0b6e4f",
    "ahead": "#2f9e44",
    "on_track": "#1c7ed6",
    "lagging": "#e8590c",
    "severely_lagging": "#c92a2a",
    "not_assessable": "#868e96",
}


def status_label(status: str, lang: str = "zh") -> str:
    """A status in words, in Chinese or English."""
    return (STATUS_EN if lang == "en" else STATUS_ZH).get(status, status)


# --- reports -----------------------------------------------------------------------------------------

ReportKind = Literal["annual", "midterm", "final"]
REPORT_KINDS: tuple[ReportKind, ...] = ("annual", "midterm", "final")
REPORT_KIND_ZH: dict[str, str] = {
    "annual": "年度监测报告",
    "midterm": "中期评估报告",
    "final": "总结评估报告",
}
REPORT_KIND_EN: dict[str, str] = {
    "annual": "annual monitoring report",
    "midterm": "mid-term evaluation",
    "final": "final evaluation",
}


# --- how figures and targets are written -------------------------------------------------------------

_GROWTH_FIGURE = re.compile(
    r"(?P<before>[<>≤≥＜＞约]?)\s*(?P<figure>[-−]?\d+(?:\.\d+)?)\s*[%％]?(?P<after>以上|以下|以内|左右)?"
)


def figure_text(value: float | None, empty: str = "") -> str:
    """A figure as an office writes it: thousands separated, at most two decimals, no trailing zeros
    (30.36, 100, 1,234.5); `empty` for none."""
    if value is None:
        return empty
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def exact_text(value: float) -> str:
    """A figure as entered, without float noise or rounding: 65.0 -> 65, 6.500000000000001 -> 6.5."""
    return format(value, ".15g")


def growth_text(growth: str, lang: str = "zh") -> str:
    """A growth cell as a phrase: 7 -> 年均增长7%, ＞6.5 -> 年均增长＞6.5%, 6左右 -> 年均增长6%左右;
    words the plan wrote (与经济增长基本同步) stay as written."""
    m = _GROWTH_FIGURE.fullmatch(growth.strip())
    if not m:
        return growth
    if lang == "en":
        after = COMPARATOR_PHRASE_EN[COMPARE_AFTER[m["after"]]] if m["after"] else "{}"
        return "average annual growth " + after.format(f"{m['before']}{m['figure']}%")
    return f"年均增长{m['before']}{m['figure']}%{m['after'] or ''}"


def target_text(level: str, growth: str, empty: str = "", lang: str = "zh") -> str:
    """A baseline or target as the plan writes it, with its growth: 302，年均增长7%."""
    parts = [level] if level else []
    if growth:
        parts.append(growth_text(growth, lang))
    return "，".join(parts) or empty
