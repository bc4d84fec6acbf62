"""Who works here: the departments users belong to, and the trail of who changed what.

Every app's change rights are scoped by department (the one that leads an
indicator or a task), and every change leaves an audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Department(models.Model):
    """A department that leads or supports indicators and tasks (牵头单位 / 配合单位)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments", verbose_name=_("成员")
    )

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = pgettext_lazy("plural", "部门")

    def __str__(self) -> str:
        return self.name


def lead_field(related_name: str) -> models.ForeignKey:
    """The department that leads an indicator or a task (牵头单位): none yet, or none left once it is deleted."""
    return models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("牵头单位"),
    )


class AuditEntry(models.Model):
    """Who changed what, and what it was before: the office's trail."""

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("用户")
    )
    action = models.CharField(_("操作"), max_length=50)
    object_type = models.CharField(_("对象类型"), max_length=50)
    object_id = models.CharField(_("对象编号"), max_length=50)
    summary = models.CharField(_("摘要"), max_length=500)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = pgettext_lazy("plural", "操作记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '-'} {self.summary}"
