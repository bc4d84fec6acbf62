"""The tasks section of a report: the summary, the table and the overdue task named, in every form and
as the dashboard downloads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.report.content import Report, TaskLine, build_report, task_summary
from planwatch.report.docx import write_docx
from planwatch.report.html import render_html
from planwatch.report.layout import NO_TASKS, UNBROKEN_DRAFT
from planwatch.report.xlsx import write_xlsx
from planwatch.server.accounts.models import Department
from planwatch.server.plans.services import store_plan
from planwatch.server.tasks.models import Status
from tests.report_samples import sample_report

INNOVATION = "第三章 坚持创新驱动发展"
CITY = "第五章 推进城市更新"
TITLES = ["加强创新型企业培育", "建设科技创新平台", "推进老旧小区改造"]
INDICATORS = [
    plan_model.Indicator(
        id="1", name="地区生产总值增长", base_year=2020, target_year=2025, target_growth=read_cell("6.5"),
        target_growth_raw="6.5", rate=True,
    )
]  # fmt: skip


def _tasks() -> list[TaskLine]:
    common = {"supporting": "区发展改革委", "latest": ""}
    return [
        TaskLine(
            number=1,
            title=TITLES[0],
            chapter=INNOVATION,
            lead="区科技局",
            due=dt.date(2023, 6, 30),
            status="in_progress",
            status_zh="推进中",
            overdue=True,
            **common,
        ),
        TaskLine(
            number=2,
            title=TITLES[1],
            chapter=INNOVATION,
            lead="区科技局",
            due=dt.date(2025, 12, 31),
            status="not_started",
            status_zh="未启动",
            overdue=False,
            **common,
        ),
        TaskLine(
            number=3,
            title=TITLES[2],
            chapter=CITY,
            lead="区住房城乡建设局",
            due=dt.date(2023, 1, 31),
            status="done",
            status_zh="已完成",
            overdue=False,
            supporting="",
            latest="已完成改造120个小区",
        ),
    ]


@pytest.fixture(scope="module", params=["annual", "midterm", "final"])
def report(request: pytest.FixtureRequest) -> Report:
    return sample_report(request.param).model_copy(update={"tasks": _tasks()})


def test_the_summary_counts_and_names_the_overdue(report: Report):
    lines = task_summary(report)
    assert "3项重点任务中，已完成1项、推进中1项、未启动1项。" in lines[0]
    assert f"{INNOVATION}：共2项，推进中1项、未启动1项。" in lines
    assert "区住房城乡建设局：共1项，已完成1项。" in lines
    assert lines[-1] == "逾期未完成的任务有：加强创新型企业培育（区科技局）。"
    assert task_summary(sample_report("midterm")) == []


def _heading(report: Report) -> str:
    """The annual report's last chapter; the evaluations' third (重大任务和重大工程推进情况)."""
    return "五、重点任务推进情况" if report.kind == "annual" else "三、重大任务和重大工程推进情况"


def test_docx(report: Report, tmp_path: Path):
    path = tmp_path / "report.docx"
    write_docx(report, path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert _heading(report) in headings
    assert "逾期未完成的任务有：加强创新型企业培育（区科技局）。" in [
        p.text.removesuffix(UNBROKEN_DRAFT) for p in document.paragraphs
    ]
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "任务")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[1] for r in rows] == TITLES
    assert rows[0][5:7] == ["2023年6月30日", "推进中（逾期）"]
    assert rows[2][6:] == ["已完成", "已完成改造120个小区"]


def test_xlsx(report: Report, tmp_path: Path):
    path = tmp_path / "report.xlsx"
    write_xlsx(report, path)
    ws = openpyxl.load_workbook(path)["重点任务"]
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert "重点任务推进情况" in values[0][0]
    assert "逾期未完成的任务有：加强创新型企业培育（区科技局）。" in [r[0] for r in values]
    header = next(k for k, r in enumerate(values) if r[0] == "序号")
    rows = values[header + 1 :]
    assert [r[1] for r in rows] == TITLES
    assert rows[0][5].date() == dt.date(2023, 6, 30) and rows[0][6] == "推进中（逾期）"
    assert ws.auto_filter.ref == f"A{header + 1}:H{header + 4}"


def test_html(report: Report):
    page = lxml_html.fromstring(render_html(report))
    section = page.get_element_by_id("tasks")
    assert section.findtext("h2") == _heading(report)
    assert "逾期未完成的任务有：加强创新型企业培育（区科技局）。" in [p.text for p in section.findall("p")]
    rows = section.findall(".//tbody/tr")
    assert [r[1].text for r in rows] == TITLES
    assert [r.get("class") for r in rows] == ["overdue", None, None]
    assert rows[0][6].text == "推进中（逾期）"


def test_without_tasks_no_section(tmp_path: Path):
    report = sample_report("annual")
    assert 'id="tasks"' not in render_html(report)
    write_xlsx(report, tmp_path / "report.xlsx")
    assert "重点任务" not in openpyxl.load_workbook(tmp_path / "report.xlsx").sheetnames


def test_an_evaluation_without_tasks_says_they_are_to_come():
    section = lxml_html.fromstring(render_html(sample_report("midterm"))).get_element_by_id("tasks")
    assert [p.text for p in section.findall("p")] == [NO_TASKS]


def test_overdue_tasks_are_a_problem_and_a_suggestion():
    report = sample_report("midterm").model_copy(update={"tasks": _tasks()})
    rebuilt = build_report(
        INDICATORS,
        [],
        2023,
        "midterm",
        plan_title="规划",
        tasks=_tasks(),
        leads={INDICATORS[0].id: "区统计局"},
    )
    assert report.tasks
    assert rebuilt.problems[-1] == "部分重点任务推进滞后。加强创新型企业培育逾期未完成，涉及区科技局。"
    assert rebuilt.suggestions[-1].startswith("压实重点任务责任。督促加强创新型企业培育等逾期任务")


@pytest.mark.django_db
def test_the_download_lists_the_plans_tasks(client, settings):
    settings.PUBLIC_READ = True
    plan = store_plan(
        plan_model.Plan(
            title="某区国民经济和社会发展第十四个五年规划纲要",
            region="某区",
            period=plan_model.Period(start=2021, end=2025),
            tasks=[
                plan_model.Task(
                    id="3.1.1", chapter=INNOVATION, title=TITLES[0], text="实施高新技术企业倍增计划。"
                ),
                plan_model.Task(id="5.2.1", chapter=CITY, title=TITLES[2], text="完成老旧小区改造。"),
            ],
        )
    )
    task = plan.tasks.get(key="3.1.1")
    task.lead = Department.objects.create(name="区科技局")
    task.due_date = timezone.localdate() - dt.timedelta(days=1)
    task.status = Status.IN_PROGRESS
    task.save()
    response = client.get(f"/plans/{plan.pk}/report/", {"year": 2024, "kind": "annual", "format": "html"})
    assert response.status_code == 200
    page = lxml_html.fromstring(b"".join(response.streaming_content))
    section = page.get_element_by_id("tasks")
    assert section.findtext("h2") == "五、重点任务推进情况"
    assert "逾期未完成的任务有：加强创新型企业培育（区科技局）。" in [p.text for p in section.findall("p")]
    assert [r[1].text for r in section.findall(".//tbody/tr")] == [TITLES[0], TITLES[2]]
