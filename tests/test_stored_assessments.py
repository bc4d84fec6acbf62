"""Assessments are judged once and kept: a page asking again reads them; a new figure, a review, a
settings change, a target entered or a change in the plan above has them judged again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planwatch.evaluate.settings import Settings
from planwatch.server.accounts.models import Department
from planwatch.server.monitoring.services import approve_observation, record_observation
from planwatch.server.plans.services import save_settings
from planwatch.server.regions.services import enter_target
from planwatch.server.reports import services
from planwatch.server.reports.models import StoredAssessments
from tests.test_regions_web import city, figures, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(monkeypatch):
    """How many times the library judged a plan."""
    calls = []
    real = services.evaluate_years

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "evaluate_years", counting)
    return calls


@pytest.fixture
def district():
    plan = stored(
        "许昌市魏都区“十四五”规划",
        "许昌市魏都区",
        "411002",
        [("常住人口城镇化率", "%", "50", "55", False), ("森林覆盖率", "%", "30", "控制在市目标内", False)],
    )
    figures(plan, "常住人口城镇化率", {2021: 51, 2022: 52})
    figures(plan, "森林覆盖率", {2021: 30.5, 2022: 31})
    return plan


def by_name(plan, year=2022):
    return {a.name: a for a in services.assessments(plan, year)}


def test_asked_again_the_stored_assessments_are_read(district, judged):
    first = by_name(district)
    assert by_name(district) == first
    assert services.assessments_in(district, [2022]) == {2022: list(first.values())}
    assert judged == [[2022]]
    assert StoredAssessments.objects.filter(plan=district, year=2022).count() == 1


def test_a_new_figure_or_a_review_has_them_judged_again(district, judged, django_user_model, staff):
    assert by_name(district)["常住人口城镇化率"].actual == 52
    town = district.indicators.get(name="常住人口城镇化率")
    record_observation(town, 2022, 52.5)
    assert by_name(district)["常住人口城镇化率"].actual == 52.5
    reporter = django_user_model.objects.create_user("tianbao", password="x" * 12)
    bureau = Department.objects.create(name="统计部门")
    bureau.members.add(reporter)
    district.indicators.filter(pk=town.pk).update(lead=bureau)
    pending = record_observation(town, 2022, 53, reporter)  # awaits review: not counted yet
    assert by_name(district)["常住人口城镇化率"].actual == 52.5
    approve_observation(pending, staff)
    assert by_name(district)["常住人口城镇化率"].actual == 53
    assert (
        len(judged) == 4
    )  # each change judged once (the pending figure too, though it counts only once approved)


def test_a_settings_change_has_them_judged_again(district, staff):
    # 52 against a path of 50 + 5 x 2/5 = 52: exactly on it
    assert by_name(district)["常住人口城镇化率"].status == "on_track"
    save_settings(district, Settings(on_track=1.2, ahead=1.5, published_precision=False), staff)
    assert by_name(district)["常住人口城镇化率"].status == "lagging"


def test_the_plan_above_or_a_target_it_sets_has_them_judged_again(district, staff):
    assert by_name(district)["森林覆盖率"].status == "not_assessable"
    above = city()  # 33 -> 35: the path is 33.8 in 2022, 31 is short of it
    assert by_name(district)["森林覆盖率"].status != "not_assessable"
    forest = district.indicators.get(name="森林覆盖率")
    enter_target(forest, "31", staff)  # 30 -> 31: the path is 30.4 in 2022, 31 is past it
    assert by_name(district)["森林覆盖率"].status == "achieved"
    figures(above, "森林覆盖率", {2022: 33.5})  # a figure of the city's changes the district's stamp
    stamps = set(StoredAssessments.objects.filter(plan=district).values_list("stamp", flat=True))
    by_name(district)
    assert set(StoredAssessments.objects.filter(plan=district).values_list("stamp", flat=True)) != stamps


def test_figures_as_of_a_day_are_judged_afresh_and_not_kept(district, judged):
    day = timezone.now() + dt.timedelta(days=1)
    services.assessments(district, 2022, as_of=day)
    services.assessments_in(district, [2021, 2022], as_of=day)
    assert not StoredAssessments.objects.exists()


def test_every_change_of_a_figure_counts_on_its_plan(district, staff):
    """The stamp reads one counter, not all of a plan's figures: entering, revising, approving and
    deleting a figure each count on its plan and on no other."""
    other = city()
    town = district.indicators.get(name="常住人口城镇化率")

    def counts() -> tuple[int, int]:
        district.refresh_from_db(fields=["figures"])
        other.refresh_from_db(fields=["figures"])
        return district.figures, other.figures

    start, theirs = counts()
    first = record_observation(town, 2023, 53.0)
    assert counts() == (start + 1, theirs)
    record_observation(town, 2023, 53.2)  # a revision: the earlier figure superseded, a new one entered
    assert counts()[0] >= start + 3 and counts()[1] == theirs
    before = counts()[0]
    first.delete()
    assert counts() == (before + 1, theirs)
