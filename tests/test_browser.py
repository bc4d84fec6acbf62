"""The application in a real browser: Debian's Chromium driven by Playwright against a live server.

An official logs in, imports an observations workbook, sees the dashboard's status change and opens the
indicator's chart; a bad workbook is refused with its row errors and nothing changes. Screenshots are
saved beside the test's temporary files (and in $PLANWATCH_SCREENSHOTS when set).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from planwatch.server.demo import load_demo
from planwatch.server.monitoring.models import Observation

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "browser-test-password"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API keeps an event loop on this thread; the test's own database checks are
    # plain synchronous calls, which Django allows once told (its documented setting for this case).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()


@pytest.fixture
def demo(django_user_model):
    plan = load_demo()
    django_user_model.objects.create_user("fgw", password=PASSWORD, is_staff=True)
    return plan


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["指标", "年份", "值", "来源"], *rows]:
        sheet.append(row)
    book.save(path)
    return path


def shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("PLANWATCH_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def status_of(page, name: str) -> str:
    row = page.locator("tr", has=page.locator("a", has_text=name)).first
    return row.locator(".status").inner_text().strip()


def log_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "fgw")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_load_state()


def test_import_changes_the_dashboard_and_the_chart_shows(browser_page, live_server, demo, tmp_path):
    page, base = browser_page, live_server.url
    log_in(page, base)
    page.goto(f"{base}/plans/{demo.pk}/?year=2024")
    # illustrative 6.9, 4.1, 5.6, 5.2: index 1.2363 against 1.065^4 = 1.2865, progress 0.82
    assert status_of(page, "地区生产总值增长") == "滞后"
    shot(page, tmp_path, "dashboard-before")

    # 2024 revised to 10.0: index 1.069 x 1.041 x 1.056 x 1.10 = 1.2927, progress 1.02
    upload = workbook(tmp_path / "2024.xlsx", [["地区生产总值增长", 2024, 10.0, "区统计局"]])
    page.goto(f"{base}/monitoring/plans/{demo.pk}/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="预览").click()
    assert "确认后将保存以下 1 条监测值" in page.content()
    assert Observation.objects.filter(year=2024, value=10.0).count() == 0
    shot(page, tmp_path, "import-preview")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()
    assert Observation.objects.current().get(indicator__name="地区生产总值增长", year=2024).value == 10.0

    page.goto(f"{base}/plans/{demo.pk}/?year=2024")
    assert status_of(page, "地区生产总值增长") == "基本符合预期"
    shot(page, tmp_path, "dashboard-after")

    page.locator("a", has_text="地区生产总值增长").first.click()
    page.wait_for_selector("#chart canvas")
    assert "被修订" in page.content()
    shot(page, tmp_path, "indicator-chart")


def test_a_bad_workbook_is_refused_and_nothing_changes(browser_page, live_server, demo, tmp_path):
    page, base = browser_page, live_server.url
    log_in(page, base)
    before = sorted(Observation.objects.values_list("indicator__name", "year", "value", "superseded_at"))
    bad = workbook(
        tmp_path / "bad.xlsx",
        [
            ["地区生产总值增长", 2024, 9.0, "区统计局"],
            ["人均GDP", 2024, 80000, "区统计局"],
            ["森林覆盖率", 2024, "四十", ""],
        ],
    )
    page.goto(f"{base}/monitoring/plans/{demo.pk}/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="预览").click()
    text = page.locator("main, body").first.inner_text()
    assert "没有导入任何数据" in text
    assert "第 3 行" in text and "人均GDP" in text
    assert "第 4 行" in text
    assert page.get_by_role("button", name="确认导入").count() == 0
    shot(page, tmp_path, "import-refused")
    after = sorted(Observation.objects.values_list("indicator__name", "year", "value", "superseded_at"))
    assert after == before


def test_assign_a_task_post_an_update_with_evidence_and_see_it_in_the_report(
    browser_page, live_server, demo, tmp_path
):
    from planwatch.server.accounts.models import Department
    from planwatch.server.tasks.models import Task

    page, base = browser_page, live_server.url
    Department.objects.create(name="区科技局")
    task = Task.objects.get(plan=demo, title="加强创新型企业培育")
    log_in(page, base)
    page.goto(f"{base}/tasks/{task.pk}/")
    page.select_option("select[name=lead]", label="区科技局")
    page.fill("input[name=due_date]", "2024-06-30")
    page.get_by_role("button", name="保存分工").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.lead.name == "区科技局" and str(task.due_date) == "2024-06-30"

    evidence = tmp_path / "高新技术企业认定名单.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n")
    page.fill("textarea[name=text]", "新认定高新技术企业12家，累计达到32家。")
    page.select_option("select[name=status]", value="in_progress")
    page.set_input_files("input[name=evidence]", str(evidence))
    page.get_by_role("button", name="报送").click()
    page.wait_for_load_state()
    assert "新认定高新技术企业12家" in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="佐证材料：高新技术企业认定名单.pdf").click()
    assert Path(download.value.path()).read_bytes() == evidence.read_bytes()
    shot(page, tmp_path, "task-update")

    # The 2024 report names it: due 30 June 2024, not done, so overdue.
    page.goto(f"{base}/plans/{demo.pk}/?year=2024")
    with page.expect_download() as download:
        page.get_by_role("button", name="网页").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "重点任务推进情况" in report
    assert "新认定高新技术企业12家" in report
    assert "加强创新型企业培育（区科技局）" in report
    page.set_content(report)
    shot(page, tmp_path, "report-tasks")
