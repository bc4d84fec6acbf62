"""Page furniture in text that keeps a document's printed lines: page numbers and running headers.

A PDF's text layer, a Word export or a copy of a printed page keeps every
printed line, and with them the page numbers (`— 12 —`, `- 5 -`, `第3页`, the
Roman `— Ⅱ —` of the contents pages) and a header line repeated on every page.
They stand anywhere, inside a heading, a sentence or a table row, so they are
taken out before anything reads the lines; what was taken out is counted so
the reading can say so.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ"
_DASH = r"[-—–－‒―─━]"
# A page number printed between dashes, or as 第N页 (共M页), or N/M.
PAGE_NUMBER = re.compile(
    rf"^\s*(?:{_DASH}+\s*(?:\d{{1,4}}|[{_ROMAN}]{{1,4}}|[ivxlIVXL]{{1,6}})\s*{_DASH}+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
# Bare page numbers are told from table cells by their spacing: a page holds many lines.
_MIN_PAGE_LINES = 15
_MIN_REPEATS = 3
_MAX_HEADER = 40
_MAX_LINE = 80  # characters: longer than any printed line, a run of scraped text


def strip_furniture(lines: list[str]) -> tuple[list[str], Counter[str]]:
    """The lines without page numbers and running headers, and how many of each were removed."""
    removed: Counter[str] = Counter()
    drop = {k for k, line in enumerate(lines) if PAGE_NUMBER.match(line)}
    removed["page numbers"] += len(drop)
    bare = _bare_page_numbers(lines)
    drop |= bare
    removed["page numbers"] += len(bare)
    headers = _running_headers(lines, drop)
    drop |= headers
    removed["running headers"] += len(headers)
    return _kept(lines, drop), +removed


def _kept(lines: list[str], drop: set[int]) -> list[str]:
    """The lines not dropped; a run of text cut by a page number is joined again.

    Printed lines stay apart (their wraps are joined later, as paragraphs);
    a line far wider than any page, as scraped text is, was cut by the page
    number and is whole again without it.
    """
    out: list[str] = []
    cut = False
    for k, line in enumerate(lines):
        if k in drop:
            cut = True
            continue
        if cut and out and max(len(out[-1]), len(line)) > _MAX_LINE:
            out[-1] += line
        else:
            out.append(line)
        cut = False
    return out


def _bare_page_numbers(lines: list[str]) -> set[int]:
    """Lines holding only a number that counts up by one, a page's length apart."""
    found = [(k, int(m.group(1))) for k, line in enumerate(lines) if (m := _BARE_NUMBER.match(line))]
    chain: list[tuple[int, int]] = []
    best: list[tuple[int, int]] = []
    for k, n in found:
        if chain and n == chain[-1][1] + 1 and k - chain[-1][0] >= _MIN_PAGE_LINES:
            chain.append((k, n))
        elif not chain or n != chain[-1][1]:
            chain = [(k, n)]
        if len(chain) > len(best):
            best = list(chain)
    return {k for k, _ in best} if len(best) >= _MIN_REPEATS else set()


def _running_headers(lines: list[str], page_numbers: set[int]) -> set[int]:
    """A short line repeated on several pages, each time beside a page number."""
    near: dict[str, list[int]] = defaultdict(list)
    for k in page_numbers:
        for j in (k - 2, k - 1, k + 1, k + 2):
            if 0 <= j < len(lines) and j not in page_numbers:
                text = lines[j].strip()
                if text and len(text) <= _MAX_HEADER:
                    near[text].append(j)
    out: set[int] = set()
    if not near:
        return out
    counts = Counter(line.strip() for line in lines)
    for text, places in near.items():
        if len(set(places)) < _MIN_REPEATS:
            continue
        if counts[text] <= len(set(places)) + 1:
            out.update(places)
    return out
