"""The figures of many plans as one table, so that one set of rules judges a plan or a province's thousands.

A row per indicator (and a row for each figure series of the region above that a relation compares
with), a column per calendar year, and beside each row what its rule reads: its kind of target, baseline
in force, target, comparator, the plan's precision. Everything here is worked out once per indicator;
the rules of `planwatch.evaluate.rules` then work on whole columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, repeat
from math import nan
from operator import attrgetter

import numpy as np

from planwatch.evaluate.parents import Parent, delegate, names_parent, parent_counterpart
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import FLOW, growth_target
from planwatch.plan.matching import canonical_name
from planwatch.plan.model import Indicator, Observation, Reading, TargetKind
from planwatch.plan.vocabulary import BINDING, PERCENT, exact_text, is_reduction_name

KINDS: tuple[TargetKind, ...] = (
    "level",
    "bound",
    "growth",
    "cumulative",
    "relation",
    "qualitative",
    "unknown",
)
KIND = {kind: code for code, kind in enumerate(KINDS)}
AUX = -1  # a row of figures a relation compares with, not itself judged
RELATIONS = ("higher", "lower", "same_pace")
# Why a relation cannot be compared: it names the region above but there is none, or names no indicator found.
NO_PARENT, NOT_FOUND = 1, 2


@dataclass(frozen=True)
class PlanFigures:
    """One plan to judge: its indicators, their figures (the later of two for one year counts) and the
    plan of the region above, where there is one."""

    indicators: list[Indicator]
    observations: Sequence[Observation]
    parent: Parent | None = None


def target_kind(ind: Indicator) -> TargetKind:
    """Which kind of target the indicator has, from its target cells and whether it is a rate."""
    t, g = ind.target, ind.target_growth
    if t is not None and t.kind in ("cumulative", "change"):
        return "cumulative"
    if t is not None and t.kind == "number" and t.value is not None:
        if ind.rate:
            return "growth"
        return "bound" if t.comparator in ("ge", "gt", "le", "lt") else "level"
    if t is not None and t.kind == "relation":
        return "relation"
    if t is not None and t.kind == "qualitative":
        return "qualitative"
    if g is not None and g.kind == "number" and g.value is not None:
        return "growth"
    if g is not None and g.kind in ("relation", "qualitative"):
        return g.kind
    return "unknown"


def precision(ind: Indicator, settings: Settings) -> float:
    """One unit of the last decimal the plan prints its baseline and target with (0.1 for 3.0 -> 3.2).

    Taken from the plan's figures, not the year's, so that a better figure never gets a worse status;
    0 when `published_precision` is off.
    """
    if not settings.published_precision:
        return 0.0
    given = [r.value for r in (ind.baseline, ind.target) if r is not None and r.value is not None]
    places = [-int(Decimal(exact_text(v)).as_tuple().exponent) for v in given if math.isfinite(v)]
    return 10.0 ** -max(0, *places)


def relation_reading(ind: Indicator) -> Reading:
    """The cell that states the relation: the target's, else the growth target's."""
    reading = ind.target if ind.target is not None and ind.target.kind == "relation" else ind.target_growth
    assert reading is not None
    return reading


def find_other(text: str, indicators: list[Indicator], names: list[str], ind: Indicator) -> Indicator | None:
    """The indicator a relation names (高于GDP增长 -> 地区生产总值增长), from the plan's indicators and their
    canonical names."""
    want = canonical_name(text)
    for test in (
        lambda c: c == want,
        lambda c: want in c or c in want,
        lambda c: c.startswith(want.removesuffix("增长")),
    ):
        found = [o for o, c in zip(indicators, names, strict=True) if o.id != ind.id and test(c)]
        if found:
            return sorted(found, key=lambda o: not o.rate)[0]
    return None


_NUMBERS = (
    "kind", "base", "target_year", "baseline", "printed", "target", "growth", "step", "other", "relation", "unfound",
)  # fmt: skip
_FLAGS = ("floor", "strict", "ceiling", "rate", "percent", "geometric", "lower", "fall", "flow", "binding")


@dataclass
class Figures:
    """The table: `values[row, year - first]` is a figure (NaN where none); `columns` holds one value per
    row for each name in _NUMBERS and _FLAGS and the baseline in force, read as attributes (`f.base`)."""

    rows: list[Indicator]
    plans: list[range]  # the rows of each plan, in the plan's order
    first: int
    values: np.ndarray
    columns: dict[str, np.ndarray]
    annual: dict[tuple[int, int], Reading] = field(default_factory=dict)  # (row, year) -> a year's target
    parent_region: dict[int, str] = field(default_factory=dict)  # a relation row's region above ("": none)

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.__dict__["columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    def base_figure(self, row: int) -> float | None:
        """The row's base-year figure, where one is given."""
        v = self.values[row, self.base[row] - self.first]
        return None if math.isnan(v) else float(v)


def figures(plans: Sequence[PlanFigures], years: Sequence[int], settings: Settings) -> Figures:
    """The table of `plans`' indicators and figures, with a column for each year from the earliest base
    year (or year asked) to the latest target year (or year asked)."""
    builder = _Builder(settings)
    for plan in plans:
        builder.add(plan)
    return builder.table(years)


class _Builder:
    """Collects rows plan by plan; the names' and figures' properties are kept, as a province's plans
    repeat the same indicators."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.geometric_units = frozenset(settings.geometric_units)
        self.rows: list[Indicator] = []
        self.numbers: list[tuple] = []
        self.flags: list[tuple] = []
        self.plans: list[range] = []
        self.parent_region: dict[int, str] = {}
        self.cells: tuple[list[int], list[int], list[float]] = ([], [], [])
        self.annual: dict[tuple[int, int], Reading] = {}
        self.by_name: dict[str, tuple[bool, bool, bool]] = {}
        self.steps: dict[tuple, float] = {}

    def add(self, plan: PlanFigures) -> None:
        indicators = delegate(plan.indicators, plan.parent)
        start = len(self.rows)
        ids = dict(zip(map(attrgetter("id"), indicators), range(start, start + len(indicators)), strict=True))
        self.plans.append(range(start, start + len(indicators)))
        kinds = [self._row(ind) for ind in indicators]
        self._observations(plan.observations, ids)
        qualitative = {start + n for n, kind in enumerate(kinds) if kind == "qualitative"}
        if qualitative:
            self._annual(plan.observations, ids, qualitative)
        theirs: dict[str, int] = {}
        names: list[str] = []  # the indicators' canonical names, for the relations naming one of them
        for n, kind in enumerate(kinds):
            if kind == "relation":
                names = names or [canonical_name(o.name) for o in indicators]
                self._relation(start + n, indicators, names, ids, plan.parent, theirs)

    def _row(self, ind: Indicator, kind: TargetKind | None = None) -> TargetKind:
        """Adds the indicator's row: what its rule reads of it. Its kind is the target's unless given."""
        kind = kind or target_kind(ind)
        name, t, b = ind.name, ind.target, ind.baseline
        known = self.by_name.get(name)
        if known is None:
            lower = any(word in name for word in self.settings.lower_is_better)
            known = self.by_name[name] = (lower, is_reduction_name(name), bool(FLOW.match(name)))
        lower, fall, flow = known
        baseline = nan if b is None or b.value is None else b.value
        number = baseline if b is not None and b.kind == "number" else nan
        target = nan if t is None or t.value is None else t.value
        comparator = t.comparator if t is not None else None
        growth, ceiling, step = nan, False, 0.0
        if kind == "growth":
            reading = growth_target(ind)
            growth, ceiling = reading.value, reading.comparator in ("le", "lt")
        elif kind in ("level", "bound", "cumulative"):
            step = self.steps.get((baseline, target))
            if step is None:
                step = self.steps[(baseline, target)] = precision(ind, self.settings)
        self.rows.append(ind)
        self.numbers.append(
            (
                KIND.get(kind, AUX),
                ind.base_year,
                ind.target_year,
                number,
                baseline,
                target,
                growth,
                step,
                -1,
                0,
                0,
            )
        )
        unit = ind.unit or ""
        self.flags.append(
            (
                comparator in ("ge", "gt"),
                comparator in ("gt", "lt"),
                ceiling,
                ind.rate,
                unit == PERCENT,
                unit in self.geometric_units or ind.target_growth is not None,
                lower and kind in ("level", "qualitative"),
                fall,
                flow,
                ind.attribute == BINDING,
            )
        )
        return kind

    def _observations(self, observations: Sequence[Observation], ids: dict[str, int]) -> None:
        """The figures of the indicators in `ids` (others are not this table's)."""
        rows, years, values = self.cells
        rows.extend(map(ids.get, map(attrgetter("indicator"), observations), repeat(-1)))
        years.extend(map(attrgetter("year"), observations))
        values.extend(map(attrgetter("value"), observations))

    def _annual(self, observations: Sequence[Observation], ids: dict[str, int], rows: set[int]) -> None:
        """The targets set for single years, of the indicators whose target leaves them to each year."""
        for o in observations:
            row = ids.get(o.indicator)
            if row in rows:
                if o.annual_target is None:
                    self.annual.pop((row, o.year), None)
                else:
                    self.annual[(row, o.year)] = o.annual_target

    def _relation(
        self,
        row: int,
        indicators: list[Indicator],
        names: list[str],
        ids: dict[str, int],
        parent: Parent | None,
        theirs: dict[str, int],
    ) -> None:
        """Adds what a relation compares with: another indicator's row, or a row of the parent's figures."""
        ind = self.rows[row]
        reading = relation_reading(ind)
        number = list(self.numbers[row])
        number[9] = RELATIONS.index(reading.relation) if reading.relation in RELATIONS else 2
        if names_parent(reading):
            self.parent_region[row] = parent.region if parent is not None else ""
            other = parent_counterpart(ind, parent)
            if parent is None:
                number[10] = NO_PARENT
            elif other is None:
                number[10] = NOT_FOUND
            else:
                if other.id not in theirs:
                    theirs[other.id] = self._aux(other, parent.observations)
                number[8] = theirs[other.id]
        else:
            other = find_other(reading.other or "", indicators, names, ind)
            number[8], number[10] = (ids[other.id], 0) if other is not None else (-1, NOT_FOUND)
        self.numbers[row] = tuple(number)

    def _aux(self, ind: Indicator, observations: Sequence[Observation]) -> int:
        """A row for the parent's figures of one indicator; returns its number."""
        self._row(ind, "aux")
        row = len(self.rows) - 1
        self._observations(observations, {ind.id: row})
        return row

    def table(self, years: Sequence[int]) -> Figures:
        numbers = np.fromiter(chain.from_iterable(self.numbers), float, len(self.numbers) * len(_NUMBERS))
        numbers = numbers.reshape(-1, len(_NUMBERS))
        flags = np.fromiter(chain.from_iterable(self.flags), bool, len(self.flags) * len(_FLAGS))
        flags = flags.reshape(-1, len(_FLAGS))
        columns = {name: numbers[:, n] for n, name in enumerate(_NUMBERS)}
        columns.update({name: flags[:, n] for n, name in enumerate(_FLAGS)})
        for name in ("kind", "base", "target_year", "other", "relation", "unfound"):
            columns[name] = columns[name].astype(np.int64)
        base, end = columns["base"], columns["target_year"]
        first = min([*years, *base.tolist()], default=0)
        last = max([*years, *end.tolist()], default=0)
        values = self._values(first, last)
        every = np.arange(len(self.rows))
        at_base = values[every, base - first]
        columns["in_force"] = np.where(np.isnan(at_base), columns["baseline"], at_base)
        return Figures(self.rows, self.plans, first, values, columns, self.annual, self.parent_region)

    def _values(self, first: int, last: int) -> np.ndarray:
        """The figures by row and year from `first` to `last`; of two for one year, the later counts."""
        values = np.full((len(self.rows), last - first + 1), np.nan)
        rows, years, figures = (
            np.fromiter(x, t, len(x)) for x, t in zip(self.cells, (np.int64, np.int64, float), strict=True)
        )
        if len(rows):
            cols = years.astype(np.int64) - first
            keep = (rows >= 0) & (cols >= 0) & (cols <= last - first)
            flat = (rows * values.shape[1] + cols)[keep][::-1]
            flat, latest = np.unique(flat, return_index=True)
            values.flat[flat] = figures[keep][::-1][latest]
        return values
