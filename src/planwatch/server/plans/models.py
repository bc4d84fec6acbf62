"""What the planning office stores: plans, their indicators, the observations and who changed what.

The library computes; these models keep. A plan keeps the reading `planwatch
ingest` made of its document (`reading`, the Plan JSON), its indicators are
rows ready for `planwatch.evaluate`, and observations are never overwritten:
a new figure for a year supersedes the old one, which stays with who, when
and from what source.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from planwatch.evaluate.settings import Settings
from planwatch.plan import model as lib
from planwatch.plan.cells import read_cell


class Department(models.Model):
    """A department that leads or supports indicators and tasks (牵头单位 / 配合单位)."""

    name = models.CharField("名称", max_length=100, unique=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="departments")

    class Meta:
        verbose_name = verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name


class PlanManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        # The reading is the whole Plan JSON, large to decode; only the pages that show it load it.
        return super().get_queryset().defer("reading")


class Plan(models.Model):
    """A plan outline as read from its document, with the evaluation settings the office chose for it."""

    title = models.CharField("标题", max_length=200)
    region = models.CharField("地区", max_length=100, blank=True)
    period_start = models.PositiveIntegerField("起始年")
    period_end = models.PositiveIntegerField("终止年")
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    reading = models.JSONField("读取结果", help_text="the Plan JSON of planwatch ingest")
    evaluation_settings = models.JSONField("评估参数", default=dict, blank=True)
    illustrative = models.BooleanField("示例数据", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    objects = PlanManager()

    class Meta:
        verbose_name = verbose_name_plural = "规划"
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    def settings(self) -> Settings:
        return Settings.model_validate(self.evaluation_settings or {})


class Indicator(models.Model):
    """One indicator of a plan, as the evaluation library reads it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField("编号", max_length=100)
    position = models.PositiveIntegerField(default=0)
    name = models.CharField("指标", max_length=200)
    unit = models.CharField("单位", max_length=50, blank=True)
    category = models.CharField("类别", max_length=100, blank=True)
    attribute = models.CharField(
        "属性", max_length=10, blank=True, choices=[("预期性", "预期性"), ("约束性", "约束性")]
    )
    base_year = models.PositiveIntegerField("基期年")
    target_year = models.PositiveIntegerField("目标年")
    baseline = models.CharField("基期值", max_length=100, blank=True)
    baseline_growth = models.CharField("基期年均增长", max_length=100, blank=True)
    target = models.CharField("目标值", max_length=100, blank=True)
    target_growth = models.CharField("目标年均增长", max_length=100, blank=True)
    rate = models.BooleanField("增速类指标", default=False, help_text="yearly figures are rates in %")
    lead = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name="牵头单位",
    )

    class Meta:
        verbose_name = verbose_name_plural = "指标"
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="indicator_key_unique_in_plan")]

    def __str__(self) -> str:
        return self.name

    def to_library(self) -> lib.Indicator:
        def reading(text: str):
            return read_cell(text) if text else None

        return lib.Indicator(
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
    def from_library(cls, plan: Plan, ind: lib.Indicator, position: int) -> Indicator:
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


class ObservationQuerySet(models.QuerySet):
    def current(self, as_of=None) -> ObservationQuerySet:
        """The figures in force now, or as they stood at `as_of` (revisions made later left out)."""
        if as_of is None:
            return self.filter(superseded_at__isnull=True)
        return self.filter(entered_at__lte=as_of).filter(
            models.Q(superseded_at__isnull=True) | models.Q(superseded_at__gt=as_of)
        )


class Observation(models.Model):
    """The figure of an indicator for a year. A revision supersedes it; it is never deleted."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveIntegerField("年份")
    value = models.FloatField("值")
    source = models.CharField("来源", max_length=200, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    annual_target = models.CharField("年度目标", max_length=100, blank=True)
    illustrative = models.BooleanField("示例数据", default=False)
    entered_at = models.DateTimeField("录入时间", default=timezone.now)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    superseded_at = models.DateTimeField("被修订时间", null=True, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "监测值"
        ordering = ["indicator", "year", "entered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_observation_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value:g}"

    def to_library(self) -> lib.Observation:
        return lib.Observation(
            indicator=self.indicator.key,
            year=self.year,
            value=self.value,
            source=self.source or None,
            note=self.note or None,
            annual_target=read_cell(self.annual_target) if self.annual_target else None,
            annual_target_raw=self.annual_target,
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
