"""One indicator compared across many plans reads them in a fixed number of queries: the plans' indicators,
the plans above them, their figures' stamps and their stored assessments each once for all the plans, and
only a plan whose figures changed judged again. The place page does not read the figures of the plan above.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.plan.regions import children
from planwatch.server.plans.models import Plan
from planwatch.server.regions.assessed import stamps
from planwatch.server.regions.hierarchy import parent_plans
from planwatch.server.reports import services
from planwatch.server.reports.models import StoredAssessments
from planwatch.server.reports.stored import stamp
from tests.test_regions_web import figures, stored

pytestmark = pytest.mark.django_db

GROWTH = ("地区生产总值增长", "%", "", "6.5", True)
FOREST = ("森林覆盖率", "%", "30", "35", False)


def province() -> Plan:
    plan = stored("河南省“十四五”规划", "河南省", "410000", [GROWTH, FOREST])
    figures(plan, "地区生产总值增长", {2021: 6.3, 2022: 3.1})
    return plan


def cities(count: int, start: int = 0) -> list[Plan]:
    """Plans of `count` of Henan's cities, the forest indicator first in some (a stored list's order
    then differs from the other plans')."""
    out = []
    for k, region in enumerate(children("410000")[start : start + count], start=start):
        rows = [FOREST, GROWTH] if k % 3 == 0 else [GROWTH, FOREST]
        plan = stored(f"{region.name}“十四五”规划", region.name, region.code, rows)
        figures(plan, "地区生产总值增长", {2021: 5.0 + k / 10, 2022: 4.0 + k / 10})
        out.append(plan)
    return out


def page(client, plan: Plan, query: str = "year=2022") -> tuple[str, int]:
    growth = plan.indicators.get(name="地区生产总值增长")
    with CaptureQueriesContext(connection) as done:
        response = client.get(f"/regions/indicators/{growth.pk}/compare/?{query}")
    assert response.status_code == 200
    return response.content.decode(), len(done.captured_queries)


def table(text: str) -> str:
    return text[text.index("<tbody>") : text.index("</tbody>")]


@pytest.fixture(autouse=True)
def _nothing_kept():
    cache.clear()


def views(client, plan: Plan) -> tuple[int, int, str]:
    """The queries of a view drawing the comparison afresh from the stored assessments, and of one reading
    it kept, and the page."""
    page(client, plan)  # every plan judged once and stored
    cache.clear()
    _, drawn = page(client, plan)
    text, kept = page(client, plan)
    return drawn, kept, text


def test_the_queries_do_not_grow_with_the_plans(client, staff):
    top = province()
    cities(3)
    client.force_login(staff)
    drawn, kept, _ = views(client, top)
    cities(9, start=3)
    more_drawn, more_kept, text = views(client, top)
    assert (more_drawn, more_kept) == (drawn, kept) and kept < drawn
    assert text.count('class="status status-') == 12


def test_only_a_plan_whose_figures_changed_is_judged_again(client, staff, monkeypatch):
    top = province()
    plans = cities(4)
    client.force_login(staff)
    before, _ = page(client, top)
    judged = []  # the number of plans in each pass of the library
    real = services.evaluate_plans
    monkeypatch.setattr(services, "evaluate_plans", lambda *a, **k: judged.append(len(a[0])) or real(*a, **k))
    figures(plans[1], "地区生产总值增长", {2022: 9.9})
    after, _ = page(client, top)
    assert judged == [1] and ">9.9<" in after and ">9.9<" not in before
    kept = StoredAssessments.objects.get(plan=plans[1], year=2022, lang="zh")
    assert kept.stamp == stamp(plans[1])
    page(client, top)
    assert judged == [1]


def test_plans_nobody_opened_are_judged_together_as_each_alone(client, staff, monkeypatch):
    """A comparison over plans whose pages were never opened judges them in one pass, and finds for each
    what its own dashboard would: the district judged with the city's target and figures included."""
    top = province()
    plans = cities(5)
    figures(plans[2], "森林覆盖率", {2021: 33.5, 2022: 34.1})
    judged = []
    real = services.evaluate_plans
    monkeypatch.setattr(services, "evaluate_plans", lambda *a, **k: judged.append(len(a[0])) or real(*a, **k))
    client.force_login(staff)
    page(client, top)
    assert judged == [5]
    together = {p.pk: StoredAssessments.objects.get(plan=p, year=2022, lang="zh").assessments for p in plans}
    StoredAssessments.objects.all().delete()
    alone = {p.pk: [a.model_dump(mode="json") for a in services.assessments(p, 2022)] for p in plans}
    assert together == alone


def test_the_stamps_read_together_are_those_of_each_plan():
    """The stamps a comparison makes of the plans it loads are those each plan's own pages make; a
    figure entered in one changes its stamp and those of the plans below it."""
    top = province()
    made = [top, *cities(4)]

    def loaded() -> list[Plan]:
        return list(Plan.objects.filter(pk__in=[p.pk for p in made]).order_by("pk"))

    plans = loaded()
    above = parent_plans(plans)
    assert above == {p.pk: top for p in plans[1:]}
    before = stamps(plans, above)
    assert before == {p.pk: stamp(p) for p in plans}
    figures(top, "地区生产总值增长", {2024: 6.1})
    plans = loaded()
    after = stamps(plans, parent_plans(plans))
    assert after == {p.pk: stamp(p) for p in plans}
    assert all(after[p.pk] != before[p.pk] for p in plans)


def test_the_excel_sheet_has_the_rows_of_the_page(client, staff):
    top = province()
    cities(5)
    client.force_login(staff)
    text, _ = page(client, top)
    growth = top.indicators.get(name="地区生产总值增长")
    sheet = client.get(f"/regions/indicators/{growth.pk}/compare/?year=2022&format=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(sheet.streaming_content))).active.values)[3:]
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert [text.index(f">{r[1]}</a>") for r in rows] == sorted(text.index(f">{r[1]}</a>") for r in rows)


def test_the_nation_compares_the_counties_at_every_depth(client, staff):
    nation = stored("全国“十四五”规划", "全国", "000000", [GROWTH])
    province()
    henan = cities(2)
    county = stored("许昌市魏都区“十四五”规划", "许昌市魏都区", "411002", [GROWTH])
    figures(county, "地区生产总值增长", {2021: 7.5, 2022: 5.5})
    client.force_login(staff)
    below, _ = page(client, nation)
    assert "河南省" in below and "魏都区" not in below and "县级地区" in below
    counties, _ = page(client, nation, "year=2022&level=county")
    assert "全国所辖各县级地区" in counties and "魏都区" in counties and henan[0].region not in counties
    every, _ = page(client, nation, "year=2022&level=all")
    assert all(name in every for name in ("河南省", "魏都区", henan[1].region))
    unknown, _ = page(client, nation, "year=2022&level=town")
    assert table(unknown) == table(below)


def test_the_place_page_does_not_read_the_figures_above(client, staff):
    top = province()
    district = stored(
        "许昌市魏都区“十四五”规划",
        "许昌市魏都区",
        "411002",
        [("森林覆盖率", "%", "30", "控制在市目标内", False)],
    )
    city = stored("许昌市“十四五”规划", "许昌市", "411000", [FOREST])
    figures(city, "森林覆盖率", {2021: 31.0})
    client.force_login(staff)
    with CaptureQueriesContext(connection) as done:
        text = client.get(f"/regions/plans/{district.pk}/").content.decode()
    assert "许昌市“十四五”规划" in text and "35" in text
    assert not [q for q in done.captured_queries if "monitoring_observation" in q["sql"]]
    assert top.pk != district.pk


def test_an_indicator_found_where_its_position_does_not_say(client, staff):
    top = province()
    plans = cities(3)
    plans[1].indicators.filter(name="地区生产总值增长").update(position=7)
    client.force_login(staff)
    first, _ = page(client, top)
    again, _ = page(client, top)
    assert table(again) == table(first) and table(first).count('class="status status-') == 3
