"""The page where the office names each indicator's lead department (牵头单位) in one form, saved all or nothing;
whoever may read sees who leads what. A department's members may then enter its indicators' figures."""

from __future__ import annotations

from typing import NamedTuple

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from planwatch.plan.vocabulary import NO_FIGURE, target_text
from planwatch.server.accounts.access import is_office, office_required, read_access
from planwatch.server.accounts.models import Department
from planwatch.server.accounts.services import audit
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.translations import page_lang

UNASSIGNED = "unassigned"


def field_name(indicator: Indicator) -> str:
    return f"lead-{indicator.pk}"


class LeadsForm(forms.Form):
    """One choice per indicator shown: the department that leads it, or none yet. The departments are read once,
    not once per select."""

    def __init__(self, indicators: list[Indicator], departments: list[Department], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.departments = {d.pk: d for d in departments}
        choices = [("", _("（未指定）")), *((d.pk, d.name) for d in departments)]
        for ind in indicators:
            self.fields[field_name(ind)] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=ind.lead_id,
                label=ind.name,
                widget=forms.Select(attrs={"aria-label": ind.name}),
            )

    def chosen(self) -> dict[int, Department | None]:
        """Indicator id -> the department chosen to lead it (None: not assigned)."""
        picked = {ind.pk: self.cleaned_data[field_name(ind)] for ind in self.indicators}
        return {pk: self.departments.get(dept) for pk, dept in picked.items()}


@transaction.atomic
def assign_leads(plan: Plan, chosen: dict[int, Department | None], user) -> int:
    """Set each indicator's lead, every change audited with what it was before; how many changed."""
    names = dict(Department.objects.values_list("pk", "name"))
    changed = 0
    for ind in plan.indicators.select_for_update().filter(pk__in=chosen):
        lead = chosen[ind.pk]
        if ind.lead_id == (lead.pk if lead else None):
            continue
        before, after = {"lead": names.get(ind.lead_id)}, {"lead": lead.name if lead else None}
        ind.lead = lead
        ind.save(update_fields=["lead"])
        summary = (
            f"指标牵头单位：{ind.name[:80]}，{before['lead'] or NO_FIGURE} → {after['lead'] or NO_FIGURE}"
        )
        audit(user, "assign", ind, summary, before, after)
        changed += 1
    return changed


class Row(NamedTuple):
    indicator: Indicator
    target: str
    choice: BoundField | None


def _page(request: HttpRequest, plan: Plan, form: LeadsForm | None = None) -> HttpResponse:
    """The plan's indicators with their leads; the office's form when there are departments to choose from."""
    unassigned = request.GET.get(UNASSIGNED) == "1"
    shown = plan.indicators.select_related("lead")
    if unassigned:
        shown = shown.filter(lead__isnull=True)
    departments = list(Department.objects.order_by("name"))
    if form is None and is_office(request.user) and departments:
        form = LeadsForm(list(shown), departments)
    indicators = form.indicators if form else shown
    lang = page_lang()
    rows = [
        Row(i, target_text(i.target, i.target_growth, NO_FIGURE, lang), form[field_name(i)] if form else None)
        for i in indicators
    ]
    return render(
        request,
        "plans/leads.html",
        {
            "plan": plan,
            "rows": rows,
            "form": form,
            "counts": plan.indicators.aggregate(all=Count("pk"), led=Count("lead")),
            "unassigned": unassigned,
            "departments": departments,
            "may_add_departments": request.user.has_perm("accounts.add_department"),
        },
    )


@office_required
def _save(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The choices of the indicators the form showed, saved together or, when one is wrong, none."""
    indicators = [i for i in plan.indicators.all() if field_name(i) in request.POST]
    form = LeadsForm(indicators, list(Department.objects.order_by("name")), request.POST)
    if not form.is_valid():
        return _page(request, plan, form)
    changed = assign_leads(plan, form.chosen(), request.user)
    if changed:
        saved = ngettext("已保存 %(n)s 项指标的牵头单位。", "已保存 %(n)s 项指标的牵头单位。", changed)
        messages.success(request, saved % {"n": changed})
    else:
        messages.info(request, _("牵头单位没有变化。"))
    return redirect(request.get_full_path())


@read_access
@require_http_methods(["GET", "POST"])
def leads(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    if request.method == "POST":
        return _save(request, plan)
    return _page(request, plan)
