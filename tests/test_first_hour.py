"""An office's first hour, in a real browser and through the pages only: a clerk of a new office logs in, uploads
the plan outline, checks what was read and confirms it, sets up two departments (in the administration) and
gives an indicator and a task to them, downloads the fill-in template, fills it in with openpyxl and imports
it, sees the dashboard's statuses, opens an indicator and downloads the annual report as Word.

Each step asserts what the clerk reads on the page (headings, counts, statuses), not only that it answered.
Screenshots are saved beside the test's temporary files (and in $PLANWATCH_SCREENSHOTS when set).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from tests import test_browser
from tests.test_browser import PASSWORD, log_in, shot, status_of

pytestmark = pytest.mark.django_db(transaction=True)
# Chromium as the other browser test drives it (the fixture, shared by name).
browser_page = test_browser.browser_page

TITLE = "许昌市魏都区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
GDP = "地区生产总值增长"
PATENTS = "每万人口发明专利拥有量"
# What the statistics bureau reports: GDP growth below the plan's 6.5 % a year (index 1.2363 against the
# path's 1.065^4 = 1.2865, progress 0.82: 滞后); patents already past the target of 32 (提前实现).
FIGURES = {
    GDP: {2021: 6.9, 2022: 4.1, 2023: 5.6, 2024: 5.2},
    PATENTS: {2021: 29.1, 2022: 30.6, 2023: 31.4, 2024: 32.8},
}
SOURCE = "区统计局"


@pytest.fixture
def clerk(django_user_model):
    """The planning office's clerk, who also keeps the office's departments (the administrator)."""
    return django_user_model.objects.create_superuser("fgw", password=PASSWORD)


def text(page) -> str:
    return page.locator("main").inner_text()


def click(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()


def upload_and_confirm(page, base: str, sample: Path) -> None:
    """Upload the outline, check the reading (title, period, 16 indicators), confirm it."""
    page.goto(f"{base}/office/upload/")
    assert page.locator("h1").inner_text() == "上传规划纲要"
    page.set_input_files("input[type=file]", str(sample))
    click(page, "button", "读取")
    assert page.locator("h1").inner_text() == f"核对读取结果：{sample.name}"
    facts = page.locator("dl.facts").inner_text()
    assert TITLE in facts and "2021—2025" in facts and "许昌市魏都区" in facts
    assert "从文档中读出16项指标" in text(page)
    assert re.search(r"读取可信度：\s*[高中低]", text(page))
    assert "主要指标表" in text(page) and "目录与正文" in text(page)
    click(page, "button", "确认保存")
    assert f"已保存规划：{TITLE}" in page.locator("ul.messages").inner_text()
    assert page.locator("h1").inner_text() == TITLE


def add_department(page, base: str, name: str) -> None:
    page.goto(f"{base}/admin/accounts/department/add/")
    page.fill("input[name=name]", name)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert name in page.locator("#result_list").inner_text()


def assign_indicator(page, base: str, indicator: str, department: str) -> None:
    """The indicator's lead department, on the plan's page of lead departments (from the dashboard)."""
    open_dashboard(page, base)
    click(page, "link", "指标牵头单位")
    assert page.locator("h1").inner_text() == "指标牵头单位"
    page.get_by_label(indicator, exact=True).select_option(label=department)
    click(page, "button", "保存牵头单位")
    assert "已保存 1 项指标的牵头单位" in page.locator("ul.messages").inner_text()
    assert "已指定牵头单位 1 项，共 16 项指标" in text(page)


def assign_task(page, base: str, department: str) -> str:
    """The plan's first task given to the department, due at the end of 2024, on the task's own page."""
    page.goto(f"{base}/tasks/")
    page.locator("main a", has_text=TITLE).first.click()
    page.wait_for_load_state()
    assert "重点任务" in page.locator("h1").inner_text()
    first = page.locator("table a").first
    title = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    page.select_option("select[name=lead]", label=department)
    page.fill("input[name=due_date]", "2024-12-31")
    click(page, "button", "保存分工")
    assert "已保存任务分工" in page.locator("ul.messages").inner_text()
    facts = page.locator("dl").first.inner_text()
    assert department in facts and "2024-12-31" in facts and "逾期" in facts
    return title


def fill_template(page, base: str, tmp_path: Path) -> Path:
    """The office's template downloaded from the monitoring page, filled in as the bureau would."""
    page.goto(f"{base}/monitoring/")
    page.locator("main a", has_text=TITLE).first.click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        click(page, "link", "下载 Excel 填报模板")
    assert download.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / "填报模板.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    assert {"指标", "年份", "值", "来源"} <= set(head)
    names = {row[head.index("指标")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {GDP, PATENTS} <= names and len(names) == 16
    filled = 0
    for row in sheet.iter_rows(min_row=2):
        name, year = row[head.index("指标")].value, row[head.index("年份")].value
        value = FIGURES.get(name, {}).get(int(year))
        if value is not None:
            row[head.index("值")].value = value
            row[head.index("来源")].value = SOURCE
            filled += 1
    assert filled == 8
    book.save(path)
    return path


def import_figures(page, base: str, path: Path) -> None:
    """The filled template previewed, then confirmed: the eight figures are stored."""
    page.set_input_files("input[type=file]", str(path))
    click(page, "button", "预览")
    assert page.locator("h1").inner_text() == f"导入预览：{path.name}"
    assert "确认后将保存以下 8 条监测值" in text(page)
    assert "没有导入任何数据" not in text(page)
    questioned = page.locator("input[name=confirmed]")
    if questioned.count():
        questioned.check()
    click(page, "button", "确认导入")
    assert f"已导入 8 条监测值（{path.name}）" in page.locator("ul.messages").inner_text()
    monitored = page.locator("table").first.inner_text()
    assert "32.8" in monitored and "5.2" in monitored


def open_dashboard(page, base: str) -> None:
    """The plan's dashboard, from the start page (the list of plans, or the plan itself when it is the only one)."""
    page.goto(f"{base}/")
    link = page.locator("main table a", has_text=TITLE)
    if link.count():
        link.first.click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE


def see_dashboard(page, base: str) -> None:
    """The 2024 assessment: GDP behind the path, patents ahead of the target; no figure awaits review."""
    open_dashboard(page, base)
    page.select_option("select[name=year]", "2024")
    click(page, "button", "查看")
    assert page.locator("h1").inner_text() == TITLE
    assert "2024年评估" in text(page)
    assert "待审核" not in " ".join(page.locator(".notice").all_inner_texts())
    assert status_of(page, GDP) == "滞后"
    assert status_of(page, PATENTS) == "提前实现"
    # 全部指标: 提前实现 1, 快于预期 0, 基本符合预期 0, 滞后 1, 严重滞后 0, 无法评估 14 (no figures yet), 16 in all.
    totals = page.locator("table.counts tfoot").inner_text().split()
    assert totals == ["全部指标", "1", "0", "0", "1", "0", "14", "16"]


def see_indicator(page, department: str) -> None:
    page.locator("a", has_text=GDP).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == GDP
    facts = page.locator("dl.facts").inner_text()
    assert department in facts and "年均增长6.5%" in facts
    assert "各年评估" in text(page)
    years = page.locator("table", has_text="说明").inner_text()
    assert "2024" in years and "滞后" in years


def download_report(page, tmp_path: Path) -> Path:
    """The annual report for 2024 in Word: a real .docx that names the plan, the year and the lag."""
    page.go_back()
    page.wait_for_load_state()
    page.select_option("select[name=kind]", label="年度监测报告")
    with page.expect_download() as download:
        page.get_by_role("button", name="Word").click()
    assert download.value.suggested_filename.endswith(".docx")
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    assert zipfile.is_zipfile(path)
    assert "word/document.xml" in zipfile.ZipFile(path).namelist()
    document = docx.Document(str(path))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    words = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "2024" in words and "监测" in words and GDP in words
    return path


def test_an_office_s_first_hour(browser_page, live_server, clerk, sample_file, tmp_path):
    page, base = browser_page, live_server.url
    log_in(page, base)
    assert page.locator("span.user").inner_text() == "fgw"

    upload_and_confirm(page, base, sample_file)
    shot(page, tmp_path, "first-hour-1-confirmed")

    for name in ("区统计局", "区科技局"):
        add_department(page, base, name)
    assign_indicator(page, base, GDP, "区统计局")
    task = assign_task(page, base, "区科技局")
    shot(page, tmp_path, "first-hour-2-task-assigned")
    page.goto(f"{base}/tasks/")
    page.locator("main a", has_text=TITLE).first.click()
    page.wait_for_load_state()
    page.select_option("select[name=department]", label="区科技局")
    click(page, "button", "筛选")
    assert task in text(page) and "显示 1 项任务" in text(page)

    filled = fill_template(page, base, tmp_path)
    import_figures(page, base, filled)
    shot(page, tmp_path, "first-hour-3-imported")

    see_dashboard(page, base)
    shot(page, tmp_path, "first-hour-4-dashboard")
    see_indicator(page, "区统计局")
    shot(page, tmp_path, "first-hour-5-indicator")
    download_report(page, tmp_path)
