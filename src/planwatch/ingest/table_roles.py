"""Which role each column of a real table plays, from its header words and its cells together.

Plans print their indicator tables in many ways: 类别 as a merged column or
as group rows, 序号 fused with the name (`1.国内生产总值(GDP)增长(%)`), the
unit in its own column or in brackets, base and target years 2020/2025 or
2025/2030 (`2025年\\n完成值`, `2025年预计`), growth and cumulative targets in
their own columns or inside the target cell (`“十五五”年均增长5.0左右`). So
no role comes from a column's position. The header says what it can (序号,
单位, 属性, the years and 基数/目标/完成/年均/累计); the cells say the rest (a
column of 1, 2, 3 is numbered rows, one of 预期性 is the attribute, a column
merged down over several rows is the category) and settle a header cell that
spans several columns (指标 over the number, the name and a sub-name column).

A role decided from the cells alone, or against the header, is a doubt the
table reader reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.plan.cells import read_cell
from planwatch.plan.model import Row, Table
from planwatch.plan.tables import VALUE_ROLES, cell_phrase
from planwatch.plan.vocabulary import ATTRIBUTE_SHORT, ATTRIBUTES, GROWTH_WORDS

# The roles a column can play, in the order a review page offers them, with their labels.
ROLE_LABELS: dict[str, str] = {
    "category": "类别",
    "number": "序号",
    "name": "指标",
    "unit": "单位",
    "base": "基期值",
    "base_growth": "基期年均增长",
    "target": "目标值",
    "growth": "年均增长",
    "cumulative": "累计",
    "result": "完成值",
    "result_growth": "完成年均增长",
    "attribute": "属性",
    "note": "备注",
    "other": "其他",
    "ignore": "忽略",
}
ROLE_LABELS_EN: dict[str, str] = {
    "category": "category",
    "number": "number",
    "name": "indicator",
    "unit": "unit",
    "base": "base value",
    "base_growth": "base-period annual growth",
    "target": "target",
    "growth": "annual growth target",
    "cumulative": "cumulative target",
    "result": "result",
    "result_growth": "result annual growth",
    "attribute": "attribute",
    "note": "note",
    "other": "other",
    "ignore": "ignore",
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)
# Roles whose cells say what the plan aims at (or, in a completion table, reached).
TARGET_ROLES = frozenset({"target", "growth", "cumulative", "result", "result_growth"})

_YEAR = re.compile(r"(20\d\d)\s*年?")
_RESULT_WORDS = re.compile(r"完成情况|完成值|完成|实际|实现")
_BASE_WORDS = re.compile(r"基数|基期|基准|现状|现值|预计|预期(?!目标|性)|基础")
_TARGET_WORDS = re.compile(r"目标|规划|预期目标")
# The side of a value column, the first that its header words say (完成 before 目标: 完成目标 is done).
_SIDE_WORDS = (("result", _RESULT_WORDS), ("base", _BASE_WORDS), ("target", _TARGET_WORDS))
_GROWTH_WORDS = re.compile("|".join(("年均", *GROWTH_WORDS)))
_CUMULATIVE_WORDS = re.compile(r"累计")
# Header words of the lead columns, tried in turn: the whole header, or (search) a word in it.
_LEAD_HEADERS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("attribute", re.compile(r"属性|性质"), True),
    ("note", re.compile(r"备注|说明"), True),
    ("unit", re.compile(r"(计量)?单位"), False),
    ("number", re.compile(r"序号?|编号|No\.?", re.IGNORECASE), False),
    ("category", re.compile(r"类别|领域|分类|类型|方面|维度|指标类别|类"), False),
    ("name", re.compile(r".{0,6}(指标|名称)(名称)?|项目"), False),
    ("other", re.compile(r"内容|期限|年限|投资|地点|主体|单位|部门"), True),  # 建设内容, 牵头单位
)
HEADER_WORDS = re.compile(
    r"序号|编号|类别|领域|分类|指标|名称|项目|单位|属性|性质|备注|说明|年均|增长|增速|累计|目标|基数|基期|"
    r"现状|完成|实际|预计|预期|规划|绝对值|内容|期限|投资|部门|20\d\d年?"
)
ATTRIBUTE = {**{a: a for a in ATTRIBUTES}, **ATTRIBUTE_SHORT}
_ROW_NUMBER = re.compile(r"\d{1,3}[.、．]?|[(（]\d{1,3}[)）]")
# A unit is short and made of measure words and scales only: %, 万元/人, 微克/立方米, 吨标准煤/万元, 个百分点.
_UNIT_CHARS = frozenset(
    "%‰℃°/／·()（）"
    "万亿千百十元美人民币户个家件项座张台辆吨米岁年天小时次所床亩瓦克升箱标准煤公里平方立点分"
    "倍份册部顷毫微盏宗艘架列只棵株颗套每车位篇例间栋辆粒"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ²³"
)
_NO_UNIT = frozenset({"—", "-", "－", "–", "/", "无", "一"})


@dataclass(frozen=True)
class HeaderInfo:
    """What a column's header says: a lead role, or a value column's side, kind and year."""

    role: str | None = None
    side: str | None = None  # base, target or result
    kind: str = "level"  # level, growth or cumulative
    year: int | None = None


def read_header(name: str) -> HeaderInfo:
    """The header's words, read alone: 单位 is the unit, “十三五”基数/2020年绝对值 a base level of 2020."""
    text = re.sub(r"[\s()（）“”\"%]", "", name)
    if not text:
        return HeaderInfo()
    years = [int(y) for y in _YEAR.findall(text)]
    last = text.split("/")[-1]
    kind = "level"
    if _GROWTH_WORDS.search(last) or (_GROWTH_WORDS.search(text) and _CUMULATIVE_WORDS.search(text)):
        kind = "growth"  # also 年均/累计: one column for either, a cumulative figure printed in [ ]
    elif _CUMULATIVE_WORDS.search(last):
        kind = "cumulative"
    side = next((s for s, words in _SIDE_WORDS if words.search(text)), None)
    if years or side or kind != "level":
        return HeaderInfo(side=side, kind=kind, year=years[-1] if years else None)
    for role, pattern, anywhere in _LEAD_HEADERS:
        if pattern.search(text) if anywhere else pattern.fullmatch(text):
            return HeaderInfo(role=role)
    return HeaderInfo()


@dataclass
class ColumnCells:
    """What a column's body cells look like, counted over the indicator rows."""

    filled: int = 0
    numbers: int = 0
    attributes: int = 0
    units: int = 0
    figures: int = 0
    words: int = 0
    dashes: int = 0  # — or 无: no unit, or no value
    merged_down: int = 0  # positions covered by a cell merged down from a row above
    rising: bool = True  # the small whole numbers go up row by row, as row numbers do
    last_number: int = -1

    @classmethod
    def of(cls, cells: list[tuple[str, bool]]) -> ColumnCells:
        """`cells`: each body position's text and whether a cell merged from above covers it."""
        stats = cls()
        for text, from_above in cells:
            if from_above:
                stats.merged_down += 1
            elif text in _NO_UNIT:
                stats.dashes += 1
            elif text:
                stats.count(text)
        return stats

    def count(self, text: str) -> None:
        self.filled += 1
        if _ROW_NUMBER.fullmatch(text):
            self.numbers += 1
            value = int(re.sub(r"\D", "", text))
            self.rising = self.rising and (value > self.last_number or value == 1)  # numbered anew per group
            self.last_number = value
        elif text in ATTRIBUTE:
            self.attributes += 1
        elif is_unit(text):
            self.units += 1
        elif is_figure(text):
            self.figures += 1
        else:
            self.words += 1

    def role(self) -> str | None:
        """The role the cells alone suggest, or None where they say nothing clear."""
        if not self.filled:
            return "value" if self.dashes else None
        share = 1 / self.filled
        if self.numbers * share >= 0.8 and self.rising:
            return "number"
        if self.attributes * share >= 0.8:
            return "attribute"
        if self.units * share >= 0.7:
            return "unit"
        if self.merged_down > self.filled and self.words * share >= 0.8:
            return "category"
        figures = self.figures + (0 if self.rising else self.numbers)
        if (figures + self.dashes) / (self.filled + self.dashes) >= 0.5:
            return "value"
        if self.words * share >= 0.5:
            return "name"
        return None


def is_unit(text: str) -> bool:
    """A unit, or the dash a table prints where an indicator has none."""
    return text in _NO_UNIT or (0 < len(text) <= 12 and all(c in _UNIT_CHARS for c in text))


def unit_text(text: str) -> str | None:
    """The unit a unit cell gives: None for a dash or 无."""
    return None if text in _NO_UNIT or not text else text


def is_figure(text: str) -> bool:
    """A cell the grammar reads as a value, or a value phrase with a figure in it (年均增长5.0)."""
    if read_cell(text).kind not in ("text", "empty"):
        return True
    return bool(cell_phrase(text)[0]) or bool(re.fullmatch(r"[\d.,/\s≥≤<>~%-]+[*]?", text))


def role_values(table: Table, row: Row) -> dict[str, str]:
    """A row's value cells by role, a value printed with its kind counted under that kind.

    `“十五五”年均增长5.0左右` in the target column is the growth target 5.0左右; `“十四五”年均增长4.0`
    in the base column stays the base (a growth of the base period). Empty cells are left out.
    """
    roles = [r for r in table.roles if r in VALUE_ROLES] or ["other"] * len(row.cells)
    out: dict[str, str] = {}
    for cell, role in zip(row.cells, roles, strict=False):
        text = (cell.printed or cell.raw).replace("\n", "")
        if not text:
            continue
        kind, figure = cell_phrase(text)
        if kind and role in ("target", "growth", "cumulative"):
            role = kind
        elif role == "growth" and cell.reading.kind == "cumulative":
            role = "cumulative"  # [80] in a column headed 年均/累计
        out.setdefault(role, figure if kind else text)
    return out


# --- settling each column's role ------------------------------------------------------------------

_LEAD_ROLES = ("number", "attribute", "unit", "category", "note")


@dataclass(frozen=True)
class Doubt:
    """A column whose role the header did not settle: read from its cells alone, or against the header."""

    column: int
    against: str | None = None  # the role the header words suggested, where they did


def assign_roles(
    names: list[str], shared: list[bool], cells: list[ColumnCells]
) -> tuple[list[str], list[Doubt]]:
    """One role per column, and the doubts left (see the module docstring).

    `shared[k]` says the header cell over column k spans several columns (指标 over 序号 and 名称):
    such a header names the group, and the cells say which column is which.
    """
    headers = [read_header(n) for n in names]
    roles: list[str] = []
    doubts: list[Doubt] = []
    for k, (header, stats) in enumerate(zip(headers, cells, strict=True)):
        role, doubt = _settle(header, stats.role(), shared[k], stats.filled + stats.dashes)
        roles.append(role)
        if doubt and role != "ignore":
            doubts.append(Doubt(k, header.role if header.role and header.role != role else None))
    _resolve_values(roles, headers, doubts)
    if "name" not in roles:
        words = [k for k, r in enumerate(roles) if r == "other" and cells[k].words]
        if words:
            k = max(words, key=lambda k: cells[k].words)
            roles[k] = "name"
            doubts.append(Doubt(k))
    return roles, doubts


def _settle(header: HeaderInfo, said: str | None, shared: bool, filled: int) -> tuple[str, bool]:
    """A column's role from its header and its cells; True where that is a doubt."""
    if header.role in _LEAD_ROLES:
        strong = said in ("number", "attribute", "unit") and said != header.role
        return (said, not shared) if strong else (header.role, False)
    if header.role == "name":
        if said in _LEAD_ROLES:
            return said, not shared
        return "name", False
    if header.role == "other":
        return ("number", False) if said == "number" else ("other", False)
    if header.side or header.year or header.kind != "level":
        return "value", False
    if said is None:
        return ("ignore" if not filled else "other"), bool(filled)
    return said, True


def _resolve_values(roles: list[str], headers: list[HeaderInfo], doubts: list[Doubt]) -> None:
    """Base, target or result for each value column, from its header's words, else from its year."""
    values = [k for k, r in enumerate(roles) if r == "value"]
    years = sorted({headers[k].year for k in values if headers[k].year})
    target_years = {headers[k].year for k in values if headers[k].side == "target"}
    for position, k in enumerate(values):
        header = headers[k]
        side = header.side
        if side == "result" and header.year not in target_years:
            side = "base" if years and header.year and header.year < years[-1] else side
        if side is None and header.year and len(years) > 1:
            side = "base" if header.year == years[0] else "target" if header.year == years[-1] else "other"
        if side is None and header.kind == "level":
            last = position == len(values) - 1
            side = "target" if last or header.year else "base"
            if not header.year and not any(d.column == k for d in doubts):
                doubts.append(Doubt(k))
        roles[k] = _ROLE_OF.get((side or "target", header.kind), "other")


_ROLE_OF = {
    ("base", "level"): "base",
    ("base", "growth"): "base_growth",
    ("base", "cumulative"): "base_growth",
    ("target", "level"): "target",
    ("target", "growth"): "growth",
    ("target", "cumulative"): "cumulative",
    ("result", "level"): "result",
    ("result", "growth"): "result_growth",
    ("result", "cumulative"): "result_growth",
}
