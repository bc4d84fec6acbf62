"""Who works here: the departments users belong to, and the trail of who changed what.

Every app's change rights are scoped by department (the one that leads an
indicator or a task), and every change leaves an audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Department(models.Model):
    """A department that leads or supports indicators and tasks (牵头单位 / 配合单位)."""

    name = models.CharField("名称", max_length=100, unique=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="departments")

    class Meta:
        verbose_name = verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name


def lead_field(related_name: str) -> models.ForeignKey:
    """The department that leads an indicator or a task (牵头单位): none yet, or none left once it is deleted."""
    return models.ForeignKey(
        Department, models.SET_NULL, null=True, blank=True, related_name=related_name, verbose_name="牵头单位"
    )


class AuditEntry(models.Model):
    """Who changed what, and what it was before: the office's trail."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    summary = models.CharField(max_length=500)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '-'} {self.summary}"
