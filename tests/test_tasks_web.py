"""The task pages: a plan's tasks assigned, filtered, reported on with evidence, exported to Excel and
imported back all or nothing, and the text's commitments confirmed as indicators that are assessed."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from planwatch.plan import model as plan_model
from planwatch.server.accounts.models import AuditEntry, Department
from planwatch.server.monitoring.services import record_observation
from planwatch.server.plans.services import store_plan
from planwatch.server.reports.services import assessments
from planwatch.server.tasks.excel import due_date
from planwatch.server.tasks.models import Commitment, Status, Task, TaskUpdate
from planwatch.server.tasks.services import load_tasks

pytestmark = pytest.mark.django_db

INNOVATION = "第三章 坚持创新驱动发展"
CITY = "第五章 推进城市更新"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan():
    reading = plan_model.Plan(
        title="某区国民经济和社会发展第十四个五年规划纲要",
        region="某区",
        period=plan_model.Period(start=2021, end=2025),
        tasks=[
            plan_model.Task(
                id="3.1.1",
                chapter=INNOVATION,
                section="第一节 培育创新主体",
                title="加强创新型企业培育",
                text="实施高新技术企业倍增计划，支持企业建设研发机构。",
            ),
            plan_model.Task(
                id="3.1.2",
                chapter=INNOVATION,
                section="第一节 培育创新主体",
                title="建设科技创新平台",
                text="推动建设一批工程技术研究中心和重点实验室。",
            ),
            plan_model.Task(
                id="5.2.1",
                chapter=CITY,
                section="第二节 改善人居环境",
                title="推进老旧小区改造",
                text="完成2000年以前建成的老旧小区改造。",
            ),
        ],
        commitments=[
            plan_model.Commitment(
                id="3.1.c1",
                chapter=INNOVATION,
                section="第一节 培育创新主体",
                subject="企业成功上市",
                value=5,
                unit="家",
                comparator="ge",
                deadline=2025,
                phrase="力争5家以上企业成功上市",
                sentence="到2025年，力争5家以上企业成功上市。",
            )
        ],
    )
    return store_plan(reading)


@pytest.fixture
def departments() -> dict[str, Department]:
    return {
        name: Department.objects.create(name=name)
        for name in ("区科技局", "区发展改革委", "区住房城乡建设局")
    }


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("guihua", password="x" * 12, is_staff=True)


@pytest.fixture
def member(django_user_model, departments):
    """A member of the science bureau."""
    user = django_user_model.objects.create_user("keji", password="x" * 12)
    departments["区科技局"].members.add(user)
    return user


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("yuedu", password="x" * 12)


def task(plan, key: str) -> Task:
    return plan.tasks.get(key=key)


def list_url(plan, **query) -> str:
    url = reverse("tasks:plan", args=[plan.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def shown(response) -> list[str]:
    return [t.key for t in response.context["tasks"]]


def test_a_stored_plan_gets_its_tasks_and_commitments_once(plan, departments):
    assert list(plan.tasks.values_list("key", "position", "chapter")) == [
        ("3.1.1", 0, INNOVATION),
        ("3.1.2", 1, INNOVATION),
        ("5.2.1", 2, CITY),
    ]
    commitment = plan.commitments.get()
    assert (commitment.subject, commitment.value, commitment.comparator, commitment.target()) == (
        "企业成功上市",
        5.0,
        "ge",
        "5以上",
    )
    assert AuditEntry.objects.filter(
        action="load_tasks", object_type="Plan", summary__contains="载入规划任务 3 项"
    ).exists()
    task(plan, "3.1.1").supporting.add(departments["区科技局"])
    assert load_tasks(plan) == (0, 0)
    assert plan.tasks.count() == 3 and task(plan, "3.1.1").supporting.count() == 1


def test_the_list_and_its_filters(client, plan, departments, reader):
    client.force_login(reader)
    science, housing = departments["区科技局"], departments["区住房城乡建设局"]
    Task.objects.filter(key="3.1.1").update(lead=science, status=Status.IN_PROGRESS)
    task(plan, "3.1.2").supporting.add(science)
    Task.objects.filter(key="5.2.1").update(lead=housing, status=Status.DONE)

    page = client.get(list_url(plan))
    assert page.status_code == 200 and shown(page) == ["3.1.1", "3.1.2", "5.2.1"]
    html = page.content.decode()
    for header in ("序号", "任务", "章节", "牵头单位", "配合单位", "完成时限", "状态", "最新进展"):
        assert f">{header}</th>" in html
    assert reverse("tasks:task", args=[task(plan, "3.1.1").pk]) in html
    assert reverse("tasks:commitments", args=[plan.pk]) in html

    assert shown(client.get(list_url(plan, department=science.pk))) == ["3.1.1", "3.1.2"]  # leads or supports
    assert shown(client.get(list_url(plan, department=housing.pk))) == ["5.2.1"]
    assert shown(client.get(list_url(plan, chapter=CITY))) == ["5.2.1"]
    assert shown(client.get(list_url(plan, status="in_progress"))) == ["3.1.1"]
    assert shown(client.get(list_url(plan, status="done", department=science.pk))) == []
    assert reverse("tasks:plan", args=[plan.pk]) in client.get(reverse("tasks:index")).content.decode()


def test_overdue_tasks_stand_out(client, plan, reader):
    client.force_login(reader)
    today = timezone.localdate()
    Task.objects.filter(key="3.1.1").update(due_date=today - timedelta(days=1), status=Status.IN_PROGRESS)
    Task.objects.filter(key="3.1.2").update(due_date=today + timedelta(days=30))
    Task.objects.filter(key="5.2.1").update(due_date=today - timedelta(days=10), status=Status.DONE)
    page = client.get(list_url(plan))
    assert [t.overdue for t in page.context["tasks"]] == [True, False, False]
    html = page.content.decode()
    assert html.count('<tr class="overdue">') == 1 and html.count("逾期</span>") == 1
    assert shown(client.get(list_url(plan, status="overdue"))) == ["3.1.1"]
    detail = client.get(reverse("tasks:task", args=[task(plan, "3.1.1").pk])).content.decode()
    assert 'class="overdue-mark">逾期' in detail


def test_the_office_assigns_a_task(client, plan, departments, staff):
    client.force_login(staff)
    item = task(plan, "3.1.1")
    response = client.post(
        reverse("tasks:assign", args=[item.pk]),
        {
            "lead": departments["区科技局"].pk,
            "supporting": [departments["区发展改革委"].pk],
            "due_date": "2024-12-31",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.lead.name, [d.name for d in item.supporting.all()], item.due_date) == (
        "区科技局",
        ["区发展改革委"],
        date(2024, 12, 31),
    )
    entry = AuditEntry.objects.get(action="assign")
    assert entry.user == staff and entry.before["lead"] is None
    assert entry.after == {"lead": "区科技局", "supporting": ["区发展改革委"], "due_date": "2024-12-31"}
    page = client.get(reverse("tasks:task", args=[item.pk]))
    assert page.context["assignment"] is not None and "区科技局" in page.content.decode()


def test_only_the_office_may_assign(client, plan, departments, member, settings):
    item = task(plan, "3.1.1")
    url = reverse("tasks:assign", args=[item.pk])
    data = {"lead": departments["区科技局"].pk}
    anonymous = client.post(url, data)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(settings.LOGIN_URL)
    client.force_login(member)
    assert client.post(url, data).status_code == 403
    assert client.get(reverse("tasks:task", args=[item.pk])).context["assignment"] is None
    item.refresh_from_db()
    assert item.lead is None and not AuditEntry.objects.filter(action="assign").exists()


def test_a_department_reports_progress_with_evidence(client, plan, departments, member, reader, media):
    item = task(plan, "3.1.2")
    item.supporting.add(departments["区科技局"])
    client.force_login(member)
    evidence = SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(
        reverse("tasks:report", args=[item.pk]),
        {"text": "已认定市级工程技术研究中心3家。", "status": "in_progress", "evidence": evidence},
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get()
    assert (update.by, update.status_after, update.evidence_name) == (member, "in_progress", "验收报告.pdf")
    assert update.evidence.name.startswith(f"task-evidence/{timezone.now():%Y/%m}/")
    assert (media / update.evidence.name).is_file()
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    entry = AuditEntry.objects.get(action="report")
    assert entry.before == {"status": "not_started"} and entry.after["evidence"] == update.evidence.name

    client.force_login(reader)
    page = client.get(reverse("tasks:task", args=[item.pk]))
    html = page.content.decode()
    download = reverse("tasks:evidence", args=[update.pk])
    assert "已认定市级工程技术研究中心3家。" in html and "keji" in html and download not in html
    assert page.context["update"] is None  # a reader outside the task's departments may not report
    listed = client.get(list_url(plan)).context["tasks"]
    assert [t.latest_text for t in listed if t.key == "3.1.2"] == ["已认定市级工程技术研究中心3家。"]
    assert client.get(download).status_code == 404  # nor see its evidence
    client.force_login(member)
    file = client.get(download)
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"%PDF-1.4 evidence"
    assert "attachment" in file["Content-Disposition"]


def test_reports_and_evidence_are_refused_to_others(client, plan, member, settings):
    item = task(plan, "3.1.1")  # the science bureau is not on it
    client.force_login(member)
    forbidden = client.post(reverse("tasks:report", args=[item.pk]), {"text": "x", "status": "done"})
    assert forbidden.status_code == 403 and not TaskUpdate.objects.exists()

    item.supporting.add(member.departments.get())
    page = SimpleUploadedFile("page.html", b"<script></script>", content_type="text/html")
    refused = client.post(
        reverse("tasks:report", args=[item.pk]), {"text": "x", "status": "done", "evidence": page}
    )
    assert refused.status_code == 200 and refused.context["update"].errors["evidence"]
    assert not TaskUpdate.objects.exists()

    update = TaskUpdate.objects.create(
        task=item, text="x", status_after="done", evidence=SimpleUploadedFile("a.pdf", b"%PDF")
    )
    client.logout()
    settings.PUBLIC_READ = False
    response = client.get(reverse("tasks:evidence", args=[update.pk]))
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def exported(client, plan) -> openpyxl.Workbook:
    response = client.get(reverse("tasks:export", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))


def upload(client, plan, book: openpyxl.Workbook, tmp_path: Path):
    path = tmp_path / "分工表.xlsx"
    book.save(path)
    with path.open("rb") as file:
        return client.post(reverse("tasks:import", args=[plan.pk]), {"file": file})


def test_export_edit_import_changes_the_lead(client, plan, departments, staff, tmp_path):
    item = task(plan, "3.1.1")
    item.lead = departments["区发展改革委"]
    item.save()
    client.force_login(staff)
    book = exported(client, plan)
    sheet = book.active
    assert [c.value for c in sheet[2]] == ["序号", "任务", "牵头单位", "配合单位", "完成时限", "进展"]
    assert [c.value for c in sheet[3]][:3] == [1, "加强创新型企业培育", "区发展改革委"]
    assert sheet.max_row == 5

    sheet["C3"] = "区科技局"
    sheet["D3"] = "区发展改革委、区住房城乡建设局"
    sheet["E3"] = "2025年底前"
    preview = upload(client, plan, book, tmp_path)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.problems == [] and result.unchanged == 2
    [change] = result.changes
    assert change.row == 3 and change.task == item
    assert [(d.label, d.before, d.after) for d in change.differences] == [
        ("牵头单位", "区发展改革委", "区科技局"),
        ("配合单位", "—", "区发展改革委、区住房城乡建设局"),
        ("完成时限", "—", "2025-12-31"),
    ]
    item.refresh_from_db()
    assert item.lead.name == "区发展改革委"  # nothing stored before the confirmation

    confirmed = client.post(reverse("tasks:import_confirm", args=[plan.pk]))
    assert confirmed.status_code == 302
    item.refresh_from_db()
    assert item.lead.name == "区科技局" and item.due_date == date(2025, 12, 31)
    assert sorted(d.name for d in item.supporting.all()) == ["区住房城乡建设局", "区发展改革委"]
    assert AuditEntry.objects.filter(action="assign", object_id=str(item.pk)).count() == 1
    assert AuditEntry.objects.filter(action="import", object_type="Plan").exists()
    assert not list((tmp_path / "media" / "uploads").iterdir())


def test_imported_progress_is_a_new_report_only_when_new(client, plan, staff, tmp_path):
    item = task(plan, "5.2.1")
    TaskUpdate.objects.create(task=item, text="已完成改造12个小区。", status_after="in_progress")
    client.force_login(staff)
    book = exported(client, plan)
    assert book.active["F5"].value == "已完成改造12个小区。"
    assert upload(client, plan, book, tmp_path).context["result"].changes == []
    book.active["F5"] = "已完成改造20个小区。"
    assert (
        upload(client, plan, book, tmp_path).context["result"].changes[0].progress == "已完成改造20个小区。"
    )
    client.post(reverse("tasks:import_confirm", args=[plan.pk]))
    assert [u.text for u in item.updates.all()] == ["已完成改造20个小区。", "已完成改造12个小区。"]
    assert item.updates.first().by == staff


def test_an_unknown_department_imports_nothing(client, plan, departments, staff, tmp_path):
    client.force_login(staff)
    book = exported(client, plan)
    book.active["C3"] = "区科技局"
    book.active["C4"] = "区科学技术局"  # not the department's name
    book.active["E5"] = "下半年"
    preview = upload(client, plan, book, tmp_path)
    result = preview.context["result"]
    assert [(p.row, p.message) for p in result.problems] == [
        (4, "牵头单位“区科学技术局”不是系统中的部门"),
        (5, "完成时限“下半年”无法识别，请填写如 2025年12月31日 或 2025年底"),
    ]
    html = preview.content.decode()
    assert "第 4 行" in html and "没有导入任何数据" in html and "确认导入" not in html
    response = client.post(reverse("tasks:import_confirm", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("tasks:import", args=[plan.pk])
    assert not plan.tasks.filter(lead__isnull=False).exists()
    assert not AuditEntry.objects.filter(action__in=["assign", "import"]).exists()


def test_only_the_office_imports(client, plan, member, tmp_path):
    client.force_login(member)
    assert client.get(reverse("tasks:import", args=[plan.pk])).status_code == 403
    assert client.post(reverse("tasks:import_confirm", args=[plan.pk])).status_code == 403


def test_a_confirmed_commitment_is_an_indicator_that_is_assessed(client, plan, staff, member):
    commitment = plan.commitments.get()
    url = reverse("tasks:commitment_confirm", args=[commitment.pk])
    client.force_login(member)
    assert client.post(url).status_code == 403
    client.force_login(staff)
    page = client.get(reverse("tasks:commitments", args=[plan.pk]))
    assert "力争5家以上企业成功上市" in page.content.decode() and url in page.content.decode()

    assert client.post(url).status_code == 302
    commitment.refresh_from_db()
    indicator = commitment.indicator
    assert (indicator.name, indicator.target, indicator.unit) == ("企业成功上市", "5以上", "家")
    assert (indicator.base_year, indicator.target_year, indicator.plan) == (2020, 2025, plan)
    assert AuditEntry.objects.get(action="confirm").after["target"] == "5以上"
    client.post(url)  # a second confirmation makes no second indicator
    assert plan.indicators.count() == 1

    record_observation(indicator, 2023, 6, staff, source="区金融办")
    [assessment] = assessments(plan, 2023)
    assert (assessment.name, assessment.kind, assessment.status) == ("企业成功上市", "bound", "achieved")
    linked = client.get(reverse("tasks:commitments", args=[plan.pk])).content.decode()
    assert reverse("reports:indicator", args=[indicator.pk]) in linked


@pytest.mark.parametrize(
    ("fields", "target"),
    [
        ({"value": 5, "comparator": "ge"}, "5以上"),
        ({"value": 2.5, "comparator": "about"}, "2.5左右"),
        ({"value": 30, "comparator": "lt"}, "低于30"),
        ({"value": 1000}, "1000"),
        ({"value": 3, "direction": "increase"}, "提高3"),
        ({"value": 13.5, "direction": "decrease", "comparator": "ge"}, "下降13.5以上"),
        ({"value": 2, "direction": "multiply"}, "翻一番"),
        ({}, "翻一番"),
    ],
)
def test_a_commitments_target_reads_as_the_table_would_print_it(fields, target):
    commitment = Commitment(subject="x", phrase="翻一番", sentence="翻一番。", **fields)
    assert commitment.target() == target


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (None, None),
        ("", None),
        ("长期坚持", None),
        ("2025年底前", date(2025, 12, 31)),
        ("2024年6月", date(2024, 6, 30)),
        ("2024年6月15日前", date(2024, 6, 15)),
        ("2023-03-01", date(2023, 3, 1)),
        (2025, date(2025, 12, 31)),
        (date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_deadlines_as_offices_write_them(cell, day):
    assert due_date(cell) == day


@pytest.mark.parametrize("cell", ["下半年", "2024年13月", "2023年2月30日"])
def test_deadlines_that_are_not_dates(cell):
    with pytest.raises(ValueError):
        due_date(cell)


def test_the_task_list_in_english(client, plan, reader):
    client.force_login(reader)
    Task.objects.filter(key="3.1.1").update(status=Status.LATE, due_date=date(2021, 6, 30))
    html = client.get(list_url(plan), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Key tasks" in html and "<th>Lead department</th>" in html and "<th>Deadline</th>" in html
    assert ">Behind schedule</span>" in html and ">Overdue</span>" in html
    assert "Showing 3 tasks (of 3)" in html
