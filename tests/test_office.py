"""The plan office: upload a plan for review (how sure the reading is, its warnings, column roles, an indicator
spreadsheet), correct a cell, set the thresholds."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from lxml import html as lxml_html

from planwatch.server.accounts.models import AuditEntry
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.models import CellCorrection, Plan
from planwatch.server.plans.services import store_plan
from planwatch.server.reports.services import assessments
from tests.built_plans import as_html, document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Each test its own uploads folder, so the files an upload leaves behind can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _uploads() -> list[Path]:
    """The files of the pending uploads, each kept in a folder of its own."""
    return [p for p in (Path(settings.MEDIA_ROOT) / "uploads").rglob("*") if p.is_file()]


@pytest.fixture
def office(client, django_user_model):
    user = django_user_model.objects.create_user("fgw", password="x" * 12, is_staff=True)
    client.force_login(user)
    return client


CODES = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a code name such as table_shifted


def _upload(office, path: Path):
    with path.open("rb") as f:
        return office.post("/office/upload/", {"document": f}, follow=True)


def _built(tmp_path: Path, **broken) -> Path:
    path = tmp_path / "plan.html"
    path.write_text(as_html(document(**broken)), encoding="utf-8")
    return path


def _warnings(page: str) -> list[str]:
    """The warnings as a clerk reads them: the list items' text."""
    lists = re.findall(r'<ol class="reading-warnings"[^>]*>(.*?)</ol>', page, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for block in lists for item in block.split("<li>")[1:]]


def test_upload_shows_the_reading_and_stores_only_on_confirmation(office, sample_file):
    review = _upload(office, sample_file)
    assert review.redirect_chain == [("/office/upload/review/", 302)]
    page = review.content.decode()
    assert "第十一章" in page and "专栏1" in page and "uncertain" in page
    assert "读取可信度" in page and '<span class="band">高</span>' in page
    assert Plan.objects.count() == 0
    stored = office.post("/office/upload/confirm/")
    plan = Plan.objects.get()
    assert stored.status_code == 302 and stored["Location"] == f"/plans/{plan.pk}/"
    assert plan.indicators.count() == 16 and plan.source_name == sample_file.name
    assert plan.reading["confidence"] == review.context["reading"].confidence
    assert _uploads() == []


def test_the_review_says_each_warning_in_chinese_and_links_it(office, tmp_path):
    page = _upload(office, _built(tmp_path, empty=(4,), shift=True)).content.decode()
    warnings = _warnings(page)
    assert any(w.startswith("第五章 城乡融合发展：标题在正文中找到了") for w in warnings)
    assert any("各列可能错位" in w for w in warnings)
    assert all(re.search(r"[\u4e00-\u9fff]", w) for w in warnings)
    assert not CODES.search(" ".join(warnings)) and "Warning(" not in page
    assert '<span class="band">低</span>' in page
    for anchor in re.findall(r'<a class="place" href="#([^"]+)"', page):
        assert f'id="{anchor}"' in page
    assert 'href="#node-5"' in page  # 第五章, where the empty chapter is


def test_the_review_in_english(office, tmp_path):
    office.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = _upload(office, _built(tmp_path, empty=(4,))).content.decode()
    warnings = _warnings(page)
    assert "Reading confidence" in page
    assert any("the heading was found in the body but no text was read under it" in w for w in warnings)
    assert not any("标题在正文中找到了" in w for w in warnings)


def test_the_office_assigns_column_roles_and_the_table_is_read_again(office, tmp_path):
    review = _upload(office, _built(tmp_path, shift=True))
    page = review.content.decode()
    assert 'id="roles-0" open' in page and "各列可能错位" in page
    roles = ["ignore", "number", "name", "unit", "base", "target"]
    bad = office.post("/office/upload/roles/", {"table": 0, **{f"role_{k}": "unit" for k in range(6)}})
    assert "请至少指定一列为“指标”" in bad.content.decode()
    response = office.post(
        "/office/upload/roles/", {"table": 0, **{f"role_{k}": r for k, r in enumerate(roles)}}
    )
    assert response.status_code == 302 and response["Location"] == "/office/upload/review/#roles-0"
    again = office.get("/office/upload/review/")
    reading = again.context["reading"]
    table = reading.tables[0]
    assert table.roles == roles
    assert [(r.number, r.name, r.unit, [c.raw for c in r.cells]) for r in table.rows[:2]] == [
        ("1", "地区生产总值", "亿元", ["300", "450"]),
        ("2", "常住人口城镇化率", "%", ["60", "65"]),
    ]
    assert (
        "各列可能错位" not in again.content.decode()
        and reading.confidence > review.context["reading"].confidence
    )
    assert Plan.objects.count() == 0  # nothing stored until confirmed
    office.post("/office/upload/confirm/")
    assert Plan.objects.get().reading["tables"][0]["roles"] == roles


def test_the_roles_the_reader_chose_read_the_same_when_sent_back(office, tmp_path):
    first = _upload(office, _built(tmp_path)).context["reading"]
    roles = first.tables[0].roles
    office.post("/office/upload/roles/", {"table": 0, **{f"role_{k}": r for k, r in enumerate(roles)}})
    again = office.get("/office/upload/review/").context["reading"]
    assert again.tables[0].model_dump() == first.tables[0].model_dump()
    page = office.get("/office/upload/review/").content.decode()
    assert "已按指定的列含义读取" in page and "恢复自动识别" in page
    office.post("/office/upload/roles/", {"table": 0, "automatic": 1})
    assert "roles" not in office.session["upload.plan"] or office.session["upload.plan"]["roles"] == {}


def test_the_office_uploads_the_indicator_table_as_a_spreadsheet(office, tmp_path):
    review = _upload(office, _built(tmp_path, table=False))
    assert "没有找到主要指标表" in review.content.decode()
    sheet = tmp_path / "指标.csv"
    sheet.write_text(
        "序号,指标,单位,基期值,目标值,属性\n1,地区生产总值,亿元,300,450,预期性\n2,森林覆盖率,%,30,32,约束性\n",
        encoding="utf-8",
    )
    with sheet.open("rb") as f:
        response = office.post(
            "/office/upload/indicators/", {"sheet": f, "base_year": 2020, "target_year": 2025}
        )
    assert response.status_code == 302
    page = office.get("/office/upload/review/")
    html = page.content.decode()
    assert "正在使用上传的指标表 指标.csv（2项指标）" in html and "没有找到主要指标表" not in html
    assert page.context["reading"].confidence > review.context["reading"].confidence
    assert Plan.objects.count() == 0
    office.post("/office/upload/confirm/")
    plan = Plan.objects.get()
    gdp = plan.indicators.get(name="地区生产总值")
    assert (gdp.baseline, gdp.target, gdp.base_year, gdp.target_year) == ("300", "450", 2020, 2025)
    assert plan.indicators.count() == 2
    assert _uploads() == []


def test_a_spreadsheet_that_is_not_an_indicator_table_is_refused(office, tmp_path):
    _upload(office, _built(tmp_path, table=False))
    sheet = tmp_path / "other.csv"
    sheet.write_text("年份,值\n2021,3\n", encoding="utf-8")
    with sheet.open("rb") as f:
        page = office.post("/office/upload/indicators/", {"sheet": f, "base_year": 2020, "target_year": 2025})
    assert page.status_code == 200 and "other.csv 无法作为指标表读取" in page.content.decode()
    assert "sheet" not in office.session["upload.plan"]
    assert len(_uploads()) == 1  # the plan document alone


def test_an_abandoned_upload_of_any_kind_is_swept_after_a_day(office, tmp_path):
    root = Path(settings.MEDIA_ROOT) / "uploads"
    abandoned, recent = root / "abandoned", root / "recent"
    for folder in (abandoned, recent):
        folder.mkdir(parents=True)
        (folder / "upload.xlsx").write_bytes(b"x")
    day_and_more = time.time() - 25 * 3600
    os.utime(abandoned, (day_and_more, day_and_more))
    _upload(office, _built(tmp_path))
    assert not abandoned.exists() and recent.exists()


def test_uploads_need_the_office(client, sample_file):
    assert client.get("/office/upload/").status_code == 302


def test_a_corrected_cell_keeps_the_earlier_reading_and_the_indicator_follows(office, sample_plan):
    plan = store_plan(sample_plan)
    table = 1  # 表2
    row = next(k for k, r in enumerate(sample_plan.tables[1].rows) if r.name == "全员劳动生产率增长")
    response = office.post(f"/office/plans/{plan.pk}/tables/{table}/rows/{row}/cells/3/", {"text": "6"})
    assert response.status_code == 302
    correction = CellCorrection.objects.get()
    assert (correction.before, correction.after, correction.by.username) == ("5.5", "6", "fgw")
    plan.refresh_from_db()
    cell = plan.reading["tables"][1]["rows"][row]["cells"][3]
    assert (cell["raw"], cell["printed"], cell["uncertain"]) == ("6", "5.5", False)
    assert plan.indicators.get(name="全员劳动生产率增长").target_growth == "6"
    assert AuditEntry.objects.filter(action="correct").count() == 1


def test_settings_change_the_statuses(office, sample_plan):
    plan = store_plan(sample_plan)
    patents = plan.indicators.get(name="每万人口发明专利拥有量")
    record_observation(patents, 2023, 30.0)
    # path 30.36 in 2023; (30.0 - 27.9) / 2.46 = 0.854: lagging under the default 0.90
    assert {a.name: a.status for a in assessments(plan, 2023)}["每万人口发明专利拥有量"] == "lagging"
    form = {"ahead": 1.1, "on_track": 0.8, "lagging": 0.5, "bound_tolerance": 0.05, "same_pace_tolerance": 1,
            "reach_factor": 2, "geometric_units": "亿元，万元", "lower_is_better": "失业率，能耗"}  # fmt: skip
    assert office.post(f"/office/plans/{plan.pk}/settings/", form).status_code == 302
    plan.refresh_from_db()
    assert plan.settings().on_track == 0.8 and plan.settings().geometric_units == ["亿元", "万元"]
    assert {a.name: a.status for a in assessments(plan, 2023)}["每万人口发明专利拥有量"] == "on_track"


def test_the_settings_page_speaks_an_offices_words_and_saves_the_two_switches(office, sample_plan):
    plan = store_plan(sample_plan)
    page = office.get(f"/office/plans/{plan.pk}/settings/").content.decode()
    assert "须保持的上限/下限按已过年份平均判断" in page and "按公布数据的精度判断" in page
    assert "“基本符合预期”的进度比" in page and "每一年都须守住限值" in page
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
    assert len(labels) == 10 and not any(re.search(r"[a-z_]{4,}", label) for label in labels)
    shown = lxml_html.fromstring(page).text_content()
    assert not any(word in shown for word in ("docs/method.md", "hold_on_average", "published_precision"))
    assert page.count('type="checkbox"') == page.count("checked") == 2  # both on by default
    form = {"ahead": 1.1, "on_track": 0.9, "lagging": 0.6, "bound_tolerance": 0.05, "same_pace_tolerance": 1,
            "reach_factor": 2, "geometric_units": "亿元", "lower_is_better": "失业率",
            "published_precision": "on"}  # fmt: skip
    assert office.post(f"/office/plans/{plan.pk}/settings/", form).status_code == 302
    plan.refresh_from_db()
    assert (plan.settings().hold_on_average, plan.settings().published_precision) == (False, True)
    page = office.get(f"/office/plans/{plan.pk}/settings/").content.decode()
    assert page.count("checked") == 1


def test_thresholds_out_of_order_are_refused(office, sample_plan):
    plan = store_plan(sample_plan)
    form = {"ahead": 0.5, "on_track": 0.9, "lagging": 0.6, "bound_tolerance": 0.05, "same_pace_tolerance": 1,
            "reach_factor": 2, "geometric_units": "", "lower_is_better": ""}  # fmt: skip
    page = office.post(f"/office/plans/{plan.pk}/settings/", form)
    assert page.status_code == 200 and "依次递减" in page.content.decode()
    plan.refresh_from_db()
    assert plan.evaluation_settings == {}


def test_the_office_finds_upload_and_settings_from_the_pages(office, client, sample_plan, settings):
    plan = store_plan(sample_plan)
    page = office.get(f"/plans/{plan.pk}/").content.decode()
    assert 'href="/office/upload/"' in page and f'href="/office/plans/{plan.pk}/settings/"' in page
    office.logout()
    settings.PUBLIC_READ = True
    anonymous = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "/office/upload/" not in anonymous and "/settings/" not in anonymous
