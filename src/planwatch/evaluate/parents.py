"""A plan judged with the plan of the region above it: a district's targets that the city sets
(控制在市目标内, 按市下达目标) and its promises relative to the city (高于全市平均水平).

A delegated target is taken from a target the parent office entered for this plan where there is one,
else from the parent plan's own target for the same indicator (same name and unit); the assessment
says which. A relation naming the parent's average is judged against the parent's own figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from planwatch.plan.cells import read_cell
from planwatch.plan.matching import best_match
from planwatch.plan.model import Indicator, Observation, Reading, TargetSource

# a relation whose other side is the region above: 全市平均水平, 全省平均, 全国
_PARENT_SIDE = re.compile(r"^(全|本)?(国|省|自治区|市|州|盟|地区)(平均水平|平均增速|平均|水平)?$")


@dataclass(frozen=True)
class Parent:
    """The plan of the region above: its indicators and figures, and the targets its office entered
    for the plan being judged (indicator id -> the target as written, e.g. `6.5`, `≤0.35`, `[14]`)."""

    region: str
    indicators: list[Indicator]
    observations: list[Observation] = field(default_factory=list)
    entered: Mapping[str, str] = field(default_factory=dict)

    def series(self, indicator: str) -> dict[int, Observation]:
        """The parent's figures of one of its indicators, by year."""
        return {o.year: o for o in self.observations if o.indicator == indicator}


def is_delegated(reading: Reading | None) -> bool:
    """The cell leaves the target to a higher level: 控制在市目标内, 按市下达目标, 完成省下达任务."""
    return reading is not None and reading.kind == "higher_plan"


def names_parent(reading: Reading | None) -> bool:
    """The relation compares with the region above (高于全市平均水平), not with another indicator."""
    return (
        reading is not None and reading.kind == "relation" and bool(_PARENT_SIDE.match(reading.other or ""))
    )


def delegate(indicators: list[Indicator], parent: Parent | None) -> list[Indicator]:
    """The indicators with each delegated target replaced by the one the parent gives, where it gives
    one; the others as they are."""
    if parent is None:
        return indicators
    return [_resolved(ind, parent) for ind in indicators]


def _resolved(ind: Indicator, parent: Parent) -> Indicator:
    slot = (
        "target" if is_delegated(ind.target) else "target_growth" if is_delegated(ind.target_growth) else None
    )
    if slot is None:
        return ind
    written = getattr(ind, f"{slot}_raw") or ""
    entered = parent.entered.get(ind.id)
    if entered:
        reading = read_cell(entered)
        if reading.value is None:
            return ind
        source = TargetSource(region=parent.region, written=written, entered=True)
        return ind.model_copy(update={slot: reading, f"{slot}_raw": entered, "target_source": source})
    match = best_match(ind, parent.indicators)
    if match is None or not match.certain or match.theirs.target_year != ind.target_year:
        return ind
    update = _taken(ind, match.theirs, slot)
    if not update:
        return ind
    update["target_source"] = TargetSource(region=parent.region, written=written)
    return ind.model_copy(update=update)


def _taken(ind: Indicator, theirs: Indicator, slot: str) -> dict:
    """The parent's target for the delegated slot: the same cell where it has a figure, else its other
    cell where ours is empty (a growth the parent sets as 年均增长 for a level we left to it)."""
    other = "target_growth" if slot == "target" else "target"
    if _figure(getattr(theirs, slot)):
        return {slot: getattr(theirs, slot), f"{slot}_raw": getattr(theirs, f"{slot}_raw")}
    if _figure(getattr(theirs, other)) and getattr(ind, other) is None:
        return {
            slot: None,
            f"{slot}_raw": "",
            other: getattr(theirs, other),
            f"{other}_raw": getattr(theirs, f"{other}_raw"),
        }
    return {}


def _figure(reading: Reading | None) -> bool:
    return reading is not None and reading.value is not None and not is_delegated(reading)


def parent_counterpart(ind: Indicator, parent: Parent | None) -> Indicator | None:
    """The parent's indicator a relation to the parent's average compares with: the same indicator."""
    if parent is None:
        return None
    match = best_match(ind, parent.indicators)
    return match.theirs if match is not None and match.certain else None
