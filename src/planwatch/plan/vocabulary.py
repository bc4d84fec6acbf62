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
# The unit of a rate's yearly figures, and of a change of a figure in that unit (a rise of 2 points).
PERCENT = "%"
POINTS = "个百分点"
POINTS_EN = "points"


def is_rate_name(name: str) -> bool:
    """Whether an indicator's yearly figures are rates in %: its name says it grows or falls.

    地区生产总值增长 and 单位GDP能源消耗降低 are judged on yearly rates, while
    地区生产总值 is a level; the name is all a spreadsheet row has to tell them apart.
    """
    return any(word in name for word in RATE_WORDS)


def is_reduction_name(name: str) -> bool:
    """Whether an indicator's name says its figures are a fall (单位GDP能耗降低), to be judged as one."""
    return any(word in name for word in REDUCTION_WORDS)


PER_YEAR = "/年"


def count_en(n: int, noun: str, plural: str = "") -> str:
    """A count in English with its noun: 1 row, 7 rows, 2 headings (no "row(s)")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def per_year(unit: str) -> str:
    """A unit a year, as the remaining years' need is written: 人/年, 个百分点/年."""
    return f"{unit}{PER_YEAR}"


def change_unit(unit: str) -> str:
    """The unit of a change of a figure: 个百分点 for a figure in %, else the figure's own unit."""
    return POINTS if unit == PERCENT else unit


# --- what a unit or a name says a figure can be ------------------------------------------------------

# A name holding this is an index (居民消费价格指数, 上年=100): in %, yet no share (102.5 is a rise).
INDEX_WORD = "指数"
# A name holding one of these gives yearly changes, which may be negative (居民消费价格涨幅).
CHANGE_WORDS: tuple[str, ...] = (*RATE_WORDS, "涨幅", "增幅")
# Units that count people or things: a figure in one is not negative (每千人口床位数 张, 城镇新增就业 万人).
COUNT_UNITS: tuple[str, ...] = (
    "人", "万人", "人次", "万人次", "个", "万个", "家", "户", "万户", "所", "张", "件", "项", "座", "台",
    "辆", "名", "处", "套", "万套", "床",
)  # fmt: skip
# Units of money: a level in one (an income, an output, an investment) is not negative.
MONEY_UNITS: tuple[str, ...] = ("亿元", "万元", "元", "万美元", "亿美元", "美元")


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
# The statuses a progress ratio earns at or above a threshold of the same name (the evaluation
# settings), highest first; below the last one it is severely lagging.
PROGRESS_THRESHOLDS: tuple[Status, ...] = ("ahead", "on_track", "lagging")
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


# --- anticipated progress (预计完成情况) ----------------------------------------------------------------

# Whether the trend so far takes an indicator to its target by the target year: it does, it falls short
# by less than the on-track band, or by more.
Likelihood = Literal["likely", "difficult", "unlikely"]
LIKELIHOOD_ZH: dict[str, str] = {
    "likely": "预计能完成",
    "difficult": "完成有难度",
    "unlikely": "预计难以完成",
}
LIKELIHOOD_EN: dict[str, str] = {
    "likely": "likely to be met",
    "difficult": "hard to meet",
    "unlikely": "unlikely to be met",
}
# The status whose colour a likelihood is drawn in.
LIKELIHOOD_STATUS: dict[str, Status] = {
    "likely": "ahead",
    "difficult": "lagging",
    "unlikely": "severely_lagging",
}


def likelihood_label(likelihood: str, lang: str = "zh") -> str:
    """A likelihood in words, in Chinese or English."""
    return (LIKELIHOOD_EN if lang == "en" else LIKELIHOOD_ZH).get(likelihood, likelihood)


# --- the plan's tasks ---------------------------------------------------------------------------------

TaskStatus = Literal["not_started", "in_progress", "done", "late"]
# In the order a progress sentence names them: what is finished first.
TASK_STATUS_ZH: dict[str, str] = {
    "done": "已完成",
    "in_progress": "推进中",
    "not_started": "未启动",
    "late": "滞后",
}


# --- data vintages (数据类型) --------------------------------------------------------------------------

# A year's figure is first published preliminary (初步核算, 快报: the communiqué of the next spring) and
# later final (最终核实, 统计年鉴); a judgement on a preliminary figure says so.
Vintage = Literal["preliminary", "final"]
VINTAGES: tuple[Vintage, ...] = ("preliminary", "final")
VINTAGE_ZH: dict[str, str] = {"preliminary": "初步核算", "final": "最终核实"}
VINTAGE_EN: dict[str, str] = {"preliminary": "preliminary", "final": "final"}
# The words a workbook's 数据类型 column uses for each.
VINTAGE_WORDS: dict[str, Vintage] = {
    "初步核算": "preliminary", "初步核算数": "preliminary", "初步": "preliminary", "初核": "preliminary",
    "快报": "preliminary", "快报数": "preliminary", "初步数": "preliminary",
    "最终核实": "final", "最终核实数": "final", "最终": "final", "核实": "final", "核实数": "final",
    "年鉴": "final", "统计年鉴": "final", "年报": "final", "最终数": "final",
    **{english: vintage for vintage, english in VINTAGE_EN.items()},
}  # fmt: skip


def vintage_label(vintage: str, lang: str = "zh") -> str:
    """A vintage in words, in Chinese or English."""
    return (VINTAGE_EN if lang == "en" else VINTAGE_ZH).get(vintage, vintage)


# --- how figures and targets are written -------------------------------------------------------------

_GROWTH_FIGURE = re.compile(
    r"(?P<before>[<>≤≥＜＞约]?)\s*(?P<figure>[-−]?\d+(?:\.\d+)?)\s*[%％]?(?P<after>以上|以下|以内|左右)?"
)


# What stands where there is no figure: a table cell, a sentence's missing figure.
NO_FIGURE = "—"


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


# --- words a reader looks for ------------------------------------------------------------------------

# A name or a column header holding one of these holds yearly growth rates: 地区生产总值增长, 年均增速.
GROWTH_WORDS: tuple[str, ...] = tuple(w for w in RATE_WORDS if w not in REDUCTION_WORDS)
# A fall as a cell prints it before its figure (累计降低8.2); 降幅 names a fall but never stands there.
FALL_WORDS: tuple[str, ...] = tuple(w for w in REDUCTION_WORDS if w != "降幅")
# An attribute as a narrow column prints it, cut short: 预期 → 预期性.
ATTRIBUTE_SHORT: dict[str, Attribute] = {a.removesuffix("性"): a for a in ATTRIBUTES}
# A name whose unit print left empty (比重()) lost a %: it names a share (比重, 比例, 比率, 率) or a rate;
# of the rate words 增速 and 减少 are not among them: an empty unit after them has not been seen to mean %.
_SHARE_WORDS = ("比重", "比例", "比率", "率")
PERCENT_NAME_WORDS: tuple[str, ...] = (*_SHARE_WORDS, "增长", *(w for w in REDUCTION_WORDS if w != "减少"))
# A name holding one of these names a share of a whole (城镇化率, 第三产业增加值占比): within 0-100 %.
SHARE_WORDS: tuple[str, ...] = (*_SHARE_WORDS, "占比")

# Words after a figure that bound it as a table's cell prints it (170以上, 5左右): a cell has no
# 及以上 or 及以下.
CELL_BOUNDS: tuple[str, ...] = tuple(w for w in COMPARE_AFTER if not w.startswith("及"))
# The comparators a table's cell line may end on, its figure wrapped to the next line (不低于 / 5): no
# signs (a sign is no word to wrap after) and none of the rarer words prose uses.
CELL_BEFORE: tuple[str, ...] = ("超过", "不低于", "不高于", "低于", "高于", "约")

# Prose compares with more words than COMPARE_BEFORE (突破, 超, 逾, 不足), and with fewer: no signs, no
# 大约 (prose writes 约), none of speed (快于 compares rates, not figures). 约 is a comparator only where
# it is no part of a word (节约, 制约, 签约…): planwatch.ingest.figures sees to it.
PROSE_BEFORE: dict[str, Comparator] = {
    "不低于": "ge", "不少于": "ge", "不小于": "ge",
    "不高于": "le", "不超过": "le", "不大于": "le",
    "超过": "gt", "突破": "gt", "高于": "gt", "大于": "gt", "多于": "gt",
    "低于": "lt", "小于": "lt", "少于": "lt", "不足": "lt",
    "超": "gt", "逾": "gt", "约": "about",
}  # fmt: skip
# After a figure prose also writes 之内 and 上下 (增长5%上下); not 及以下, which it writes of ages and
# grades (60岁及以下), not of a target.
PROSE_AFTER: dict[str, Comparator] = {
    **{w: COMPARE_AFTER[w] for w in ("及以上", *CELL_BOUNDS)},
    "之内": "le",
    "上下": "about",
}
# Verbs of change in prose: more than a name's words, as prose says how a figure moves (压减产能, 缩小差距);
# 降幅 is a noun and no verb.
INCREASE_VERBS: tuple[str, ...] = ("增长", "提高", "提升", "增加", "新增", "扩大", "上升")
DECREASE_VERBS: tuple[str, ...] = (*FALL_WORDS, "压减", "削减", "缩小", "缩减", "压缩", "减量")
