"""A table of contents printed one entry a line, as PDF text layers, Word exports and web pages give it.

Each entry is a heading marker (第N篇/章/节, 一、, （一）), a title, and perhaps
leaders (…… ··· ___ or a TAB) and a page number, Arabic or, on the contents'
own pages, Roman. An entry too long for its line wraps onto the next; a box
directory (专栏1 … 12) may follow the entries. Page numbers are not required:
a portal page prints its contents as bare heading lines, and is told from the
body by the body repeating them.
"""

from __future__ import annotations

import re

from planwatch.ingest.numerals import to_int
from planwatch.ingest.outline import Contents, Heading, marker_level

_LEADER = r"(?:[.．·_—\-]{2,}|[…⋯]+)"  # dot leaders; one ellipsis is three dots already
_LEADERS = rf"[ \t\u3000]*{_LEADER}[ \t\u3000]*"  # the leaders between an entry's title and its page
_CONTENTS_TITLE = re.compile(r"^\s*目\s*录\s*$")
_BOX_ENTRY = re.compile(r"^\s*(?:专栏|表)\s*\d{1,2}")
ENTRY = re.compile(
    r"^[ \t\u3000]*(?P<number>第[ \u3000]*[一二三四五六七八九十百〇零两\d]{1,5}[ \u3000]*[篇章节]"
    r"|[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[)）])"
    r"[ \t\u3000]*(?P<rest>.*)$"
)
_PAGE = re.compile(
    rf"(?:(?P<leaders>{_LEADERS}|\t+|[ \u3000]{{2,}}|[ \u3000])"
    r"(?P<page>\d{1,3}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ]{1,4}|[ivxIVX]{1,5}))?[ \t\u3000]*$"
)
_LEADERS_ONLY = re.compile(rf"{_LEADERS}$")
_MAX_TITLE = 60
_MIN_ENTRIES = 3


def read_line_contents(lines: list[str], offsets: list[int], text: str) -> Contents | None:
    """The first run of lines that reads as a table of contents, or None.

    `lines` are the document's lines and `offsets` where each starts in `text`.
    """
    k = 0
    while k < len(lines):
        if not ENTRY.match(lines[k]):
            k += 1
            continue
        entries, end = _run(lines, offsets, k)
        stop = offsets[end - 1] + len(lines[end - 1])
        if len(entries) >= _MIN_ENTRIES and _is_contents(entries, text, stop):
            return Contents(_with_levels(entries), offsets[k], stop)
        k = max(end, k + 1)
    return None


def _run(lines: list[str], offsets: list[int], k: int) -> tuple[list[Heading], int]:
    """Entries from line k on, while every line is an entry, a wrapped entry's end, or a box entry."""
    entries: list[Heading] = []
    last: dict[str, int] = {}
    j = k
    while j < len(lines):
        line = lines[j]
        m = ENTRY.match(line)
        if m:
            title, page = _title_and_page(m.group("rest"))
            number = re.sub(r"[ \u3000]", "", m.group("number"))
            entry = Heading(marker_level(number), number, title, to_int(_numeral(number)) or 0, page)
            if len(title) > _MAX_TITLE or "。" in title or not _continues(last, entry):
                break
            entries.append(entry)
        elif _BOX_ENTRY.match(line) or _CONTENTS_TITLE.match(line) or not line.strip():
            pass
        elif entries and entries[-1].page is None and len(line.strip()) <= _MAX_TITLE and "。" not in line:
            title, page = _title_and_page(line)
            if page is None and not _LEADERS_ONLY.search(line):
                break
            entries[-1].title += title
            entries[-1].page = page
        else:
            break
        j += 1
    return entries, j


_ORDER = ("part", "chapter", "section", "numbered", "bracketed")


def _continues(last: dict[str, int], entry: Heading) -> bool:
    """Numbering goes up within a level and starts again under a new higher entry; else the body began."""
    if entry.ordinal <= last.get(entry.level, 0):
        return False
    last[entry.level] = entry.ordinal
    for lower in _ORDER[_ORDER.index(entry.level) + 1 :]:
        last.pop(lower, None)
    return True


def _title_and_page(rest: str) -> tuple[str, int | None]:
    m = _PAGE.search(rest)
    page = m.group("page") if m else None
    title = rest[: m.start()] if m and m.group(0) else rest
    title = _LEADERS_ONLY.sub("", title).strip(" \t\u3000")
    if page is None or not page.isdigit():
        return title, None
    return title, int(page)


def _numeral(number: str) -> str:
    return re.sub(r"[第篇章节、．（）()]", "", number)


def _is_contents(entries: list[Heading], text: str, end: int) -> bool:
    """Contents have page numbers, or the body repeats them after they end."""
    if sum(1 for e in entries if e.page is not None) >= len(entries) // 2:
        return True
    first = entries[0]
    title = re.sub(r"\s", "", first.title)[:12]
    body = re.sub(r"[ \t\u3000]", "", text[end : end + 200_000])
    return bool(title) and (first.number + title) in body


def _with_levels(entries: list[Heading]) -> list[Heading]:
    """一、 is a chapter where no 第N章/节 is printed, else a division; （一） the level below 一、."""
    printed = {e.level for e in entries}
    numbered = "chapter" if not printed & {"chapter", "section"} else "division"
    bracketed = "division" if numbered == "chapter" else None
    out = []
    for e in entries:
        if e.level in ("numbered", "bracketed"):
            level = numbered if e.level == "numbered" else bracketed
            if level is None:
                continue
            e.level = level
        out.append(e)
    return out
