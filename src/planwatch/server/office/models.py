"""Corrections to a plan as read: the earlier reading is kept beside the new one, with who and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from planwatch.server.plans.models import Plan


class CellCorrection(models.Model):
    """A table cell read wrong and put right by a person."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="corrections")
    table = models.PositiveIntegerField("表")
    row = models.PositiveIntegerField("行")
    cell = models.PositiveIntegerField("列")
    before = models.CharField("原读取", max_length=200, blank=True)
    after = models.CharField("更正为", max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "单元格更正"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.plan} 表{self.table} 行{self.row} 列{self.cell}: {self.before} → {self.after}"
