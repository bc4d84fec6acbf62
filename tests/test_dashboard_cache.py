"""The dashboard's tables and an indicator's series are drawn once and stored under the stamp of the
assessments they show: asked again, the page is read in a handful of queries; a new figure, a review, a
settings change, a revision of the plan or a change of the plan above shows at once; the user's own parts
(form tokens, name, the office's links) are never stored, and each language has its own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from planwatch.evaluate.settings import Settings
from planwatch.server.accounts.models import Department
from planwatch.server.monitoring.services import approve_observation, record_observation
from planwatch.server.plans.services import save_settings, touch
from planwatch.server.reports import views
from planwatch.server.reports.models import StoredPart
from tests.test_front_pages import chart_data
from tests.test_regions_web import city, figures, stored

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOWN, FOREST, GDP = "常住人口城镇化率", "森林覆盖率", "地区生产总值增长"


@pytest.fixture(autouse=True)
def public_read(settings):
    settings.PUBLIC_READ = True


@pytest.fixture
def drawn(monkeypatch):
    """How many times the dashboard's judged part was drawn."""
    calls = []
    real = views._judged_part

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "_judged_part", counting)
    return calls


@pytest.fixture
def district():
    plan = stored(
        "许昌市魏都区“十四五”规划",
        "许昌市魏都区",
        "411002",
        [
            (TOWN, "%", "50", "55", False),
            (FOREST, "%", "30", "控制在市目标内", False),
            (GDP, "%", "", "高于全市平均水平", True),
        ],
    )
    figures(plan, TOWN, {2021: 51, 2022: 52})
    figures(plan, FOREST, {2021: 30.5, 2022: 31})
    figures(plan, GDP, {2021: 7.5, 2022: 5.5})
    return plan


def page(client, plan, headers: dict | None = None, **query) -> str:
    url = reverse("reports:dashboard", args=[plan.pk])
    response = client.get(url, {"year": 2022, **query}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, name: str) -> str:
    """The indicator's line of the table."""
    return re.search(rf"<tr class=\"row-(?:(?!</tr>).)*>{name}</a>.*?</tr>", html, re.S).group(0)


def test_asked_again_the_page_is_read_not_drawn(client, district, drawn, django_assert_max_num_queries):
    first = page(client, district)
    with django_assert_max_num_queries(3):  # the plan, its stamp with the plan above, the stored row
        again = page(client, district)
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert drawn == [district]


def test_a_new_figure_or_a_review_shows_at_once(client, district, drawn, django_user_model, staff):
    assert ">52<" in row(page(client, district), TOWN)
    town = district.indicators.get(name=TOWN)
    record_observation(town, 2022, 52.5)
    assert ">52.5<" in row(page(client, district), TOWN)
    reporter = django_user_model.objects.create_user("tianbao", password="x" * 12)
    bureau = Department.objects.create(name="统计部门")
    bureau.members.add(reporter)
    district.indicators.filter(pk=town.pk).update(lead=bureau)
    pending = record_observation(town, 2022, 53, reporter)
    html = page(client, district)
    assert ">52.5<" in row(html, TOWN) and "1 条部门报送的监测值待审核" in html
    assert ">53<" in row(page(client, district, provisional=1), TOWN)  # counted where asked, never kept
    approve_observation(pending, staff)
    html = page(client, district)
    assert ">53<" in row(html, TOWN) and "待审核。" not in html
    assert len(drawn) == 5


def test_a_settings_change_or_a_revision_shows_at_once(client, district, drawn, staff):
    # 52 against a path of 50 + 5 x 2/5 = 52: exactly on it
    assert "status-on_track" in row(page(client, district), TOWN)
    save_settings(district, Settings(on_track=1.2, ahead=1.5, published_precision=False), staff)
    assert "status-lagging" in row(page(client, district), TOWN)
    touch(district)
    page(client, district)
    assert len(drawn) == 3


def test_the_plan_above_shows_at_once(client, district):
    assert "status-not_assessable" in row(page(client, district), FOREST)
    above = city()  # its target 35 for the forest; its growth 7.0 and 5.0, below the district's
    html = page(client, district)
    assert "status-not_assessable" not in row(html, FOREST)
    assert "status-on_track" in row(html, GDP)
    figures(above, GDP, {2022: 6.0})  # now above the district's 5.5
    assert "status-on_track" not in row(page(client, district), GDP)


def test_the_users_own_parts_are_never_shared(client, district, staff, django_user_model):
    empty = stored("许昌市建安区“十四五”规划", "许昌市建安区", "411003", [(TOWN, "%", "50", "55", False)])
    steps = reverse("monitoring:import", args=[empty.pk])
    anonymous = page(client, empty)
    assert "本规划尚未录入监测数据" in anonymous and steps not in anonymous
    client.force_login(staff)
    office = page(client, empty)
    assert steps in office and "guihua" in office
    client.force_login(django_user_model.objects.create_user("duzhe", password="x" * 12))
    reader = page(client, empty)
    assert steps not in reader and "duzhe" in reader and "guihua" not in reader
    assert len({TOKEN.search(html).group(1) for html in (anonymous, office, reader)}) == 3


def test_the_stored_part_holds_nothing_of_a_user(client, district, staff):
    client.force_login(staff)
    page(client, district)
    page(client, district, as_of="2030-01-01")  # figures as of a day: drawn, never stored
    [(name, part)] = StoredPart.objects.filter(plan=district).values_list("name", "content")
    assert name == "dashboard 2022 office"
    assert "<table" in part["judged"] and "csrfmiddlewaretoken" not in part["judged"]
    assert "guihua" not in part["judged"]


def test_the_page_follows_the_language(client, district):
    chinese = page(client, district)
    english = page(client, district, headers={"accept-language": "en"})
    assert "<h2>指标</h2>" in chinese and "<h2>Indicators</h2>" in english
    assert TOKEN.sub("", page(client, district)) == TOKEN.sub("", chinese)


def test_the_indicator_series_is_drawn_once_and_follows_a_new_figure(client, district, monkeypatch):
    calls = []
    real = views._series_part
    monkeypatch.setattr(views, "_series_part", lambda *args: calls.append(args) or real(*args))
    town = district.indicators.get(name=TOWN)
    url = reverse("reports:indicator", args=[town.pk])
    first = client.get(url).content.decode()
    assert TOKEN.sub("", client.get(url).content.decode()) == TOKEN.sub("", first)
    assert len(calls) == 1 and 53.7 not in chart_data(first)["observed"]
    record_observation(town, 2023, 53.7)
    html = client.get(url).content.decode()
    assert 53.7 in chart_data(html)["observed"] and "2023" in html.split('class="history"')[1]
    assert len(calls) == 2
