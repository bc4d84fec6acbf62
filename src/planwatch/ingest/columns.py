"""What an indicator table's columns and row names say, for real and flattened tables alike.

Indicator tables print a few lead columns (序号, 指标, 单位), then value
columns under one or two header levels (“十三五”基数 / 2020年绝对值, 年均增长(%)),
then 属性. Knowing which value columns hold levels and which hold growth rates
is what lets fused digits be split and lone figures be placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.plan.tables import column_kind
from planwatch.plan.vocabulary import PERCENT_NAME_WORDS, REDUCTION_WORDS

LEAD_WORDS = ("序号", "指标名称", "计划指标", "主要指标", "指标", "类别", "领域", "单位")
TAIL_WORDS = ("属性", "指标属性", "备注")
GROUP = re.compile(
    r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?(?:目标|完成情况|基数|实际|预计|末)?"
    r"|20\d\d年(?:目标|基数|预计|规划目标)"
    r"|(?:规划|基期|目标)(?:值|年)?(?=20\d\d年|年均)"
)
SUB = re.compile(
    r"20\d\d年(?:绝对值|值|目标值)?|绝对值|年均增长(?:率)?\s*[(（]\s*%?\s*[)）]|年均增长(?:率)?|年均增速|累计"
)
REDUCTION_NAME = re.compile(f"({'|'.join(REDUCTION_WORDS)})(率)?$")
PERCENT_NAME = re.compile(f"({'|'.join(PERCENT_NAME_WORDS)}|占.*比)")
UNIT_PAREN = re.compile(r"[(（]([^()（）]{0,20})[)）]")
# The numeral of a group row (一、经济发展 … 十二、…): a Chinese number from one to ninety-nine.
GROUP_NUMERAL = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"


@dataclass(frozen=True)
class ValueColumn:
    name: str
    kind: str  # "level" or "growth"
    target: bool  # the column holds targets (目标), not baselines or results


def value_column(name: str) -> ValueColumn:
    """A value column holds growth rates when its header says 增长/增速, else levels."""
    return ValueColumn(name, column_kind(name), "目标" in name)


def is_reduction(name: str) -> bool:
    return bool(REDUCTION_NAME.search(name))


def split_name(text: str) -> tuple[str, str | None, bool]:
    """`地区生产总值(亿元)` -> (地区生产总值, 亿元, False); `比重()` -> (比重, %, True): a lost %.

    The unit is the last parenthesis of the name; one in the middle
    (`研究与试验发展(R&D)经费`) is part of the name. An empty parenthesis is a unit
    lost in print: % where the name says 比重/率/增长, else unknown.
    """
    text = text.strip()
    parens = list(UNIT_PAREN.finditer(text))
    m = parens[-1] if parens else None
    if m is None or text[m.end() :].strip():
        return text, None, False
    name, unit = text[: m.start()].strip(), m.group(1).strip()
    if unit:
        return name, unit, False
    return name, "%" if PERCENT_NAME.search(name) else None, True
