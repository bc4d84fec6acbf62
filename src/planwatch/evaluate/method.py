"""Judging an indicator against the time-elapsed path (序时进度): pure functions.

For a year y between the base year B and the final year T, the share of time
elapsed is s = (y - B) / (T - B). Each kind of target has its own path and
its own measure of progress; docs/method.md works through an example of each.
Progress is actual progress over the progress the path expects by y, so 1 is
exactly on the path; the thresholds between statuses are Settings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planwatch.evaluate.assessment import Assessment, ready
from planwatch.evaluate.explain import explain
from planwatch.evaluate.judgement import Judgement
from planwatch.evaluate.parents import Parent, delegate, names_parent, parent_counterpart
from planwatch.evaluate.projection import Outlooks, anticipate
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import FLOW, Series, baseline_value, geometric_path, growth_target
from planwatch.plan.matching import canonical_name
from planwatch.plan.model import Indicator, Observation, Reading, TargetKind
from planwatch.plan.vocabulary import (
    BEHIND,
    BINDING,
    PERCENT,
    PROGRESS_THRESHOLDS,
    Status,
    exact_text,
    figure_text,
    is_reduction_name,
    per_year,
)

RANK: dict[Status, int] = {
    "severely_lagging": 0,
    "lagging": 1,
    "on_track": 2,
    "ahead": 3,
    "achieved": 4,
    "not_assessable": -1,
}


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


def evaluate(
    indicators: list[Indicator],
    observations: Iterable[Observation],
    year: int,
    settings: Settings | None = None,
    lang: str = "zh",
    parent: Parent | None = None,
) -> list[Assessment]:
    """Assess every indicator in `year` (`evaluate_years` assesses several years in one pass)."""
    return evaluate_years(indicators, observations, (year,), settings, lang, parent)[year]


def evaluate_years(
    indicators: list[Indicator],
    observations: Iterable[Observation],
    years: Iterable[int],
    settings: Settings | None = None,
    lang: str = "zh",
    parent: Parent | None = None,
) -> dict[int, list[Assessment]]:
    """Assess every indicator in each of `years`, as `evaluate` does year by year; with the plan of the
    region above (`parent`), targets left to it and relations to its average are judged too.

    What does not change from year to year (the kind of target, the precision, the indicator a relation
    names, the trend of the figures) is worked out once per indicator: a province's thousands of plans
    need it.
    """

    settings = settings or Settings()
    years = list(years)
    indicators = delegate(indicators, parent)
    series: dict[str, dict[int, Observation]] = {ind.id: {} for ind in indicators}
    for obs in observations:
        series.setdefault(obs.indicator, {})[obs.year] = obs
    out: dict[int, list[Assessment]] = {year: [] for year in years}
    for ind in indicators:
        c = case(ind, series, indicators, settings, parent)
        ahead = Outlooks(ind, c.kind, c.own, max(years, default=ind.base_year), settings)
        for year in years:
            values = judged(c, year, series, settings, lang)
            if values["status"] != "not_assessable":
                anticipate(values, ind, ahead.of(year), lang)
            out[year].append(ready(values))
    return out


@dataclass(slots=True)
class Case:
    """An indicator with what its judgement needs in any year, worked out once."""

    ind: Indicator
    kind: TargetKind
    own: Series
    step: float  # the plan's precision, see `precision`
    lower: bool  # a lower figure is the better one (asked for a level or a qualitative target)
    other: Indicator | None = None  # the indicator a relation names
    theirs: Series | None = None  # its figures: this plan's, or the parent's for 高于全市平均水平
    parent: str | None = None  # the parent region a relation names (None when it names an indicator)


def case(
    ind: Indicator,
    series: Mapping[str, Series],
    indicators: list[Indicator],
    settings: Settings,
    parent: Parent | None = None,
) -> Case:
    """The indicator's case: its kind of target and the invariants its rule reads every year (each only
    for the kinds whose rule reads it)."""
    kind = target_kind(ind)
    own = series.get(ind.id, {})
    step = precision(ind, settings) if kind in ("level", "bound", "cumulative") else 0.0
    lower = kind in ("level", "qualitative") and _lower_is_better(ind, settings)
    c = Case(ind, kind, own, step, lower)
    if kind == "relation" and names_parent(_relation_reading(ind)):
        c.parent = parent.region if parent is not None else ""
        c.other = parent_counterpart(ind, parent)
        c.theirs = parent.series(c.other.id) if parent is not None and c.other is not None else None
    elif kind == "relation":
        c.other = find_other(_relation_reading(ind).other or "", indicators, ind)
        c.theirs = series.get(c.other.id, {}) if c.other is not None else None
    return c


def judged(c: Case, year: int, series: Mapping[str, Series], settings: Settings, lang: str) -> dict[str, Any]:
    """The values of the assessment of one indicator in one year, before its anticipated progress."""
    ind = c.ind
    if not ind.base_year < year <= ind.target_year:
        j = Judgement("not_assessable", reason="outside_period")
    else:
        j = _RULES[c.kind](c, year, series, settings)
    if j.status != "not_assessable" and j.met:
        j.status = "achieved"
    if ind.target_source is not None:
        source = ind.target_source
        j.notes.append(
            f"target_source:{source.region}|{int(source.entered)}|{source.written}|{ind.target_raw or ind.target_growth_raw}"
        )
    warning = ind.attribute == BINDING and (j.status in BEHIND or j.out_of_reach)
    obs = c.own.get(year)
    return {
        "indicator": ind.id,
        "name": ind.name,
        "year": year,
        "kind": c.kind,
        "status": j.status,
        "expected": _round(j.expected),
        "actual": _round(j.actual),
        "progress": _round(j.progress, 3),
        "basis": "years" if j.reason in _YEARS_HELD else "path",
        "required_annual_growth": _round(j.required, 4),
        "required_unit": j.required_unit,
        "completion": _round(j.completion, 3),
        "met": j.met,
        "warning": warning,
        "explanation": explain(ind, c.kind, year, j, warning, lang),
        "notes": j.notes,
        "actual_latest": obs.value if obs is not None else None,
        "projected": None,
        "projected_met": None,
        "likelihood": None,
        "vintages": {},
    }


# Judgements whose progress is the share of the elapsed years that held the target, not a path.
_YEARS_HELD = ("hold", "relation")


def _round(x: float | None, digits: int = 2) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, digits)


def status_of(progress: float, settings: Settings) -> Status:
    """The status a progress ratio earns; moving the wrong way is severely lagging."""
    return next(
        (status for status in PROGRESS_THRESHOLDS if progress >= getattr(settings, status)),
        "severely_lagging",
    )


def _elapsed(ind: Indicator, year: int) -> tuple[int, int, int]:
    """Years elapsed, years in the period, years remaining."""
    return year - ind.base_year, ind.target_year - ind.base_year, ind.target_year - year


def _lower_is_better(ind: Indicator, settings: Settings) -> bool:
    return any(word in ind.name for word in settings.lower_is_better)


def _missing(own: Series, years: range) -> list[int]:
    return [y for y in years if y not in own]


def _required_growth(target: float, actual: float, remaining: int) -> float | None:
    """Average yearly growth (%) that takes `actual` to `target` in `remaining` years."""
    if remaining <= 0 or actual <= 0 or target <= 0:
        return None
    return ((target / actual) ** (1 / remaining) - 1) * 100


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


def within_precision(j: Judgement, step: float) -> Judgement:
    """A judgement behind its path by at most half the plan's precision is on track, saying so: the
    path printed as the plan prints its figures (3.12 as 3.1) is the figure."""
    gap = None if j.expected is None or j.actual is None else abs(j.expected - j.actual)
    if j.status in BEHIND and gap is not None and step and gap <= step / 2 + 1e-9:
        j.status = "on_track"
        j.notes.append(f"within_precision:{exact_text(step)}")
    return j


# -- level: 城镇化率 60.6 -> 65 ------------------------------------------------------


def _level(c: Case, year: int, _series, settings: Settings) -> Judgement:
    ind, own = c.ind, c.own
    notes: list[str] = []
    b = baseline_value(ind, own, notes)
    t = ind.target.value if ind.target is not None else None
    obs = own.get(year)
    if b is None or t is None:
        return Judgement("not_assessable", reason="no_baseline", notes=notes)
    if obs is None:
        return Judgement("not_assessable", reason="no_observation", notes=notes)
    a = obs.value
    n, total, left = _elapsed(ind, year)
    s = n / total
    if t == b:
        return _hold(ind, year, own, t, not c.lower, settings, notes)
    up = t > b
    geometric = geometric_path(ind, b, t, settings)
    expected = b * (t / b) ** s if geometric else b + (t - b) * s
    progress = (a - b) / (expected - b)
    met = a >= t if up else a <= t
    j = Judgement(status_of(progress, settings), expected, a, progress, met=met, notes=notes)
    within_precision(j, c.step)
    j.completion = (a - b) / (t - b)
    if left > 0 and not met:
        if geometric and a > 0:
            j.required, j.required_unit = _required_growth(t, a, left), PERCENT
            planned = _required_growth(t, b, total)
        else:
            j.required, j.required_unit = (t - a) / left, per_year(ind.unit or "")
            planned = (t - b) / total
        j.out_of_reach = (
            planned is not None
            and j.required is not None
            and abs(j.required) > settings.reach_factor * abs(planned)
        )
    return j


def _hold(
    ind: Indicator, year: int, own: Series, bound: float, floor: bool, settings: Settings, notes: list[str]
) -> Judgement:
    """A level to be held through the period, judged over the elapsed years and not by its worst year.

    Held every year is on track. With `hold_on_average`, a year that missed it by at most
    `bound_tolerance` is forgiven when the average of the elapsed years holds it; a figure at or past
    the bound now is never behind. The years that missed it are named.
    """
    years = range(ind.base_year + 1, year + 1)
    seen = [y for y in years if y in own]
    skipped = [y for y in years if y not in own]
    if skipped:
        notes.append("years_missing:" + ",".join(str(y) for y in skipped))

    def shortfall(v: float) -> float:
        miss = max((bound - v) if floor else (v - bound), 0.0)
        return miss / abs(bound) if bound else miss

    missed = {y: shortfall(own[y].value) for y in seen if shortfall(own[y].value) > 0}
    worst = max(missed.values(), default=0.0)
    a = own[year].value
    average = sum(own[y].value for y in seen) / len(seen)
    if missed:
        notes.append("bound_missed:" + ",".join(str(y) for y in missed))
    forgiven = settings.hold_on_average and worst <= settings.bound_tolerance and shortfall(average) == 0
    status: Status
    if not missed or forgiven or shortfall(a) == 0:
        status = "on_track"
    else:
        status = "lagging" if worst <= settings.bound_tolerance else "severely_lagging"
    if missed and forgiven:
        notes.append(f"bound_average:{figure_text(average)}")
        notes.append(f"bound_tolerance:{figure_text(settings.bound_tolerance * 100)}")
    j = Judgement(status, bound, a, (len(seen) - len(missed)) / len(seen), notes=notes)
    j.met = shortfall(a) == 0 and year == ind.target_year
    j.completion = (a / bound if floor else bound / a) if a and bound else None
    j.reason = "hold"
    return j


# -- bound: ＞6.5, 5.5以内 -----------------------------------------------------------


def _bound(c: Case, year: int, _series, settings: Settings) -> Judgement:
    ind, own = c.ind, c.own
    notes: list[str] = []
    assert ind.target is not None and ind.target.value is not None
    v = ind.target.value
    floor = ind.target.comparator in ("ge", "gt")
    strict = ind.target.comparator in ("gt", "lt")
    obs = own.get(year)
    if obs is None:
        return Judgement("not_assessable", reason="no_observation", notes=notes)
    b = baseline_value(ind, own, notes)

    def meets(x: float) -> bool:
        if floor:
            return x > v if strict else x >= v
        return x < v if strict else x <= v

    first = own.get(ind.base_year + 1)
    if b is not None and (meets(b) or b == v):
        # a baseline on a strict bound (5.5 against ＜5.5) is held at it: there is no path to draw
        return _hold(ind, year, own, v, floor, settings, notes)
    if b is None and first is not None and meets(first.value):
        # without a baseline, a bound met from the period's first year cannot be said to be reached in it
        notes.append("bound_held_from_first_year")
        return _hold(ind, year, own, v, floor, settings, notes)
    a = obs.value
    n, total, left = _elapsed(ind, year)
    if meets(a):
        return Judgement("achieved", v, a, None, met=True, completion=1.0, notes=notes, reason="reached")
    if b is None:
        if year == ind.target_year:
            gap = abs(v - a) / abs(v) if v else abs(v - a)
            status: Status = "lagging" if gap <= settings.bound_tolerance else "severely_lagging"
            return Judgement(status, v, a, None, met=False, notes=notes, reason="not_reached")
        return Judgement("not_assessable", v, a, notes=notes, reason="bound_no_baseline")
    expected = b + (v - b) * n / total
    progress = (a - b) / (expected - b)
    j = Judgement(
        status_of(progress, settings), expected, a, progress, met=False, notes=notes, reason="reaching"
    )
    within_precision(j, c.step)
    j.completion = (a - b) / (v - b)
    if left > 0:
        j.required, j.required_unit = (v - a) / left, per_year(ind.unit or "")
        j.out_of_reach = abs(j.required) > settings.reach_factor * abs((v - b) / total)
    return j


# -- growth: 年均增长6.5% --------------------------------------------------------------


def _growth(c: Case, year: int, _series, settings: Settings) -> Judgement:
    ind, own = c.ind, c.own
    notes: list[str] = []
    target = growth_target(ind)
    g = target.value
    n, total, left = _elapsed(ind, year)
    index = growth_index(ind, year, own, notes)
    if index is None:
        return Judgement(
            "not_assessable", reason=notes[-1].split(":")[0] if notes else "no_observation", notes=notes
        )
    realised = (index ** (1 / n) - 1) * 100 if index > 0 else -100.0
    full = (1 + g / 100) ** total
    if target.comparator in ("le", "lt"):
        # a ceiling on growth (人口自然增长率 ≤ 5‰) is held, not approached
        over = max(realised - g, 0.0)
        status: Status = (
            "on_track"
            if over == 0
            else "lagging"
            if over <= settings.same_pace_tolerance
            else "severely_lagging"
        )
        j = Judgement(status, g, realised, None, notes=notes, reason="growth_ceiling")
        j.met = over == 0 and year == ind.target_year
        return j
    expected_index = (1 + g / 100) ** n
    if abs(expected_index - 1) > 1e-12:
        progress = (index - 1) / (expected_index - 1)
        if g < 0:
            progress = 2 - progress  # a planned fall: falling less than planned is better
    else:
        progress = 1.0 + (realised - g) / 100
    j = Judgement(status_of(progress, settings), g, realised, progress, notes=notes)
    j.met = index >= full if year < ind.target_year else realised >= g
    j.completion = realised / g if g else None
    if left > 0 and not j.met:
        j.required = ((full / index) ** (1 / left) - 1) * 100 if index > 0 else None
        j.required_unit = PERCENT
        j.out_of_reach = j.required is not None and g > 0 and j.required > settings.reach_factor * g
    return j


def growth_index(ind: Indicator, year: int, own: Series, notes: list[str]) -> float | None:
    """The chained index of growth from the base year to `year` (1.0 = no growth)."""
    if ind.rate:
        missing = _missing(own, range(ind.base_year + 1, year + 1))
        if missing:
            notes.append("years_missing:" + ",".join(str(y) for y in missing))
            return None
        index = 1.0
        for y in range(ind.base_year + 1, year + 1):
            index *= 1 + own[y].value / 100
        return index
    b = baseline_value(ind, own, notes)
    obs = own.get(year)
    if b is None or b <= 0:
        notes.append("no_baseline")
        return None
    if obs is None:
        notes.append("no_observation")
        return None
    return obs.value / b


# -- cumulative: 单位GDP能耗降低[13.5], 人均预期寿命[1] -----------------------------------


def _cumulative(c: Case, year: int, _series, settings: Settings) -> Judgement:
    ind, own = c.ind, c.own
    notes: list[str] = []
    assert ind.target is not None and ind.target.value is not None
    total_target = ind.target.value
    n, total, left = _elapsed(ind, year)
    s = n / total
    years = range(ind.base_year + 1, year + 1)
    compounding = ind.rate
    if compounding or FLOW.match(ind.name):
        missing = _missing(own, years)
        if missing:
            notes.append("years_missing:" + ",".join(str(y) for y in missing))
            return Judgement("not_assessable", reason="years_missing", notes=notes)
        values = [own[y].value for y in years]
    else:
        b = baseline_value(ind, own, notes)
        if b is None:
            return Judgement("not_assessable", reason="no_baseline", notes=notes)
        if year not in own:
            return Judgement("not_assessable", reason="no_observation", notes=notes)
        values = [own[year].value - b]
    if compounding:
        sign = -1 if is_reduction_name(ind.name) else 1
        kept = math.prod(1 + sign * v / 100 for v in values)
        done = sign * (kept - 1) * 100
        expected = sign * ((1 + sign * total_target / 100) ** s - 1) * 100
        remaining_factor = (1 + sign * total_target / 100) / kept if kept > 0 else None
        required = (
            sign * (remaining_factor ** (1 / left) - 1) * 100
            if left > 0 and remaining_factor and remaining_factor > 0
            else None
        )
        required_unit = PERCENT
    else:
        done = sum(values)
        expected = total_target * s
        required = (total_target - done) / left if left > 0 else None
        required_unit = per_year(ind.unit or "")
    progress = done / expected if expected else None
    met = done >= total_target if total_target >= 0 else done <= total_target
    j = Judgement(
        status_of(progress, settings) if progress is not None else "on_track",
        expected,
        done,
        progress,
        required if not met else None,
        required_unit,
        done / total_target if total_target else None,
        met,
        notes=notes,
    )
    within_precision(j, c.step)
    if j.required is not None and total_target:
        j.out_of_reach = abs(j.required) > settings.reach_factor * abs(total_target / total)
    return j


# -- relation: 高于GDP增长, 与经济增长基本同步 ------------------------------------------------


def find_other(text: str, indicators: list[Indicator], ind: Indicator) -> Indicator | None:
    """The indicator a relation names: 高于GDP增长 -> 地区生产总值增长."""
    want = canonical_name(text)
    candidates = [o for o in indicators if o.id != ind.id]
    for test in (
        lambda c: c == want,
        lambda c: want in c or c in want,
        lambda c: c.startswith(want.removesuffix("增长")),
    ):
        found = [o for o in candidates if test(canonical_name(o.name))]
        if found:
            return sorted(found, key=lambda o: not o.rate)[0]
    return None


def _yearly_rate(ind: Indicator, own: Series, year: int) -> float | None:
    """The indicator's rate in `year`: the observation itself, or the growth of its level."""
    if ind.rate:
        return own[year].value if year in own else None
    before = own.get(year - 1)
    now = own.get(year)
    prev = (
        before.value
        if before
        else (ind.baseline.value if year - 1 == ind.base_year and ind.baseline else None)
    )
    if now is None or not prev:
        return None
    return (now.value / prev - 1) * 100


def _relation_reading(ind: Indicator) -> Reading:
    """The cell that states the relation: the target's, else the growth target's."""
    reading = ind.target if ind.target is not None and ind.target.kind == "relation" else ind.target_growth
    assert reading is not None
    return reading


def _relation(c: Case, year: int, series: Mapping[str, Series], settings: Settings) -> Judgement:
    ind, own, other, theirs = c.ind, c.own, c.other, c.theirs
    reading = _relation_reading(ind)
    notes: list[str] = []
    if c.parent == "":
        return Judgement("not_assessable", reason=f"no_parent:{reading.other}", notes=notes)
    if other is None or theirs is None:
        return Judgement("not_assessable", reason=f"other_not_found:{reading.other}", notes=notes)
    held = checked = 0
    now_ok = None
    a = e = None
    for y in range(ind.base_year + 1, year + 1):
        x, o = _yearly_rate(ind, own, y), _yearly_rate(other, theirs, y)
        if x is None or o is None:
            continue
        checked += 1
        if reading.relation == "higher":
            ok = x > o
        elif reading.relation == "lower":
            ok = x < o
        else:
            ok = abs(x - o) <= settings.same_pace_tolerance
        held += ok
        if y == year:
            now_ok, a, e = ok, x, o
    notes.append(f"compared_with:{c.parent}{other.name}" if c.parent else f"compared_with:{other.name}")
    if now_ok is None:
        return Judgement("not_assessable", reason=f"no_pair:{other.name}", notes=notes)
    share = held / checked
    status: Status = "on_track" if share == 1 else "lagging" if share >= 0.5 else "severely_lagging"
    if not now_ok and status == "on_track":
        status = "lagging"
    return Judgement(
        status,
        e,
        a,
        share,
        met=now_ok and year == ind.target_year and share == 1,
        notes=notes,
        reason="relation",
    )


# -- qualitative: 保持在合理区间 ------------------------------------------------------------


def _qualitative(c: Case, year: int, _series, settings: Settings) -> Judgement:
    """保持在合理区间, 各年度视情提出: the elapsed years' figures against the targets set for those years.

    The average of the figures is compared with the average of the annual targets, so one hard year
    is weighed with the others as an office does; a shortfall within the tolerance (`same_pace_tolerance`
    points for a rate, `bound_tolerance` of the target for a level) is on track, within twice it
    lagging. Years without an annual target are left out and named.
    """
    ind, own = c.ind, c.own
    obs = own.get(year)
    if obs is None:
        return Judgement("not_assessable", reason="no_observation")
    years = range(ind.base_year + 1, year + 1)
    goals = {y: own[y].annual_target for y in years if y in own}
    targets = {y: g for y, g in goals.items() if g is not None and g.value is not None}
    if not targets:
        return Judgement("not_assessable", actual=obs.value, reason="no_annual_target")
    notes = [f"averaged:{','.join(str(y) for y in targets)}"]
    if len(goals) < len(years):
        notes.append("years_missing:" + ",".join(str(y) for y in years if y not in own))
    if len(targets) < len(goals):
        notes.append("annual_target_missing:" + ",".join(str(y) for y in goals if y not in targets))
    ceiling = c.lower or all(g.comparator in ("le", "lt") for g in targets.values())
    a = sum(own[y].value for y in targets) / len(targets)
    v = sum((g.upper if ceiling and g.upper is not None else g.value) or 0.0 for g in targets.values())
    v /= len(targets)
    slack = settings.same_pace_tolerance if ind.rate else settings.bound_tolerance * abs(v)
    gap = max(a - v if ceiling else v - a, 0.0)
    status: Status = "on_track" if gap <= slack else "lagging" if gap <= 2 * slack else "severely_lagging"
    if 0 < gap <= slack:
        notes.append(f"annual_tolerance:{figure_text(slack)}")
    return Judgement(status, v, a, None, met=None, notes=notes, reason="annual_target")


def _unknown(c: Case, year: int, _series, _settings) -> Judgement:
    ind = c.ind
    reading = ind.target or ind.target_growth
    kind = reading.kind if reading is not None else "empty"
    obs = c.own.get(year)
    return Judgement("not_assessable", actual=obs.value if obs else None, reason=f"target_{kind}")


_RULES = {
    "level": _level,
    "bound": _bound,
    "growth": _growth,
    "cumulative": _cumulative,
    "relation": _relation,
    "qualitative": _qualitative,
    "unknown": _unknown,
}
