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
    from planwatch.server.monitoring.services import import_observations
    from planwatch.server.plans.services import store_plan

    plan = store_plan(ingest(sample_file(SAMPLE)), source_name=SAMPLE, illustrative=True)
    import_observations(plan, sample_file(OBSERVATIONS), illustrative=True)
    return plan
