"""How a stored figure is shown: as the department wrote it, without a float's '.0' or noise."""

from django import template

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    """65.0 -> '65', 6.500000000000001 -> '6.5', 1234567.0 -> '1234567'."""
    return "" if value is None else format(value, ".15g")
