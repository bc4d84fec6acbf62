"""What a report says, once, for every form it is written in (.docx, .xlsx, .html).

The annual monitoring report, the mid-term evaluation (中期评估) and the final
evaluation (总结评估) share one content: a title, a summary in the sentences an
office writes, the main table grouped by category, a paragraph for every
indicator behind its path, charts, and for the final year the completion table
laid out as plans print it (规划目标 against 完成情况). The two evaluations also
carry the analysis offices hand in (planwatch.report.evaluation): 总体评价, a
paragraph per category, 存在的主要问题 and 工作建议, drafted from the figures for
the office to finish. The writers only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel, Field

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.method import evaluate
from planwatch.evaluate.parents import Parent, delegate
from planwatch.evaluate.path import Chart, chart
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import FLOW
from planwatch.plan.model import Indicator, Observation, Project
from planwatch.plan.vocabulary import (
    BEHIND,
    BINDING,
    FALL_WORDS,
    GROWTH_WORDS,
    INCREASE_VERBS,
    PERCENT,
    REPORT_KIND_ZH,
    STATUS_ZH,
    STATUSES,
    TASK_STATUS_ZH,
    ReportKind,
    TaskStatus,
    change_unit,
    figure_text,
    growth_text,
    is_reduction_name,
    likelihood_label,
    per_year,
    target_text,
)
from planwatch.report.evaluation import Facts, category_text, overall, plan_name, problems, suggestions

# How a five-year total is printed before its figure: 累计降低14.1%.
CUMULATIVE = "累计"


class TableRow(BaseModel):
    """A row of the main table, as offices lay it out."""

    number: int
    indicator: str
    name: str
    unit: str
    attribute: str
    baseline: str
    target: str
    actual: float | None = Field(description="the year's figure as observed (当年)")
    average: float | None = Field(
        None,
        description="a growth target's average yearly growth over the years so far (年均), which it is judged on",
    )
    expected: float | None = Field(description="the value on the time-elapsed path")
    status: str
    status_zh: str
    required: str = Field(description="the growth or change the remaining years need, as printed")
    warning: bool
    projected: float | None = Field(None, description="预计: the target year's value from the trend so far")
    likelihood_zh: str = Field("", description="预计完成情况: whether the trend takes it to the target")


class Group(BaseModel):
    category: str
    rows: list[TableRow]
    text: str = Field("", description="the evaluation's paragraph on the category, drafted from the figures")


class Paragraph(BaseModel):
    """The paragraph for an indicator behind its path: where it stands, what it needs, the source."""

    name: str
    status_zh: str
    text: str


class CompletionRow(BaseModel):
    """The final evaluation of one indicator in the layout of a completion table (专栏1)."""

    number: int
    name: str
    unit: str
    category: str = ""
    attribute: str = ""
    target: str
    result: float | None
    target_growth: str
    result_growth: float | None
    result_change: str = Field(
        "", description="a cumulative target's change as the plan words it: 提高1.2岁, 累计降低14.13%"
    )
    met: bool | None
    status_zh: str


class ObservationRow(BaseModel):
    name: str
    year: int
    value: float
    source: str
    note: str


class TaskLine(BaseModel):
    """A task of the plan as the report lists it; `overdue` is decided by the caller, who knows the date."""

    number: int
    title: str
    chapter: str
    lead: str
    supporting: str = Field(description="the supporting departments, as printed (、-separated)")
    due: dt.date | None
    status: TaskStatus
    status_zh: str
    overdue: bool
    latest: str = Field(description="the latest progress report, as printed")


class ProjectLine(BaseModel):
    """A major project (重大工程/项目) of a box as the report lists it, with the task that reports its progress."""

    box: str
    name: str
    content: str
    investment: str
    period: str
    status_zh: str = Field("", description="the progress of the task reporting on it; empty where none is")
    latest: str = Field("", description="that task's latest progress report, as printed")


class Report(BaseModel):
    """Everything a report holds; the writers lay it out."""

    kind: ReportKind
    kind_zh: str
    title: str
    plan_title: str
    region: str
    period: tuple[int, int]
    year: int
    date: dt.date
    summary: list[str]
    counts: dict[str, int]
    groups: list[Group]
    behind: list[Paragraph]
    completion: list[CompletionRow] = Field(default_factory=list)
    observations: list[ObservationRow] = Field(default_factory=list)
    charts: dict[str, Chart] = Field(default_factory=dict, description="indicator id -> its path chart")
    illustrative: bool = False
    tasks: list[TaskLine] = Field(default_factory=list)
    projects: list[ProjectLine] = Field(default_factory=list, description="the boxes' projects, box by box")
    overall: list[str] = Field(
        default_factory=list, description="总体评价 (evaluations): a judgement in sentences"
    )
    problems: list[str] = Field(default_factory=list, description="存在的主要问题 (evaluations), drafted")
    suggestions: list[str] = Field(default_factory=list, description="工作建议 (evaluations), drafted")
    next_plan: str = Field(
        "", description="the next plan's name, “十五五”, where the period is a national plan's"
    )


def _required_text(a: Assessment, ind: Indicator) -> str:
    if a.required_annual_growth is None:
        return ""
    if a.required_unit == PERCENT:
        return f"{figure_text(a.required_annual_growth)}{PERCENT}"
    return f"{figure_text(a.required_annual_growth)}{per_year(change_unit(ind.unit or ''))}"


def build_report(
    indicators: list[Indicator],
    observations: list[Observation],
    year: int,
    kind: ReportKind,
    *,
    plan_title: str,
    region: str = "",
    settings: Settings | None = None,
    date: dt.date | None = None,
    illustrative: bool = False,
    tasks: list[TaskLine] | None = None,
    leads: dict[str, str] | None = None,
    projects: list[Project] | None = None,
    parent: Parent | None = None,
) -> Report:
    """The content of a report for `year`; `date` is the only input that may differ between two runs.

    `leads` names the department leading each indicator (indicator id -> 牵头单位), for the evaluations;
    `projects` are the plan's major projects (Plan.projects), reported on by the tasks named after them;
    `parent` is the plan of the region above, for the targets left to it and comparisons with it.
    """
    settings = settings or Settings()
    indicators = delegate(indicators, parent)
    observations = [o for o in observations if o.year <= year]  # a report speaks as of its year
    assessments = evaluate(indicators, observations, year, settings, parent=parent)
    by_id = {a.indicator: a for a in assessments}
    series: dict[str, dict[int, Observation]] = {}
    for o in observations:
        series.setdefault(o.indicator, {})[o.year] = o
    charts = {ind.id: chart(ind, series.get(ind.id, {}), settings) for ind in indicators}
    counts = Counter(a.status for a in assessments)
    report = Report(
        kind=kind,
        kind_zh=REPORT_KIND_ZH[kind],
        title=f"《{plan_title}》实施{'情况' if kind == 'annual' else ''}{REPORT_KIND_ZH[kind]}（{year}年）",
        plan_title=plan_title,
        region=region,
        period=_period(indicators, year),
        year=year,
        date=date or dt.date.today(),
        summary=_summary(indicators, assessments, year, kind, plan_title),
        counts={s: counts[s] for s in STATUSES},
        groups=_groups(indicators, by_id, series, charts, year),
        behind=[
            Paragraph(
                name=a.name, status_zh=STATUS_ZH[a.status], text=_behind_text(a, series.get(a.indicator, {}))
            )
            for a in assessments
            if a.status in BEHIND
        ],
        observations=_observation_rows(indicators, observations),
        charts=charts,
        illustrative=illustrative,
        tasks=tasks or [],
        projects=project_lines(projects or [], tasks or []),
    )
    if kind == "final":
        report.completion = _completion(indicators, by_id, series)
    if kind != "annual":
        _evaluate(report, indicators, by_id, leads or {})
    return report


def _evaluate(
    report: Report, indicators: list[Indicator], by_id: dict[str, Assessment], leads: dict[str, str]
) -> None:
    """The analysis of an evaluation: 总体评价, a paragraph per category, problems and suggestions."""
    overdue = {t.title: t.lead for t in report.tasks if t.overdue}
    facts = Facts(indicators, by_id, report.year, report.kind, report.period, leads, overdue)
    report.overall = overall(facts)
    members: dict[str, list[Indicator]] = {}
    for ind in indicators:
        members.setdefault(ind.category or "其他", []).append(ind)
    for group in report.groups:
        group.text = category_text(facts, group.category, members[group.category])
    report.problems = problems(facts)
    report.suggestions = suggestions(facts)
    report.next_plan = plan_name(report.period, 1)


def _period(indicators: list[Indicator], year: int) -> tuple[int, int]:
    """The years the report covers: from the year after the earliest base year to the last target year."""
    if not indicators:
        return year, year
    return min(i.base_year for i in indicators) + 1, max(i.target_year for i in indicators)


def _groups(
    indicators: list[Indicator],
    by_id: dict[str, Assessment],
    series: dict[str, dict[int, Observation]],
    charts: dict[str, Chart],
    year: int,
) -> list[Group]:
    """The main table's rows, grouped by category in the order the categories first appear."""
    groups: dict[str, list[TableRow]] = {}
    for k, ind in enumerate(indicators, start=1):
        a = by_id[ind.id]
        obs = series.get(ind.id, {}).get(year)
        groups.setdefault(ind.category or "其他", []).append(
            TableRow(
                number=k,
                indicator=ind.id,
                name=ind.name,
                unit=ind.unit or "",
                attribute=ind.attribute or "",
                baseline=ind.baseline_raw or growth_text(ind.baseline_growth_raw),
                target=target_text(ind.target_raw, ind.target_growth_raw),
                actual=obs.value if obs else None,
                average=a.actual if a.kind == "growth" else None,
                expected=_expected_level(ind, a, charts[ind.id], year),
                status=a.status,
                status_zh=STATUS_ZH[a.status],
                required=_required_text(a, ind),
                warning=a.warning,
                projected=a.projected,
                likelihood_zh=likelihood_label(a.likelihood) if a.likelihood else "",
            )
        )
    return [Group(category=c, rows=rows) for c, rows in groups.items()]


def _observation_rows(indicators: list[Indicator], observations: list[Observation]) -> list[ObservationRow]:
    """The figures the report rests on, indicator by indicator in the plan's order, then by year."""
    order: dict[str, int] = {}
    names: dict[str, str] = {}
    for k, ind in enumerate(indicators):
        order.setdefault(ind.id, k)
        names.setdefault(ind.id, ind.name)
    return [
        ObservationRow(
            name=names[o.indicator], year=o.year, value=o.value, source=o.source or "", note=o.note or ""
        )
        for o in sorted(
            (o for o in observations if o.indicator in order), key=lambda o: (order[o.indicator], o.year)
        )
    ]


def _expected_level(ind: Indicator, a: Assessment, drawn: Chart, year: int) -> float | None:
    """The path value on the scale of the year's figure: a change of a level ([1] 岁) is shown as the level."""
    if a.kind == "cumulative" and drawn.measure == "level" and ind.base_year <= year <= ind.target_year:
        return drawn.path[year - ind.base_year]
    return a.expected


def _names(assessments: list[Assessment], statuses: tuple[str, ...]) -> str:
    return "、".join(a.name for a in assessments if a.status in statuses)


def _summary(
    indicators: list[Indicator], assessments: list[Assessment], year: int, kind: ReportKind, plan: str
) -> list[str]:
    counts = Counter(a.status for a in assessments)
    when = {
        "annual": f"{year}年",
        "midterm": f"规划实施中期（截至{year}年）",
        "final": f"规划期末（{year}年）",
    }[kind]
    parts = [f"{STATUS_ZH[s]}{counts[s]}项" for s in STATUSES if s != "not_assessable" and counts[s]]
    lines = [
        f"{when}，《{plan}》确定的{len(assessments)}项主要指标中，"
        + ("，".join(parts) if parts else "暂无可评估的指标")
        + (
            f"，{counts['not_assessable']}项暂{STATUS_ZH['not_assessable']}"
            if counts["not_assessable"]
            else ""
        )
        + "。"
    ]
    achieved = _names(assessments, ("achieved",))
    if achieved:
        lines.append(f"已{STATUS_ZH['achieved']}规划目标的指标有：{achieved}。")
    behind = _names(assessments, BEHIND)
    if behind:
        lines.append(f"进度滞后的指标有：{behind}，需加大工作力度。")
    binding = [i for i in indicators if i.attribute == BINDING]
    if binding:
        warned = [a.name for a in assessments if a.warning]
        open_ = [
            a.name
            for a in assessments
            if a.status == "not_assessable" and any(i.id == a.indicator for i in binding)
        ]
        line = f"{len(binding)}项{BINDING}指标中，" + (
            f"{'、'.join(warned)}触发预警" if warned else "没有指标触发预警"
        )
        if open_:
            line += f"；{'、'.join(open_)}尚待录入上级下达的目标或监测数据后评估"
        lines.append(line + "。")
    return lines


def _behind_text(a: Assessment, own: dict[int, Observation]) -> str:
    sources = sorted({o.source for o in own.values() if o.source})
    source = f"（数据来源：{'、'.join(sources)}）" if sources else "（数据来源未注明）"
    return a.explanation + source


def _completion(
    indicators: list[Indicator], by_id: dict[str, Assessment], series: dict[str, dict[int, Observation]]
) -> list[CompletionRow]:
    rows = []
    for k, ind in enumerate(indicators, start=1):
        a = by_id[ind.id]
        own = series.get(ind.id, {})
        final = own.get(ind.target_year)
        growth = a.actual if a.kind == "growth" else _level_growth(ind, own)
        rows.append(
            CompletionRow(
                number=k,
                name=ind.name,
                unit=ind.unit or "",
                target=ind.target_raw,
                result=None if ind.rate else (final.value if final else None),
                target_growth=ind.target_growth_raw,
                result_growth=growth,
                result_change=_change_text(ind, a),
                met=a.met,
                status_zh=STATUS_ZH[a.status],
                category=ind.category or "其他",
                attribute=ind.attribute or "",
            )
        )
    return rows


def _change_text(ind: Indicator, a: Assessment) -> str:
    """A cumulative target's result in the plan's words: a level's change (人均预期寿命[1]: 提高1.2岁), a
    compounded rate (单位GDP能耗降低[13.5]: 累计降低14.13%) or a sum of yearly flows (累计5.2万人)."""
    if a.kind != "cumulative" or a.actual is None:
        return ""
    done = a.actual
    if ind.rate:
        verb = FALL_WORDS[0] if is_reduction_name(ind.name) else GROWTH_WORDS[0]
        return f"{CUMULATIVE}{verb}{figure_text(done)}{PERCENT}"
    unit = ind.unit or ""
    if FLOW.match(ind.name):
        return f"{CUMULATIVE}{figure_text(done)}{unit}"
    verb = INCREASE_VERBS[1] if done >= 0 else FALL_WORDS[0]
    return f"{verb}{figure_text(abs(done))}{unit}"


def _level_growth(ind: Indicator, own: dict[int, Observation]) -> float | None:
    """A level's average growth over the period, for the completion table's growth column."""
    base = own.get(ind.base_year)
    b = base.value if base else (ind.baseline.value if ind.baseline is not None else None)
    final = own.get(ind.target_year)
    if ind.rate or not b or b <= 0 or final is None or final.value <= 0 or not ind.target_growth_raw:
        return None
    return round(((final.value / b) ** (1 / (ind.target_year - ind.base_year)) - 1) * 100, 2)


def _task_counts(tasks: list[TaskLine]) -> str:
    counts = Counter(t.status for t in tasks)
    return "、".join(f"{zh}{counts[s]}项" for s, zh in TASK_STATUS_ZH.items() if counts[s])


def project_lines(projects: list[Project], tasks: list[TaskLine]) -> list[ProjectLine]:
    """The projects box by box (in the order the boxes first appear), each with the task whose title names it
    or that it names, which is where its progress is reported."""
    boxes: dict[str, list[Project]] = {}
    for p in projects:
        boxes.setdefault(p.box, []).append(p)
    lines = []
    for p in (p for group in boxes.values() for p in group):
        task = next((t for t in tasks if p.name in t.title or t.title in p.name), None)
        lines.append(
            ProjectLine(
                box=p.box,
                name=p.name,
                content=p.content,
                investment=p.investment or "",
                period=p.period or "",
                status_zh=task.status_zh if task else "",
                latest=task.latest if task else "",
            )
        )
    return lines


def project_summary(report: Report) -> list[str]:
    """The projects' sentences: how many each box lists, which report progress and which do not yet."""
    projects = report.projects
    if not projects:
        return []
    boxes = Counter(p.box for p in projects)
    lines = [
        f"规划专栏确定的重大工程（项目）共{len(projects)}项，其中"
        + "、".join(f"{box}中{n}项" for box, n in boxes.items())
        + "。"
    ]
    known = [f"{p.name}（{p.status_zh}）" for p in projects if p.status_zh]
    if known:
        lines.append(f"已报送推进情况的有{len(known)}项：{'、'.join(known)}。")
    unknown = [p.name for p in projects if not p.status_zh]
    if unknown:
        lines.append(
            f"{'、'.join(unknown)}等{len(unknown)}项尚未报送推进情况，"
            "需由牵头单位报送项目开工、投资完成和建设进度后补充。"
        )
    return lines


def task_summary(report: Report) -> list[str]:
    """The tasks section's sentences: the standing overall, by chapter and by lead, and who is overdue."""
    tasks = report.tasks
    if not tasks:
        return []
    lines = [f"《{report.plan_title}》确定的{len(tasks)}项重点任务中，{_task_counts(tasks)}。"]
    for field, fallback in (("chapter", "未分章"), ("lead", "未明确牵头单位")):
        grouped: dict[str, list[TaskLine]] = {}
        for t in tasks:
            grouped.setdefault(getattr(t, field) or fallback, []).append(t)
        lines += [f"{name}：共{len(group)}项，{_task_counts(group)}。" for name, group in grouped.items()]
    overdue = [f"{t.title}（{t.lead}）" if t.lead else t.title for t in tasks if t.overdue]
    if overdue:
        lines.append(f"逾期未完成的任务有：{'、'.join(overdue)}。")
    return lines
