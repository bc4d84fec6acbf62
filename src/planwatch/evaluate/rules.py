"""Judging indicators against the time-elapsed path (序时进度), each kind of target by its own rule, on
whole columns: every indicator of that kind in every plan of the table, in every year asked at once.

For a year y between the base year B and the final year T, the share of time elapsed is
s = (y - B) / (T - B). Progress is actual progress over the progress the path expects by y, so 1 is
exactly on the path; the thresholds between statuses are Settings. docs/method.md works through an
example of each rule. A rule writes only the cells of years inside the plan's period; the others stay
`not_assessable` for being outside it.
"""

from __future__ import annotations

import numpy as np

from planwatch.evaluate.figures import KIND, NO_PARENT, NOT_FOUND, Figures
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.verdicts import (
    BEHIND_CODES,
    CODE,
    NOT_ASSESSABLE,
    PER_CENT,
    PER_YEAR,
    REASON,
    Verdicts,
    graded,
)

NA, ON, LAGGING, SEVERE, ACHIEVED = (
    NOT_ASSESSABLE, CODE["on_track"], CODE["lagging"], CODE["severely_lagging"], CODE["achieved"],
)  # fmt: skip


class Cells:
    """The rows of one kind in the years asked, with what every rule reads of them: figures by calendar
    year, the year of each cell, years elapsed and left, and sums over the elapsed years."""

    def __init__(self, f: Figures, rows: np.ndarray, years: np.ndarray, settings: Settings) -> None:
        self.f, self.rows, self.settings = f, rows, settings
        self.values = f.values[rows]
        self.present = ~np.isnan(self.values)
        self.col = years - f.first
        self.year = years[None, :]
        base, end = f.base[rows][:, None], f.target_year[rows][:, None]
        self.end = end
        self.n, self.total, self.left = self.year - base, end - base, end - self.year
        self.base_col = base - f.first
        self.window = np.arange(f.values.shape[1])[None, :] > self.base_col  # the years after the base year
        self.inside = (self.n > 0) & (self.left >= 0)
        self.a = self.values[:, self.col]

    def row(self, name: str) -> np.ndarray:
        """A property of each row, as a column against the years."""
        return getattr(self.f, name)[self.rows][:, None]

    def upto(self, q: np.ndarray) -> np.ndarray:
        """The sum of `q` over the elapsed years up to each year asked (added in year order)."""
        return np.cumsum(np.where(self.window, q, 0), axis=1)[:, self.col]

    def product(self, q: np.ndarray) -> np.ndarray:
        """The product of `q` over the elapsed years up to each year asked (multiplied in year order)."""
        return np.cumprod(np.where(self.window, q, 1.0), axis=1)[:, self.col]

    def years(self, q: np.ndarray) -> np.ndarray:
        """The elapsed years where `q` holds, up to each year asked, as bits (bit i: year B + 1 + i)."""
        shift = np.clip(np.arange(self.values.shape[1])[None, :] - self.base_col - 1, 0, 62)
        return self.upto(np.where(q, np.left_shift(1, shift), 0).astype(np.int64))

    def put(self, v: Verdicts, mask: np.ndarray, **columns) -> None:
        v.put(self.rows, mask & self.inside, **columns)

    def within_precision(self, status: np.ndarray, expected: np.ndarray, actual: np.ndarray):
        """A status behind its path by at most half the plan's precision is on track, saying so: the path
        printed as the plan prints its figures (3.12 as 3.1) is the figure."""
        step = self.row("step")
        near = np.isin(status, BEHIND_CODES) & (step != 0) & (np.abs(expected - actual) <= step / 2 + 1e-9)
        return np.where(near, ON, status), near


def judge(f: Figures, years: np.ndarray, settings: Settings) -> Verdicts:
    """Every row of the table judged in every year asked, with the warnings of binding indicators."""
    v = Verdicts.empty(len(f.rows), len(years))
    with np.errstate(all="ignore"):
        for kind, rule in _RULES.items():
            rows = np.flatnonzero(f.kind == KIND[kind])
            if len(rows):
                rule(v, Cells(f, rows, years, settings))
    met = (v.status != NA) & (v.met == 1)
    v.status[met] = ACHIEVED
    behind = np.isin(v.status, BEHIND_CODES) | v.out_of_reach
    v.warning[:] = f.binding[:, None] & behind
    return v


def _level(v: Verdicts, c: Cells) -> None:
    """城镇化率 60.6 -> 65: linear b + (t − b)·s, geometric b·(t/b)^s for money or a level with a growth
    target; a level to be kept (100 -> 100) is held."""
    b, t, a, s = c.row("in_force"), c.row("target"), c.a, c.settings
    unknown = np.isnan(b) | np.isnan(t)
    c.put(v, unknown, reason=REASON["no_baseline"])
    c.put(v, ~unknown & np.isnan(a), reason=REASON["no_observation"])
    judged = ~unknown & ~np.isnan(a)
    _hold(v, c, judged & (t == b), t, ~c.row("lower"))
    geometric = c.row("geometric") & (b > 0) & (t > 0)
    share = c.n / c.total
    expected = np.where(geometric, b * (t / b) ** share, b + (t - b) * share)
    progress = (a - b) / (expected - b)
    met = np.where(t > b, a >= t, a <= t)
    status, within = c.within_precision(graded(progress, s), expected, a)
    need = (c.left > 0) & ~met
    growing = geometric & (a > 0)
    required = np.where(growing, _growth_needed(t, a, c.left), (t - a) / c.left)
    planned = np.where(growing, _growth_needed(t, b, c.total), (t - b) / c.total)
    far = np.abs(required) > s.reach_factor * np.abs(planned)
    c.put(
        v, judged & (t != b),
        status=status, reason=REASON[""], expected=expected, actual=a, progress=progress, met=met,
        completion=(a - b) / (t - b), within=within, required=np.where(need, required, np.nan),
        unit=np.where(need, np.where(growing, PER_CENT, PER_YEAR), 0), out_of_reach=need & far,
    )  # fmt: skip


def _growth_needed(target: np.ndarray, actual: np.ndarray, remaining: np.ndarray) -> np.ndarray:
    """Average yearly growth (%) that takes `actual` to `target` in `remaining` years."""
    return ((target / actual) ** (1 / remaining) - 1) * 100


def _shortfall(x: np.ndarray, bound: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """How far a figure misses a bound to hold, as a share of the bound (0 when it holds)."""
    miss = np.maximum(np.where(floor, bound - x, x - bound), 0.0)
    return np.where(bound != 0, miss / np.abs(bound), miss)


def _hold(v: Verdicts, c: Cells, mask: np.ndarray, bound: np.ndarray, floor: np.ndarray) -> None:
    """A level to be held through the period, judged over the elapsed years and not by its worst year.

    Held every year is on track. With `hold_on_average`, a year that missed it by at most
    `bound_tolerance` is forgiven when the average of the elapsed years holds it; a figure at or past
    the bound now is never behind. The years that missed it are named.
    """
    s, a = c.settings, c.a
    seen = c.present & c.window
    short = np.where(seen, _shortfall(c.values, bound, floor), 0.0)
    missed = seen & (short > 0)
    worst = np.maximum.accumulate(short, axis=1)[:, c.col]
    count, misses = c.upto(seen), c.upto(missed)
    average = c.upto(np.where(seen, c.values, 0.0)) / count
    now = _shortfall(a, bound, floor)
    forgiven = s.hold_on_average & (worst <= s.bound_tolerance) & (_shortfall(average, bound, floor) == 0)
    held = (misses == 0) | forgiven | (now == 0)
    status = np.where(held, ON, np.where(worst <= s.bound_tolerance, LAGGING, SEVERE))
    completion = np.where((a != 0) & (bound != 0), np.where(floor, a / bound, bound / a), np.nan)
    c.put(
        v, mask,
        status=status, reason=REASON["hold"], expected=bound, actual=a, progress=(count - misses) / count,
        met=(now == 0) & (c.year == c.end), completion=completion, forgiven=(misses > 0) & forgiven,
        aux=average, missing=c.years(c.window & ~c.present), missed=c.years(missed),
    )  # fmt: skip


def _bound(v: Verdicts, c: Cells) -> None:
    """＞6.5, 5.5以内: approached on a path from the baseline until reached; held where the baseline (or,
    without one, the period's first year) already meets it."""
    b, bound, a, s = c.row("in_force"), c.row("target"), c.a, c.settings
    floor, strict = c.row("floor"), c.row("strict")

    def meets(x: np.ndarray) -> np.ndarray:
        return np.where(
            floor, np.where(strict, x > bound, x >= bound), np.where(strict, x < bound, x <= bound)
        )

    seen = ~np.isnan(a)
    c.put(v, ~seen, reason=REASON["no_observation"])
    first = c.values[np.arange(len(c.rows))[:, None], np.minimum(c.base_col + 1, c.values.shape[1] - 1)]
    held = ~np.isnan(b) & (meets(b) | (b == bound))
    from_first = np.isnan(b) & ~np.isnan(first) & meets(first) & (c.base_col + 1 < c.values.shape[1])
    _hold(v, c, seen & (held | from_first), bound, floor)
    c.put(v, seen & from_first, held_first=True)
    rest = seen & ~held & ~from_first
    reached = rest & meets(a)
    c.put(
        v, reached, status=ACHIEVED, reason=REASON["reached"], expected=bound, actual=a, met=1, completion=1.0
    )
    rest &= ~reached
    gap = np.where(bound != 0, np.abs(bound - a) / np.abs(bound), np.abs(bound - a))
    final = rest & np.isnan(b) & (c.year == c.end)
    c.put(
        v, final,
        status=np.where(gap <= s.bound_tolerance, LAGGING, SEVERE), reason=REASON["not_reached"],
        expected=bound, actual=a, met=0,
    )  # fmt: skip
    c.put(v, rest & np.isnan(b) & ~final, reason=REASON["bound_no_baseline"], expected=bound, actual=a)
    expected = b + (bound - b) * c.n / c.total
    progress = (a - b) / (expected - b)
    status, within = c.within_precision(graded(progress, s), expected, a)
    required = (bound - a) / c.left
    far = np.abs(required) > s.reach_factor * np.abs((bound - b) / c.total)
    need = c.left > 0
    c.put(
        v, rest & ~np.isnan(b),
        status=status, reason=REASON["reaching"], expected=expected, actual=a, progress=progress, met=0,
        within=within, completion=(a - b) / (bound - b), required=np.where(need, required, np.nan),
        unit=np.where(need, PER_YEAR, 0), out_of_reach=need & far,
    )  # fmt: skip


def _index(v: Verdicts, c: Cells) -> tuple[np.ndarray, np.ndarray]:
    """The chained index of growth from the base year to each year (1.0 = no growth), and where there is
    one: a rate's yearly figures chained, else the level over the baseline."""
    rate, b, a = c.row("rate"), c.row("in_force"), c.a
    gaps = c.window & ~c.present
    broken = rate & (c.upto(gaps) > 0)
    c.put(v, broken, reason=REASON["years_missing"], missing=c.years(gaps))
    no_base = ~rate & (np.isnan(b) | (b <= 0))
    c.put(v, no_base, reason=REASON["no_baseline"])
    c.put(v, ~rate & ~no_base & np.isnan(a), reason=REASON["no_observation"])
    index = np.where(rate, c.product(1 + c.values / 100), a / b)
    return index, ~broken & ~no_base & ~(~rate & np.isnan(a))


def _growth(v: Verdicts, c: Cells) -> None:
    """年均增长6.5%: the chained index against (1 + g)^n; a ceiling on growth (≤5‰) is held, not approached."""
    g, s = c.row("growth"), c.settings
    index, judged = _index(v, c)
    realised = np.where(index > 0, (index ** (1 / c.n) - 1) * 100, -100.0)
    full = (1 + g / 100) ** c.total
    ceiling = c.row("ceiling")
    over = np.maximum(realised - g, 0.0)
    c.put(
        v, judged & ceiling,
        status=np.where(over == 0, ON, np.where(over <= s.same_pace_tolerance, LAGGING, SEVERE)),
        reason=REASON["growth_ceiling"], expected=g, actual=realised, met=(over == 0) & (c.year == c.end),
    )  # fmt: skip
    expected_index = (1 + g / 100) ** c.n
    moving = np.abs(expected_index - 1) > 1e-12
    progress = np.where(moving, (index - 1) / (expected_index - 1), 1.0 + (realised - g) / 100)
    progress = np.where(moving & (g < 0), 2 - progress, progress)  # falling less than planned is better
    met = np.where(c.year < c.end, index >= full, realised >= g)
    need = (c.left > 0) & ~met
    required = np.where(need & (index > 0), ((full / index) ** (1 / c.left) - 1) * 100, np.nan)
    c.put(
        v, judged & ~ceiling,
        status=graded(progress, s), reason=REASON[""], expected=g, actual=realised, progress=progress,
        met=met, completion=np.where(g != 0, realised / g, np.nan), required=required,
        unit=np.where(need, PER_CENT, 0), out_of_reach=(g > 0) & (required > s.reach_factor * g),
    )  # fmt: skip


def _cumulative(v: Verdicts, c: Cells) -> None:
    """单位GDP能耗降低[13.5] (rates compounded), 新增就业[50] (yearly amounts summed), 人均预期寿命[1] (the
    change of a level), against the total's share s of the target."""
    total_target, s, a, b = c.row("target"), c.settings, c.a, c.row("in_force")
    compounding, chained = c.row("rate"), c.row("rate") | c.row("flow")
    gaps = c.window & ~c.present
    broken = chained & (c.upto(gaps) > 0)
    c.put(v, broken, reason=REASON["years_missing"], missing=c.years(gaps))
    c.put(v, ~chained & np.isnan(b), reason=REASON["no_baseline"])
    c.put(v, ~chained & ~np.isnan(b) & np.isnan(a), reason=REASON["no_observation"])
    judged = np.where(chained, ~broken, ~np.isnan(b) & ~np.isnan(a))
    share = c.n / c.total
    sign = np.where(c.row("fall"), -1, 1)
    kept = c.product(1 + sign * c.values / 100)
    left_factor = np.where(kept > 0, (1 + sign * total_target / 100) / kept, np.nan)
    done = np.where(
        compounding,
        sign * (kept - 1) * 100,
        np.where(chained, c.upto(np.where(c.present, c.values, 0.0)), a - b),
    )
    expected = np.where(
        compounding, sign * ((1 + sign * total_target / 100) ** share - 1) * 100, total_target * share
    )
    required = np.where(
        compounding,
        np.where(left_factor > 0, sign * (left_factor ** (1 / c.left) - 1) * 100, np.nan),
        (total_target - done) / c.left,
    )
    required = np.where(c.left > 0, required, np.nan)
    progress = np.where(expected != 0, done / expected, np.nan)
    met = np.where(total_target >= 0, done >= total_target, done <= total_target)
    status = np.where(expected != 0, graded(progress, s), ON)
    status, within = c.within_precision(status, expected, done)
    required = np.where(met, np.nan, required)
    far = (total_target != 0) & (np.abs(required) > s.reach_factor * np.abs(total_target / c.total))
    c.put(
        v, judged,
        status=status, reason=REASON[""], expected=expected, actual=done, progress=progress,
        required=required, unit=np.where(compounding, PER_CENT, PER_YEAR), within=within, met=met,
        completion=np.where(total_target != 0, done / total_target, np.nan), out_of_reach=far,
    )  # fmt: skip


def yearly_rates(f: Figures, rows: np.ndarray) -> np.ndarray:
    """Each row's rate in each year: the figure itself for a rate, else the growth of its level over the
    year before (the printed baseline standing for a base year without a figure)."""
    values = f.values[rows]
    before = np.full_like(values, np.nan)
    before[:, 1:] = values[:, :-1]
    at_base = np.arange(values.shape[1])[None, :] - 1 == (f.base[rows] - f.first)[:, None]
    before = np.where(np.isnan(before) & at_base, f.printed[rows][:, None], before)
    growth = np.where(~np.isnan(before) & (before != 0), (values / before - 1) * 100, np.nan)
    return np.where(f.rate[rows][:, None], values, growth)


def _relation(v: Verdicts, c: Cells) -> None:
    """高于GDP增长, 与经济增长基本同步, 高于全市平均水平: the years so far that kept the relation, as a share."""
    unfound = c.row("unfound")
    c.put(v, unfound == NO_PARENT, reason=REASON["no_parent"])
    c.put(v, unfound == NOT_FOUND, reason=REASON["other_not_found"])
    found = unfound == 0
    ours = yearly_rates(c.f, c.rows)
    theirs = yearly_rates(c.f, np.where(found[:, 0], c.f.other[c.rows], c.rows))
    pair = c.window & ~np.isnan(ours) & ~np.isnan(theirs)
    relation = c.row("relation")
    kept = np.where(
        relation == 0,
        ours > theirs,
        np.where(relation == 1, ours < theirs, np.abs(ours - theirs) <= c.settings.same_pace_tolerance),
    )
    held, checked = c.upto(pair & kept), c.upto(pair)
    now, now_kept = pair[:, c.col], kept[:, c.col]
    c.put(v, found & ~now, reason=REASON["no_pair"])
    share = held / checked
    status = np.where(share == 1, ON, np.where(share >= 0.5, LAGGING, SEVERE))
    status = np.where(~now_kept & (status == ON), LAGGING, status)
    c.put(
        v, found & now,
        status=status, reason=REASON["relation"], expected=theirs[:, c.col], actual=ours[:, c.col],
        progress=share, met=now_kept & (c.year == c.end) & (share == 1),
    )  # fmt: skip


def _qualitative(v: Verdicts, c: Cells) -> None:
    """保持在合理区间, 各年度视情提出: the elapsed years' figures against the targets set for those years.

    The average of the figures is compared with the average of the annual targets, so one hard year
    is weighed with the others as an office does; a shortfall within the tolerance (`same_pace_tolerance`
    points for a rate, `bound_tolerance` of the target for a level) is on track, within twice it
    lagging. Years without an annual target are left out and named.
    """
    s, a = c.settings, c.a
    c.put(v, np.isnan(a), reason=REASON["no_observation"])
    value, upper, ceilings = _annual_targets(c)
    goals = c.window & c.present
    targets = goals & ~np.isnan(value)
    count = c.upto(targets)
    c.put(v, ~np.isnan(a) & (count == 0), reason=REASON["no_annual_target"], actual=a)
    ceiling = c.row("lower") | (c.upto(targets & ceilings) == count)
    average = c.upto(np.where(targets, c.values, 0.0)) / count
    highest = c.upto(np.where(targets, np.where(np.isnan(upper), value, upper), 0.0))
    aimed = np.where(ceiling, highest, c.upto(np.where(targets, value, 0.0))) / count
    slack = np.where(c.row("rate"), s.same_pace_tolerance, s.bound_tolerance * np.abs(aimed))
    gap = np.maximum(np.where(ceiling, average - aimed, aimed - average), 0.0)
    c.put(
        v, ~np.isnan(a) & (count > 0),
        status=np.where(gap <= slack, ON, np.where(gap <= 2 * slack, LAGGING, SEVERE)),
        reason=REASON["annual_target"], expected=aimed, actual=average, aux=np.where(gap > 0, slack, np.nan),
        missing=c.years(c.window & ~c.present), missed=c.years(goals & np.isnan(value)),
    )  # fmt: skip


def _annual_targets(c: Cells) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The annual targets of the rows by year: their figure, the top of a range, and whether a ceiling."""
    value = np.full(c.values.shape, np.nan)
    upper, ceilings = value.copy(), np.zeros(c.values.shape, bool)
    local = {row: n for n, row in enumerate(c.rows.tolist())}
    for (row, year), reading in c.f.annual.items():
        n, col = local.get(row), year - c.f.first
        if n is None or reading.value is None or not 0 <= col < c.values.shape[1]:
            continue
        value[n, col] = reading.value
        upper[n, col] = np.nan if reading.upper is None else reading.upper
        ceilings[n, col] = reading.comparator in ("le", "lt")
    return value, upper, ceilings


def _unknown(v: Verdicts, c: Cells) -> None:
    """A target no rule reads (待定, 按市下达目标 not yet entered, text): said why, with the year's figure."""
    c.put(v, np.ones_like(c.a, bool), reason=REASON["target"], actual=c.a)


_RULES = {
    "level": _level,
    "bound": _bound,
    "growth": _growth,
    "cumulative": _cumulative,
    "relation": _relation,
    "qualitative": _qualitative,
    "unknown": _unknown,
}
