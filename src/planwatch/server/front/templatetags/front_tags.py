"""Filters the pages share: figures written as an office writes them, status and attribute names in the page's
language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS_LABELS = {
    "achieved": _("提前实现"),
    "ahead": _("快于预期"),
    "on_track": _("基本符合预期"),
    "lagging": _("滞后"),
    "severely_lagging": _("严重滞后"),
    "not_assessable": _("无法评估"),
}

ATTRIBUTE_LABELS = {"约束性": _("约束性"), "预期性": _("预期性")}


@register.filter
def num(value: float | None) -> str:
    """At most two decimals, trailing zeros dropped: 30.36, 100, 5.45; a dash for nothing."""
    if value is None or value == "":
        return "—"
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@register.filter
def percent(value: float | None) -> str:
    """A ratio as a whole percentage: 0.825 -> 82%."""
    if value is None:
        return "—"
    return f"{float(value):.0%}"


@register.filter
def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


@register.filter
def attribute_label(attribute: str) -> str:
    """An indicator's attribute in the page's language; one the plan words otherwise stays as written."""
    return str(ATTRIBUTE_LABELS.get(attribute, attribute))
