"""Everything the demo office reads is Chinese (English when switched): every page, every download's name and
every error the office, a department's reporter or a passer-by can reach, with DEBUG off.

A Chinese page's visible text (its tooltips, placeholders and labels for screen readers included) holds no
English word and no Python repr; an English page's own words hold no Chinese, the plan's words apart.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import path

from planwatch.plan.vocabulary import STATUS_ZH
from planwatch.server import errors
from planwatch.server import urls as site
from planwatch.server.accounts.models import Department
from planwatch.server.demo import OBSERVATIONS, SAMPLE, sample_file
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Plan
from planwatch.server.tasks.models import Task, TaskUpdate

pytestmark = pytest.mark.django_db

ZH, EN = "zh-hans", "en"
# ASCII words a page may hold: products and formats an office knows by these names, and the languages' own names.
ALLOWED = {
    "planwatch",
    "excel",
    "word",
    "echarts",
    "json",
    "csv",
    "xlsx",
    "xlsm",
    "docx",
    "html",
    "cookie",
    "english",
}
# A word of four letters or more, or a code name (cells_uncertain, on_track).
ENGLISH_WORD = re.compile(r"[A-Za-z_]*[A-Za-z]{4,}[A-Za-z_]*|[A-Za-z]+_[A-Za-z_]+")
REPRS = ("None", "['", "{'", "<object", "Traceback", "True", "False")
CJK = re.compile(r"[\u3400-\u9fff]+")
LANGUAGE_NAMES = {"简体中文"}  # the language chooser names each language in its own words
# What an office types, shown as typed on English pages too: a target of “7左右”, a report 已完成, the test's own
# entries, and the column headings an indicator sheet must carry.
TYPED = {
    "左右",
    "已完成",
    "约五",
    "不存在的指标",
    "明年",
    "不对的密码",
    "基期值",
    "目标值",
    "基期年均增长",
    "目标年均增长",
}
# Links the walk does not follow: Django's admin (its own translations), the API, logging out, downloads.
SKIPPED = re.compile(r"^/(admin|api|i18n|static|media)/|/accounts/logout|\.xlsx$|/report/|/evidence/")
PER_SHAPE = 2  # pages walked of each shape of address (/tasks/N/ …): every kind of page, not every task
GDP = "地区生产总值增长"


def boom(request: HttpRequest):
    raise RuntimeError("a failure nobody foresaw")


# This module is also the address book of the 500 test: the site's, and a page that fails.
urlpatterns = [path("boom/", boom), *site.urlpatterns]
handler400, handler403, handler404, handler500 = (
    site.handler400,
    site.handler403,
    site.handler404,
    site.handler500,
)


class Visible(HTMLParser):
    """The text a reader sees, tooltips and placeholders included; scripts and styles left out; and the links."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        found = dict(attrs)
        self.texts += [found[a] for a in ("title", "placeholder", "aria-label", "alt") if found.get(a)]
        if tag == "a" and found.get("href"):
            self.links.append(found["href"].split("#")[0])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def visible(response) -> Visible:
    page = Visible()
    page.feed(response.content.decode())
    return page


def own_words() -> set[str]:
    """What users named themselves and their files, shown as they typed it."""
    names = set(get_user_model().objects.values_list("username", flat=True))
    return {n.lower() for n in names | set(Plan.objects.values_list("source_name", flat=True))}


def english_in(texts: list[str]) -> list[str]:
    """Texts of a Chinese page holding an English word or a Python repr, leaving out the users' own words."""
    theirs = re.compile(
        "|".join(re.escape(w) for w in sorted(own_words(), key=len, reverse=True)), re.IGNORECASE
    )
    found = []
    for text in texts:
        ours = theirs.sub("", text)
        words = {w for w in ENGLISH_WORD.findall(ours) if w.lower() not in ALLOWED}
        if words or any(r in ours for r in REPRS):
            found.append(text)
    return found


def plan_words() -> str:
    """Everything the plan and the demo's data say in their own words, which an English page shows as they are:
    their Chinese characters run together, so a heading joined to its number or punctuated anew still matches."""
    words = [sample_file(name).read_text(encoding="utf-8") for name in (SAMPLE, OBSERVATIONS)]
    words += [*Department.objects.values_list("name", flat=True), *LANGUAGE_NAMES, *TYPED]
    words += [w for pair in Observation.objects.values_list("source", "note") for w in pair]
    for plan in Plan.objects.all():
        words += [plan.title, plan.region, json.dumps(plan.reading, ensure_ascii=False)]
        words += [
            v for i in plan.indicators.all() for v in (i.name, i.unit, i.category, i.baseline, i.target)
        ]
    return "".join(CJK.findall("".join(w for w in words if w)))


def chinese_in(texts: list[str]) -> list[str]:
    """Texts of an English page holding Chinese that is not the plan's own."""
    theirs = plan_words()
    return [t for t in texts if any(run not in theirs for run in CJK.findall(t))]


def check(language: str):
    return english_in if language == ZH else chinese_in


def findings(responses: dict[str, object], language: str) -> dict[str, list[str]]:
    """Page -> the texts in the wrong language, for every HTML page among `responses`."""
    found = {}
    for where, response in responses.items():
        if "html" in response.get("Content-Type", "") and response.status_code != 302:
            bad = check(language)(visible(response).texts)
            if bad:
                found[where] = bad
    return found


def walk(client: Client, start: list[str]) -> dict[str, object]:
    """Every page reachable from `start` by its links, PER_SHAPE of each shape of address; address -> response."""
    seen: dict[str, object] = {}
    shapes: dict[str, int] = {}
    queue = list(start)
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or SKIPPED.search(parts.path) or url in seen:
            continue
        shape = re.sub(r"\d+", "N", parts.path) + re.sub(r"=[^&]*", "=", parts.query)
        if shapes.get(shape, 0) >= PER_SHAPE:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        response = seen[url] = client.get(url)
        if response.status_code == 302:
            queue.append(response["Location"])
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue += visible(response).links
    return seen


def speaking(client: Client, language: str) -> Client:
    """The client with the language chosen at the foot of a page (the language switcher's cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = False
    return settings.MEDIA_ROOT


def starts(plan) -> list[str]:
    """The pages a walk begins at: the front page, and pages only a form or a typed address leads to."""
    gdp = plan.indicators.get(name=GDP)
    return [
        "/",
        f"/plans/{plan.pk}/?year=2024",
        f"/plans/{plan.pk}/?year=2024&as_of=2024-06-30",
        f"/plans/{plan.pk}/?year=2024&provisional=1",
        f"/plans/{plan.pk}/?as_of=2024-13-45",
        f"/indicators/{gdp.pk}/",
        f"/monitoring/indicators/{gdp.pk}/2025/",
        f"/monitoring/plans/{plan.pk}/import/",
        f"/tasks/plans/{plan.pk}/import/",
        f"/tasks/plans/{plan.pk}/?status=overdue",
        f"/search/plans/{plan.pk}/?q=养老",
        f"/search/plans/{plan.pk}/?q=123456",
        f"/search/plans/{plan.pk}/?q=",
        "/accounts/login/",
        "/office/upload/review/",
    ]


@pytest.fixture(params=["office", "reporter", "passer-by"])
def who(request, client, settings, plan, staff, statistician) -> Client:
    """The office, the statistics bureau's reporter, or anyone when reading is open."""
    settings.PUBLIC_READ = True
    if request.param != "passer-by":
        client.force_login(staff if request.param == "office" else statistician)
    client.refusable = request.param != "office"
    if request.param == "office":  # a plan document under review, so the review pages are walked too
        with sample_file(SAMPLE).open("rb") as document:
            assert client.post("/office/upload/", {"document": document}).status_code == 302
    return client


@pytest.mark.parametrize("language", [ZH, EN])
def test_every_page_in_the_page_language(who, plan, language):
    pages = walk(speaking(who, language), starts(plan))
    assert len([r for r in pages.values() if r.status_code == 200]) > 15
    refused = {u: r.status_code for u, r in pages.items() if r.status_code not in (200, 302)}
    # a department or a passer-by may be refused the office's pages (the refusal is checked with the rest)
    assert set(refused.values()) <= ({403} if who.refusable else set()), refused
    assert findings(pages, language) == {}


def errors_reached(client: Client, plan, statistician, language: str) -> dict[str, object]:
    """Every error path a clerk can stumble on, and the status each must answer with."""
    gdp, task = plan.indicators.get(name=GDP), Task.objects.filter(plan=plan).first()
    report = f"/plans/{plan.pk}/report/"
    gets = {
        "/no/such/page/": 404,
        "/plans/999999/": 404,
        "/plans/999999/reading/": 404,
        "/indicators/999999/": 404,
        "/tasks/999999/": 404,
        "/tasks/updates/999999/evidence/": 404,
        "/monitoring/indicators/999999/2024/": 404,
        f"/monitoring/indicators/{gdp.pk}/1990/": 404,
        "/search/plans/999999/?q=养老": 404,
        f"{report}?year=2031&kind=annual&format=docx": 400,
        f"{report}?year=abc&kind=annual&format=docx": 400,
        f"{report}?year=2024&kind=weekly&format=docx": 400,
        f"{report}?year=2024&kind=annual&format=pdf": 400,
        f"/tasks/{task.pk}/assign/": 405,  # a form's address opened in the browser
        f"/monitoring/plans/{plan.pk}/import/confirm/": 405,
    }
    found = {url: (client.get(url), status) for url, status in gets.items()}
    reporter = speaking(Client(), language)
    reporter.force_login(statistician)
    for url in (f"/office/plans/{plan.pk}/settings/", "/office/upload/"):
        found[f"{url} (reporter)"] = (reporter.get(url), 403)
    awaiting = Observation.objects.filter(indicator__plan=plan).awaiting_review().first()
    for url in (f"/tasks/{task.pk}/assign/", f"/monitoring/observations/{awaiting.pk}/review/"):
        found[f"{url} (reporter)"] = (reporter.post(url, {}), 403)
    return found


def test_every_error_in_the_site_frame(client, plan, staff, statistician):
    client.force_login(staff)
    for language in (ZH, EN):
        found = errors_reached(speaking(client, language), plan, statistician, language)
        assert {u: r.status_code for u, (r, _) in found.items()} == {u: s for u, (_, s) in found.items()}
        pages = {u: r for u, (r, _) in found.items()}
        for url, response in pages.items():
            assert 'class="topbar"' in response.content.decode(), url  # the site's frame, its navigation
        assert findings(pages, language) == {}


def test_an_error_page_says_what_happened_and_what_to_do(client, plan, settings):
    settings.PUBLIC_READ = True
    missing = client.get("/plans/999999/").content.decode()
    assert "找不到该页面" in missing and "请检查地址是否完整，或从规划列表重新进入。" in missing
    assert "matches the given query" not in missing
    year = client.get(f"/monitoring/indicators/{plan.indicators.get(name=GDP).pk}/1990/").content.decode()
    assert "该指标在这一年没有监测值。" in year  # the view's own sentence, above the page's
    bad = client.get(f"/plans/{plan.pk}/report/?year=2031&kind=annual&format=docx").content.decode()
    assert "报告年份须在规划期2021—2025年之内。" in bad
    english = speaking(client, EN).get("/plans/999999/").content.decode()
    assert "Page not found" in english and "找不到" not in english


def test_a_form_posted_without_its_token(plan, staff):
    clerk = Client(enforce_csrf_checks=True)
    clerk.force_login(staff)
    for language, words in ((ZH, "表单已失效"), (EN, "The form has expired")):
        speaking(clerk, language)
        response = clerk.post(f"/office/plans/{plan.pk}/settings/", {"ahead": "1.2"})
        assert response.status_code == 403
        assert words in response.content.decode() and 'class="topbar"' in response.content.decode()
        assert findings({"csrf": response}, language) == {}


@pytest.mark.urls(__name__)
def test_a_failure_needs_no_database_and_no_user(client, staff, django_assert_num_queries):
    client.raise_request_exception = False
    client.force_login(staff)
    for language, words in ((ZH, "系统出错"), (EN, "Something went wrong")):
        speaking(client, language)
        with django_assert_num_queries(0):
            response = client.get("/boom/")
        assert response.status_code == 500 and words in response.content.decode()
        assert 'class="topbar"' in response.content.decode() and "guihua" not in response.content.decode()
        assert findings({"500": response}, language) == {}
    bare = errors.server_error(RequestFactory().get("/boom/"))  # no user, no session on the request
    assert bare.status_code == 500


def upload_posts(plan, task) -> list[tuple[str, dict]]:
    """Bad posts an office can make: wrong values, wrong files, files too big or broken."""
    settings_url, upload = f"/office/plans/{plan.pk}/settings/", "/office/upload/"
    figures, tasks = f"/monitoring/plans/{plan.pk}/import/", f"/tasks/plans/{plan.pk}/import/"
    gdp = plan.indicators.get(name=GDP)

    def file(name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)

    return [
        (settings_url, {"ahead": "abc", "on_track": "0.9", "lagging": "0.6"}),
        (settings_url, {"ahead": "0.5", "on_track": "0.9", "lagging": "0.6", "bound_tolerance": "0.05"}),
        (upload, {}),
        (upload, {"document": file("魏都区.exe", b"MZ\x90\x00")}),
        (upload, {"document": file("魏都区.docx", b"")}),
        (upload, {"document": file("魏都区.docx", b"PK\x03\x04 broken")}),
        (upload, {"document": file("魏都区.pdf", b"%PDF-1.4 broken")}),
        (upload, {"document": file("魏都区.txt", "规划".encode() * (700 * 1024))}),  # over a 1 MB ceiling
        (figures, {}),
        (figures, {"file": file("魏都区.exe", b"MZ")}),
        (figures, {"file": file("魏都区.xlsx", b"")}),
        (figures, {"file": file("魏都区.xlsx", b"PK\x03\x04 broken")}),
        (
            figures,
            {
                "file": file(
                    "魏都区.csv", "指标,年份,值\n地区生产总值增长,2024,约五\n不存在的指标,2024,1\n".encode()
                )
            },
        ),
        (tasks, {"file": file("魏都区.exe", b"MZ")}),
        (tasks, {"file": file("魏都区.xlsx", b"PK\x03\x04 broken")}),
        (f"/monitoring/indicators/{gdp.pk}/2025/", {"value": "约五"}),
        (f"/tasks/{task.pk}/updates/", {"text": "", "status": "done"}),
        (
            f"/tasks/{task.pk}/updates/",
            {"text": "已完成", "status": "done", "evidence": file("魏都区.exe", b"MZ")},
        ),
        (f"/tasks/{task.pk}/assign/", {"due_date": "明年"}),
        ("/accounts/login/", {"username": "guihua", "password": "不对的密码"}),
    ]


def bad_posts(client: Client, plan) -> dict[str, object]:
    task = Task.objects.filter(plan=plan).first()
    answers = {}
    for k, (url, data) in enumerate(upload_posts(plan, task)):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, (url, data, response.status_code)
        answers[f"{k}: {url}"] = response
    return answers


@pytest.mark.parametrize("language", [ZH, EN])
def test_every_bad_post_answers_in_the_page_language(client, plan, staff, language, monkeypatch):
    monkeypatch.setenv("PLANWATCH_MAX_DOCUMENT_MB", "1")
    client.force_login(staff)
    assert findings(bad_posts(speaking(client, language), plan), language) == {}


def test_the_reasons_a_file_is_refused_read_in_english(client, plan, staff, monkeypatch):
    """A reader's, a limit's and a workbook's reasons, written by the library, are shown in English too."""
    monkeypatch.setenv("PLANWATCH_MAX_DOCUMENT_MB", "1")  # the form refuses a file too big before it is read
    client.force_login(staff)
    shown = " ".join(t for r in bad_posts(speaking(client, EN), plan).values() for t in visible(r).texts)
    for reason in (
        "Unknown format: not text",
        "This is not a .docx file",
        "This is not a PDF file that can be read",
        "This is not an .xlsx workbook that can be read",
        "“约五” in column “值” is not a number",
        "the plan has no indicator named “不存在的指标”",
    ):
        assert reason in shown


def downloaded_name(response) -> tuple[str, str]:
    """The name a browser shows (filename*) and the ASCII one older clients read."""
    header = response["Content-Disposition"]
    fallback = re.search(r'filename="([^"]*)"', header).group(1)
    name = unquote(re.search(r"filename\*=UTF-8''(\S+)", header).group(1))
    return name, fallback


def test_downloads_are_named_as_an_office_files_them(client, plan, staff):
    client.force_login(staff)
    report = f"/plans/{plan.pk}/report/"
    names = {
        f"{report}?year=2024&kind=annual&format=docx": "魏都区“十四五”规划-2024年度监测报告.docx",
        f"{report}?year=2023&kind=midterm&format=xlsx": "魏都区“十四五”规划-中期评估报告.xlsx",
        f"/monitoring/plans/{plan.pk}/template.xlsx": "魏都区“十四五”规划-监测数据填报模板.xlsx",
        f"/tasks/plans/{plan.pk}/tasks.xlsx": "魏都区“十四五”规划-重点任务分工.xlsx",
    }
    for url, expected in names.items():
        response = client.get(url)
        assert response.status_code == 200, url
        name, fallback = downloaded_name(response)
        assert name == expected
        assert fallback.isascii() and fallback.startswith("planwatch-") and fallback.endswith(expected[-5:])
        assert quote(expected, safe="") in response["Content-Disposition"]
    english = speaking(client, EN).get(f"{report}?year=2024&kind=annual&format=html")
    assert downloaded_name(english)[0] == "魏都区“十四五”规划-2024_annual_monitoring_report.html"


def test_evidence_keeps_the_name_it_was_uploaded_with(client, plan, staff):
    client.force_login(staff)
    task = Task.objects.filter(plan=plan).first()
    evidence = SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    client.post(f"/tasks/{task.pk}/updates/", {"text": "已验收。", "status": "done", "evidence": evidence})
    update = TaskUpdate.objects.get(task=task)
    response = client.get(f"/tasks/updates/{update.pk}/evidence/")
    assert downloaded_name(response) == ("验收报告.pdf", f"evidence-{update.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"


def test_settings_are_labelled_for_an_office(client, plan, staff):
    client.force_login(staff)
    for language, codes in ((ZH, ("ahead", "on_track", "lagging")), (EN, ("on_track", "severely_lagging"))):
        page = speaking(client, language).get(f"/office/plans/{plan.pk}/settings/")
        text = " ".join(visible(page).texts)
        for code in (*codes, "bound_tolerance", "reach_factor", "docs/method.md", "%("):
            assert code not in text
    refused = speaking(client, ZH).post(
        f"/office/plans/{plan.pk}/settings/", {"ahead": "0.5", "on_track": "0.9", "lagging": "0.6"}
    )
    ahead, on_track, lagging = (STATUS_ZH[s] for s in ("ahead", "on_track", "lagging"))
    wanted = f"三个进度比须从上到下依次递减：“{ahead}”≥“{on_track}”≥“{lagging}”。"
    assert wanted in " ".join(visible(refused).texts)


def test_too_many_failed_logins_are_told_in_the_page_language(client, staff):
    for language in (ZH, EN):
        for _ in range(6):
            locked = speaking(client, language).post(
                "/accounts/login/", {"username": "guihua", "password": "x" * 11}
            )
        assert locked.status_code == 429 and 'class="topbar"' in locked.content.decode()
        assert findings({"locked": locked}, language) == {}
