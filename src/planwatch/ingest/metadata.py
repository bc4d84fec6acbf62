"""Title, region, period and date of a plan, from the opening of its text."""

from __future__ import annotations

import re

from planwatch.ingest.numerals import to_int
from planwatch.plan.model import Period

TITLE = re.compile(
    r"(?:(?<=\d月)|(?<=\d日)|(?<![\u4e00-\u9fff]))(?![年月日])(?P<region>[\u4e00-\u9fff]{2,24}?)国民经济和社会发展第(?P<n>[一二三四五六七八九十]{1,3})个五年规划"
    r"(?:和(?:二〇三五|2035)年远景目标)?纲要"
)
# The sentence in which a plan names itself: 《…纲要》, "…纲要,根据…编制", "本纲要…".
_SELF_NAMING = re.compile(r"^(?:》|\s*[,，]\s*根据|\s*[(（]以下简称|\s*是)")
_DATE = re.compile(r"^\s*[(（]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月")
_OPENING = 3000


# The four municipalities directly under the central government stand at a province's level.
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_SUFFIX_LEVELS = (
    (re.compile(r"(省|自治区|特别行政区)$"), "province"),
    (re.compile(r"(自治州|地区|盟)$"), "city"),
    (re.compile(r"(县|旗|自治县|自治旗|林区|特区)$"), "county"),
    (re.compile(r"区$"), "district"),
    (re.compile(r"市$"), "city"),
)
_WHOLE = re.compile(r"全(省|市|区|县|州|盟|旗)")
_WHOLE_LEVELS = {
    "省": "province",
    "市": "city",
    "区": "district",
    "县": "county",
    "旗": "county",
    "州": "city",
}


def region_level(region: str | None, text: str) -> str | None:
    """national, province, city, county or district, from the region's name, else from how the text says 全市.

    A name ending in 市 may be a county-level city; the text then says 全市 too,
    so such a plan reads as a city's.
    """
    if not region:
        return None
    if region in ("中华人民共和国", "国家", "全国"):
        return "national"
    if region.endswith(_MUNICIPALITIES):
        return "province"
    for pattern, level in _SUFFIX_LEVELS:
        if pattern.search(region):
            return level
    counts: dict[str, int] = {}
    for m in _WHOLE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return _WHOLE_LEVELS[max(counts, key=counts.__getitem__)] if counts else None


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
