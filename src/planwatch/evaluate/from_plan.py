"""Indicators from a plan as read from its document, and the completion table of a previous plan.

A plan's main indicator table pairs a baseline group of columns (“十三五”基数)
with a target group (“十四五”目标), each with a level and a growth column. A
completion table (the sample's 专栏1) pairs the previous plan's targets with
what was achieved; it is judged directly, target against result, as a final
evaluation is.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from planwatch.evaluate.settings import Settings
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Cell, Indicator, Plan, Reading, Row, Table
from planwatch.plan.tables import VALUE_ROLES, cell_phrase, column_kind, row_kind
from planwatch.plan.vocabulary import is_rate_name

_YEAR = re.compile(r"(\d{4})年")


def _group(column: str) -> str:
    return column.split("/")[0] if "/" in column else column


# The slot (baseline|target|result, level|growth) of each value role the table reader gives a column.
_ROLE_SLOTS = {
    "base": ("baseline", "level"),
    "base_growth": ("baseline", "growth"),
    "target": ("target", "level"),
    "growth": ("target", "growth"),
    "cumulative": ("target", "growth"),
    "result": ("result", "level"),
    "result_growth": ("result", "growth"),
}


def _slots(table: Table) -> dict[tuple[str, str], int]:
    """Which cell column holds (baseline|target|result, level|growth): from the columns' roles where
    the reader gave them, else from the header words."""
    slots: dict[tuple[str, str], int] = {}
    value_roles = [r for r in table.roles if r in VALUE_ROLES]
    if len(value_roles) == len(table.cell_columns):
        for k, role in enumerate(value_roles):
            if role in _ROLE_SLOTS:
                slots.setdefault(_ROLE_SLOTS[role], k)
        return slots
    for k, name in enumerate(table.cell_columns):
        group = _group(name)
        role = "target" if "目标" in group else "result" if "完成" in group or "实际" in group else "baseline"
        slots.setdefault((role, column_kind(name)), k)
    return slots


def _year(table: Table, slots: dict[tuple[str, str], int], role: str) -> int | None:
    k = slots.get((role, "level"))
    m = _YEAR.search(table.cell_columns[k]) if k is not None else None
    return int(m.group(1)) if m else None


def indicator_table(plan: Plan) -> Table | None:
    """The plan's main indicator table: the one with baseline and target columns."""
    for table in plan.tables:
        roles = {role for role, _ in _slots(table)}
        if {"baseline", "target"} <= roles and "result" not in roles:
            return table
    return None


def indicators_from_plan(plan: Plan) -> list[Indicator]:
    """The indicators of the plan's main table, with base and final years from its headers or its period."""
    table = indicator_table(plan)
    if table is None:
        return []
    slots = _slots(table)
    base_year = _year(table, slots, "baseline") or (plan.period.start - 1 if plan.period else None)
    target_year = _year(table, slots, "target") or (plan.period.end if plan.period else None)
    if base_year is None or target_year is None:
        return []
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for row in table.rows:
        if not row.cells:
            continue
        key = row.number if row.number and row.number not in seen else row.name
        # a misread table may repeat names too: every indicator keeps a key of its own
        key = next(
            k for n in range(len(seen) + 1) if (k := key if n == 0 else f"{key}（{n + 1}）") not in seen
        )
        seen.add(key)

        def cell(role: str, kind: str, row: Row = row) -> Cell | None:
            k = slots.get((role, kind))
            return row.cells[k] if k is not None and k < len(row.cells) else None

        values = {}
        for field, role, kind in (
            ("baseline", "baseline", "level"),
            ("baseline_growth", "baseline", "growth"),
            ("target", "target", "level"),
            ("target_growth", "target", "growth"),
        ):
            c = cell(role, kind)
            values[field] = _reading(c)
            values[f"{field}_raw"] = c.raw if c is not None else ""
        _growth_in_level_cells(values, row_kind(row.name) == "growth")
        indicators.append(
            Indicator(
                id=key,
                name=row.name,
                unit=row.unit,
                category=row.category,
                attribute=row.attribute,
                base_year=base_year,
                target_year=target_year,
                rate=is_rate_name(row.name),
                **values,
            )
        )
    return indicators


def _growth_in_level_cells(values: dict, growth_row: bool) -> None:
    """A level cell holds a growth figure where it says so (`“十五五”年均增长5.0左右`) or where the row
    is a growth (地区生产总值年均增速) in a table with no growth column: move it there."""
    for level, growth in (("baseline", "baseline_growth"), ("target", "target_growth")):
        kind, figure = cell_phrase(values[f"{level}_raw"])
        if values[growth] is not None or (kind is None and not growth_row) or not values[f"{level}_raw"]:
            continue
        values[growth] = read_cell(figure) if kind else values[level]
        values[f"{growth}_raw"] = values[f"{level}_raw"]
        values[level], values[f"{level}_raw"] = None, ""


def _reading(c: Cell | None) -> Reading | None:
    return None if c is None or c.reading.kind in ("empty",) else c.reading


class CompletionRow(BaseModel):
    """One row of a completion table: the target, the result, and whether the target was met."""

    number: str | None
    name: str
    unit: str | None
    target: str
    result: str
    met: bool | None
    completion: float | None
    target_growth: str
    result_growth: str
    growth_met: bool | None
    note: str = ""


def completion_table(table: Table, settings: Settings | None = None) -> list[CompletionRow]:
    """Judge each row of a completion table (目标 against 完成情况), as a person reads it off the table."""
    settings = settings or Settings()
    slots = _slots(table)
    rows = []
    for row in table.rows:
        if not row.cells:
            continue

        def text(role: str, kind: str, row: Row = row) -> str:
            k = slots.get((role, kind))
            return row.cells[k].raw if k is not None and k < len(row.cells) else ""

        lower = any(word in row.name for word in settings.lower_is_better)
        target, result = text("target", "level"), text("result", "level")
        met, completion, note = judge(target, result, lower)
        target_growth, result_growth = text("target", "growth"), text("result", "growth")
        growth_met, _, _ = judge(target_growth, result_growth, False)
        rows.append(
            CompletionRow(
                number=row.number,
                name=row.name,
                unit=row.unit,
                target=target,
                result=result,
                met=met,
                completion=completion,
                target_growth=target_growth,
                result_growth=result_growth,
                growth_met=growth_met,
                note=note,
            )
        )
    return rows


def judge(target: str, result: str, lower_is_better: bool) -> tuple[bool | None, float | None, str]:
    """Whether a result meets a target, both as printed; None where it cannot be told."""
    t, r = read_cell(target), read_cell(result)
    if t.kind in ("empty", "undetermined") or r.kind in ("empty", "undetermined"):
        return None, None, ""
    if t.kind == "higher_plan":
        if r.kind == "higher_plan" and result.startswith("完成"):
            return True, None, "the result states the higher plan's target was met"
        return None, None, "the target refers to a higher plan's figure"
    if t.value is None or r.value is None or t.kind not in ("number", "cumulative") or r.kind != t.kind:
        return None, None, ""
    v, a = t.value, r.value
    if t.comparator in ("le", "lt") or (t.comparator is None and lower_is_better):
        met = a < v if t.comparator == "lt" else a <= v
        return met, (v / a if a else None), ""
    met = a > v if t.comparator == "gt" else a >= v
    return met, (a / v if v else None), ""
