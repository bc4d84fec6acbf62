"""What the planning office keeps of a plan: the plan as read, its indicators, and the cells it corrected.

The library computes; these models keep. A plan keeps the reading `planwatch
ingest` made of its document (`reading`, the Plan JSON), its indicators are
rows ready for `planwatch.evaluate`, and a corrected cell keeps what was read
beside what the office put right.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.evaluate.settings import Settings
from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.plan.vocabulary import ATTRIBUTES
from planwatch.server.accounts.models import lead_field


class PlanManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        # The reading is the whole Plan JSON, large to decode; only the pages that show it load it.
        return super().get_queryset().defer("reading")


class Plan(models.Model):
    """A plan outline as read from its document, with the evaluation settings the office chose for it."""

    title = models.CharField(_("标题"), max_length=200)
    region = models.CharField(_("地区"), max_length=100, blank=True)
    region_code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        blank=True,
        db_index=True,
        help_text=_("GB/T 2260 六位代码，如 411002"),
    )
    predecessor = models.ForeignKey(
        "self",
        models.SET_NULL,
        verbose_name=_("上一期规划"),
        null=True,
        blank=True,
        related_name="successors",
    )
    period_start = models.PositiveIntegerField(_("起始年"))
    period_end = models.PositiveIntegerField(_("终止年"))
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    reading = models.JSONField(_("读取结果"), help_text=_("从规划文本读取的章节、指标表、任务等全部内容"))
    evaluation_settings = models.JSONField(_("评估参数"), default=dict, blank=True)
    illustrative = models.BooleanField(_("示例数据"), default=False)
    revision = models.PositiveIntegerField(
        _("修订次数"),
        default=0,
        editable=False,
        help_text=_("规划、评估参数、下达目标或地区每改动一次加一，已存的评估结果随之失效"),
    )
    figures = models.PositiveBigIntegerField(
        _("监测数据变动次数"),
        default=0,
        editable=False,
        help_text=_("监测值每录入、修订、审核或删除一次加一，已存的评估结果随之失效"),
    )
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("上传人")
    )

    objects = PlanManager()

    class Meta:
        verbose_name = _("规划")
        verbose_name_plural = pgettext_lazy("plural", "规划")
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    def settings(self) -> Settings:
        return Settings.model_validate(self.evaluation_settings or {})

    def read(self) -> plan_model.Plan:
        """The plan as read, as the library's model."""
        return plan_model.Plan.model_validate(self.reading)


class Indicator(models.Model):
    """One indicator of a plan, as the evaluation library reads it."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("规划")
    )
    key = models.CharField(_("编号"), max_length=100)
    position = models.PositiveIntegerField(_("序号"), default=0, help_text=_("在规划指标表中的次序，从0起"))
    name = models.CharField(_("指标"), max_length=200)
    unit = models.CharField(_("单位"), max_length=50, blank=True)
    category = models.CharField(_("类别"), max_length=100, blank=True)
    attribute = models.CharField(_("属性"), max_length=10, blank=True, choices=[(a, a) for a in ATTRIBUTES])
    base_year = models.PositiveIntegerField(_("基期年"))
    target_year = models.PositiveIntegerField(_("目标年"))
    baseline = models.CharField(_("基期值"), max_length=100, blank=True)
    baseline_growth = models.CharField(_("基期年均增长"), max_length=100, blank=True)
    target = models.CharField(_("目标值"), max_length=100, blank=True)
    target_growth = models.CharField(_("目标年均增长"), max_length=100, blank=True)
    rate = models.BooleanField(_("增速类指标"), default=False, help_text=_("各年监测值为增速（%）"))
    lead = lead_field("indicators")
    predecessor = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("上一期同一指标"),
        help_text=_("上一期规划中的同一指标：其末年监测值即本期基期值，两期数据连成一个序列"),
    )

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = pgettext_lazy("plural", "指标")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="indicator_key_unique_in_plan")]

    def __str__(self) -> str:
        return self.name

    def to_library(self) -> plan_model.Indicator:
        def reading(text: str):
            return read_cell(text) if text else None

        return plan_model.Indicator(
            id=self.key,
            name=self.name,
            unit=self.unit or None,
            category=self.category or None,
            attribute=self.attribute or None,
            base_year=self.base_year,
            target_year=self.target_year,
            baseline=reading(self.baseline),
            baseline_raw=self.baseline,
            baseline_growth=reading(self.baseline_growth),
            baseline_growth_raw=self.baseline_growth,
            target=reading(self.target),
            target_raw=self.target,
            target_growth=reading(self.target_growth),
            target_growth_raw=self.target_growth,
            rate=self.rate,
        )

    @classmethod
    def from_library(cls, plan: Plan, ind: plan_model.Indicator, position: int) -> Indicator:
        return cls(
            plan=plan,
            key=ind.id,
            position=position,
            name=ind.name,
            unit=ind.unit or "",
            category=ind.category or "",
            attribute=ind.attribute or "",
            base_year=ind.base_year,
            target_year=ind.target_year,
            baseline=ind.baseline_raw,
            baseline_growth=ind.baseline_growth_raw,
            target=ind.target_raw,
            target_growth=ind.target_growth_raw,
            rate=ind.rate,
        )


class CellCorrection(models.Model):
    """A table cell read wrong and put right by a person; the earlier reading is kept, with who and when."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("规划")
    )
    table = models.PositiveIntegerField(_("表"))
    row = models.PositiveIntegerField(_("行"))
    cell = models.PositiveIntegerField(_("列"))
    before = models.CharField(_("原读取"), max_length=200, blank=True)
    after = models.CharField(_("更正为"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("更正人")
    )
    at = models.DateTimeField(_("更正时间"), default=timezone.now)

    class Meta:
        verbose_name = _("单元格更正")
        verbose_name_plural = pgettext_lazy("plural", "单元格更正")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.plan} 表{self.table} 行{self.row} 列{self.cell}: {self.before} → {self.after}"


class DelegatedTarget(models.Model):
    """A target the office of the region above set for an indicator the plan left to it
    (控制在市目标内, 按市下达目标); judged from then on in place of the parent plan's own target."""

    indicator = models.OneToOneField(
        Indicator, models.CASCADE, related_name="delegated_target", verbose_name=_("指标")
    )
    target = models.CharField(_("下达目标"), max_length=100, help_text=_("如 6.5、≤0.35、[14]"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("录入人")
    )
    entered_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("上级下达目标")
        verbose_name_plural = pgettext_lazy("plural", "上级下达目标")

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.target}"
