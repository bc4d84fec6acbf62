"""What the evaluation pages keep so as not to judge again what has not changed: a plan's assessments in a
year, with the stamp of everything they were judged from."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.server.plans.models import Plan


class Stamped(models.Model):
    """What is kept for a plan in one language, valid while the plan's stamp (its revision, its figures,
    the parent plan's: `stored.stamp`) is the one it was made under."""

    lang = models.CharField(_("语言"), max_length=10)
    stamp = models.CharField(_("数据标记"), max_length=255)

    class Meta:
        abstract = True


class StoredAssessments(Stamped):
    """Every indicator of a plan judged in one year, in one language, as last computed."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="stored_assessments", verbose_name=_("规划"))
    year = models.PositiveIntegerField(_("年份"))
    assessments = models.JSONField(_("评估结果"))
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = _("已存评估结果")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "lang"], name="one_stored_assessment_per_plan_year"
            )
        ]


class StoredPart(Stamped):
    """A part of a page drawn from a plan's assessments (the dashboard's tables of a year for the office or
    for other readers, an indicator's series), as last drawn, shown while the assessments it shows hold."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="stored_parts", verbose_name=_("规划"))
    name = models.CharField(_("名称"), max_length=100)
    content = models.JSONField(_("页面内容"))
    drawn_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = _("已存页面内容")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name", "lang"], name="one_stored_part_per_plan")
        ]
