"""Plans among plans in the web application: a city plan and two district plans (a district's target
left to the city judged once the city's target is known, 高于全市平均水平 judged from the city's figures,
an indicator compared across the districts), and a 15th plan opened from the 14th with its baseline
carried over."""

from __future__ import annotations

import io
from urllib.parse import quote

import openpyxl
import pytest

from planwatch.plan import model as plan_model
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.plans.services import store_plan
from planwatch.server.regions.periods import long_series
from planwatch.server.reports.services import assessments

pytestmark = pytest.mark.django_db


def stored(title: str, region: str, code: str, rows: list[tuple], start: int = 2021, end: int = 2025) -> Plan:
    """A plan with the indicators given as (name, unit, baseline, target, rate)."""
    plan = Plan.objects.create(
        title=title,
        region=region,
        region_code=code,
        period_start=start,
        period_end=end,
        reading=plan_model.Plan(title=title).model_dump(mode="json"),
    )
    for k, (name, unit, base, target, rate) in enumerate(rows):
        Indicator.objects.create(
            plan=plan,
            key=f"{k + 1}-{name}",
            position=k,
            name=name,
            unit=unit,
            base_year=start - 1,
            target_year=end,
            baseline=base,
            target=target,
            rate=rate,
        )
    return plan


def figures(plan: Plan, name: str, values: dict[int, float], user=None) -> None:
    ind = plan.indicators.get(name=name)
    for year, value in values.items():
        record_observation(ind, year, value, user)


def judged(plan: Plan, year: int) -> dict:
    return {a.name: a for a in assessments(plan, year)}


@pytest.fixture
def districts():
    weidu = stored(
        "许昌市魏都区“十四五”规划",
        "许昌市魏都区",
        "411002",
        [
            ("地区生产总值增长", "%", "", "高于全市平均水平", True),
            ("森林覆盖率", "%", "30", "控制在市目标内", False),
        ],
    )
    jianan = stored(
        "许昌市建安区“十四五”规划",
        "许昌市建安区",
        "411003",
        [("地区生产总值增长", "%", "", "高于全市平均水平", True)],
    )
    figures(weidu, "地区生产总值增长", {2021: 7.5, 2022: 5.5, 2023: 6.2})
    figures(weidu, "森林覆盖率", {2021: 30.5, 2022: 31.0, 2023: 31.2})
    figures(jianan, "地区生产总值增长", {2021: 7.2, 2022: 4.8, 2023: 6.4})
    return weidu, jianan


def city() -> Plan:
    plan = stored(
        "许昌市“十四五”规划",
        "许昌市",
        "411000",
        [("地区生产总值增长", "%", "", "6.5", True), ("森林覆盖率", "%", "33", "35", False)],
    )
    figures(plan, "地区生产总值增长", {2021: 7.0, 2022: 5.0, 2023: 6.0})
    return plan


def test_a_plan_is_placed_in_its_region_when_stored(sample_plan):
    plan = store_plan(sample_plan)
    assert plan.region_code == "411002"  # 许昌市魏都区


def test_targets_left_to_the_city_wait_for_it_then_follow_it(client, staff, districts):
    weidu, _ = districts
    before = judged(weidu, 2023)
    assert before["森林覆盖率"].status == "not_assessable"
    assert before["地区生产总值增长"].status == "not_assessable"
    city()
    after = judged(weidu, 2023)
    # 30 -> the city's 35: the path is 33 in 2023, 31.2 is 40 % of the way
    assert after["森林覆盖率"].status == "severely_lagging"
    assert "按许昌市规划目标“35”评估" in after["森林覆盖率"].explanation
    # 7.5 > 7.0, 5.5 > 5.0, 6.2 > 6.0
    assert after["地区生产总值增长"].status == "on_track"
    assert "许昌市地区生产总值增长为6%" in after["地区生产总值增长"].explanation

    client.force_login(staff)
    forest = weidu.indicators.get(name="森林覆盖率")
    response = client.post(f"/regions/indicators/{forest.pk}/target/", {"target": "32"}, follow=True)
    assert "已录入“森林覆盖率”的上级下达目标：32" in response.content.decode()
    entered = judged(weidu, 2023)["森林覆盖率"]
    assert entered.status == "on_track"  # 30 -> 32: the path is 31.2 in 2023, exactly the figure
    assert "按许昌市下达的“32”评估" in entered.explanation
    page = client.get(f"/regions/plans/{weidu.pk}/").content.decode()
    assert "许昌市“十四五”规划" in page and "控制在市目标内" in page

    response = client.post(f"/regions/indicators/{forest.pk}/target/", {"target": "力争更高"}, follow=True)
    assert "不是数值目标" in response.content.decode()
    assert judged(weidu, 2023)["森林覆盖率"].status == "on_track"  # the target entered is kept


def test_slower_than_the_city_in_a_year_is_lagging(districts):
    _, jianan = districts
    city()
    # 4.8 < 5.0 in 2022: held in 2 of 3 years
    assert judged(jianan, 2023)["地区生产总值增长"].status == "lagging"


def test_only_the_office_enters_a_target(client, statistician, districts):
    weidu, _ = districts
    forest = weidu.indicators.get(name="森林覆盖率")
    client.force_login(statistician)
    response = client.post(f"/regions/indicators/{forest.pk}/target/", {"target": "32"})
    assert response.status_code == 403
    assert not hasattr(Indicator.objects.get(pk=forest.pk), "delegated_target")


def test_an_indicator_compared_across_the_districts(client, staff, districts):
    weidu, _ = districts
    parent = city()
    client.force_login(staff)
    growth = parent.indicators.get(name="地区生产总值增长")
    page = client.get(f"/regions/indicators/{growth.pk}/compare/?year=2023").content.decode()
    assert "许昌市所辖各地区" in page
    assert page.index("建安区") < page.index("魏都区")  # 6.4 ranks before 6.2
    sheet = client.get(f"/regions/indicators/{growth.pk}/compare/?year=2023&format=xlsx")
    assert quote("各地区比较.xlsx") in sheet["Content-Disposition"]
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(sheet.streaming_content))).active.values)
    ranked = [r[:3] for r in rows[3:]]
    assert ranked == [(1, "建安区", 6.4), (2, "魏都区", 6.2)]
    # from a district, its peers under the same city
    own = weidu.indicators.get(name="地区生产总值增长")
    assert "建安区" in client.get(f"/regions/indicators/{own.pk}/compare/?year=2023").content.decode()


def test_a_region_code_is_checked(client, staff, districts):
    weidu, _ = districts
    client.force_login(staff)
    response = client.post(f"/regions/plans/{weidu.pk}/region/", {"code": "999999"}, follow=True)
    assert "不是有效的行政区划代码" in response.content.decode()
    assert Plan.objects.get(pk=weidu.pk).region_code == "411002"


def test_the_15th_plan_opened_from_the_14th_carries_the_baseline(client, staff):
    rows14 = [("常住人口城镇化率", "%", "50", "55", False), ("地区生产总值", "亿元", "300", "450", False)]
    old = stored("许昌市魏都区“十四五”规划", "许昌市魏都区", "411002", rows14)
    figures(old, "常住人口城镇化率", {2021: 51, 2022: 52, 2023: 53, 2024: 54, 2025: 54.8})
    figures(old, "地区生产总值", {2024: 420, 2025: 455})
    rows15 = [("城镇化率（常住人口）", "%", "", "60", False), ("地区生产总值", "亿元", "", "600", False)]
    new = stored("许昌市魏都区“十五五”规划", "许昌市魏都区", "411002", rows15, 2026, 2030)
    client.force_login(staff)
    page = client.get(f"/regions/plans/{new.pk}/predecessor/").content.decode()
    assert "确认为同一指标" in page  # 城镇化率（常住人口） is only alike: the office confirms it
    uncertain = new.indicators.get(name="城镇化率（常住人口）")
    town = old.indicators.get(name="常住人口城镇化率")
    response = client.post(
        f"/regions/plans/{new.pk}/predecessor/",
        {"before": old.pk, "pair": f"{uncertain.pk}-{town.pk}"},
        follow=True,
    )
    assert "2项指标的基期年数值已结转为本期基期值" in response.content.decode()
    assert Plan.objects.get(pk=new.pk).predecessor_id == old.pk
    gdp = new.indicators.get(name="地区生产总值")
    carried = gdp.observations.current().get(year=2025)
    assert carried.value == 455 and "“十四五”规划2025年监测值" in carried.source
    figures(new, "地区生产总值", {2026: 490})
    a = judged(new, 2026)["地区生产总值"]
    assert a.status != "not_assessable" and "455" in " ".join(a.notes)
    uncertain.refresh_from_db()
    assert [(o.year, o.value) for o in long_series(uncertain)] == [
        (2021, 51),
        (2022, 52),
        (2023, 53),
        (2024, 54),
    ]
    page = client.get(f"/indicators/{uncertain.pk}/").content.decode()
    assert "上一期规划的监测值" in page and "许昌市魏都区“十四五”规划" in page


def test_the_pages_link_the_plans_together(client, staff, districts):
    weidu, _ = districts
    city()
    client.force_login(staff)
    dashboard = client.get(f"/plans/{weidu.pk}/").content.decode()
    assert f"/regions/plans/{weidu.pk}/" in dashboard
    growth = weidu.indicators.get(name="地区生产总值增长")
    page = client.get(f"/indicators/{growth.pk}/").content.decode()
    assert f"/regions/indicators/{growth.pk}/compare/" in page and "与许昌市所辖各地区比较" in page
