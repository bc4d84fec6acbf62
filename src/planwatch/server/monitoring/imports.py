"""Importing a departments' workbook of figures in two steps (see server.uploads): every row read and checked
for the preview, then all of them stored or none.

Rows the file gets right may still be refused: a year outside the indicator's
period, an indicator the user's department does not lead, or a figure that cannot
be (a share below −100 %). A doubtful figure (a share over 100 %, ten times the
year before) is listed and stored only when the person confirms it is right. All
is checked again on confirmation, since figures and rights may have changed in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.errors import InputError
from planwatch.evaluate.plausibility import question
from planwatch.ingest.spreadsheets import read_observation_rows
from planwatch.plan import model as plan_model
from planwatch.plan.vocabulary import vintage_label
from planwatch.server.accounts.access import may_change
from planwatch.server.accounts.services import audit
from planwatch.server.monitoring.forms import ImportForm
from planwatch.server.monitoring.models import Observation
from planwatch.server.monitoring.services import provisional, store_observations
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.translations import page_lang
from planwatch.server.uploads import Problem, Workbook


@dataclass
class Row:
    """One figure the import will store, beside the one it revises."""

    indicator: Indicator
    year: int
    value: float
    source: str
    current: Observation | None
    read: plan_model.Observation
    number: int  # as Excel numbers the row
    label: str  # the indicator and the year

    @property
    def vintage_text(self) -> str:
        """The vintage the row states, in the page's language."""
        return vintage_label(self.read.vintage, page_lang()) if self.read.vintage else ""


@dataclass
class Check:
    """What a preview shows: the rows to store, or, when there is any problem, the reasons nothing will be."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    questioned: list[Problem] = field(default_factory=list)  # doubtful figures, stored only when confirmed
    awaiting_review: bool = False  # stored as a department's figures, provisional until the office approves

    @property
    def ready(self) -> bool:
        return not self.problems


def read(plan: Plan, path: Path, name: str) -> dict:
    """The file's rows as read, each with its number as Excel shows it, and the rows it gets wrong (why, in the
    page's language)."""
    lang = page_lang()
    try:
        numbered, bad = read_observation_rows(path, [i.to_library() for i in plan.indicators.all()])
    except InputError as error:
        said = _("%(where)s：%(reason)s") % {"where": error.place(lang), "reason": error.text(lang)}
        return {"error": said.replace(str(path), name)}
    refused = [[b.row, b.text(lang), b.indicator, b.year] for b in bad]
    return {"rows": [[n, o.model_dump(mode="json")] for n, o in numbered], "bad": refused}


def _named(name: str, year: int | None) -> str:
    """The indicator and the year a refused row names, as far as they could be read."""
    if name and year is not None:
        return _("%(name)s %(year)s年") % {"name": name, "year": year}
    return name or (_("%(year)s年") % {"year": year} if year is not None else "")


def check(plan: Plan, parsed: dict, user) -> Check:
    """Every row read as it would be stored, or every reason it cannot be, row by row."""
    if "error" in parsed:
        return Check(problems=[Problem(parsed["error"])])
    indicators = {i.key: i for i in plan.indicators.select_related("lead")}
    current = {
        (o.indicator_id, o.year): o for o in Observation.objects.filter(indicator__plan=plan).current()
    }
    result = Check(
        problems=[
            Problem(message, row=number, label=_named(name, year))
            for number, message, name, year in parsed["bad"]
        ]
    )
    for number, row in parsed["rows"]:
        read = plan_model.Observation.model_validate(row)
        indicator = indicators[read.indicator]
        label = _("%(name)s %(year)s年") % {"name": indicator.name, "year": read.year}
        if not indicator.base_year < read.year <= indicator.target_year:
            message = _("年份不在规划期（%(first)s—%(last)s年）内") % {
                "first": indicator.base_year + 1,
                "last": indicator.target_year,
            }
            result.problems.append(Problem(message, row=number, label=label))
        elif not may_change(user, indicator):
            message = _("您所在的部门不是该指标的牵头单位，无权导入")
            result.problems.append(Problem(message, row=number, label=label))
        elif older := _older(read, current.get((indicator.pk, read.year))):
            result.problems.append(Problem(older, row=number, label=label))
        else:
            figure = current.get((indicator.pk, read.year))
            result.rows.append(
                Row(indicator, read.year, read.value, read.source or "", figure, read, number, label)
            )
    _question(result, current)
    if not parsed["rows"] and not parsed["bad"]:
        result.problems.append(Problem(_("文件中没有填写数值的行")))
    result.problems.sort(key=lambda problem: problem.row or 0)
    return result


def _question(result: Check, current: dict[tuple[int, int], Observation]) -> None:
    """Question every row's figure against the figures in force and the file's own rows of earlier years: one
    that cannot be is a problem, a doubtful one waits for the confirmation."""
    figures: dict[int, dict[int, float]] = {}
    for (indicator, year), standing in current.items():
        figures.setdefault(indicator, {})[year] = standing.value
    for row in result.rows:
        figures.setdefault(row.indicator.pk, {})[row.year] = row.value
    indicators = {row.indicator.pk: row.indicator for row in result.rows}
    library = {pk: indicator.to_library() for pk, indicator in indicators.items()}
    lang = page_lang()
    for row in result.rows:
        doubt = question(library[row.indicator.pk], row.year, row.value, figures[row.indicator.pk], lang)
        if doubt is not None:
            found = Problem(_("%(question)s。") % {"question": doubt.text}, row=row.number, label=row.label)
            (result.problems if doubt.impossible else result.questioned).append(found)


def _older(read: plan_model.Observation, standing: Observation | None) -> str:
    """Why a figure published before the one in force may not replace it (it would bring back an earlier
    vintage); empty when it may."""
    if read.published is None or standing is None or standing.published_on is None:
        return ""
    if read.published >= standing.published_on:
        return ""
    return _("发布日期 %(day)s 早于现行数值的发布日期 %(standing)s，较早公布的数据不能替换较晚公布的数据") % {
        "day": read.published.isoformat(),
        "standing": standing.published_on.isoformat(),
    }


def store(plan: Plan, parsed: dict, name: str, user, confirmed: bool = False) -> Check:
    """Check the rows read again and, when every one is good and every doubtful figure `confirmed`, store them
    all in one transaction."""
    with transaction.atomic():
        result = check(plan, parsed, user)
        if not confirmed:
            unconfirmed = _("%(question)s确认导入时没有勾选“数值无误，确认保存”。")
            result.problems += [
                Problem(unconfirmed % {"question": q.message}, row=q.row, label=q.label)
                for q in result.questioned
            ]
            result.problems.sort(key=lambda problem: problem.row or 0)
        if result.problems:
            return result
        stored = store_observations(plan, [r.read for r in result.rows], user)
        result.awaiting_review = provisional(user)
        audit(user, "import", plan, f"导入监测值文件 {name}（{len(stored)} 行）",
              after={"file": name, "rows": len(stored)})  # fmt: skip
    return result


def _done(result: Check, name: str) -> str:
    done = _("已导入 %(count)s 条监测值（%(name)s）。") % {"count": len(result.rows), "name": name}
    if result.awaiting_review:
        done += _("这些数值待规划办审核通过后才计入评估和报告。")
    return done


WORKBOOK = Workbook(
    app="monitoring",
    section=gettext_lazy("监测数据"),
    title=gettext_lazy("导入监测值"),
    hint=gettext_lazy(
        "上传填好的 Excel 或 CSV 文件：先逐行显示将要保存的数值，确认后才导入；有任何一行有误，就一行也不导入。"
    ),
    download="monitoring:template",
    download_label=gettext_lazy("下载 Excel 填报模板"),
    rows_template="monitoring/_preview_rows.html",
    problem_label=gettext_lazy("指标和年份"),
    form=ImportForm,
    questions=True,
    read=read,
    check=check,
    store=store,
    done=_done,
)
