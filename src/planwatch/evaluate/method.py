"""Judging indicators against the time-elapsed path (序时进度): one plan, or a province's thousands at once.

The plans' figures are laid out as one table (`planwatch.evaluate.figures`), each kind of target is
judged by its rule on whole columns (`planwatch.evaluate.rules`), the trend of the figures carried to
the target year (`planwatch.evaluate.projection`), and each assessment made with its sentence when it is
read (`planwatch.evaluate.reading`). docs/method.md works through an example of each rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.figures import PlanFigures, figures, target_kind
from planwatch.evaluate.parents import Parent
from planwatch.evaluate.projection import anticipate
from planwatch.evaluate.reading import Assessments, Judged
from planwatch.evaluate.rules import judge
from planwatch.evaluate.settings import Settings
from planwatch.plan.model import Indicator, Observation
from planwatch.plan.vocabulary import Status

__all__ = ["RANK", "PlanFigures", "evaluate", "evaluate_plans", "evaluate_years", "target_kind"]

RANK: dict[Status, int] = {
    "severely_lagging": 0,
    "lagging": 1,
    "on_track": 2,
    "ahead": 3,
    "achieved": 4,
    "not_assessable": -1,
}


def evaluate(
    indicators: list[Indicator],
    observations: Iterable[Observation],
    year: int,
    settings: Settings | None = None,
    lang: str = "zh",
    parent: Parent | None = None,
) -> Sequence[Assessment]:
    """Assess every indicator in `year` (`evaluate_years` assesses several years in one pass)."""
    return evaluate_years(indicators, observations, (year,), settings, lang, parent)[year]


def evaluate_years(
    indicators: list[Indicator],
    observations: Iterable[Observation],
    years: Iterable[int],
    settings: Settings | None = None,
    lang: str = "zh",
    parent: Parent | None = None,
) -> dict[int, Assessments]:
    """Assess every indicator in each of `years`; with the plan of the region above (`parent`), targets
    left to it and relations to its average are judged too."""
    plan = PlanFigures(indicators, list(observations), parent)
    return evaluate_plans([plan], years, settings, lang)[0]


def evaluate_plans(
    plans: Sequence[PlanFigures], years: Iterable[int], settings: Settings | None = None, lang: str = "zh"
) -> list[dict[int, Assessments]]:
    """Assess every indicator of every plan in each of `years`, all at once: each plan's assessments by
    year, in the order of its indicators, made when read."""
    settings = settings or Settings()
    years = list(years)
    if not years:
        return [{} for _ in plans]
    table = figures(plans, years, settings)
    asked = np.array(years, dtype=np.int64)
    verdicts = judge(table, asked, settings)
    anticipate(table, asked, verdicts, settings)
    judged = Judged(table, verdicts, years, settings, lang)
    return [{year: Assessments(judged, rows, k) for k, year in enumerate(years)} for rows in table.plans]
