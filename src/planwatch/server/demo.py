"""The demo: the sample plan, read by `planwatch ingest`, with illustrative observations for 2021-2024.

The observations are made up for showing the application (示例数据) and are
labelled so wherever they appear; they are not statistics.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from planwatch.ingest import ingest

SAMPLE = "weidu-14th-fyp-outline.scraped.txt"
OBSERVATIONS = "weidu-observations.illustrative.csv"


def sample_file(name: str) -> Path:
    return Path(str(resources.files("planwatch") / "samples" / name))


def load_demo():
    """Store the sample plan and its illustrative observations; return the plan."""
    from planwatch.evaluate.spreadsheets import read_observations
    from planwatch.server.plans.services import record_observation, store_plan

    plan = store_plan(ingest(sample_file(SAMPLE)), source_name=SAMPLE, illustrative=True)
    indicators = {i.key: i for i in plan.indicators.all()}
    rows = read_observations(sample_file(OBSERVATIONS), [i.to_library() for i in indicators.values()])
    for r in rows:
        record_observation(
            indicators[r.indicator],
            r.year,
            r.value,
            source=r.source or "",
            note=r.note or "",
            illustrative=True,
        )
    return plan
