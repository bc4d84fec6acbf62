"""The plan's sections as a full-text index: text segmented into words, searched by the database.

Chinese has no spaces, so the text is cut into words (rjieba, search mode:
现代化 also gives 现代) and the words are indexed: SQLite's FTS5 or
PostgreSQL's full-text search then find two-character queries such as 养老
or 5G. The index tables are made by the migration for the database in use.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.server.plans.models import Plan


class Section(models.Model):
    """A chapter or section of a plan with its text, as the reader found it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("规划"))
    position = models.PositiveIntegerField(_("序号"))
    path = models.CharField(_("位置"), max_length=200, help_text=_("第三章 › 第一节"))
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"), blank=True)
    words = models.TextField(_("分词"), blank=True, help_text=_("正文切分成的词语，以空格分隔，供检索"))
    # Where the plan-as-read page (规划读取结果) shows the section, node-3-1; empty for sections indexed before.
    anchor = models.CharField(
        _("页内位置"), max_length=100, blank=True, help_text=_("“规划读取结果”页面上该章节的位置")
    )

    class Meta:
        verbose_name = _("章节")
        verbose_name_plural = pgettext_lazy("plural", "章节")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.path
