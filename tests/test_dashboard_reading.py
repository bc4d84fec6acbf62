"""The dashboard as an office reads it: the next step where nothing can be judged yet, targets left to the
level above said once, figures per year and the sentences in the page's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from planwatch.evaluate.parents import is_delegated
from planwatch.server.filters import per_year
from planwatch.server.plans.models import Plan
from planwatch.server.plans.services import store_plan
from planwatch.server.reports.services import assessments

pytestmark = pytest.mark.django_db

DELEGATED = "项指标的目标由上级确定"


@pytest.fixture
def fresh(sample_plan) -> Plan:
    """A plan just stored: its indicators, not a single figure."""
    return store_plan(sample_plan, source_name="plan.txt")


def test_a_plan_without_figures_says_what_to_do_next(client, staff, fresh):
    client.force_login(staff)
    html = client.get(reverse("reports:dashboard", args=[fresh.pk])).content.decode()
    assert "本规划尚未录入监测数据，各项指标暂不能评估。" in html
    for name in ("plans:leads", "monitoring:template", "monitoring:import", "monitoring:plan"):
        assert f'href="{reverse(name, args=[fresh.pk])}"' in html, name
    for step in ("分配牵头单位", "下载填报模板", "导入监测数据", "录入监测值"):
        assert step in html


def test_a_reader_is_told_without_the_office_links(client, settings, fresh):
    settings.PUBLIC_READ = True
    html = client.get(reverse("reports:dashboard", args=[fresh.pk])).content.decode()
    assert "本规划尚未录入监测数据" in html
    assert reverse("monitoring:import", args=[fresh.pk]) not in html


def test_targets_left_to_the_level_above_are_said_once(client, staff, plan):
    client.force_login(staff)
    response = client.get(reverse("reports:dashboard", args=[plan.pk]), {"year": 2024})
    html = response.content.decode()
    unjudged = {a.indicator for a in assessments(plan, 2024) if a.status == "not_assessable"}
    delegated = [
        i for i in plan.indicators.all() if i.key in unjudged and is_delegated(i.to_library().target)
    ]
    assert delegated and response.context["delegated"] == len(delegated)
    assert html.count(DELEGATED) == 1 and f"{len(delegated)} {DELEGATED}" in html
    assert f'href="{reverse("regions:place", args=[plan.pk])}">录入上级下达目标</a>' in html
    assert "本规划尚未录入监测数据" not in html


def test_english_dashboard_writes_per_year_and_cumulative_in_english(client, staff, plan):
    client.force_login(staff)
    url = reverse("reports:dashboard", args=[plan.pk])
    html = client.get(url, {"year": 2024}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "人 a year" in html and "/年" not in html
    assert "cumulative" in html and "Cumulative" not in html
    assert "录入上级下达目标" not in html and "Enter the targets set by the level above" in html
    chinese = client.get(url, {"year": 2024}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "人/年" in chinese and "累计" in chinese


def test_per_year_in_the_pages_language():
    assert per_year("人/年") == "人/年" and per_year(None) == ""
    with translation.override("en"):
        assert per_year("人/年") == "人 a year" and per_year("%") == "%"


@pytest.mark.parametrize(("year", "left"), [(2024, "1 more year"), (2023, "2 more years")])
def test_english_explanation_counts_the_years_left(plan, year, left):
    sentences = [a.explanation for a in assessments(plan, year, lang="en") if "to reach the" in a.explanation]
    assert sentences and all(left in s for s in sentences)
    assert not any("year(s)" in s for s in sentences)


def test_english_indicator_page_names_its_unit_in_english(client, staff, plan):
    client.force_login(staff)
    gdp = plan.indicators.get(name="地区生产总值增长")
    html = client.get(reverse("reports:indicator", args=[gdp.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Unit: Index (base year = 100)" in html and "单位：" not in html
    assert "more years" in html and "year(s)" not in html
