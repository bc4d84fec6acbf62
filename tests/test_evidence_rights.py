"""What a reader may not see: the evidence of tasks its department is not on, and who entered a figure.

Evidence downloads for the planning office and the members of the task's lead and supporting departments;
anyone else, logged in or anonymous with reading open, gets the answer an unknown id gets, so counting
through the ids finds nothing. The API names who entered a figure to the office only; the pages name who
entered a figure or reported on a task to signed-in users only, never to an anonymous reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planwatch.server.accounts.models import Department
from planwatch.server.api.models import ApiToken
from planwatch.server.monitoring.services import record_observation
from planwatch.server.tasks.models import Task, TaskUpdate

pytestmark = pytest.mark.django_db

GDP = "地区生产总值增长"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_READ = True
    return settings.MEDIA_ROOT


@pytest.fixture
def users(django_user_model) -> dict:
    """The office, a member of the lead, of the supporting and of an unrelated department, and a reader."""
    found = {
        name: django_user_model.objects.create_user(name, password="x" * 12, is_staff=name == "guihua")
        for name in ("guihua", "keji", "fagai", "zhujian", "yuedu")
    }
    for user, department in (
        ("keji", "区科技局"),
        ("fagai", "区发展改革委"),
        ("zhujian", "区住房城乡建设局"),
    ):
        Department.objects.create(name=department).members.add(found[user])
    return found


@pytest.fixture
def updates(plan, users) -> dict[str, list[TaskUpdate]]:
    """Two tasks, each with evidence: the science bureau's (the development commission supporting) and
    the housing bureau's; the updates' ids follow one another."""
    science, housing = plan.tasks.order_by("pk")[:2]
    _assign(science, "区科技局", "区发展改革委")
    _assign(housing, "区住房城乡建设局")
    return {
        "science": [_update(science, "验收报告.pdf"), _update(science, "认定名单.pdf")],
        "housing": [_update(housing, "改造台账.xlsx")],
    }


def _assign(task: Task, lead: str, *supporting: str) -> None:
    task.lead = Department.objects.get(name=lead)
    task.save()
    task.supporting.set(Department.objects.filter(name__in=supporting))


def _update(task: Task, name: str) -> TaskUpdate:
    evidence = SimpleUploadedFile(name, f"{task.pk} {name}".encode())
    return TaskUpdate.objects.create(
        task=task, text="已完成阶段性工作。", status_after="in_progress", evidence=evidence
    )


def _answer(client, pk: int) -> tuple[int, bytes]:
    """An evidence id's status and body, the downloaded file's bytes where it is one."""
    response = client.get(reverse("tasks:evidence", args=[pk]))
    return response.status_code, b"".join(
        response.streaming_content
    ) if response.streaming else response.content


@pytest.mark.parametrize(
    ("who", "owned"),
    [
        (None, set()),
        ("yuedu", set()),
        ("zhujian", {"housing"}),
        ("keji", {"science"}),
        ("fagai", {"science"}),
        ("guihua", {"science", "housing"}),
    ],
)
def test_counting_through_the_ids_finds_only_ones_own_evidence(client, users, updates, who, owned) -> None:
    """Anonymous (reading open), a reader, a department on one task only, the tasks' departments, the office."""
    if who is not None:
        client.force_login(users[who])
    mine = {u.pk: u for task, found in updates.items() if task in owned for u in found}
    pks = [u.pk for found in updates.values() for u in found]
    refused = set()
    for pk in range(max(min(pks) - 2, 1), max(pks) + 3):
        status, body = _answer(client, pk)
        if pk in mine:
            assert (status, body) == (200, f"{mine[pk].task_id} {mine[pk].evidence_name}".encode())
        else:
            assert status == 404
            refused.add(body)
    assert len(refused) == 1  # an id in use reads like one that is not
    for task, found in updates.items():
        page = client.get(reverse("tasks:task", args=[found[0].task_id])).content.decode()
        assert "已完成阶段性工作。" in page
        assert (reverse("tasks:evidence", args=[found[0].pk]) in page) is (task in owned)


def test_anonymous_readers_are_sent_to_log_in_when_reading_is_closed(client, updates, settings) -> None:
    settings.PUBLIC_READ = False
    response = client.get(reverse("tasks:evidence", args=[updates["science"][0].pk]))
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


def test_the_api_names_who_entered_a_figure_to_the_office_only(client, plan, users) -> None:
    gdp = plan.indicators.get(name=GDP)
    record_observation(gdp, year=2025, value=5.8, source="初步核算", user=users["guihua"])
    url = f"/api/indicators/{gdp.pk}/observations"

    def names(**headers) -> set:
        response = client.get(url, **headers)
        assert response.status_code == 200
        return {o["entered_by"] for o in response.json()}

    assert names() == {None}  # anonymous, reading open
    for user in ("yuedu", "keji"):
        _, token = ApiToken.issue(users[user], "test")
        assert names(HTTP_AUTHORIZATION=f"Bearer {token}") == {None}
        client.force_login(users[user])
        assert names() == {None}
    client.force_login(users["guihua"])
    assert "guihua" in names()
    client.logout()
    assert "guihua" not in client.get(url).content.decode()


def test_the_pages_name_no_one_to_an_anonymous_reader(client, plan, users, updates) -> None:
    gdp = plan.indicators.get(name=GDP)
    record_observation(gdp, year=2025, value=5.8, source="初步核算", user=users["guihua"])
    TaskUpdate.objects.filter(pk=updates["science"][0].pk).update(by=users["keji"])
    pages = [
        reverse("reports:indicator", args=[gdp.pk]),
        reverse("tasks:task", args=[updates["science"][0].task.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url  # reading is open: the page is shown, without the names
        page = response.content.decode()
        assert "guihua" not in page and "keji" not in page, url
    client.force_login(users["yuedu"])
    assert "guihua" in client.get(pages[0]).content.decode()
    assert "keji" in client.get(pages[1]).content.decode()
