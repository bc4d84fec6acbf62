"""Which indicator of another list is the same indicator: the one a relation names (高于GDP增长), the
parent plan's indicator a district's delegated target refers to, the previous period's indicator a new
plan carries on.

Plans word the same indicator differently (全市/全区/地区生产总值, GDP, brackets, units in the name), so
names are compared in a canonical form; a match on the canonical name and unit is certain, a close one
is offered for the office to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from planwatch.plan.model import Indicator

_SYNONYMS = (("GDP", "地区生产总值"), ("经济增长", "地区生产总值增长"), ("生产总值增速", "生产总值增长"))
_PUNCTUATION = re.compile(r"[\s()（）%％、，,“”\"]")
_PLACE = re.compile(r"全国|全省|全市|全区|全县|全州|全盟|本省|本市|本区|本县")
_UNIT_SPELLINGS = {"％": "%", "万元/人": "万元", "元/人": "元"}

CLOSE = 0.8  # names this alike (difflib's ratio) are offered as a match to confirm, not taken


@lru_cache(maxsize=8192)
def canonical_name(name: str) -> str:
    """A name as any plan may write it: GDP as 地区生产总值, without a leading 全市/全区, other 全市 as 地区,
    without brackets or spaces."""
    name = _PUNCTUATION.sub("", name)
    name = name[2:] if _PLACE.match(name) else name  # 全市一般公共预算收入 is the city's 一般公共预算收入
    for a, b in _SYNONYMS:
        name = name.replace(a, b)
    return _PLACE.sub("地区", name).replace("地区地区", "地区")


def _unit(unit: str | None) -> str:
    u = (unit or "").strip()
    return _UNIT_SPELLINGS.get(u, u)


@dataclass(frozen=True)
class Match:
    """An indicator of ours and the one of theirs taken as the same; `certain` is False where the
    office is to confirm it (the names only alike, or the units differ)."""

    ours: Indicator
    theirs: Indicator
    certain: bool
    score: float


def _bigrams(text: str) -> set[str]:
    return {text[k : k + 2] for k in range(len(text) - 1)} or {text}


def likeness(a: Indicator, b: Indicator) -> tuple[float, bool]:
    """How alike two indicators are (1 = same canonical name; 0 = a rate and a level, never the same)
    and whether their units agree. Names are alike by their characters in order or by their pairs of
    characters in any order (城镇化率（常住人口） and 常住人口城镇化率)."""
    if a.rate != b.rate:
        return 0.0, False
    x, y = canonical_name(a.name), canonical_name(b.name)
    if x == y:
        return 1.0, _unit(a.unit) == _unit(b.unit)
    p, q = _bigrams(x), _bigrams(y)
    dice = 2 * len(p & q) / (len(p) + len(q))
    return max(SequenceMatcher(None, x, y).ratio(), dice), _unit(a.unit) == _unit(b.unit)


def _pair(ours: Indicator, theirs: Indicator) -> Match | None:
    score, units = likeness(ours, theirs)
    if score < CLOSE:
        return None
    return Match(ours, theirs, score == 1.0 and units, score if units else score - 0.01)


def best_match(ours: Indicator, theirs: list[Indicator]) -> Match | None:
    """The indicator of `theirs` that is `ours`: same canonical name and unit (certain), else the most
    alike at or above CLOSE (to confirm); None when none is close."""
    found = [m for m in (_pair(ours, other) for other in theirs) if m is not None]
    return max(found, key=lambda m: (m.certain, m.score), default=None)


def match_indicators(ours: list[Indicator], theirs: list[Indicator]) -> list[Match]:
    """Our indicators paired with theirs, each used once, the surest pairs taken first."""
    pairs = [m for o in ours for t in theirs if (m := _pair(o, t)) is not None]
    pairs.sort(key=lambda m: (not m.certain, -m.score))
    used_ours: set[str] = set()
    used_theirs: set[str] = set()
    out = []
    for m in pairs:
        if m.ours.id not in used_ours and m.theirs.id not in used_theirs:
            used_ours.add(m.ours.id)
            used_theirs.add(m.theirs.id)
            out.append(m)
    return out
