"""The demo: the sample plan, read by `planwatch ingest`, with illustrative observations for 2021-2024.

The observations are made up for showing the application (示例数据) and are
labelled so wherever they appear; they are not statistics. The office around the plan (departments, who
leads what, users who log in, tasks' progress) is server/demo_office.py; `planwatch demo` loads both.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from planwatch.ingest import ingest
from planwatch.plan.model import Observation

SAMPLE = "weidu-14th-fyp-outline.scraped.txt"
OBSERVATIONS = "weidu-observations.illustrative.csv"
# One indicator shows how figures are published: preliminary (初步核算) in the spring's communiqué, final
# (最终核实) in the yearbook at the year's end. Its 2023 figure was revised (6.1 first, then the sample's
# own); its 2024 figure is still preliminary.
REVISED = "居民人均可支配收入增长"
REVISED_YEAR, FIRST_PUBLISHED = 2023, 6.1
LATEST = 2024
# Figures a department's reporter submitted, awaiting the office's review (待审核): a revision of LATEST's and
# the next year's, shown on the dashboard and the review page, counted only with 含待审核数据.
REPORTER, REPORTING = "demo-reporter", "区商务局"
SUBMITTED_INDICATOR = "社会消费品零售总额增长"
SUBMITTED = {LATEST: 6.4, LATEST + 1: 6.3}
SOURCE = "示例数据（非统计数据）"


def sample_file(name: str) -> Path:
    return Path(str(resources.files("planwatch") / "samples" / name))


def communique_day(year: int) -> dt.date:
    """When a year's preliminary figures are published: the next spring's statistical communiqué."""
    return dt.date(year + 1, 3, 28)


def yearbook_day(year: int) -> dt.date:
    """When a year's final figures are published: the next year's yearbook."""
    return dt.date(year + 1, 12, 28)


def with_vintages(rows: list[Observation], key: str) -> tuple[list[Observation], Observation]:
    """The sample's figures, those of the indicator `key` with their vintages and days of publication, and
    the preliminary figure its final one for REVISED_YEAR revised."""
    dated = []
    first = None
    for row in rows:
        if row.indicator != key:
            dated.append(row)
        elif row.year == LATEST:
            dated.append(
                row.model_copy(update={"vintage": "preliminary", "published": communique_day(row.year)})
            )
        else:
            dated.append(row.model_copy(update={"vintage": "final", "published": yearbook_day(row.year)}))
            if row.year == REVISED_YEAR:
                earlier = {
                    "value": FIRST_PUBLISHED,
                    "vintage": "preliminary",
                    "published": communique_day(row.year),
                }
                first = row.model_copy(update=earlier)
    assert first is not None, f"the sample has no {REVISED_YEAR} figure of {key}"
    return dated, first


def load_demo():
    """Store the sample plan and its illustrative observations; return the plan.

    The revised preliminary figure is stored as history, already superseded: the demo's audit trail holds
    what was entered, not a revision nobody made.
    """
    from planwatch.ingest.spreadsheets import read_observations
    from planwatch.server.monitoring.models import Observation as Stored
    from planwatch.server.monitoring.services import store_observations
    from planwatch.server.plans.services import store_plan

    plan = store_plan(ingest(sample_file(SAMPLE)), source_name=SAMPLE, illustrative=True)
    revised = plan.indicators.get(name=REVISED)
    rows = read_observations(sample_file(OBSERVATIONS), [i.to_library() for i in plan.indicators.all()])
    dated, first = with_vintages(rows, revised.key)
    stored = store_observations(plan, dated, illustrative=True)
    final = next(o for o in stored if o.indicator == revised and o.year == REVISED_YEAR)
    Stored.objects.create(
        indicator=revised,
        year=first.year,
        value=first.value,
        source=first.source or "",
        note=first.note or "",
        vintage=first.vintage or "",
        published_on=first.published,
        illustrative=True,
        entered_at=final.entered_at - dt.timedelta(seconds=1),  # entered before the final, which stands
        superseded_at=final.entered_at,
    )
    submit_demo_figures(plan)
    return plan


def submit_demo_figures(plan) -> None:
    """The bureau of commerce leads SUBMITTED_INDICATOR; its reporter (who cannot log in) submits the
    SUBMITTED figures, which await review."""
    from django.contrib.auth import get_user_model

    from planwatch.server.accounts.models import Department

    bureau, _ = Department.objects.get_or_create(name=REPORTING)
    reporter, _ = get_user_model().objects.get_or_create(username=REPORTER)
    reporter.set_unusable_password()
    reporter.save()
    bureau.members.add(reporter)
    indicator = plan.indicators.get(name=SUBMITTED_INDICATOR)
    if indicator.lead is None:
        indicator.lead = bureau
        indicator.save(update_fields=["lead"])
    for year, value in SUBMITTED.items():
        submit_figure(indicator, year, value, reporter)


def submit_figure(indicator, year: int, value: float, reporter) -> None:
    """A department reporter's illustrative figure, which awaits the office's review."""
    from planwatch.server.monitoring.services import record_observation

    record_observation(indicator, year, value, reporter, source=SOURCE, note="示例", illustrative=True)
