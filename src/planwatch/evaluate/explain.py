"""One sentence, in Chinese or English, that says why an assessment got its status."""

from __future__ import annotations

from planwatch.evaluate.judgement import Judgement
from planwatch.plan.model import Indicator, TargetKind
from planwatch.plan.vocabulary import (
    ATTRIBUTE_EN,
    BINDING,
    NO_FIGURE,
    PERCENT,
    POINTS_EN,
    change_unit,
    count_en,
    figure_text,
    is_reduction_name,
    status_label,
)

_WHY_NOT = {
    "outside_period": ("{y}年不在规划期内（{b}—{t}年）", "{y} is outside the plan period {b}-{t}"),
    "no_baseline": ("缺少基期值", "the baseline is missing"),
    "no_observation": ("缺少{y}年监测值", "there is no observation for {y}"),
    "years_missing": (
        "缺少{missing}年监测值，无法连乘计算",
        "observations for {missing} are missing, so the rates cannot be chained",
    ),
    "bound_no_baseline": (
        "尚未达到{v}，且缺少基期值无法判断序时进度",
        "the bound {v} is not reached yet and there is no baseline to judge the path",
    ),
    "no_annual_target": (
        "目标为定性表述，需录入{y}年年度目标后评估",
        "the target is qualitative: enter the annual target for {y} to judge it",
    ),
    "target_higher_plan": (
        "目标为“{raw}”，需录入上级下达的具体目标后评估",
        "the target is “{raw}”: enter the figure the higher level set to judge it",
    ),
    "target_undetermined": ("目标待定，需录入目标后评估", "the target is not set yet (待定)"),
    "target_empty": ("未设目标值", "no target is given"),
    "target_text": ("目标“{raw}”无法识别", "the target “{raw}” cannot be read"),
}


def _n(x: float | None) -> str:
    """A figure in a sentence; a dash where there is none."""
    return figure_text(x, NO_FIGURE)


def explain(ind: Indicator, kind: TargetKind, year: int, j: Judgement, warning: bool, lang: str) -> str:
    """The sentence an office reads beside the status: the figures it rests on and what is still needed."""
    zh = lang != "en"
    unit = ind.unit or ""
    if j.status == "not_assessable":
        return _why_not(ind, year, j, lang)
    status = status_label(j.status, lang)
    parts = [_measure(ind, kind, year, j, zh, unit)]
    if j.required is not None:
        parts.append(_required(ind, kind, year, j.required, j.required_unit == PERCENT, zh))
    parts.extend(_notes(j.notes, zh, unit))
    if warning:
        parts.append(f"{BINDING}指标预警" if zh else f"{ATTRIBUTE_EN[BINDING]} indicator: early warning")
    return (
        (f"{status}：" + "；".join(parts) + "。")
        if zh
        else (f"{status.capitalize()}: " + "; ".join(parts) + ".")
    )


def _why_not(ind: Indicator, year: int, j: Judgement, lang: str) -> str:
    """Why there is no status: the figure that is missing, or a target that cannot be judged as written."""
    zh = lang != "en"
    label = status_label("not_assessable", lang)
    key, _, detail = j.reason.partition(":")
    if key == "no_parent":
        if zh:
            return f"{label}：目标与上级地区比较（“{detail}”），需关联上级规划并录入其监测数据后评估。"
        return f"{label}: the target compares with the region above (“{detail}”); link the parent plan and its figures to judge it."
    if key in ("other_not_found", "no_pair"):
        if zh:
            return f"{label}：未找到可比较的指标“{detail}”的{year}年数据"
        return f"{label}: no {year} figures for the indicator it is compared with ({detail})"
    missing = next((n.split(":")[1] for n in j.notes if n.startswith("years_missing")), "")
    raw = ind.target_raw or ind.target_growth_raw
    template = _WHY_NOT.get(key, (label, label))[0 if zh else 1]
    reason = template.format(
        y=year, b=ind.base_year, t=ind.target_year, missing=missing, raw=raw, v=_n(j.expected)
    )
    return f"{label}：{reason}。" if zh else f"{label.capitalize()}: {reason}."


def _required(ind: Indicator, kind: TargetKind, year: int, required: float, rate: bool, zh: bool) -> str:
    """What the remaining years need, in the words an office uses: 年均增长x%, 年均提高x个百分点."""
    left = ind.target_year - year
    unit = ind.unit or ""
    falling = required < 0
    size = _n(abs(required))
    if rate:
        reduction = kind == "cumulative" and ind.rate and is_reduction_name(ind.name)
        verb_zh = "年均降低" if reduction or falling else "年均增长"
        verb_en = "fall" if reduction or falling else "grow"
        what_zh, what_en = f"{size}%", f"{size}% a year"
    else:
        verb_zh = (
            ("年均降低" if falling else "年均提高")
            if unit == PERCENT
            else ("年均减少" if falling else "年均增加")
        )
        verb_en = "fall" if falling else "rise"
        what_zh = f"{size}{change_unit(unit)}"
        what_en = f"{size} {POINTS_EN if unit == PERCENT else unit} a year"
    if zh:
        return f"实现{ind.target_year}年目标，今后{left}年需{verb_zh}{what_zh}"
    years_en = count_en(left, "more year")
    return f"to reach the {ind.target_year} target it must {verb_en} {what_en} for {years_en}"


def _annual(year: int, j: Judgement, zh: bool, unit: str) -> str:
    """The years' figures against the targets set for them: one year, or the average of several."""
    a, e = _n(j.actual), _n(j.expected)
    years = next((x.split(":", 1)[1].split(",") for x in j.notes if x.startswith("averaged:")), [])
    if len(years) <= 1:
        at = years[0] if years else str(year)
        return (
            f"{at}年为{a}{unit}，年度目标为{e}{unit}"
            if zh
            else f"{a}{unit} in {at} against an annual target of {e}{unit}"
        )
    if zh:
        return f"{'、'.join(years)}年平均为{a}{unit}，各年年度目标平均为{e}{unit}"
    return f"{a}{unit} on average over {', '.join(years)} against annual targets averaging {e}{unit}"


def _measure(ind: Indicator, kind: TargetKind, year: int, j: Judgement, zh: bool, unit: str) -> str:
    a, e = _n(j.actual), _n(j.expected)
    p = f"{j.progress:.0%}" if j.progress is not None else None
    n = year - ind.base_year
    if kind == "growth":
        if zh:
            span = f"{year}年增长" if n == 1 else f"{ind.base_year + 1}—{year}年年均增长"
            return f"{span}{a}%，目标年均增长{e}%" + (f"，完成序时进度的{p}" if p else "")
        span = f"in {year}" if n == 1 else f"a year over {ind.base_year + 1}-{year}"
        return f"{a}% {span} against a target of {e}% a year" + (
            f", {p} of the time-elapsed progress" if p else ""
        )
    if kind == "cumulative":
        if zh:
            return (
                f"{n}年累计{a}{PERCENT if ind.rate else unit}，按序时进度应累计{e}{PERCENT if ind.rate else unit}"
                + (f"，完成序时进度的{p}" if p else "")
            )
        return (
            f"{a}{PERCENT if ind.rate else ' ' + unit} over {n} years against {e} on the time-elapsed path"
            + (f" ({p})" if p else "")
        )
    if kind == "relation":
        other = next((x.split(":", 1)[1] for x in j.notes if x.startswith("compared_with:")), "")
        if zh:
            return f"{year}年为{a}%，{other}为{e}%，已过年份中符合要求的占{p}"
        return f"{a}% in {year} against {e}% for {other}, as required in {p} of the years so far"
    if kind == "qualitative":
        return _annual(year, j, zh, unit)
    if j.reason == "hold":
        comparator = ind.target.comparator if ind.target is not None else None
        ceiling = comparator in ("le", "lt")
        # a level to hold (参保率 100 -> 100) is kept at its figure, a bound above or below it
        bound_zh = (
            f"控制在{e}{unit}以内" if ceiling else f"保持在{e}{unit}以上" if comparator else f"保持{e}{unit}"
        )
        if zh:
            return f"{year}年为{a}{unit}，须{bound_zh}，已过年份中达到要求的占{p}"
        side = "at most" if ceiling else "at least" if comparator else "at"
        return f"{a}{unit} in {year}; it is to stay {side} {e}{unit}, as it did in {p} of the years so far"
    if j.reason == "reached":
        return f"{year}年为{a}{unit}，已达到{e}{unit}" if zh else f"{a} {unit} in {year} has reached {e}"
    if zh:
        return f"{year}年为{a}{unit}，按序时进度应为{e}{unit}" + (f"，完成序时进度的{p}" if p else "")
    return f"{a}{unit} in {year} against {e}{unit} on the time-elapsed path" + (
        f" ({p} of the expected progress)" if p else ""
    )


# What a note of the judgement adds to the sentence: {d} is its detail, {u} the indicator's unit and
# {c} the unit of a change of it (个百分点 for a figure in %).
_NOTES: dict[str, tuple[str, str]] = {
    "baseline_from_observation": (
        "基期值取{d}（基期年监测值）",
        "baseline {d} taken from the base-year observation",
    ),
    "baseline_earlier_year": ("基期值{d}为往年数据", "baseline {d} is of an earlier year"),
    "years_missing": ("{d}年缺少数据", "no data for {d}"),
    "bound_held_from_first_year": (
        "基期值缺失，规划首年已达到要求，按保持目标评估",
        "no baseline: the bound was met from the first year of the period, so it is judged as held",
    ),
    "bound_missed": ("{d}年未达到要求", "the bound was missed in {d}"),
    "bound_average": ("已过年份平均为{d}{u}，达到要求", "the elapsed years average {d}{u}, within the bound"),
    "bound_tolerance": (
        "未达到要求年份的偏离均在容许范围（{d}%）以内",
        "the years that missed it did so by at most the tolerance of {d}%",
    ),
    "within_precision": (
        "与序时进度之差在数据精度{d}以内，视为{s}",
        "the gap to the path is within the figures' precision of {d}, so it is {s}",
    ),
    "annual_target_missing": (
        "{d}年未设年度目标，不计入平均",
        "no annual target for {d}: left out of the average",
    ),
    "annual_tolerance": (
        "低于年度目标的差距在容许范围（{d}{c}）以内",
        "the shortfall from the annual targets is within the tolerance of {d} {c}",
    ),
}

_YEAR_LISTS = ("years_missing", "bound_missed", "annual_target_missing")


def _notes(notes: list[str], zh: bool, unit: str) -> list[str]:
    """The notes of a judgement an office needs to read beside it, in the sentence's language."""
    out = []
    for note in notes:
        key, _, detail = note.partition(":")
        if key == "target_source":
            out.append(_source(detail, zh))
        elif key in ("baseline_starred_replaced", "baseline_revised"):
            old, new = detail.split("->")
            out.append(
                f"基期值由{old}改用基期年监测值{new}"
                if zh
                else f"baseline {old} replaced by the base-year observation {new}"
            )
        elif key in _NOTES:
            change = change_unit(unit) if zh else (POINTS_EN if unit == PERCENT else unit)
            d = detail.replace(",", "、" if zh else ", ") if key in _YEAR_LISTS else detail
            on_track = status_label("on_track", "zh" if zh else "en")
            out.append(_NOTES[key][0 if zh else 1].format(d=d, u=unit, c=change, s=on_track))
    return out


def _source(detail: str, zh: bool) -> str:
    """Where a target the plan left to the region above was taken from."""
    region, entered, written, used = detail.split("|")
    if entered == "1":
        return (
            f"目标“{written}”按{region}下达的“{used}”评估"
            if zh
            else f"the target “{written}” is judged against “{used}”, set by {region}"
        )
    return (
        f"目标“{written}”按{region}规划目标“{used}”评估"
        if zh
        else f"the target “{written}” is judged against {region}'s own plan target “{used}”"
    )
