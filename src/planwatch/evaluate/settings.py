"""The thresholds and choices of the evaluation method, with their documented defaults.

They are settings, not constants: an office whose local rules differ passes
its own (`planwatch evaluate --settings FILE.json`, read by the CLI), and every
assessment is made with the settings it names.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from planwatch.plan.vocabulary import REDUCTION_WORDS, STATUS_EN, STATUS_ZH, Status


def _threshold(status: Status) -> str:
    """What a threshold of the progress ratio opens, in the status's own words."""
    return f"progress at or above this is {STATUS_EN[status]} ({STATUS_ZH[status]})"


class Settings(BaseModel):
    """Evaluation settings. Progress is actual progress over time-elapsed progress (1 = on the path)."""

    ahead: float = Field(1.10, description=_threshold("ahead"))
    on_track: float = Field(0.90, description=_threshold("on_track"))
    lagging: float = Field(
        0.60, description=_threshold("lagging") + f"; below, {STATUS_EN['severely_lagging']}"
    )
    bound_tolerance: float = Field(
        0.05,
        description="a held bound missed by at most this share of the bound is lagging, beyond it severely",
    )
    same_pace_tolerance: float = Field(
        1.0, description="percentage points within which two growth rates are 基本同步 (at the same pace)"
    )
    reach_factor: float = Field(
        2.0,
        description="a binding indicator whose required yearly effort exceeds this many times the planned one warns",
    )
    geometric_units: list[str] = Field(
        default_factory=lambda: ["亿元", "万元", "元", "万美元", "亿美元", "美元"],
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
