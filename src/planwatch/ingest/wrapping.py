"""Printed lines joined back into paragraphs: which line breaks are wraps and which end something.

A PDF's text layer or a Word export to text breaks every line where the page
did, and often short of the margin (a quote or a comma set on the next line),
so one sentence runs over several lines. A break ends a paragraph only after
the end of a sentence, or around a title line (a heading or a lead printed as
a line of its own); every other break is a wrap. The outline and table
readers work on the lines; the text under a heading is read as paragraphs.
"""

from __future__ import annotations

import re

from planwatch.ingest.furniture import PAGE_NUMBER

_NARROW = re.compile(r"[\u0000-\u2e7f]")
_TITLE_MAX = 30
_TITLE_SHARE = 0.8  # of the widest line's width, the most a title line can take
_TITLE_PUNCTUATION = re.compile(r"[,，、；;。！？!?]")
_DIGIT = re.compile(r"[\d０-９]")
_CLOSING = "”’」』）)"
_CONTINUATION = ",，、；;。！？!?：:”’」』）)"  # a line that opens with these goes on from the one before
_SENTENCE_STOP = "。！？!?；;：:"
_HEADING_LINE = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]{1,3}[、．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|专栏|表\s*\d|注\s*[:：]|[—–-]{2,})"
)


def width(line: str) -> int:
    """Printed width: a Chinese character is two, an ASCII character one."""
    return 2 * len(line) - _NARROW.subn("", line)[1]


def soft_breaks(lines: list[str]) -> list[bool]:
    """For each line, whether it runs on into the next one (a wrap, not a paragraph's end)."""
    stripped = [line.strip() for line in lines]
    full = _TITLE_SHARE * max((width(line) for line in stripped), default=0)
    out = [False] * len(lines)
    ended = True  # the line before ended a sentence or stood as a title
    for k, line in enumerate(stripped):
        title = bool(line) and width(line) < full and _title_line(line, ended)
        if k > 0 and line and stripped[k - 1] and (not ended or line[0] in _CONTINUATION) and not title:
            out[k - 1] = True
        ended = not line or title or line.rstrip(_CLOSING)[-1:] in _SENTENCE_STOP
    return out


def unwrap(text: str) -> str:
    """The text's lines joined back into paragraphs; page-number lines go."""
    if "\n" not in text:
        return text
    lines = [
        line for line in (raw.strip() for raw in text.split("\n")) if line and not PAGE_NUMBER.match(line)
    ]
    breaks = soft_breaks(lines)
    return "".join(line + ("" if wraps else "\n") for line, wraps in zip(lines, breaks, strict=True)).rstrip(
        "\n"
    )


def _title_line(line: str, after_end: bool) -> bool:
    """A heading or a lead printed as a line of its own: short, with no punctuation inside.

    Unnumbered, it stands after the end of a sentence and holds no figure (森林覆盖率超过 90 is
    a sentence cut by the page); it must also fall short of the text's longest lines, as a wrapped
    line runs to the margin.
    """
    if len(line) > _TITLE_MAX or _TITLE_PUNCTUATION.search(line):
        return False
    return bool(_HEADING_LINE.match(line)) or (after_end and not _DIGIT.search(line))
