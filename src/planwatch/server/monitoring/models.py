"""The figures departments report: one per indicator and year, never overwritten.

A new figure for a year supersedes the old one, which stays with who, when and from what source, so a page
or a report can show the figures as they stood on any day. Each keeps its vintage (初步核算 or 最终核实) and
the day it was published, so a preliminary figure revised by the final one is still there to be read.

A department's figure is provisional (待审核) until the planning office approves it (审核通过) or returns it
with a reason (退回); only approved figures are in force, unless a page asks to include provisional ones.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.plan.vocabulary import VINTAGE_ZH, VINTAGES, vintage_label
from planwatch.server.plans.models import Indicator
from planwatch.server.translations import page_lang

APPROVED, PENDING, RETURNED = "approved", "pending", "returned"
REVIEW_ZH = {APPROVED: "审核通过", PENDING: "待审核", RETURNED: "退回"}
REVIEW_EN = {APPROVED: "Approved", PENDING: "Awaiting review", RETURNED: "Returned"}


def _known(as_of: datetime) -> models.Q:
    """The figures known at `as_of`: published by that day, or, where no publication day is recorded, entered
    and approved by then."""
    day = timezone.localtime(as_of).date() if timezone.is_aware(as_of) else as_of.date()
    # Without a publication day, a reviewed figure counts from its approval.
    reviewed = models.Q(reviewed_at__isnull=True) | models.Q(reviewed_at__lte=as_of)
    return models.Q(published_on__lte=day) | (
        models.Q(published_on__isnull=True, entered_at__lte=as_of) & reviewed
    )


class ObservationQuerySet(models.QuerySet):
    def current(self, as_of: datetime | None = None, provisional: bool = False) -> ObservationQuerySet:
        """The approved figures in force now, or as they stood at `as_of`: of the figures of a year known then,
        the one entered last (a figure published later, or a revision entered later, left out). With
        `provisional`, a figure awaiting review stands in for the approved one of its year."""
        counted = [APPROVED, PENDING] if provisional else [APPROVED]
        figures = self.filter(review__in=counted)
        if as_of is None:
            standing = figures.filter(superseded_at__isnull=True)
            if not provisional:
                return standing
            awaiting = Observation.objects.filter(
                review=PENDING,
                superseded_at__isnull=True,
                indicator=models.OuterRef("indicator"),
                year=models.OuterRef("year"),
            )
            return standing.exclude(models.Q(review=APPROVED) & models.Exists(awaiting))
        revised = Observation.objects.filter(
            _known(as_of),
            review__in=counted,
            indicator=models.OuterRef("indicator"),
            year=models.OuterRef("year"),
            entered_at__gt=models.OuterRef("entered_at"),
        )
        return figures.filter(_known(as_of)).exclude(models.Exists(revised))

    def awaiting_review(self) -> ObservationQuerySet:
        """The figures departments submitted that the office has neither approved nor returned."""
        return self.filter(review=PENDING, superseded_at__isnull=True)


class Observation(models.Model):
    """The figure of an indicator for a year. A revision supersedes it; it is never deleted."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name=_("指标")
    )
    year = models.PositiveIntegerField(_("年份"))
    value = models.FloatField(_("值"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    annual_target = models.CharField(_("年度目标"), max_length=100, blank=True)
    vintage = models.CharField(
        _("数据类型"), max_length=12, blank=True, choices=[(v, VINTAGE_ZH[v]) for v in VINTAGES]
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    illustrative = models.BooleanField(_("示例数据"), default=False)
    entered_at = models.DateTimeField(_("录入时间"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("录入人")
    )
    superseded_at = models.DateTimeField(_("被修订时间"), null=True, blank=True)
    review = models.CharField(
        _("审核状态"), max_length=10, choices=list(REVIEW_ZH.items()), default=APPROVED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("审核人"),
    )
    # Who reviewed a department's figure, and when; empty for a figure the office entered (approved as entered).
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("监测值")
        verbose_name_plural = pgettext_lazy("plural", "监测值")
        ordering = ["indicator", "year", "entered_at"]
        constraints = [
            # One approved figure in force per year, and at most one awaiting review beside it.
            models.UniqueConstraint(
                fields=["indicator", "year", "review"],
                condition=models.Q(superseded_at__isnull=True, review__in=[APPROVED, PENDING]),
                name="one_current_observation_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value:g}"

    def to_library(self) -> plan_model.Observation:
        return plan_model.Observation(
            indicator=self.indicator.key,
            year=self.year,
            value=self.value,
            source=self.source or None,
            note=self.note or None,
            annual_target=read_cell(self.annual_target) if self.annual_target else None,
            annual_target_raw=self.annual_target,
            vintage=self.vintage or None,
            published=self.published_on,
        )

    @property
    def vintage_text(self) -> str:
        """The vintage in the page's language; empty where the department did not say."""
        return vintage_label(self.vintage, page_lang()) if self.vintage else ""

    @property
    def review_text(self) -> str:
        """The review state in the page's language."""
        return (REVIEW_EN if page_lang() == "en" else REVIEW_ZH)[self.review]
