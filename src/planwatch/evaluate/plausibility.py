"""Whether a figure is plausible for its indicator, asked before it is stored.

A department types 65 for 6.5, 7.2 for 72, or −999 for "not known yet"; stored, such a figure moves every
judgement and report after it. So a share outside 0-100 %, a negative count or amount, or a figure ten times
(or a tenth of) the one before is questioned: the form, the import and the API store it only once the
person confirms it. A figure that cannot be (a share or a change below −100 %, a fall of over 100 %) is
refused whatever is confirmed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planwatch.plan.model import Indicator
from planwatch.plan.vocabulary import (
    CHANGE_WORDS,
    COUNT_UNITS,
    INDEX_WORD,
    MONEY_UNITS,
    PERCENT,
    SHARE_WORDS,
    figure_text,
    is_reduction_name,
)

# A figure this many times the one before, or this fraction of it, is questioned.
FAR = 10
# Nothing in % of a whole, a share or a change, is below this: no quantity loses more than all of itself.
LEAST_PERCENT = -100.0

# Each sentence in Chinese and in English; {name} and {year} name the place, {v} is the figure with its unit.
_SAYS: dict[str, tuple[str, str]] = {
    "below_all": (
        "“{name}”{year}年的数值{v}不可能：比重和增减幅度都不会低于-100%",
        "{name}, {year}: {v} is impossible: no share or change is below -100%",
    ),
    "fall_over_all": (
        "“{name}”{year}年的降幅{v}不可能：降幅不会超过100%",
        "{name}, {year}: a fall of {v} is impossible: nothing falls by more than 100%",
    ),
    "share": (
        "“{name}”{year}年的数值{v}超出0—100%，比重一般不会如此，请核对",
        "{name}, {year}: {v} is outside 0-100%, which a share seldom is; please check",
    ),
    "change": (
        "“{name}”{year}年的增减幅度{v}超过100%，请核对",
        "{name}, {year}: a change of {v} is over 100%; please check",
    ),
    "count": (
        "“{name}”{year}年的数值{v}是负数，以{unit}计的数量一般不会为负，请核对",
        "{name}, {year}: {v} is negative, which a count in {unit} seldom is; please check",
    ),
    "money": (
        "“{name}”{year}年的数值{v}是负数，以{unit}计的金额一般不会为负，请核对",
        "{name}, {year}: {v} is negative, which an amount in {unit} seldom is; please check",
    ),
    "times": (
        "“{name}”{year}年的数值{v}是{when}数值{before}的{times}倍，请核对",
        "{name}, {year}: {v} is {times} times the figure of {when}, {before}; please check",
    ),
    "tenth": (
        "“{name}”{year}年的数值{v}不到{when}数值{before}的十分之一，请核对",
        "{name}, {year}: {v} is under a tenth of the figure of {when}, {before}; please check",
    ),
}
_WHEN: dict[str, tuple[str, str]] = {
    "year": ("{y}年", "{y}"),
    "baseline": ("基期（{y}年）", "the base year {y}"),
}


@dataclass(frozen=True)
class Question:
    """What is doubtful about a figure, in one sentence naming the indicator and the year; `impossible` when
    no confirmation makes it right."""

    text: str
    impossible: bool = False


def question(
    ind: Indicator, year: int, value: float, earlier: Mapping[int, float], lang: str = "zh"
) -> Question | None:
    """What is doubtful about `value` as the figure of `ind` in `year`; None when nothing is.

    `earlier` holds the indicator's figures by year (those of later years are ignored); without one before
    `year`, a figure is compared with the baseline.
    """
    said = _Figure(ind, year, value, lang)
    if is_change(ind):
        return said.change()
    return said.level() or said.far(_before(ind, year, earlier))


def is_change(ind: Indicator) -> bool:
    """Whether an indicator's yearly figures are changes in % (增长, 降低, 涨幅), which may be negative."""
    return ind.rate or any(word in ind.name for word in CHANGE_WORDS)


def _is_share(ind: Indicator) -> bool:
    """Whether a level is a share of a whole in %: its unit says %, or its name a share and no other unit; an
    index (上年=100) is none."""
    if INDEX_WORD in ind.name:
        return False
    return ind.unit == PERCENT or (not ind.unit and any(word in ind.name for word in SHARE_WORDS))


def _unit_word(unit: str | None) -> str:
    """The unit a figure is counted in, without what it is per or priced at: 元/人,2020年价格 is in 元."""
    word = unit or ""
    for mark in ("/", ",", "，", "(", "（"):
        word = word.split(mark)[0]
    return word.strip()


def _before(ind: Indicator, year: int, earlier: Mapping[int, float]) -> tuple[str, int, float] | None:
    """The figure `year`'s is compared with: the latest figure before it, else the baseline."""
    years = [y for y in earlier if y < year]
    if years:
        return "year", max(years), earlier[max(years)]
    b = ind.baseline
    if b is not None and b.kind == "number" and b.value is not None and ind.base_year < year:
        return "baseline", ind.base_year, b.value
    return None


class _Figure:
    """One figure of an indicator's year, and the sentences that question it."""

    def __init__(self, ind: Indicator, year: int, value: float, lang: str) -> None:
        self.ind, self.year, self.value, self.lang = ind, year, value, lang
        self.share = _is_share(ind)
        self.unit = PERCENT if is_change(ind) or self.share else _unit_word(ind.unit)

    def say(self, key: str, impossible: bool = False, **more: str) -> Question:
        zh, en = _SAYS[key]
        text = (en if self.lang == "en" else zh).format(
            name=self.ind.name, year=self.year, v=self.written(self.value), unit=self.unit, **more
        )
        return Question(text, impossible)

    def written(self, value: float) -> str:
        """A figure with its unit: -999%, 3件 (3 件 in English)."""
        gap = " " if self.lang == "en" and self.unit and self.unit != PERCENT else ""
        return f"{figure_text(value)}{gap}{self.unit}"

    def change(self) -> Question | None:
        """A yearly change: a fall over 100 % cannot be, nor a rise below −100 %; beyond ±100 % is doubtful."""
        fall = is_reduction_name(self.ind.name)
        if fall and self.value > -LEAST_PERCENT:
            return self.say("fall_over_all", impossible=True)
        if not fall and self.value < LEAST_PERCENT:
            return self.say("below_all", impossible=True)
        return self.say("change") if abs(self.value) > -LEAST_PERCENT else None

    def level(self) -> Question | None:
        """A level: a share below −100 % cannot be, outside 0-100 % is doubtful; a negative count or
        amount is doubtful."""
        if self.share:
            if self.value < LEAST_PERCENT:
                return self.say("below_all", impossible=True)
            return self.say("share") if not 0 <= self.value <= 100 else None
        if self.value < 0 and self.unit in COUNT_UNITS:
            return self.say("count")
        if self.value < 0 and self.unit in MONEY_UNITS:
            return self.say("money")
        return None

    def far(self, before: tuple[str, int, float] | None) -> Question | None:
        """A level ten times the one before, or under a tenth of it."""
        if before is None or before[2] <= 0 or self.value < 0:
            return None
        kind, year, figure = before
        zh, en = _WHEN[kind]
        when = (en if self.lang == "en" else zh).format(y=year)
        ratio = self.value / figure
        if ratio > FAR:
            times = figure_text(round(ratio, 1))
            return self.say("times", when=when, before=self.written(figure), times=times)
        if ratio < 1 / FAR:
            return self.say("tenth", when=when, before=self.written(figure))
        return None
