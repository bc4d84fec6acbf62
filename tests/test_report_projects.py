"""重大任务和重大工程推进情况: the boxes' projects listed box by box, with the progress their tasks report, in
every form, from the command line and as the dashboard downloads it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.plan import model as plan_model
from planwatch.report.content import Report, TaskLine, project_summary
from planwatch.report.docx import write_docx
from planwatch.report.html import render_html
from planwatch.report.layout import NO_TASKS, PROJECT_COLUMNS, UNBROKEN_DRAFT
from planwatch.report.xlsx import write_xlsx
from planwatch.server.demo import OBSERVATIONS
from planwatch.server.demo import sample_file as packaged
from planwatch.server.plans.services import store_plan
from tests.report_samples import sample_report

PARK, SEWAGE, FARMLAND = "青山智能装备产业园", "县城污水处理厂提标改造", "高标准农田建设行动"
PROJECTS = [
    plan_model.Project(
        id="2.1.p1", box="专栏1", name=PARK, content="建设标准化厂房30万平方米及配套设施",
        investment="25亿元", period="2021-2024年",
    ),
    plan_model.Project(id="2.2.p1", box="专栏2", name=FARMLAND, content="新建高标准农田5万亩"),
    plan_model.Project(
        id="2.1.p2", box="专栏1", name=SEWAGE, content="新增日处理能力3万吨", investment="3.2亿元",
        period="2022-2023年",
    ),
]  # fmt: skip
# The task that reports on the park: its title names the project.
TASK = TaskLine(
    number=1, title=f"加快{PARK}建设", chapter="第二章", lead="县工信局", supporting="", due=None,
    status="in_progress", status_zh="推进中", overdue=False, latest="一期厂房已竣工（2024年6月30日）",
)  # fmt: skip


@pytest.fixture(scope="module", params=["midterm", "final"])
def report(request: pytest.FixtureRequest) -> Report:
    from planwatch.report.content import project_lines

    return sample_report(request.param).model_copy(
        update={"tasks": [TASK], "projects": project_lines(PROJECTS, [TASK])}
    )


def test_listed_box_by_box_with_the_progress_reported(report: Report):
    assert [(p.box, p.name) for p in report.projects] == [
        ("专栏1", PARK),
        ("专栏1", SEWAGE),
        ("专栏2", FARMLAND),
    ]
    park = report.projects[0]
    assert (park.status_zh, park.investment, park.period) == ("推进中", "25亿元", "2021-2024年")
    assert project_summary(report) == [
        "规划专栏确定的重大工程（项目）共3项，其中专栏1中2项、专栏2中1项。",
        f"已报送推进情况的有1项：{PARK}（推进中）。",
        f"{SEWAGE}、{FARMLAND}等2项尚未报送推进情况，需由牵头单位报送项目开工、投资完成和建设进度后补充。",
    ]


def test_docx(report: Report, tmp_path: Path):
    path = tmp_path / "report.docx"
    write_docx(report, path)
    document = docx.Document(str(path))
    assert f"已报送推进情况的有1项：{PARK}（推进中）。" in [
        p.text.removesuffix(UNBROKEN_DRAFT) for p in document.paragraphs
    ]
    table = next(t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == PROJECT_COLUMNS)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows[0] == [
        "1",
        "专栏1",
        PARK,
        PROJECTS[0].content,
        "25亿元",
        "2021-2024年",
        f"推进中：{TASK.latest}",
    ]
    assert rows[2][4:] == ["—", "—", "未报送"]


def test_html_and_xlsx(report: Report, tmp_path: Path):
    section = lxml_html.fromstring(render_html(report)).get_element_by_id("tasks")
    rows = section.get_element_by_id("projects-table").findall(".//tbody/tr")
    assert [r[2].text for r in rows] == [PARK, SEWAGE, FARMLAND] and rows[1][6].text == "未报送"
    write_xlsx(report, tmp_path / "report.xlsx")
    values = list(openpyxl.load_workbook(tmp_path / "report.xlsx")["重大工程"].iter_rows(values_only=True))
    assert values[1] == PROJECT_COLUMNS and values[4][:3] == (3, "专栏2", FARMLAND)


def test_neither_tasks_nor_projects_is_said_plainly():
    section = lxml_html.fromstring(render_html(sample_report("midterm"))).get_element_by_id("tasks")
    assert [p.text for p in section.findall("p")] == [NO_TASKS]
    assert section.find(".//table") is None


def test_the_command_line_lists_the_projects_of_a_plan_read_as_json(sample_plan, tmp_path: Path):
    plan = tmp_path / "plan.json"
    plan.write_text(sample_plan.model_copy(update={"projects": PROJECTS}).model_dump_json(), encoding="utf-8")
    out = tmp_path / "midterm.html"
    args = ["report", "--plan", str(plan), "--observations", str(packaged(OBSERVATIONS)), "--year", "2023"]
    result = CliRunner().invoke(app, [*args, "--kind", "midterm", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = lxml_html.fromstring(out.read_bytes()).get_element_by_id("projects-table").findall(".//tbody/tr")
    assert [r[2].text for r in rows] == [PARK, SEWAGE, FARMLAND]


@pytest.mark.django_db
def test_the_download_lists_the_plans_projects(client, settings):
    settings.PUBLIC_READ = True
    plan = store_plan(
        plan_model.Plan(
            title="青山县国民经济和社会发展第十四个五年规划纲要",
            region="青山县",
            period=plan_model.Period(start=2021, end=2025),
            projects=PROJECTS,
        )
    )
    response = client.get(f"/plans/{plan.pk}/report/", {"year": 2023, "kind": "midterm", "format": "html"})
    assert response.status_code == 200
    page = lxml_html.fromstring(b"".join(response.streaming_content))
    rows = page.get_element_by_id("projects-table").findall(".//tbody/tr")
    assert [r[2].text for r in rows] == [PARK, SEWAGE, FARMLAND]
    assert {r[6].text for r in rows} == {"未报送"}
