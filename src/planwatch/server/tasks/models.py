"""The plan's tasks as the office assigns and follows them, and the figures its text promises.

A task (重点任务) is given to a lead department with supporting ones and a
deadline; departments report progress on it, with evidence. A commitment is a
number the prose promises (到2025年力争5家以上企业成功上市); once the office
confirms it, it becomes an indicator and is monitored like the table's.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.plan.vocabulary import COMPARATOR_PHRASE, TASK_STATUS_ZH, exact_text
from planwatch.server.accounts.models import Department, lead_field
from planwatch.server.plans.models import Indicator, Plan

# How a direction is printed, in the words the cell grammar reads back.
_VERBS = {"increase": "提高", "decrease": "下降"}


class Status(models.TextChoices):
    """A task's status, translated in a context of its own, as 滞后 also names an indicator's assessment
    (the catalogue keeps these four by hand: makemessages cannot see labels taken from the vocabulary)."""

    NOT_STARTED = "not_started", pgettext_lazy("task status", TASK_STATUS_ZH["not_started"])
    IN_PROGRESS = "in_progress", pgettext_lazy("task status", TASK_STATUS_ZH["in_progress"])
    DONE = "done", pgettext_lazy("task status", TASK_STATUS_ZH["done"])
    LATE = "late", pgettext_lazy("task status", TASK_STATUS_ZH["late"])


class TaskQuerySet(models.QuerySet):
    def with_latest(self) -> TaskQuerySet:
        """Each task with the text and time of its latest progress report (latest_text, latest_at)."""
        latest = TaskUpdate.objects.filter(task=models.OuterRef("pk")).order_by("-at", "-pk")
        return self.annotate(
            latest_text=models.Subquery(latest.values("text")[:1]),
            latest_at=models.Subquery(latest.values("at")[:1]),
        )


class Task(models.Model):
    """A task of the plan, read from its text, with who carries it out and by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("规划"))
    key = models.CharField(_("编号"), max_length=100, help_text=_("任务在规划中的编号，如 3.1.2"))
    position = models.PositiveIntegerField(_("序号"), default=0)
    chapter = models.CharField(_("章"), max_length=200, blank=True)
    section = models.CharField(_("节"), max_length=200, blank=True)
    title = models.TextField(_("任务"))
    text = models.TextField(_("内容"), blank=True)
    lead = lead_field("led_tasks")
    supporting = models.ManyToManyField(
        Department, blank=True, related_name="supported_tasks", verbose_name=_("配合单位")
    )
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = pgettext_lazy("plural", "任务")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="task_key_unique_in_plan")]

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> int:
        """序号 as the office's tables print it, counted from 1."""
        return self.position + 1

    @property
    def overdue(self) -> bool:
        return (
            self.due_date is not None and self.due_date < timezone.localdate() and self.status != Status.DONE
        )


class TaskUpdate(models.Model):
    """A department's report of progress on a task; kept as written, never edited."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates", verbose_name=_("任务"))
    text = models.TextField(_("进展"))
    status_after = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    evidence = models.FileField(_("佐证材料"), upload_to="task-evidence/%Y/%m/", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("报送人")
    )
    at = models.DateTimeField(_("报送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("任务进展")
        verbose_name_plural = pgettext_lazy("plural", "任务进展")
        ordering = ["task", "-at"]

    def __str__(self) -> str:
        return f"{self.task} {self.at:%Y-%m-%d}"

    @property
    def evidence_name(self) -> str:
        """The evidence file's name as uploaded, without the folders it is kept in."""
        return Path(self.evidence.name).name if self.evidence else ""


class Commitment(models.Model):
    """A figure the plan's text promises; `indicator` is set once the office confirms it as one."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("规划")
    )
    key = models.CharField(_("编号"), max_length=100)
    chapter = models.CharField(_("章"), max_length=200, blank=True)
    section = models.CharField(_("节"), max_length=200, blank=True)
    subject = models.CharField(_("对象"), max_length=200)
    value = models.FloatField(_("数值"), null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=50, blank=True)
    comparator = models.CharField(_("比较"), max_length=10, blank=True)
    direction = models.CharField(_("方向"), max_length=10, default="reach")
    deadline = models.PositiveIntegerField(_("时限年"), null=True, blank=True)
    phrase = models.TextField(_("表述"))
    sentence = models.TextField(_("原句"))
    indicator = models.ForeignKey(
        Indicator,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("确认为指标"),
    )

    class Meta:
        verbose_name = _("规划承诺")
        verbose_name_plural = pgettext_lazy("plural", "规划承诺")
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="commitment_key_unique_in_plan")]

    def __str__(self) -> str:
        return self.phrase

    def target(self) -> str:
        """The target as an indicator table would print it, so the cell grammar reads it: 5以上, 提高2, 下降3.

        Without a figure, or for a multiple of an unknown baseline (翻一番), it is the phrase itself,
        which the evaluation reports as not assessable until the office writes a figure.
        """
        if self.value is None or self.direction == "multiply":
            return self.phrase
        figure = exact_text(abs(self.value) if self.direction == "decrease" else self.value)
        compared = COMPARATOR_PHRASE.get(self.comparator, "{}").format(figure)
        return _VERBS.get(self.direction, "") + compared
