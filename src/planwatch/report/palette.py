"""The colours of a report's tables, the same in Word, Excel and HTML, and the text colour for cells
filled with a status colour, so the status stays legible on screen and on paper."""

from __future__ import annotations

RULE = "#808080"  # the table rules
HEAD = "#d9e1f2"  # the fill of header cells
GROUP = "#f2f2f2"  # the fill of a category's row


def _luminance(colour: str) -> float:
    """Relative luminance of a '#rrggbb' colour (WCAG 2)."""
    channels = [int(colour.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(fill: str) -> str:
    """'#ffffff' on a dark fill, '#000000' on a light one: whichever contrasts more with `fill`."""
    lum = _luminance(fill)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"
