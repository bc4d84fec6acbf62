"""The analysis of a mid-term or final evaluation, drafted from the figures in the sentences an office
hands in: 总体评价, a paragraph per category, 存在的主要问题 and 下一步工作建议.

An evaluation is a judgement, not a count: it says how the plan is going, binding indicators
first, what is ahead and what is behind, by how much and who leads it. The reasons behind a
figure and the measures that answer it are the office's to write, so every paragraph drafted here
is marked as a draft by the writers (layout.DRAFT).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.projection import outlook_text
from planwatch.plan.model import Indicator
from planwatch.plan.vocabulary import BEHIND, BINDING, STATUS_ZH, STATUSES, ReportKind

GOOD = ("achieved", "ahead", "on_track")  # at or ahead of the path
# Since the eleventh plan (2006—2010) the five-year plans end in years ending in 0 and 5.
_ELEVENTH_END = 2010
_CN_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Facts:
    """What the drafting reads: the plan's indicators in order, their judgements, leads and overdue tasks."""

    indicators: list[Indicator]
    by_id: dict[str, Assessment]
    year: int
    kind: ReportKind
    period: tuple[int, int]
    leads: dict[str, str] = field(default_factory=dict)
    overdue: dict[str, str] = field(default_factory=dict, repr=False)  # overdue task -> its lead

    def assessed(self, statuses: tuple[str, ...]) -> list[Assessment]:
        """The judgements with one of `statuses`, binding indicators first, then in the plan's order."""
        found = [self.by_id[i.id] for i in self.indicators if self.by_id[i.id].status in statuses]
        return sorted(found, key=lambda a: not self.binding(a))

    def binding(self, a: Assessment) -> bool:
        return self.indicator(a).attribute == BINDING

    def indicator(self, a: Assessment) -> Indicator:
        return next(i for i in self.indicators if i.id == a.indicator)


def plan_name(period: tuple[int, int], ahead: int = 0) -> str:
    """“十四五” for 2021—2025 (ahead=1: “十五五”); empty for a period that is no national five-year plan's."""
    start, end = period
    if end - start != 4 or (end - _ELEVENTH_END) % 5:
        return ""
    n = (end - _ELEVENTH_END) // 5 + 11 + ahead
    tens, units = divmod(n, 10)
    number = ("十" if tens == 1 else _CN_DIGITS[tens] + "十") + (_CN_DIGITS[units] if units else "")
    return f"“{number}五”"


def clause(a: Assessment) -> str:
    """The judgement's reason without its status word: 2021—2023年年均增长5.53%，目标年均增长6.5%…"""
    return a.explanation.split("：", 1)[-1].rstrip("。")


def _names(found: list[Assessment]) -> str:
    return "、".join(a.name for a in found)


def _with_lead(facts: Facts, a: Assessment) -> str:
    lead = facts.leads.get(a.indicator)
    return f"{a.name}（{lead}牵头）" if lead else a.name


def overall(facts: Facts) -> list[str]:
    """总体评价: the verdict, binding indicators, what is ahead, what is behind and why it matters."""
    start = facts.period[0]
    name = plan_name(facts.period)
    when = (
        f"{name}时期（{start}—{facts.year}年）"
        if facts.kind == "final" and name
        else f"规划实施以来（{start}—{facts.year}年）"
    )
    lines = [f"{when}，{_verdict(facts)}。"]
    binding = _binding_line(facts)
    if binding:
        lines.append(binding)
    ahead = _ahead_line(facts)
    if ahead:
        lines.append(ahead)
    behind = facts.assessed(BEHIND)
    if facts.kind == "final":
        missed = [a for a in facts.assessed(STATUSES) if a.met is False]
        if missed:
            lines.append(f"{_names(missed)}未实现规划目标，需在下一个规划期接续推进。")
    elif behind:
        gaps = [
            f"{a.name}（完成序时进度的{a.progress:.0%}）" if a.progress is not None else a.name
            for a in behind
        ]
        lines.append(f"{'、'.join(gaps)}进度滞后，如不加快推进，规划目标难以如期实现。")
    outlook = _outlook(facts)
    if outlook:
        lines.append(outlook)
    return lines


def _verdict(facts: Facts) -> str:
    judged = facts.assessed(tuple(s for s in STATUSES if s != "not_assessable"))
    if not judged:
        return "主要指标尚缺少可供评估的监测数据，暂无法作出总体判断"
    if facts.kind == "final":
        met = [a for a in judged if a.met]
        missed = [a for a in judged if a.met is False]
        if not missed:
            verdict = "规划确定的主要指标目标总体实现"
        elif len(met) >= 2 * len(missed):
            verdict = "规划确定的主要指标目标大部分实现"
        else:
            verdict = "规划确定的主要指标目标实现程度不高"
        return (
            f"{verdict}：可作出判断的{len(judged)}项指标中，{len(met)}项实现规划目标，{len(missed)}项未实现"
        )
    good = [a for a in judged if a.status in GOOD]
    share = len(good) / len(judged)
    if share >= 0.8:
        verdict = "主要指标总体进展顺利，基本达到序时进度要求"
    elif share >= 0.6:
        verdict = "主要指标总体符合预期，但部分指标进度滞后"
    else:
        verdict = "主要指标总体进度滞后于预期，规划目标实现面临较大压力"
    return f"{verdict}：可评估的{len(judged)}项指标中，{len(good)}项达到或快于序时进度"


def _binding_line(facts: Facts) -> str:
    binding = [facts.by_id[i.id] for i in facts.indicators if i.attribute == BINDING]
    if not binding:
        return ""
    warned = [a for a in binding if a.warning]
    open_ = [a for a in binding if a.status == "not_assessable"]
    judged = [a for a in binding if a.status != "not_assessable"]
    if warned:
        line = (
            f"{BINDING}指标中，{_names(warned)}进度滞后并触发预警，事关规划的刚性约束，须作为工作的重中之重"
        )
    elif judged:
        line = f"{BINDING}指标中，{_names(judged)}均达到序时进度要求，未触发预警"
    else:
        line = f"{len(binding)}项{BINDING}指标暂不能评估"
    if open_ and judged:
        line += f"；{_names(open_)}尚待录入上级下达的目标或监测数据后评估"
    elif open_:
        line += f"：{_names(open_)}尚待录入上级下达的目标或监测数据"
    return line + "。"


def _ahead_line(facts: Facts) -> str:
    achieved, ahead = facts.assessed(("achieved",)), facts.assessed(("ahead",))
    parts = []
    if achieved:
        parts.append(
            f"{_names(achieved)}已{'实现' if facts.kind == 'final' else STATUS_ZH['achieved']}规划目标"
        )
    if ahead and facts.kind != "final":
        parts.append(f"{_names(ahead)}快于序时进度")
    return "，".join(parts) + "。" if parts else ""


def _outlook(facts: Facts) -> str:
    """The outlook from the trend so far, where the judgements carry a projection (mid-term only)."""
    if facts.kind == "final":
        return ""
    found = [facts.by_id[i.id] for i in facts.indicators]
    likely = [a for a in found if a.likelihood == "likely" and a.status in BEHIND]
    unlikely = [a for a in found if a.likelihood == "unlikely"]
    parts = []
    if unlikely:
        parts.append(f"按近年趋势测算，{_names(unlikely)}到{facts.period[1]}年难以实现规划目标")
    if likely:
        parts.append(f"{_names(likely)}虽暂时滞后，按近年趋势有望如期实现目标")
    return "；".join(parts) + "。" if parts else ""


_MET_WORDS = ("实现规划目标", "未实现规划目标")


def _word(facts: Facts, a: Assessment) -> str:
    """The judgement in a word: the status, or at the end of the period whether the target was met."""
    if facts.kind == "final" and a.met is not None:
        return _MET_WORDS[0] if a.met else _MET_WORDS[1]
    return STATUS_ZH[a.status]


def category_text(facts: Facts, category: str, members: list[Indicator]) -> str:
    """The paragraph under a category's table rows: its count by status, then each indicator judged."""
    found = [facts.by_id[i.id] for i in members]
    counts = Counter(_word(facts, a) for a in found)
    tally = "、".join(
        f"{word}{counts[word]}项" for word in (*_MET_WORDS, *STATUS_ZH.values()) if counts[word]
    )
    lines = [f"{category}方面，{len(found)}项指标中{tally}。"]
    judged = [f"{a.name}{_word(facts, a)}，{clause(a)}" for a in found if a.status != "not_assessable"]
    if judged:
        lines.append("；".join(judged) + "。")
    open_ = [a for a in found if a.status == "not_assessable"]
    if open_:
        lines.append(f"{_names(open_)}暂{STATUS_ZH['not_assessable']}，需补充监测数据或明确目标。")
    return "".join(lines)


def problems(facts: Facts) -> list[str]:
    """存在的主要问题: each indicator behind, warned or missed, by how much, what it now needs, where the
    trend takes it, who leads it."""
    lines = []
    for a in facts.assessed(STATUSES):
        missed = facts.kind == "final" and a.met is False
        if not missed and a.status not in BEHIND and not a.warning:
            continue
        what = (
            "未实现规划目标" if missed else "进度滞后" if a.status in BEHIND else "按近年趋势难以实现规划目标"
        )
        weight = f"，作为{BINDING}指标已触发预警" if a.warning else ""
        lead = facts.leads.get(a.indicator)
        trend = "" if facts.kind == "final" else outlook_text(a, facts.indicator(a))
        trend = f"{trend}。" if trend and trend not in a.explanation else ""
        lines.append(
            f"{a.name}{what}{weight}。{clause(a)}。{trend}" + (f"该指标由{lead}牵头。" if lead else "")
        )
    open_ = facts.assessed(("not_assessable",))
    if open_:
        lines.append(
            f"统计监测基础有待加强。{_names(open_)}等{len(open_)}项指标缺少监测数据或尚未明确目标，"
            "无法判断进展，规划实施的监测评估仍有短板。"
        )
    if facts.overdue:
        leads = sorted({lead for lead in facts.overdue.values() if lead})
        lines.append(
            f"部分重点任务推进滞后。{'、'.join(facts.overdue)}逾期未完成"
            + (f"，涉及{'、'.join(leads)}" if leads else "")
            + "。"
        )
    return lines or [f"截至{facts.year}年，监测数据未显示进度明显滞后的指标和逾期未完成的任务。"]


def suggestions(facts: Facts) -> list[str]:
    """下一步工作建议 (mid-term) or the next plan's (final), each answering a problem found."""
    if facts.kind == "final":
        return _next_plan(facts)
    lines = []
    behind = facts.assessed(BEHIND)
    if behind:
        lines.append(
            "聚焦滞后指标精准发力。"
            + "、".join(_with_lead(facts, a) for a in behind)
            + "要对照实现规划目标今后每年需要达到的进度，分解年度目标，制定专项推进措施，按季度调度进展。"
        )
    warned = [a for a in behind if a.warning]
    binding_open = [a for a in facts.assessed(("not_assessable",)) if facts.binding(a)]
    if warned or binding_open:
        lines.append(
            f"严守{BINDING}指标底线。"
            + (f"对{_names(warned)}实行预警管理，逐年考核；" if warned else "")
            + (f"尽快取得上级下达的{_names(binding_open)}目标并纳入监测。" if binding_open else "")
        )
    lines += _monitoring(facts)
    if facts.overdue:
        lines.append(
            f"压实重点任务责任。督促{'、'.join(facts.overdue)}等逾期任务的牵头单位明确完成时限，限期推进到位。"
        )
    return lines or ["保持规划实施的良好态势，按年度开展监测，及时发现和解决苗头性问题。"]


def _monitoring(facts: Facts) -> list[str]:
    open_ = facts.assessed(("not_assessable",))
    if not open_:
        return []
    return [
        f"完善监测评估机制。明确{_names(open_)}的年度目标和数据来源，按年度更新监测数据，"
        "为规划实施评估提供完整依据。"
    ]


def _next_plan(facts: Facts) -> list[str]:
    judged = facts.assessed(STATUSES)
    missed = [a for a in judged if a.met is False]
    met = [a for a in judged if a.met]
    name, current = plan_name(facts.period, 1) or "下一个五年规划", plan_name(facts.period) or "本规划"
    lines = []
    if missed:
        lines.append(
            f"接续推进未实现的目标。将{_names(missed)}纳入{name}规划统筹考虑，"
            f"以{facts.period[1]}年实际完成值为基期值，分析未实现的原因，合理确定目标和推进路径。"
        )
    if met:
        lines.append(
            f"巩固已实现目标的成果。{_names(met)}已实现规划目标，{name}规划可在此基础上设置更高水平的目标，"
            "或转为监测指标。"
        )
    lines += _monitoring(facts)
    lines.append(
        f"做好规划衔接。本报告所附{current}规划主要指标完成情况表，可作为编制{name}规划基期值的依据。"
    )
    return lines
