"""What the rules found for every indicator in every year asked, kept as columns.

The rules write whole columns (`planwatch.evaluate.rules`); an `Assessment` with its notes and its sentence
is made only when one is read (`planwatch.evaluate.reading`), as a province's thousands of plans are judged
far more often than each of their sentences is read.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from planwatch.plan.vocabulary import BEHIND, PROGRESS_THRESHOLDS, STATUSES, Likelihood, Status

CODE: dict[Status, int] = {status: code for code, status in enumerate(STATUSES)}
NOT_ASSESSABLE = CODE["not_assessable"]
BEHIND_CODES = [CODE[s] for s in BEHIND]
# Why a judgement is what it is; `target`, `no_parent`, `other_not_found` and `no_pair` take a detail when read.
REASONS = (
    "outside_period", "", "no_baseline", "no_observation", "years_missing", "bound_no_baseline",
    "no_annual_target", "hold", "reached", "not_reached", "reaching", "growth_ceiling", "relation",
    "annual_target", "target", "no_parent", "other_not_found", "no_pair",
)  # fmt: skip
REASON = {reason: code for code, reason in enumerate(REASONS)}
LIKELIHOODS: tuple[Likelihood, ...] = ("likely", "difficult", "unlikely")
# The unit of what the remaining years need: none, a growth in %, the indicator's unit a year.
NO_UNIT, PER_CENT, PER_YEAR = 0, 1, 2


@dataclass
class Verdicts:
    """One cell per row of the table and year asked; NaN where a figure is none, -1 where a yes/no is none."""

    status: np.ndarray
    reason: np.ndarray
    expected: np.ndarray
    actual: np.ndarray
    progress: np.ndarray
    required: np.ndarray
    completion: np.ndarray
    aux: np.ndarray  # a hold's average of the years, a qualitative target's tolerance
    unit: np.ndarray
    met: np.ndarray
    out_of_reach: np.ndarray
    within: np.ndarray  # on track within the plan's precision
    forgiven: np.ndarray  # a hold's missed years forgiven on the average
    held_first: np.ndarray  # a bound without a baseline held from the period's first year
    missing: np.ndarray  # bit i: the year base+1+i has no figure
    missed: np.ndarray  # bit i: the year base+1+i missed a bound to hold, or has no annual target
    warning: np.ndarray
    projected: np.ndarray
    projected_met: np.ndarray
    likelihood: np.ndarray
    warned: np.ndarray  # the warning comes from the outlook alone

    @classmethod
    def empty(cls, rows: int, years: int) -> Verdicts:
        shape = (rows, years)
        made = {}
        for f in fields(cls):
            if f.name in ("status",):
                made[f.name] = np.full(shape, NOT_ASSESSABLE, np.int8)
            elif f.name in ("reason", "unit"):
                made[f.name] = np.zeros(shape, np.int8)
            elif f.name in ("met", "projected_met", "likelihood"):
                made[f.name] = np.full(shape, -1, np.int8)
            elif f.name in ("missing", "missed"):
                made[f.name] = np.zeros(shape, np.int64)
            elif f.name in ("out_of_reach", "within", "forgiven", "held_first", "warning", "warned"):
                made[f.name] = np.zeros(shape, bool)
            else:
                made[f.name] = np.full(shape, np.nan)
        return cls(**made)

    def put(self, rows: np.ndarray, mask: np.ndarray, **columns: np.ndarray | float | int | bool) -> None:
        """Write the cells of `mask` (over `rows` and the years) in each column named."""
        r, k = np.nonzero(mask)
        at = (rows[r], k)
        for name, value in columns.items():
            if not isinstance(value, np.ndarray):
                getattr(self, name)[at] = value
            else:  # a column per year, or one for all years (a row's own value), or one for all rows
                getattr(self, name)[at] = value[
                    r if value.shape[0] > 1 else 0, k if value.shape[1] > 1 else 0
                ]


def graded(progress: np.ndarray, settings) -> np.ndarray:
    """The status each progress ratio earns (the settings' thresholds, highest first); below the last, or
    moving the wrong way, severely lagging."""
    out = np.full(progress.shape, CODE["severely_lagging"], np.int8)
    with np.errstate(invalid="ignore"):
        for status in reversed(PROGRESS_THRESHOLDS):
            out[progress >= getattr(settings, status)] = CODE[status]
    return out
