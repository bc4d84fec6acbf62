"""The thresholds and choices of the evaluation method, with their documented defaults.

They are settings, not constants: an office whose local rules differ passes
its own (`planwatch evaluate --settings FILE.json`), and every assessment is
made with the settings it names.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from planwatch.errors import InputError


class Settings(BaseModel):
    """Evaluation settings. Progress is actual progress over time-elapsed progress (1 = on the path)."""

    ahead: float = Field(1.10, description="progress at or above this is ahead (快于预期)")
    on_track: float = Field(0.90, description="progress at or above this is on track (基本符合预期)")
    lagging: float = Field(
        0.60, description="progress at or above this is lagging (滞后); below, severely lagging"
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
            "降低",
            "下降",
            "降幅",
            "浓度",
            "死亡率",
            "发生率",
            "PM2.5",
        ],
        description="words in a name that make a lower figure the better one",
    )


def load_settings(path: Path | None) -> Settings:
    """Settings from a JSON file (any field left out keeps its default)."""
    if path is None:
        return Settings()
    try:
        return Settings.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"not JSON: {e}") from None
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"setting {field}: {first['msg']}") from None
