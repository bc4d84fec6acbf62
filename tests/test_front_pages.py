"""The front pages on the demo: the dashboard's counts and order, figures as of a date, the indicator chart,
the plan as read, closed reading and the illustrative banner."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from planwatch.server.demo import REVISED, load_demo
from planwatch.server.finders import NpmFinder
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.models import Plan
from planwatch.server.plans.services import store_plan
from planwatch.server.reports.services import assessments

pytestmark = pytest.mark.django_db

FINDER = "planwatch.server.finders.NpmFinder"


@pytest.fixture
def demo(settings) -> Plan:
    settings.PUBLIC_READ = True
    return load_demo()


def chart_data(html: str) -> dict:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no chart data on the page"
    return json.loads(found.group(1))


def test_one_plan_goes_straight_to_its_dashboard(client, demo):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == f"/plans/{demo.pk}/"


def test_several_plans_are_listed(client, demo, sample_plan):
    store_plan(sample_plan, source_name="copy.txt")
    html = client.get("/").content.decode()
    assert html.count(demo.title) == 2
    assert "许昌市魏都区" in html and "2021—2025" in html and ">16<" in html


def test_dashboard_counts_and_order(client, demo):
    response = client.get(f"/plans/{demo.pk}/?year=2024")
    assert response.status_code == 200
    expected = Counter(a.status for a in assessments(demo, 2024))
    assert {s: n for s, n in response.context["counts"].items() if n} == dict(expected)
    html = response.content.decode()
    for status, n in expected.items():
        assert f'data-status="{status}">{n}<' in html
    rows = response.context["rows"]
    attributes = [r.indicator.attribute for r in rows]
    assert attributes == sorted(attributes, key=lambda a: a != "约束性")  # binding first
    gdp = next(r for r in rows if r.indicator.name == "地区生产总值增长")
    assert gdp.assessment.status == "lagging"
    row_html = re.search(r"<tr[^>]*>(?:(?!</tr>).)*地区生产总值增长.*?</tr>", html, re.S).group(0)
    assert "status-lagging" in row_html and "滞后" in row_html and "10.83%" in row_html
    # among the expected (预期性) indicators, the lagging ones come before the others
    expected_rows = [r.assessment.status for r in rows if r.indicator.attribute != "约束性"]
    behind = [s in ("lagging", "severely_lagging") for s in expected_rows]
    assert behind == sorted(behind, reverse=True)


def test_the_default_year_is_the_latest_observed_within_the_period(client, demo):
    assert client.get(f"/plans/{demo.pk}/").context["year"] == 2024
    assert client.get(f"/plans/{demo.pk}/?year=2040").context["year"] == 2025
    assert client.get(f"/plans/{demo.pk}/?year=x").context["year"] == 2024


def test_as_of_shows_the_figures_before_a_revision(client, demo):
    now = timezone.now()
    Observation.objects.update(entered_at=now - timedelta(days=60))
    patents = demo.indicators.get(name="每万人口发明专利拥有量")
    record_observation(patents, 2024, 33.5, source="最终核实", at=now - timedelta(days=10))

    def actual(query: str) -> float:
        rows = client.get(f"/plans/{demo.pk}/?year=2024{query}").context["rows"]
        return next(r for r in rows if r.indicator == patents).assessment.actual

    before = (now - timedelta(days=20)).date().isoformat()
    assert (actual(""), actual(f"&as_of={before}")) == (33.5, 32.8)
    html = client.get(f"/plans/{demo.pk}/?year=2024&as_of={before}").content.decode()
    assert f"按 {before} 当日的数据评估" in html
    assert "无法识别" in client.get(f"/plans/{demo.pk}/?as_of=2024-13-01").content.decode()


def test_indicator_page_chart_and_revisions(client, demo):
    patents = demo.indicators.get(name="每万人口发明专利拥有量")
    record_observation(patents, 2023, 31.6, source="最终核实")
    html = client.get(f"/indicators/{patents.pk}/").content.decode()
    data = chart_data(html)
    assert data["years"] == [2020, 2021, 2022, 2023, 2024, 2025]
    path = dict(zip(data["years"], data["path"], strict=True))
    # 27.9 -> 32 on a straight line: 2023 is 27.9 + 4.1 x 0.6, 2021 is 27.9 + 4.1 x 0.2
    assert path[2023] == pytest.approx(30.36) and path[2021] == pytest.approx(28.72)
    assert data["target"] == 32 and data["observed"][3] == 31.6
    assert "<del>31.4</del>" in html and "被修订" in html and "最终核实" in html
    # one assessment per observed year, with its explanation
    assert html.count("按序时进度应为") == 4


def test_a_growth_target_is_drawn_as_a_chained_index(client, demo):
    gdp = demo.indicators.get(name="地区生产总值增长")
    data = chart_data(client.get(f"/indicators/{gdp.pk}/").content.decode())
    assert data["measure"] == "index"
    # the path is 1.065^n; 2022 observed is 1.069 x 1.041
    assert data["path"][2] == pytest.approx(113.4225) and data["observed"][2] == pytest.approx(111.2829)
    assert data["target"] == pytest.approx(100 * 1.065**5, abs=1e-3)


def test_the_chart_says_how_to_install_echarts_when_missing(client, demo, settings, tmp_path):
    settings.STATICFILES_FINDERS = [FINDER]
    ind = demo.indicators.first()
    if finders.find("echarts/echarts.min.js"):
        assert "echarts/echarts.min.js" in client.get(f"/indicators/{ind.pk}/").content.decode()
    assert NpmFinder(root=tmp_path).find("echarts/echarts.min.js") == []  # as Django's finders, never None
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.AppDirectoriesFinder"]
    html = client.get(f"/indicators/{ind.pk}/").content.decode()
    assert "npm ci --prefix frontend" in html and "echarts.min.js" not in html
    assert chart_data(html)["path"]  # the data and the table are still there


def test_the_finder_serves_only_echarts(tmp_path):
    (tmp_path / "echarts.min.js").write_text("/* echarts */", encoding="utf-8")
    (tmp_path / "echarts.js").write_text("/* echarts */", encoding="utf-8")
    finder = NpmFinder(root=tmp_path)
    assert finder.find("echarts/echarts.min.js") == str(tmp_path / "echarts.min.js")
    assert finder.find("echarts/echarts.min.js", find_all=True) == [str(tmp_path / "echarts.min.js")]
    assert finder.find("echarts/echarts.js") == [] and finder.find("echarts.min.js") == []
    assert [(name, storage.prefix) for name, storage in finder.list([])] == [("echarts.min.js", "echarts")]


def test_reading_page(client, demo):
    html = client.get(f"/plans/{demo.pk}/reading/").content.decode()
    assert "第一章" in html and "全面建成小康社会" in html
    assert "专栏1 魏都区“十三五”主要规划指标完成情况" in html
    assert "<details" in html and "<details open" not in html
    assert "正文未见" in html  # chapters the contents list but the body lacks
    # 全员劳动生产率增长's 5.5 may also read 5: highlighted, with the alternatives in the title
    assert re.search(r'<td class="n uncertain" title="其他可能：5">5.5</td>', html)
    assert 'id="warnings"' in html and "读取可信度" in html and "cells_uncertain" not in html  # no code names


def test_closed_reading_asks_for_a_login(client, demo, settings, django_user_model):
    settings.PUBLIC_READ = False
    for url in ("/", f"/plans/{demo.pk}/", f"/plans/{demo.pk}/reading/", "/indicators/1/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert client.get("/accounts/login/").status_code == 200
    client.force_login(django_user_model.objects.create_user("fgw", password="x" * 12))
    html = client.get(f"/plans/{demo.pk}/reading/").content.decode()
    assert "fgw" in html and "退出" in html
    response = client.post("/accounts/logout/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_illustrative_banner(client, demo, sample_plan):
    assert "示例数据（非统计数据）" in client.get(f"/plans/{demo.pk}/").content.decode()
    real = store_plan(sample_plan)
    assert "示例数据（非统计数据）" not in client.get(f"/plans/{real.pk}/").content.decode()


def test_assessment_sentences_follow_the_page_language(client, demo):
    gdp = demo.indicators.get(name="地区生产总值增长")
    chinese = client.get(f"/indicators/{gdp.pk}/").content.decode()
    assert "滞后：2021—2024年年均增长5.45%" in chinese and "Lagging" not in chinese
    english = client.get(f"/indicators/{gdp.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lagging: 5.45% a year over 2021-2024" in english and "年均增长5.45%" not in english


def test_the_dashboard_shows_both_actuals_and_the_outlook(client, demo):
    html = client.get(f"/plans/{demo.pk}/?year=2024").content.decode()
    assert "当年值" in html and "预计完成情况" in html
    gdp = next(a for a in assessments(demo, 2024) if a.name == "地区生产总值增长")
    # the average of 2021-2024 and 2024's own rate, named; the trend carried to 2025
    assert (gdp.actual, gdp.actual_latest) == (5.45, 5.2)
    assert gdp.projected is not None and gdp.likelihood is not None
    row_html = re.search(r"<tr[^>]*>(?:(?!</tr>).)*地区生产总值增长.*?</tr>", html, re.S).group(0)
    assert '<span class="hint">年均</span> 5.45%</td>' in row_html and ">5.2%</td>" in row_html
    outlook = f"按近年趋势预计2021—2025年年均增长{gdp.projected:g}%"
    assert (
        f'class="likelihood status-severely_lagging" title="{outlook}，预计难以完成">预计难以完成<'
        in row_html
    )
    english = client.get(f"/plans/{demo.pk}/?year=2024", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "unlikely to be met" in english and "Year figure" in english


def test_the_indicator_page_draws_the_projection_to_the_target_year(client, demo):
    patents = demo.indicators.get(name="每万人口发明专利拥有量")
    html = client.get(f"/indicators/{patents.pk}/").content.decode()
    data = chart_data(html)
    assert data["labels"]["projected"] == "按近年趋势预计"
    # from the latest figure (2024) to 2025, nothing before it
    assert data["projected"][:4] == [None] * 4 and data["projected"][4] == data["observed"][4]
    assert data["projected"][5] is not None
    latest = next(a for a in assessments(demo, 2024) if a.name == patents.name)
    assert data["projected"][5] == pytest.approx(latest.projected, abs=0.01)
    assert "预计完成情况" in html and "当年值" in html and html.count('class="hint">年均') == 0


def test_the_demo_shows_a_preliminary_figure_revised_by_the_final(client, demo):
    income = demo.indicators.get(name=REVISED)
    stored = Observation.objects.filter(indicator=income, year=2023).order_by("published_on")
    assert [(o.value, o.vintage, o.published_on, o.superseded_at is None) for o in stored] == [
        (6.1, "preliminary", date(2024, 3, 28), False),
        (5.9, "final", date(2024, 12, 28), True),
    ]
    html = client.get(f"/indicators/{income.pk}/").content.decode()
    assert "<del>6.1</del>" in html and "<td>初步核算</td>" in html and "<td>最终核实</td>" in html
    assert "<td>2024-03-28</td>" in html and "<td>2024-12-28</td>" in html
    # the 2024 figure is still preliminary, and the judgement says so; as of mid-2024 the first figure counts
    [judged] = [a for a in assessments(demo, 2024) if a.indicator == income.key]
    assert judged.vintages[2024] == "preliminary" and judged.vintages[2023] == "final"
    as_of = timezone.make_aware(datetime(2024, 6, 30))
    [then] = [a for a in assessments(demo, 2023, as_of) if a.indicator == income.key]
    assert then.actual_latest == 6.1 and then.vintages[2023] == "preliminary"
