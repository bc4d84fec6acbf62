"""Title, region, period and date of a plan, from the opening of its text."""

from __future__ import annotations

import re

from planwatch.ingest.numerals import to_int
from planwatch.plan import Period

TITLE = re.compile(
    r"(?:(?<=\d月)|(?<=\d日)|(?<![\u4e00-\u9fff]))(?![年月日])(?P<region>[\u4e00-\u9fff]{2,24}?)国民经济和社会发展第(?P<n>[一二三四五六七八九十]{1,3})个五年规划"
    r"(?:和(?:二〇三五|2035)年远景目标)?纲要"
)
# The sentence in which a plan names itself: 《…纲要》, "…纲要,根据…编制", "本纲要…".
_SELF_NAMING = re.compile(r"^(?:》|\s*[,，]\s*根据|\s*[(（]以下简称|\s*是)")
_DATE = re.compile(r"^\s*[(（]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月")
_OPENING = 3000


def plan_period(n: int) -> Period:
    """The years of the n-th five-year plan: the 1st ran 1953-1957, the 3rd (after 1963-65) from 1966."""
    start = 1953 + 5 * (n - 1) if n < 3 else 1966 + 5 * (n - 3)
    return Period(start=start, end=start + 4)


def read_metadata(text: str) -> tuple[str | None, str | None, Period | None, str | None]:
    """(title, region, period, published YYYY-MM) where the opening of the text says them."""
    opening = text[:_OPENING]
    matches = list(TITLE.finditer(opening))
    if not matches:
        return None, None, _period_from_short_name(opening), None
    chosen = next((m for m in matches if _SELF_NAMING.match(opening[m.end() :])), matches[0])
    n = to_int(chosen.group("n"))
    published = None
    for m in matches:
        date = _DATE.match(opening[m.end() :])
        if date:
            published = f"{date.group(1)}-{int(date.group(2)):02d}"
            break
    region = chosen.group("region").lstrip("《").strip()
    return chosen.group(0).lstrip("《"), region or None, plan_period(n) if n else None, published


def _period_from_short_name(text: str) -> Period | None:
    """“十四五” names the 14th plan where no full title stands."""
    m = re.search(r"[“\"]十([一二三四五六七八九])五[”\"]", text)
    return plan_period(10 + (to_int(m.group(1)) or 0)) if m else None
