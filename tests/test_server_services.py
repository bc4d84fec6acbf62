"""Storing plans and observations: revisions kept, imports all or nothing, assessments as of a date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from planwatch.errors import InputError
from planwatch.server.accounts.models import AuditEntry
from planwatch.server.demo import load_demo
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import import_observations, record_observation
from planwatch.server.plans.services import store_plan
from planwatch.server.reports.services import assessments

pytestmark = pytest.mark.django_db


def test_store_the_sample_plan(sample_plan):
    plan = store_plan(sample_plan, source_name="weidu.txt")
    assert (plan.region, plan.period_start, plan.period_end) == ("许昌市魏都区", 2021, 2025)
    assert plan.indicators.count() == 16
    gdp = plan.indicators.get(name="地区生产总值增长")
    assert (gdp.target_growth, gdp.rate, gdp.base_year) == ("6.5", True, 2020)
    assert plan.reading["tables"][1]["caption"].startswith("表2")
    assert AuditEntry.objects.filter(action="create", object_type="Plan").count() == 1


def test_a_new_figure_for_a_year_is_a_revision(sample_plan, django_user_model):
    user = django_user_model.objects.create_user("tongji", password="x" * 12)
    plan = store_plan(sample_plan)
    urban = plan.indicators.get(name="每万人口发明专利拥有量")
    first = timezone.now() - timedelta(days=30)
    record_observation(urban, 2022, 29.0, user, source="初步核算", at=first)
    record_observation(urban, 2022, 29.6, user, source="最终核实")
    rows = Observation.objects.filter(indicator=urban, year=2022).order_by("entered_at")
    assert [(o.value, o.source, o.superseded_at is not None) for o in rows] == [
        (29.0, "初步核算", True),
        (29.6, "最终核实", False),
    ]
    revision = AuditEntry.objects.get(action="revise")
    assert revision.before == {"value": 29.0, "source": "初步核算"} and revision.user == user
    now = {a.name: a for a in assessments(plan, 2022)}["每万人口发明专利拥有量"]
    then = {a.name: a for a in assessments(plan, 2022, as_of=first + timedelta(days=1))}[
        "每万人口发明专利拥有量"
    ]
    assert (now.actual, then.actual) == (29.6, 29.0)


def test_an_import_with_a_bad_row_stores_nothing(sample_plan, tmp_path):
    plan = store_plan(sample_plan)
    good = tmp_path / "good.csv"
    good.write_text(
        "指标,年份,值,来源\n地区生产总值增长,2021,6.8,统计局\n地区生产总值增长,2022,6.2,统计局\n",
        encoding="utf-8",
    )
    assert len(import_observations(plan, good)) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,年份,值\n地区生产总值增长,2023,5.0\n人均GDP,2023,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="第3行"):
        import_observations(plan, bad)
    assert sorted(Observation.objects.values_list("year", flat=True)) == [2021, 2022]


def test_the_demo_holds_the_sample_with_illustrative_observations():
    plan = load_demo()
    assert plan.illustrative
    assert Observation.objects.filter(illustrative=False).count() == 0
    # 56 figures in force, the one preliminary figure a final one revised, kept beside it, and two awaiting review
    assert Observation.objects.current().count() == 56
    assert Observation.objects.count() == 59
    found = {a.name: a for a in assessments(plan, 2024)}
    # 6.9, 4.1, 5.6, 5.2: index 1.23626 against 1.065^4 = 1.28647, progress 0.825
    assert found["地区生产总值增长"].status == "lagging"
    assert found["地区生产总值增长"].progress == pytest.approx(0.825, abs=1e-3)
    # 77.5 -> 78.3 is +0.8 years, exactly the 1 x 0.8 the path expects
    assert found["人均预期寿命"].status == "on_track"
    assert found["森林覆盖率"].status == "not_assessable"  # 按市下达目标


def test_a_table_read_with_shifted_columns_is_stored_with_a_key_per_indicator():
    from planwatch.ingest.pipeline import read_plan
    from tests.built_plans import document

    reading = read_plan(document(shift=True))  # names lost to the shift: every row reads alike
    plan = store_plan(reading)
    keys = list(plan.indicators.values_list("key", flat=True))
    assert len(keys) == 6 and len(set(keys)) == 6
    assert any(w.code == "table_shifted" for w in reading.warnings)
