"""What the task pages do: load a plan's tasks, assign them, record progress, confirm commitments.

Each change goes through here with its audit entry, whether it comes from a
form or from an imported workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from planwatch.plan import model as plan_model
from planwatch.plan.vocabulary import is_rate_name
from planwatch.server.accounts.models import Department
from planwatch.server.accounts.services import acting, audit
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.tasks.models import Commitment, Status, Task, TaskUpdate

# Indicators made from commitments get keys apart from the table's numbered rows.
COMMITMENT_KEY = "commitment-"


class Refused(Exception):
    """A change that cannot be made, with the reason to show the user."""


def _fit(text: str | None, model, field: str) -> str:
    """The text cut to the column's length: a heading read from a scrape can run on."""
    return (text or "")[: model._meta.get_field(field).max_length]


def _unstored(items: list, stored: Iterable[str]) -> list[tuple[int, object]]:
    """The items of the reading whose id is not stored yet, each once, with its place in the reading."""
    seen = set(stored)
    found = []
    for position, item in enumerate(items):
        if item.id not in seen:
            seen.add(item.id)
            found.append((position, item))
    return found


@transaction.atomic
def load_tasks(plan: Plan, user=None) -> tuple[int, int]:
    """Create the tasks and commitments the plan's reading lists; those already stored are kept as they are.

    Returns how many tasks and commitments were created.
    """
    reading = plan.reading or {}
    tasks = [plan_model.Task.model_validate(t) for t in reading.get("tasks", [])]
    commitments = [plan_model.Commitment.model_validate(c) for c in reading.get("commitments", [])]
    new_tasks = [
        Task(
            plan=plan,
            key=task.id,
            position=position,
            chapter=_fit(task.chapter, Task, "chapter"),
            section=_fit(task.section, Task, "section"),
            title=task.title,
            text=task.text,
        )
        for position, task in _unstored(tasks, plan.tasks.values_list("key", flat=True))
    ]
    new_commitments = [
        Commitment(
            plan=plan,
            key=c.id,
            chapter=_fit(c.chapter, Commitment, "chapter"),
            section=_fit(c.section, Commitment, "section"),
            subject=_fit(c.subject, Commitment, "subject"),
            value=c.value,
            unit=_fit(c.unit, Commitment, "unit"),
            comparator=c.comparator or "",
            direction=c.direction,
            deadline=c.deadline,
            phrase=c.phrase,
            sentence=c.sentence,
        )
        for _position, c in _unstored(commitments, plan.commitments.values_list("key", flat=True))
    ]
    Task.objects.bulk_create(new_tasks)
    Commitment.objects.bulk_create(new_commitments)
    if new_tasks or new_commitments:
        audit(
            user,
            "load_tasks",
            plan,
            f"载入规划任务 {len(new_tasks)} 项、承诺 {len(new_commitments)} 项",
            after={"tasks": len(new_tasks), "commitments": len(new_commitments)},
        )
    return len(new_tasks), len(new_commitments)


def assignment(task: Task) -> dict:
    """Who carries the task out and by when, as the audit trail keeps it."""
    return {
        "lead": task.lead.name if task.lead_id else None,
        "supporting": sorted(d.name for d in task.supporting.all()),
        "due_date": task.due_date.isoformat() if task.due_date else None,
    }


@transaction.atomic
def assign(
    task: Task, user, lead: Department | None, supporting: Iterable[Department], due_date: date | None
) -> bool:
    """Set the lead, the supporting departments and the deadline; False when nothing changed."""
    before = assignment(task)
    task.lead = lead
    task.due_date = due_date
    task.save(update_fields=["lead", "due_date"])
    task.supporting.set(supporting)
    after = assignment(task)
    if after == before:
        return False
    audit(
        user, "assign", task, f"任务分工：{task.title[:80]}，牵头单位 {after['lead'] or '—'}", before, after
    )
    return True


@transaction.atomic
def report_progress(
    task: Task, user, text: str, status: str, evidence: UploadedFile | None = None
) -> TaskUpdate:
    """Record a progress report; the task takes the status the report gives."""
    update = TaskUpdate(
        task=task,
        text=text,
        status_after=status,
        by=acting(user),
    )
    if evidence is not None:
        update.evidence = evidence
    update.save()
    before = task.status
    if status != before:
        task.status = status
        task.save(update_fields=["status"])
    with translation.override(None):  # the trail is kept in Chinese, whoever reads the page in English
        summary = f"任务进展：{task.title[:80]}（{Status(status).label}）"
    audit(
        user,
        "report",
        update,
        summary,
        {"status": before},
        {"status": status, "text": text, "evidence": update.evidence.name or None},
    )
    return update


@transaction.atomic
def confirm_commitment(commitment: Commitment, user) -> Indicator:
    """Make the commitment an indicator of its plan, monitored and assessed like the table's."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.indicator_id is not None:
        raise Refused(_("该承诺已确认为指标。"))
    plan = Plan.objects.get(pk=commitment.plan_id)
    base_year = plan.period_start - 1
    target_year = commitment.deadline or plan.period_end
    if target_year <= base_year:
        raise Refused(_("承诺的时限（%(year)s年）不在规划期内，无法按序时进度评估。") % {"year": target_year})
    key = f"{COMMITMENT_KEY}{commitment.key}"
    if plan.indicators.filter(key=key).exists():
        raise Refused(_("本规划已有编号为 %(key)s 的指标。") % {"key": key})
    last = plan.indicators.aggregate(last=Max("position"))["last"]
    indicator = Indicator.objects.create(
        plan=plan,
        key=key,
        position=0 if last is None else last + 1,
        name=commitment.subject,
        unit=commitment.unit,
        base_year=base_year,
        target_year=target_year,
        target=_fit(commitment.target(), Indicator, "target"),
        rate=is_rate_name(commitment.subject),
    )
    commitment.indicator = indicator
    commitment.save(update_fields=["indicator"])
    audit(
        user,
        "confirm",
        indicator,
        f"规划承诺确认为指标：{indicator.name}，{target_year}年目标 {indicator.target}",
        after={
            "commitment": commitment.key,
            "target": indicator.target,
            "base_year": base_year,
            "target_year": target_year,
        },
    )
    return indicator
