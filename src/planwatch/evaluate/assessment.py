"""The Assessment: the judgement of one indicator in one year, with every input it used, so a
rating can be audited."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from planwatch.plan.model import TargetKind
from planwatch.plan.vocabulary import Likelihood, Status, Vintage


class Assessment(BaseModel):
    """The judgement of one indicator in one year against the time-elapsed path (序时进度)."""

    indicator: str
    name: str
    year: int
    kind: TargetKind
    status: Status
    expected: float | None = Field(None, description="where the time-elapsed path says it should be")
    actual: float | None = Field(None, description="the observed level, rate, index or total compared")
    progress: float | None = Field(
        None,
        description="actual progress over expected progress, 1 on the path; with `basis` years, the share"
        " of the elapsed years that met the target",
    )
    basis: Literal["path", "years"] = Field(
        "path",
        description="what `progress` measures: the time-elapsed path, or the years that held a level to"
        " keep or a relation to another indicator (no path to be on)",
    )
    required_annual_growth: float | None = Field(
        None,
        description="average yearly growth (%) or change the remaining years now need to reach the target",
    )
    required_unit: str | None = Field(None, description="% for a growth, else the indicator's unit per year")
    completion: float | None = Field(None, description="final evaluation: actual over target (1 is complete)")
    met: bool | None = Field(None, description="the final target is met (final year) or already met")
    warning: bool = Field(False, description="预警: a binding indicator behind its path or out of reach")
    explanation: str = Field(description="why it got its status, in one sentence")
    notes: list[str] = Field(
        default_factory=list, description="what was assumed: baselines replaced, years used"
    )
    actual_latest: float | None = Field(
        None,
        description="the year's own figure as observed; a growth target's `actual` is the average of the years",
    )
    projected: float | None = Field(
        None,
        description="预计: the value expected in the target year from the trend so far, measured as `actual`",
    )
    projected_met: bool | None = Field(None, description="the projected value meets the target")
    likelihood: Likelihood | None = Field(
        None, description="预计完成情况: whether the trend so far takes it to the target"
    )
    vintages: dict[int, Vintage] = Field(
        default_factory=dict, description="the vintage of each year's figure used, where known"
    )
