"""Printed lines wrapped at the margin, told from the ends of paragraphs.

A PDF's text layer or a Word export to text breaks every line where the page
did, so one sentence runs over several lines. The outline and the table
readers work on those lines; the text under a heading is read as paragraphs,
so a line that reaches the margin and does not end a sentence runs on into
the next. A document whose lines do not share a margin is left as it is.
"""

from __future__ import annotations

import re

_HEADING_START = re.compile(
    r"^\s*(?:第\s*[一二三四五六七八九十百〇零两\d]{1,5}\s*[篇章节]|[一二三四五六七八九十]{1,3}[、．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|专栏|表\s*\d|注\s*[:：]|[—–-]{2,})"
)
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_MIN_LINES = 20
_MIN_SHARE = 0.3  # of lines at the margin, for a text to count as printed lines
_MAX_MARGIN = 120  # wider than 60 Chinese characters is not a printed line
_SLACK = 4  # a line this close to the margin reaches it (a trailing comma or quote is narrower)


_NARROW = re.compile(r"[\u0000-\u2e7f]")


def width(line: str) -> int:
    """Printed width: a Chinese character is two, an ASCII character one."""
    return 2 * len(line) - _NARROW.subn("", line)[1]


def margin(lines: list[str]) -> int | None:
    """The common width of full lines, or None where the lines do not share a margin."""
    widths = sorted(width(line.strip()) for line in lines if line.strip())
    if len(widths) < _MIN_LINES:
        return None
    edge = widths[int(len(widths) * 0.8)]
    if edge > _MAX_MARGIN or edge < 20:
        return None
    full = sum(1 for w in widths if edge - _SLACK <= w <= edge + 2)
    return edge if full >= _MIN_SHARE * len(widths) else None


def soft_breaks(lines: list[str]) -> list[bool]:
    """For each line, whether it runs on into the next one (a wrap, not a paragraph's end)."""
    edge = margin(lines)
    if edge is None:
        return [False] * len(lines)
    out = []
    for k, line in enumerate(lines):
        text = line.strip()
        nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
        out.append(
            bool(nxt)
            and width(text) >= edge - _SLACK
            and not text.endswith(_SENTENCE_END)
            and not _HEADING_START.match(nxt)
            and "  " not in text
        )
    return out
