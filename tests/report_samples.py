"""Reports built from the sample plan and its illustrative observations: a mid-term and a final evaluation."""

from __future__ import annotations

import datetime as dt
from functools import cache

from planwatch.cli import sample_path
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.ingest import ingest
from planwatch.ingest.spreadsheets import read_observations
from planwatch.plan.model import Observation
from planwatch.report.content import Report, build_report
from planwatch.server.demo import sample_file

# Final-year figures for a few indicators, so the final evaluation has targets met and missed.
FINAL_YEAR = {"1": 5.8, "5": 100.0, "7": 33.0, "9": 3.15}


@cache
def sample_report(kind: str) -> Report:
    """The annual report for 2024, the mid-term evaluation for 2023 or the final evaluation for 2025, on a
    fixed date."""
    plan = ingest(sample_path())
    indicators = indicators_from_plan(plan)
    observations = read_observations(sample_file("weidu-observations.illustrative.csv"), indicators)
    year = {"annual": 2024, "midterm": 2023}.get(kind, 2025)
    if kind == "final":
        observations += [
            Observation(indicator=key, year=2025, value=value, source="示例数据（非统计数据）")
            for key, value in FINAL_YEAR.items()
        ]
    return build_report(
        indicators,
        observations,
        year,
        kind,
        plan_title=plan.title or "规划",
        region=plan.region or "",
        date=dt.date(year + 1, 3, 1),
        illustrative=True,
    )
