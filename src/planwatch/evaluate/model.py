"""Indicators, observations and assessments: what evaluation reads and writes.

An Indicator is a row of a plan's indicator table made ready for judging: its
baseline and target read with the cell grammar, its base and final years, and
whether its yearly figures are levels or rates. Observations are the yearly
figures that come in; an Assessment is the judgement of one indicator in one
year, with every input it used, so a rating can be audited.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from planwatch.plan import Attribute, Reading

Status = Literal["achieved", "ahead", "on_track", "lagging", "severely_lagging", "not_assessable"]
STATUSES: tuple[Status, ...] = (
    "achieved",
    "ahead",
    "on_track",
    "lagging",
    "severely_lagging",
    "not_assessable",
)
STATUS_ZH: dict[str, str] = {
    "achieved": "提前实现",
    "ahead": "快于预期",
    "on_track": "基本符合预期",
    "lagging": "滞后",
    "severely_lagging": "严重滞后",
    "not_assessable": "无法评估",
}

# How an indicator's target is judged (docs/method.md explains each).
TargetKind = Literal[
    "level",  # a level to reach by the final year: 城镇化率 60.6 -> 65
    "growth",  # an average annual growth rate: 年均增长6.5
    "cumulative",  # a five-year total: 单位GDP能耗降低[13.5], 人均预期寿命[1]
    "bound",  # a floor or ceiling to reach or hold: ＞6.5, 5.5以内
    "relation",  # relative to another indicator: 高于GDP增长, 与经济增长基本同步
    "qualitative",  # judged against yearly targets: 保持在合理区间
    "unknown",  # not assessable until a target is entered: 控制在市目标内, 待定
]


class Indicator(BaseModel):
    """One indicator with its baseline and target, read with the cell grammar."""

    id: str = Field(description="stable key: the row number and name, or the name alone")
    name: str
    unit: str | None = None
    category: str | None = None
    attribute: Attribute | None = None
    base_year: int
    target_year: int
    baseline: Reading | None = Field(None, description="the base-year level (or cumulative figure)")
    baseline_raw: str = ""
    baseline_growth: Reading | None = Field(None, description="average annual growth of the previous period")
    baseline_growth_raw: str = ""
    target: Reading | None = Field(None, description="the final-year level, bound, total or relation")
    target_raw: str = ""
    target_growth: Reading | None = Field(None, description="the average annual growth to reach")
    target_growth_raw: str = ""
    rate: bool = Field(False, description="yearly figures are rates in % (增长, 降低), not levels")


class Observation(BaseModel):
    """The figure of one indicator in one year, with where it came from."""

    indicator: str = Field(description="Indicator.id")
    year: int
    value: float
    source: str | None = None
    note: str | None = None
    annual_target: Reading | None = Field(None, description="the target a work report set for the year")
    annual_target_raw: str = ""


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
        None, description="actual progress over expected progress; 1 is on the path"
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
