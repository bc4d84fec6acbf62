"""Filters every page uses, registered as a template builtin (settings TEMPLATES "builtins"): figures written as
an office writes them, status and attribute names in the page's language, all from planwatch.plan.vocabulary."""

from __future__ import annotations

from django import template

from planwatch.plan.vocabulary import ATTRIBUTE_EN, NO_FIGURE, PER_YEAR, exact_text, figure_text, status_label
from planwatch.server.translations import page_lang

register = template.Library()


@register.filter
def num(value: float | None) -> str:
    """At most two decimals, trailing zeros dropped: 30.36, 100, 5.45; a dash for nothing."""
    return figure_text(None if value in (None, "") else float(value), NO_FIGURE)


@register.filter
def exact(value: float | None) -> str:
    """A stored figure as the department wrote it, without a float's '.0' or noise: 65.0 -> 65."""
    return "" if value is None else exact_text(value)


@register.filter
def percent(value: float | None) -> str:
    """A ratio as a whole percentage: 0.825 -> 82%."""
    if value is None:
        return NO_FIGURE
    return f"{float(value):.0%}"


@register.filter(name="status_label")
def status_in_words(status: str) -> str:
    return status_label(status, page_lang())


@register.filter
def per_year(unit: str | None) -> str:
    """A unit per year as the library writes it (人/年) in the page's language: 人 a year in English."""
    unit = unit or ""
    if page_lang() == "en" and unit.endswith(PER_YEAR):
        return unit.removesuffix(PER_YEAR) + " a year"
    return unit


@register.filter
def attribute_label(attribute: str) -> str:
    """An indicator's attribute in the page's language; one the plan words otherwise stays as written."""
    return ATTRIBUTE_EN.get(attribute, attribute) if page_lang() == "en" else attribute


@register.filter
def person(who, viewer) -> str:
    """Who entered or reported something, named only to a signed-in viewer: anonymous readers of a public
    site never learn the user names (a dash stands in)."""
    if who is None or viewer is None or not viewer.is_authenticated:
        return NO_FIGURE
    return who.get_full_name() or who.get_username()
