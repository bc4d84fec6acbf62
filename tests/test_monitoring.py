"""The monitoring pages: the figures table, one figure's form and history, the template, the import."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from planwatch.server.accounts.models import AuditEntry
from planwatch.server.monitoring.models import Observation

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"
PATENTS = "每万人口发明专利拥有量"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT / "uploads"


def figure_url(plan, name: str, year: int) -> str:
    return reverse("monitoring:observation", args=[plan.indicators.get(name=name).pk, year])


def workbook(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["指标", "年份", "值", "来源"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def upload(client, plan, path: Path):
    with path.open("rb") as file:
        return client.post(reverse("monitoring:import", args=[plan.pk]), {"file": file})


def gdp_figures(plan, provisional: bool = False) -> dict[int, float]:
    """The GDP figures in force; with `provisional`, a department's figures awaiting review among them."""
    return dict(
        Observation.objects.filter(indicator__plan=plan, indicator__name=GDP)
        .current(provisional=provisional)
        .values_list("year", "value")
    )


def test_the_plan_page_shows_every_figure_with_a_link_to_its_form(client, plan, staff):
    client.force_login(staff)
    page = client.get(reverse("monitoring:plan", args=[plan.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert page.context["years"] == [2021, 2022, 2023, 2024, 2025]
    assert figure_url(plan, GDP, 2025) in text
    gdp = next(cells for indicator, cells in page.context["rows"] if indicator.name == GDP)
    assert [cell.observation.value if cell.observation else None for cell in gdp] == [
        6.9,
        4.1,
        5.6,
        5.2,
        None,
    ]
    assert reverse("monitoring:template", args=[plan.pk]) in text
    assert reverse("monitoring:import", args=[plan.pk]) in text
    assert (
        reverse("monitoring:plan", args=[plan.pk]) in client.get(reverse("monitoring:index")).content.decode()
    )


def test_the_form_stores_a_revision_and_keeps_the_old_value(client, plan, staff):
    client.force_login(staff)
    url = figure_url(plan, GDP, 2022)
    response = client.post(
        url, {"value": "4.3", "source": "统计公报", "note": "最终核实", "annual_target": "7左右"}
    )
    assert response.status_code == 302
    rows = Observation.objects.filter(indicator__name=GDP, year=2022).order_by("entered_at")
    assert [(o.value, o.superseded_at is not None) for o in rows] == [(4.1, True), (4.3, False)]
    assert rows[1].entered_by == staff and rows[1].annual_target == "7左右"
    revision = AuditEntry.objects.filter(action="revise").latest("at")
    assert revision.before["value"] == 4.1 and revision.after["value"] == 4.3 and revision.user == staff
    history = client.get(url)
    assert [o.value for o in history.context["history"]] == [4.3, 4.1]
    assert "统计公报" in history.content.decode() and "guihua" in history.content.decode()


def test_an_unchanged_figure_is_not_a_revision(client, plan, staff):
    client.force_login(staff)
    current = Observation.objects.current().get(indicator__name=GDP, year=2022)
    data = {"value": "4.1", "source": current.source, "note": current.note, "annual_target": ""}
    assert client.post(figure_url(plan, GDP, 2022), data).status_code == 302
    assert Observation.objects.filter(indicator__name=GDP, year=2022).count() == 1


def test_an_anonymous_post_is_sent_to_log_in(client, plan, settings):
    settings.PUBLIC_READ = True
    response = client.post(figure_url(plan, GDP, 2025), {"value": "6"})
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)
    assert 2025 not in gdp_figures(plan)


def test_a_department_changes_only_the_indicators_it_leads(client, plan, statistician):
    client.force_login(statistician)
    refused = client.post(figure_url(plan, PATENTS, 2025), {"value": "33"})
    assert refused.status_code == 403
    assert "只有规划办工作人员" in refused.content.decode()
    assert not Observation.objects.filter(indicator__name=PATENTS, year=2025).exists()
    assert client.post(figure_url(plan, GDP, 2025), {"value": "6.1"}).status_code == 302
    assert gdp_figures(plan, provisional=True)[2025] == 6.1  # awaiting the office's review
    assert 2025 not in gdp_figures(plan)


def test_a_year_outside_the_period_has_no_form(client, plan, staff):
    client.force_login(staff)
    assert client.get(figure_url(plan, GDP, 2020)).status_code == 404


def test_an_import_stores_nothing_until_confirmed_then_everything(client, plan, staff, tmp_path, media):
    client.force_login(staff)
    before = Observation.objects.count()
    path = workbook(tmp_path / "统计局2024.xlsx", [(GDP, 2024, 5.4, "统计公报"), (GDP, 2025, 6.0, "快报")])
    preview = upload(client, plan, path)
    assert preview.status_code == 200
    rows = preview.context["result"].rows
    assert [(r.year, r.value, r.current.value if r.current else None) for r in rows] == [
        (2024, 5.4, 5.2),
        (2025, 6.0, None),
    ]
    assert Observation.objects.count() == before
    assert len(list(media.iterdir())) == 1

    done = client.post(reverse("monitoring:import_confirm", args=[plan.pk]))
    assert done.status_code == 302
    assert gdp_figures(plan) == {2021: 6.9, 2022: 4.1, 2023: 5.6, 2024: 5.4, 2025: 6.0}
    assert Observation.objects.count() == before + 2
    entry = AuditEntry.objects.get(action="import")
    assert entry.after == {"file": "统计局2024.xlsx", "rows": 2} and entry.user == staff
    assert list(media.iterdir()) == []
    again = client.post(reverse("monitoring:import_confirm", args=[plan.pk]))
    assert again.status_code == 302 and Observation.objects.count() == before + 2


def test_the_confirmation_stores_what_the_preview_read(client, plan, staff, tmp_path, media):
    """The workbook is read once: confirming does not read the file again."""
    client.force_login(staff)
    upload(client, plan, workbook(tmp_path / "gdp.xlsx", [(GDP, 2025, 6.0, "快报")]))
    [pending] = media.iterdir()
    for kept in pending.glob("upload.*"):
        kept.write_bytes(b"not a workbook any more")
    assert client.post(reverse("monitoring:import_confirm", args=[plan.pk])).status_code == 302
    assert gdp_figures(plan)[2025] == 6.0 and list(media.iterdir()) == []


def test_an_import_with_a_bad_row_shows_it_and_stores_nothing(client, plan, staff, tmp_path, media):
    client.force_login(staff)
    before = Observation.objects.count()
    path = workbook(tmp_path / "bad.xlsx", [(GDP, 2024, 5.4, "统计公报"), (GDP, 2025, "六", "快报")])
    preview = upload(client, plan, path)
    text = preview.content.decode()
    assert "没有导入任何数据" in text and "第 3 行" in text and "“值”列的“六”不是数字" in text
    assert [(p.row, p.message) for p in preview.context["result"].problems] == [(3, "“值”列的“六”不是数字")]
    assert list(media.iterdir()) == []
    client.post(reverse("monitoring:import_confirm", args=[plan.pk]))
    assert Observation.objects.count() == before


def test_a_department_imports_only_rows_for_indicators_it_leads(client, plan, statistician, tmp_path):
    client.force_login(statistician)
    rows = [
        (GDP, 2025, 6.0, "快报"),
        (PATENTS, 2025, 33, "知识产权局"),
        (GDP, 2030, 6.0, ""),
        ("人均GDP", 2025, 1, ""),
    ]
    preview = upload(client, plan, workbook(tmp_path / "mixed.xlsx", rows))
    problems = preview.context["result"].problems
    assert [(p.row, p.label) for p in problems] == [
        (3, f"{PATENTS} 2025年"),
        (4, f"{GDP} 2030年"),
        (5, "人均GDP 2025年"),
    ]
    assert "牵头单位" in problems[0].message and "规划中没有名为“人均GDP”的指标" in problems[2].message
    assert "没有导入任何数据" in preview.content.decode()
    assert 2025 not in gdp_figures(plan)
    own = tmp_path / "gdp.csv"
    own.write_text(f"指标,年份,值,来源\n{GDP},2025,6.0,快报\n", encoding="gbk")
    assert not upload(client, plan, own).context["result"].problems
    assert client.post(reverse("monitoring:import_confirm", args=[plan.pk])).status_code == 302
    assert gdp_figures(plan, provisional=True)[2025] == 6.0  # awaiting the office's review


def test_the_confirmation_checks_the_file_again(client, plan, statistician, tmp_path, media):
    client.force_login(statistician)
    preview = upload(client, plan, workbook(tmp_path / "gdp.xlsx", [(GDP, 2025, 6.0, "快报")]))
    assert not preview.context["result"].problems
    plan.indicators.filter(name=GDP).update(lead=None)
    refused = client.post(reverse("monitoring:import_confirm", args=[plan.pk]))
    assert refused.status_code == 200 and "没有导入任何数据" in refused.content.decode()
    assert 2025 not in gdp_figures(plan) and list(media.iterdir()) == []


def test_a_cancelled_import_leaves_nothing_behind(client, plan, staff, tmp_path, media):
    client.force_login(staff)
    upload(client, plan, workbook(tmp_path / "gdp.xlsx", [(GDP, 2025, 6.0, "快报")]))
    assert len(list(media.iterdir())) == 1
    client.post(reverse("monitoring:import_cancel", args=[plan.pk]))
    assert list(media.iterdir()) == [] and 2025 not in gdp_figures(plan)


def test_a_user_without_a_department_may_not_import(client, plan, django_user_model, tmp_path):
    client.force_login(django_user_model.objects.create_user("visitor", password="x" * 12))
    response = upload(client, plan, workbook(tmp_path / "a.xlsx", [(GDP, 2025, 6.0, "快报")]))
    assert response.status_code == 403


def test_the_pages_are_read_by_whoever_may_read(client, plan, settings):
    url = reverse("monitoring:template", args=[plan.pk])
    assert client.get(url)["Location"].startswith(settings.LOGIN_URL)
    settings.PUBLIC_READ = True
    assert client.get(url).status_code == 200
    page = client.get(figure_url(plan, GDP, 2022))
    assert page.status_code == 200 and page.context["form"] is None


def test_the_template_has_one_row_per_indicator_and_year(client, plan, staff):
    client.force_login(staff)
    response = client.get(reverse("monitoring:template", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    header = [cell.value for cell in sheet[1]]
    pairs = [(row[header.index("指标")], row[header.index("年份")]) for row in rows]
    names = list(plan.indicators.values_list("name", flat=True))
    assert pairs == [(name, year) for name in names for year in range(2021, 2026)]


def test_the_form_keeps_the_vintage_and_the_history_names_it(client, plan, staff):
    client.force_login(staff)
    url = figure_url(plan, GDP, 2025)
    first = {"value": "5.4", "source": "统计公报", "vintage": "preliminary", "published_on": "2026-03-01"}
    assert client.post(url, first).status_code == 302
    final = {"value": "5.6", "source": "统计年鉴", "vintage": "final", "published_on": "2026-12-20"}
    assert client.post(url, final).status_code == 302
    rows = Observation.objects.filter(indicator__name=GDP, year=2025).order_by("entered_at")
    assert [(o.value, o.vintage, str(o.published_on), o.superseded_at is None) for o in rows] == [
        (5.4, "preliminary", "2026-03-01", False),
        (5.6, "final", "2026-12-20", True),
    ]
    page = client.get(url)
    text = page.content.decode()
    assert "<td>初步核算</td>" in text and "<td>最终核实</td>" in text and "<td>2026-03-01</td>" in text
    assert page.context["form"].initial["vintage"] == "final"
    # Saying the same again, day and vintage included, is no revision.
    assert client.post(url, final).status_code == 302
    assert Observation.objects.filter(indicator__name=GDP, year=2025).count() == 2
    indicator_page = client.get(reverse("reports:indicator", args=[rows[0].indicator_id])).content.decode()
    assert "<td>初步核算</td>" in indicator_page and "<td>2026-12-20</td>" in indicator_page


def test_the_form_refuses_a_day_that_is_not_one(client, plan, staff):
    client.force_login(staff)
    page = client.post(figure_url(plan, GDP, 2025), {"value": "5.4", "published_on": "2026-02-30"})
    assert page.status_code == 200 and "请填写日期，如 2024-02-28。" in page.content.decode()
    assert 2025 not in gdp_figures(plan)


def test_the_plan_page_marks_a_preliminary_figure(client, plan, staff):
    client.force_login(staff)
    client.post(figure_url(plan, GDP, 2025), {"value": "5.4", "vintage": "preliminary"})
    text = client.get(reverse("monitoring:plan", args=[plan.pk])).content.decode()
    assert '<span class="tag">初步核算</span>' in text


def vintages_workbook(path: Path, rows: list[tuple]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["指标", "年份", "值", "数据类型", "发布日期"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def test_an_import_keeps_both_vintages_of_a_year_the_later_one_standing(client, plan, staff, tmp_path):
    client.force_login(staff)
    rows = [(GDP, 2025, 5.6, "年鉴", "2026-12-20"), (GDP, 2025, 5.4, "快报", "2026年3月1日")]
    preview = upload(client, plan, vintages_workbook(tmp_path / "gdp.xlsx", rows))
    assert not preview.context["result"].problems
    text = preview.content.decode()
    assert "<td>最终核实 2026-12-20</td>" in text and "<td>初步核算 2026-03-01</td>" in text
    assert client.post(reverse("monitoring:import_confirm", args=[plan.pk])).status_code == 302
    stored = Observation.objects.filter(indicator__name=GDP, year=2025).order_by("entered_at")
    assert [(o.value, o.vintage, o.superseded_at is None) for o in stored] == [
        (5.4, "preliminary", False),
        (5.6, "final", True),
    ]
    # A figure published before the one in force would bring an earlier vintage back: refused.
    again = upload(
        client, plan, vintages_workbook(tmp_path / "old.xlsx", [(GDP, 2025, 5.4, "快报", "2026-03-01")])
    )
    [problem] = again.context["result"].problems
    assert problem.row == 2 and "早于现行数值的发布日期 2026-12-20" in problem.message


def test_an_import_names_the_row_of_a_bad_vintage_or_day(client, plan, staff, tmp_path):
    client.force_login(staff)
    rows = [(GDP, 2024, 5.4, "公报", ""), (GDP, 2025, 6.0, "快报", "明年")]
    preview = upload(client, plan, vintages_workbook(tmp_path / "bad.xlsx", rows))
    assert [(p.row, p.message.split(" (")[0]) for p in preview.context["result"].problems] == [
        (2, "“数据类型”列的“公报”无法识别，应填初步核算、快报、最终核实或年鉴"),
        (3, "“发布日期”列的“明年”不是日期，应写作 2024-02-28"),
    ]
    assert "第 2 行" in preview.content.decode() and 2025 not in gdp_figures(plan)


def test_the_template_asks_for_the_vintage_and_the_day(client, plan, staff):
    client.force_login(staff)
    response = client.get(reverse("monitoring:template", args=[plan.pk]))
    sheet = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [cell.value for cell in sheet[1]][-2:] == ["数据类型", "发布日期"]


URBAN = "常住人口城镇化率"


def test_the_form_questions_a_doubtful_figure_and_stores_it_once_confirmed(client, plan, staff):
    client.force_login(staff)
    url = figure_url(plan, PATENTS, 2025)
    asked = client.post(url, {"value": "330", "source": "知识产权局"})
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "“每万人口发明专利拥有量”2025年的数值330件是2024年数值32.8件的10.1倍，请核对" in text
    assert 'type="checkbox" name="confirmed"' in text and "数值无误，确认保存" in text
    assert not Observation.objects.filter(indicator__name=PATENTS, year=2025).exists()
    confirmed = client.post(url, {"value": "330", "source": "知识产权局", "confirmed": "on"})
    assert confirmed.status_code == 302
    assert Observation.objects.current().get(indicator__name=PATENTS, year=2025).value == 330


def test_the_form_refuses_an_impossible_figure_even_confirmed(client, plan, staff):
    client.force_login(staff)
    refused = client.post(figure_url(plan, URBAN, 2025), {"value": "-999", "confirmed": "on"})
    text = refused.content.decode()
    assert refused.status_code == 200 and "“常住人口城镇化率”2025年的数值-999%不可能" in text
    assert 'type="checkbox" name="confirmed"' not in text
    assert not Observation.objects.filter(indicator__name=URBAN, year=2025).exists()


def test_the_form_questions_in_english_when_switched(client, plan, staff):
    client.force_login(staff)
    asked = client.post(figure_url(plan, URBAN, 2025), {"value": "120"}, HTTP_ACCEPT_LANGUAGE="en")
    text = asked.content.decode()
    assert "常住人口城镇化率, 2025: 120% is outside 0-100%" in text and "The figure is right; save it" in text


def test_an_import_lists_doubtful_figures_and_stores_them_only_when_confirmed(client, plan, staff, tmp_path):
    client.force_login(staff)
    rows = [(GDP, 2025, 6.0, "快报"), (URBAN, 2025, 120, "统计公报"), (PATENTS, 2025, 3.0, "知识产权局")]
    preview = upload(client, plan, workbook(tmp_path / "doubts.xlsx", rows))
    result = preview.context["result"]
    assert result.ready and [(q.row, q.label) for q in result.questioned] == [
        (3, f"{URBAN} 2025年"),
        (4, f"{PATENTS} 2025年"),
    ]
    assert "不到2024年数值32.8件的十分之一" in result.questioned[1].message
    text = preview.content.decode()
    assert "以下 2 个数值存疑" in text and "第 4 行" in text
    assert '<input type="checkbox" name="confirmed" required>' in text

    unconfirmed = client.post(reverse("monitoring:import_confirm", args=[plan.pk]))
    assert unconfirmed.status_code == 200 and "没有导入任何数据" in unconfirmed.content.decode()
    assert [p.row for p in unconfirmed.context["result"].problems] == [3, 4]
    assert 2025 not in gdp_figures(plan)

    upload(client, plan, workbook(tmp_path / "doubts.xlsx", rows))
    done = client.post(reverse("monitoring:import_confirm", args=[plan.pk]), {"confirmed": "on"})
    assert done.status_code == 302 and gdp_figures(plan)[2025] == 6.0
    assert Observation.objects.current().get(indicator__name=URBAN, year=2025).value == 120


def test_an_import_compares_a_figure_with_the_files_own_year_before(client, plan, staff, tmp_path):
    client.force_login(staff)
    rows = [(PATENTS, 2024, 330, ""), (PATENTS, 2025, 340, "")]
    result = upload(client, plan, workbook(tmp_path / "patents.xlsx", rows)).context["result"]
    assert [q.row for q in result.questioned] == [2]  # 2025 is near the file's 2024, not the stored 31.4


def test_an_import_refuses_an_impossible_figure(client, plan, staff, tmp_path, media):
    client.force_login(staff)
    preview = upload(client, plan, workbook(tmp_path / "urban.xlsx", [(URBAN, 2025, -999, "")]))
    [problem] = preview.context["result"].problems
    assert (problem.row, problem.label) == (2, f"{URBAN} 2025年") and "不可能" in problem.message
    assert "没有导入任何数据" in preview.content.decode() and list(media.iterdir()) == []


def test_every_import_error_names_its_row_and_what_it_is_about_in_chinese(client, plan, staff, tmp_path):
    client.force_login(staff)
    rows = [
        ("人均GDP", 2025, 1, ""),  # unknown indicator
        (GDP, 2030, 6.0, ""),  # outside the period
        (GDP, 2025, "约五", ""),  # not a number
        (PATENTS, 2025, 33, ""),
        (PATENTS, 2025, 34, ""),  # given twice
        (URBAN, 2025, -999, ""),  # impossible
    ]
    problems = upload(client, plan, workbook(tmp_path / "errors.xlsx", rows)).context["result"].problems
    assert [p.row for p in problems] == [2, 3, 4, 6, 7]
    named = ["人均GDP", f"{GDP} 2030年", "约五", PATENTS, f"{URBAN} 2025年"]
    for problem, name in zip(problems, named, strict=True):
        assert name in f"{problem.label} {problem.message}"
        assert not re.search(r"[A-Za-z]{3,}", re.sub("“[^”]*”", "", problem.message)), problem.message

    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["请在第二个工作表填写"])
    book.create_sheet("数据").append(["指标", "年份", "值"])
    book.save(tmp_path / "wrong-sheet.xlsx")
    [sheet] = upload(client, plan, tmp_path / "wrong-sheet.xlsx").context["result"].problems
    assert sheet.row is None and sheet.message.startswith("wrong-sheet.xlsx")
    empty = workbook(tmp_path / "empty.xlsx", [(GDP, 2025, None, "")])
    [nothing] = upload(client, plan, empty).context["result"].problems
    assert nothing.message == "文件中没有填写数值的行"
