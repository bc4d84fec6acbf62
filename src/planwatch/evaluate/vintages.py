"""Which figures a judgement stands on: those known on a day, and whether each was preliminary or final.

A year's figure is published twice or more (初步核算 in the spring after, 最终核实 a year later), and an
office asks how the plan stood when a report was written: the figures known then, not the ones revised
since. The judge itself takes whatever figures it is given; these choose them and name their vintage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from planwatch.evaluate.assessment import Assessment
from planwatch.plan.model import Observation
from planwatch.plan.vocabulary import VINTAGE_ZH


def known_on(observations: Iterable[Observation], day: dt.date | None = None) -> list[Observation]:
    """Each indicator's figure for each year as it stood on `day` (today's when None): of those published
    by then, the one published last. A figure without a publication date counts as known, and comes
    before any dated one of the same year, as a first entry a revision later replaced."""
    latest: dict[tuple[str, int], tuple[dt.date, Observation]] = {}
    for observation in observations:
        if day is not None and observation.published is not None and observation.published > day:
            continue
        key = (observation.indicator, observation.year)
        published = observation.published or dt.date.min
        if key not in latest or published >= latest[key][0]:
            latest[key] = (published, observation)
    return [observation for _, observation in latest.values()]


def with_vintages(assessments: list[Assessment], observations: Iterable[Observation]) -> list[Assessment]:
    """The assessments, each naming the vintage of the figures it was judged on (its years up to its own)."""
    vintages: dict[str, dict[int, str]] = {}
    for observation in observations:
        if observation.vintage is not None:
            vintages.setdefault(observation.indicator, {})[observation.year] = observation.vintage
    return [
        a.model_copy(
            update={
                "vintages": {
                    year: vintage
                    for year, vintage in sorted(vintages.get(a.indicator, {}).items())
                    if year <= a.year
                }
            }
        )
        for a in assessments
    ]


def preliminary_years(assessment: Assessment) -> list[int]:
    """The years whose figures the assessment used are preliminary, which a later final figure may revise."""
    return [year for year, vintage in assessment.vintages.items() if vintage == "preliminary"]


def vintage_note(assessments: list[Assessment], lang: str = "zh") -> str:
    """One sentence saying which years' figures are preliminary, and for how many indicators; empty if none."""
    counts = Counter(year for a in assessments for year in preliminary_years(a))
    if not counts:
        return ""
    if lang == "en":
        parts = [f"{n} indicator{'s' if n > 1 else ''} in {year}" for year, n in sorted(counts.items())]
        return f"Preliminary figures, which the final ones may revise: {', '.join(parts)}."
    parts = [f"{year}年{n}项指标" for year, n in sorted(counts.items())]
    return f"注：{'、'.join(parts)}的数据为{VINTAGE_ZH['preliminary']}数，最终核实后可能修订。"


def as_of_note(day: dt.date, lang: str = "zh") -> str:
    """What a judgement made as of a day says of its figures."""
    if lang == "en":
        return f"Assessed with the figures published by {day.isoformat()}; later revisions are not counted."
    return f"按{day.year}年{day.month}月{day.day}日已发布的数据评估，其后的修订不计入。"
