"""The thresholds and choices of the evaluation method, with their documented defaults.

They are settings, not constants: an office whose local rules differ passes
its own (`planwatch evaluate --settings FILE.json`, read by the CLI), and every
assessment is made with the settings it names.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from planwatch.plan.vocabulary import MONEY_UNITS, REDUCTION_WORDS, STATUS_EN, STATUS_ZH, Status


def _threshold(status: Status) -> str:
    """What a threshold of the progress ratio opens, in the status's own words."""
    return f"progress at or above this is {STATUS_EN[status]} ({STATUS_ZH[status]})"


_ON = STATUS_EN["on_track"]


class Settings(BaseModel):
    """Evaluation settings. Progress is actual progress over time-elapsed progress (1 = on the path)."""

    ahead: float = Field(1.10, description=_threshold("ahead"))
    on_track: float = Field(0.90, description=_threshold("on_track"))
    lagging: float = Field(
        0.60, description=_threshold("lagging") + f"; below, {STATUS_EN['severely_lagging']}"
    )
    bound_tolerance: float = Field(
        0.05,
        description="a held bound missed by at most this share of the bound is lagging, beyond it severely;"
        f" a level's average missing its annual targets by this share is still {_ON}",
    )
    hold_on_average: bool = Field(
        True,
        description=f"a bound held since the baseline is {_ON} when the average of the elapsed years holds"
        " it and no year misses it by more than bound_tolerance (the year that missed is named);"
        " off, every year must hold it",
    )
    published_precision: bool = Field(
        True,
        description="a gap to the path of at most half a unit of the last decimal the plan prints its"
        f" baseline and target with (3.1 against a path of 3.12, for 3.0 -> 3.2) is {_ON}",
    )
    same_pace_tolerance: float = Field(
        1.0,
        description="percentage points within which two growth rates are 基本同步 (at the same pace), and by"
        f" which a rate's average may miss the average of its annual targets and still be {_ON}",
    )
    reach_factor: float = Field(
        2.0,
        description="a binding indicator whose required yearly effort exceeds this many times the planned one warns",
    )
    geometric_units: list[str] = Field(
        default_factory=lambda: list(MONEY_UNITS),
        description="level targets in these units follow a geometric path (money grows by rates)",
    )
    lower_is_better: list[str] = Field(
        default_factory=lambda: [
            "失业率",
            "能耗",
            "排放",
            *REDUCTION_WORDS,
            "浓度",
            "死亡率",
            "发生率",
            "PM2.5",
        ],
        description="words in a name that make a lower figure the better one",
    )
