"""Screenshots of every page of the demo, in Chinese and in English, to look at before a release.

    .venv/bin/python tools/screenshots.py FOLDER

Builds a fresh demo database in a temporary folder (as `planwatch demo` does), serves it on a free local
port, and drives Debian's Chromium (headless, 1280 wide, full pages) through the office's pages: the first
run with no plan, the upload and its review (one file, then a batch with a broken one), the dashboard, the
plan as read, the lead departments, the region, an indicator, the 网页 report, the monitoring pages with a
questioned figure, an import preview and a refused import, the tasks, search, the evaluation settings, the
administration and its audit trail, the error pages and the login page. Each picture is written as
FOLDER/<language>-<number>-<page>.png; the list of pages with their addresses goes to FOLDER/index.txt.
Not run by the tests: it takes a minute or two.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import openpyxl

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LANGUAGES = ("zh-hans", "en")
PASSWORD = "screenshots-password"
REPORTER_PASSWORD = "screenshots-reporter"
WIDTH = 1280


@dataclass
class Ids:
    """The demo's objects the pages are addressed by."""

    plan: int = 0
    indicator: int = 0
    share: int = 0
    task: int = 0


@dataclass
class Camera:
    """One browser context in one language, writing numbered pictures into the folder."""

    page: object
    base: str
    folder: Path
    lang: str
    taken: list[str] = field(default_factory=list)

    def shot(self, name: str, url: str | None = None) -> None:
        if url is not None:
            self.page.goto(self.base + url)
        self.page.wait_for_load_state("networkidle")
        short = "zh" if self.lang.startswith("zh") else "en"
        path = self.folder / f"{short}-{len(self.taken) + 1:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.taken.append(f"{path.name}\t{self.page.url}")

    def log_in(self, user: str, password: str) -> None:
        self.page.context.clear_cookies()
        self.set_language()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.fill("input[name=username]", user)
        self.page.fill("input[name=password]", password)
        self.page.locator("form button[type=submit], form input[type=submit]").first.click()
        self.page.wait_for_load_state()

    def set_language(self) -> None:
        host = self.base.split("//", 1)[1].split(":")[0]
        self.page.context.add_cookies(
            [{"name": "django_language", "value": self.lang, "domain": host, "path": "/"}]
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path) -> str:
    """The demo's steps (`planwatch demo`) on a fresh data directory, served by waitress in a thread."""
    for name in ("DATABASE_URL", "PLANWATCH_DEBUG", "PLANWATCH_ALLOWED_HOSTS"):
        os.environ.pop(name, None)
    from planwatch.server import runtime

    runtime.setup(data_dir, public_read=True)
    runtime.prepare()
    from waitress import create_server

    from planwatch.server.wsgi import application

    port = free_port()
    server = create_server(application, host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def create_users() -> None:
    """An administrator of the office, and a member of a department that leads nothing (for a refusal)."""
    from django.contrib.auth import get_user_model

    from planwatch.server.accounts.models import Department

    users = get_user_model()
    users.objects.create_superuser("fgw", password=PASSWORD)
    reporter = users.objects.create_user("reporter", password=REPORTER_PASSWORD)
    Department.objects.get_or_create(name="区文化广电和旅游局")[0].members.add(reporter)


def load_demo_plan() -> Ids:
    from planwatch.server.demo_office import load_demo_office
    from planwatch.server.tasks.models import Task

    plan, _logins = load_demo_office()  # as `planwatch demo` loads it: the office with its departments
    indicator = plan.indicators.get(name="地区生产总值增长")
    share = plan.indicators.get(name="常住人口城镇化率")
    task = Task.objects.filter(plan=plan).order_by("pk").last()
    return Ids(plan=plan.pk, indicator=indicator.pk, share=share.pk, task=task.pk if task else 0)


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["指标", "年份", "值", "来源"], *rows]:
        sheet.append(row)
    book.save(path)
    return path


def first_run(cam: Camera) -> None:
    """Before any plan: the login page, the empty plan list, the upload form."""
    cam.page.context.clear_cookies()
    cam.set_language()
    cam.shot("login", "/accounts/login/")
    cam.log_in("fgw", PASSWORD)
    cam.shot("plans-empty", "/")
    cam.shot("upload", "/office/upload/")
    cam.shot("upload-nothing-pending", "/office/upload/review/")


def upload_batch(cam: Camera, sample: Path, tmp: Path) -> None:
    """Two documents at once, one of them broken: what read well and what did not."""
    broken = tmp / "损坏的文件.docx"
    broken.write_bytes(b"not a zip archive")
    cam.page.goto(cam.base + "/office/upload/")
    cam.page.set_input_files("input[type=file]", [str(sample), str(broken)])
    cam.page.locator("main form button[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot("upload-batch")


def upload_and_review(cam: Camera, sample: Path, confirm: bool) -> None:
    """The sample plan uploaded and read, then confirmed (a second plan) or given up."""
    cam.page.goto(cam.base + "/office/upload/")
    cam.page.set_input_files("input[type=file]", str(sample))
    cam.page.locator("main form button[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot("upload-review")
    if confirm:
        cam.page.locator("form.review-actions button[type=submit]").click()
        cam.page.wait_for_load_state()
        cam.shot("upload-confirmed")


def plan_pages(cam: Camera, ids: Ids) -> None:
    cam.shot("plans", "/")
    cam.shot("dashboard", f"/plans/{ids.plan}/?year=2024")
    cam.shot("dashboard-provisional", f"/plans/{ids.plan}/?year=2024&provisional=1")
    cam.shot("reading", f"/plans/{ids.plan}/reading/")
    cam.shot("leads", f"/plans/{ids.plan}/leads/")
    cam.shot("region", f"/regions/plans/{ids.plan}/")
    cam.shot("indicator", f"/indicators/{ids.indicator}/")
    cam.shot("settings", f"/office/plans/{ids.plan}/settings/")
    cam.shot("search", f"/search/plans/{ids.plan}/?q=养老")
    cam.shot("search-nothing", f"/search/plans/{ids.plan}/?q=航天器")
    cam.page.goto(f"{cam.base}/plans/{ids.plan}/?year=2024")
    with cam.page.expect_download() as download:
        cam.page.locator("form.report-download button[value=html]").click()
    cam.page.set_content(Path(download.value.path()).read_text(encoding="utf-8"))
    cam.shot("report-html")


def monitoring_pages(cam: Camera, ids: Ids, tmp: Path) -> None:
    cam.shot("monitoring", "/monitoring/")
    cam.shot("monitoring-plan", f"/monitoring/plans/{ids.plan}/")
    cam.shot("observation-form", f"/monitoring/indicators/{ids.indicator}/2025/")
    # Sent empty past the browser's own check, to see the form's error as the server words it.
    cam.page.locator("main form[method=post]").first.evaluate("f => { f.noValidate = true; }")
    cam.page.locator("main form[method=post] button[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot("observation-form-error")
    cam.shot("observation-history", f"/monitoring/indicators/{ids.indicator}/2023/")
    # A share above 100 %: questioned before it is stored (nothing is kept unless confirmed).
    cam.page.goto(f"{cam.base}/monitoring/indicators/{ids.share}/2025/")
    cam.page.fill("input[name=value]", "150")
    cam.page.locator("main form[method=post] button[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot("observation-questioned")
    cam.shot("monitoring-review", f"/monitoring/plans/{ids.plan}/review/")
    cam.shot("import", f"/monitoring/plans/{ids.plan}/import/")
    good = workbook(
        tmp / "good.xlsx",
        [["地区生产总值增长", 2024, 6.0, "区统计局"], ["常住人口城镇化率", 2024, 150, "区统计局"]],
    )
    preview(cam, good, "import-preview", f"/monitoring/plans/{ids.plan}/import/")
    bad = workbook(
        tmp / "bad.xlsx",
        [["地区生产总值增长", 2031, 6.0, ""], ["人均GDP", 2024, 80000, ""], ["森林覆盖率", 2024, "四十", ""]],
    )
    preview(cam, bad, "import-refused", f"/monitoring/plans/{ids.plan}/import/")


def preview(cam: Camera, path: Path, name: str, url: str) -> None:
    """A workbook previewed, then the pending import cancelled so the next language starts the same."""
    cam.page.goto(cam.base + url)
    cam.page.set_input_files("input[type=file]", str(path))
    cam.page.locator("main form button[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot(name)
    cancel = cam.page.locator("form[action$='/import/cancel/'] button")
    if cancel.count():
        cancel.first.click()
        cam.page.wait_for_load_state()


def task_pages(cam: Camera, ids: Ids) -> None:
    cam.shot("tasks", "/tasks/")
    cam.shot("tasks-plan", f"/tasks/plans/{ids.plan}/")
    if ids.task:
        cam.shot("task", f"/tasks/{ids.task}/")
    cam.shot("commitments", f"/tasks/plans/{ids.plan}/commitments/")
    cam.shot("tasks-import", f"/tasks/plans/{ids.plan}/import/")


def admin_pages(cam: Camera, ids: Ids) -> None:
    cam.shot("admin", "/admin/")
    cam.shot("audit", "/admin/accounts/auditentry/")
    cam.shot("departments", "/admin/accounts/department/")
    cam.shot("indicator-lead", f"/admin/plans/indicator/{ids.indicator}/change/")
    cam.shot("api-docs", "/api/docs")


def error_pages(cam: Camera, ids: Ids) -> None:
    cam.shot("error-404", "/plans/999999/")
    cam.shot("error-404-address", "/no/such/page/")
    # A form posted without its CSRF token, as a page left open past its session would.
    cam.page.evaluate(
        """() => { const f = document.createElement('form'); f.method = 'post';
        f.action = '/office/upload/confirm/'; document.body.appendChild(f); f.submit(); }"""
    )
    cam.page.wait_for_load_state()
    cam.shot("error-csrf")
    cam.log_in("reporter", REPORTER_PASSWORD)
    cam.shot("error-403-upload", "/office/upload/")
    cam.shot("error-403-observation", f"/monitoring/indicators/{ids.indicator}/2025/")
    cam.page.context.clear_cookies()
    cam.set_language()
    cam.page.goto(cam.base + "/accounts/login/")
    cam.page.fill("input[name=username]", "fgw")
    cam.page.fill("input[name=password]", "wrong-password")
    cam.page.locator("form button[type=submit], form input[type=submit]").first.click()
    cam.page.wait_for_load_state()
    cam.shot("login-failed")


def run(folder: Path, sample: Path, only: list[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the database is read between pages, on this thread
    work = Path(tempfile.mkdtemp(prefix="planwatch-screenshots-"))
    try:
        base = start_server(work / "data")
        create_users()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            cameras = {}
            for lang in only:
                context = browser.new_context(viewport={"width": WIDTH, "height": 900}, locale="zh-CN")
                context.new_page().set_default_timeout(30000)
                cameras[lang] = Camera(context.pages[0], base, folder, lang)
                first_run(cameras[lang])
            ids = load_demo_plan()
            for k, cam in enumerate(cameras.values()):
                confirm = k == len(cameras) - 1
                guarded(cam, "upload", partial(upload_and_review, cam, sample, confirm))
                guarded(cam, "batch", partial(upload_batch, cam, sample, work))
            for cam in cameras.values():
                walk(cam, ids, work)
            browser.close()
        return [line for cam in cameras.values() for line in cam.taken]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def walk(cam: Camera, ids: Ids, work: Path) -> None:
    """Every page of the demo in the camera's language, a group at a time."""
    groups: list[tuple[str, Callable[[], None]]] = [
        ("plans", lambda: plan_pages(cam, ids)),
        ("monitoring", lambda: monitoring_pages(cam, ids, work)),
        ("tasks", lambda: task_pages(cam, ids)),
        ("admin", lambda: admin_pages(cam, ids)),
        ("errors", lambda: error_pages(cam, ids)),
    ]
    for name, group in groups:
        guarded(cam, name, group)


def guarded(cam: Camera, name: str, group: Callable[[], None]) -> None:
    """A group of pages; one that fails is reported and must not cost the other pictures."""
    try:
        group()
    except Exception as e:
        print(f"{cam.lang}: {name} stopped at {cam.page.url}: {e}", file=sys.stderr)
        cam.log_in("fgw", PASSWORD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the pictures go (created)")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="only this language (repeatable)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit("chromium is not installed (apt-get install chromium)")
    from planwatch.cli import sample_path

    args.folder.mkdir(parents=True, exist_ok=True)
    taken = run(args.folder.resolve(), sample_path(), args.lang or list(LANGUAGES))
    (args.folder / "index.txt").write_text("\n".join(taken) + "\n", encoding="utf-8")
    print(f"{len(taken)} screenshots in {args.folder}")


if __name__ == "__main__":
    main()
