"""A plan upload under review: the document read as the office has reviewed it so far (the column roles it
assigned, the indicator spreadsheet it put in place of the plan's table), and the review page's ways on when a
table is read wrong: each of the document's tables with a role to choose for each of its columns, open where
the reading doubts that table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from planwatch.evaluate.from_plan import indicator_table
from planwatch.ingest import quality
from planwatch.ingest.blocks import TableBlock
from planwatch.ingest.pipeline import read_plan
from planwatch.ingest.quality import table_place
from planwatch.ingest.readers import read_document
from planwatch.ingest.spreadsheets import read_indicators
from planwatch.ingest.table_roles import ROLE_LABELS, ROLE_LABELS_EN
from planwatch.ingest.table_rows import clean
from planwatch.plan import model as plan_model
from planwatch.plan.cells import read_cell
from planwatch.server.plans.forms import ColumnRolesForm
from planwatch.server.plans.models import Plan
from planwatch.server.translations import page_lang
from planwatch.server.uploads import Pending

PREVIEW_LINES = 8  # lines of a table shown where the office assigns its columns' roles


@dataclass
class Upload:
    """An upload as reviewed: the plan as read, and the first lines of each of the document's real tables."""

    reading: plan_model.Plan
    grids: list[list[list[str]]] = field(default_factory=list)


def read_upload(pending: Pending) -> Upload:
    """The plan as the office has reviewed it so far: the document read afresh with the column roles the office
    assigned, and the indicator spreadsheet it uploaded standing for the plan's own table. Nothing is stored."""
    document = read_document(pending.file)
    grids = [_grid(b) for b in document.blocks if isinstance(b, TableBlock)]
    roles = assigned_roles(pending)
    reading = read_plan(document, table_roles=roles or None)
    sheet = pending.entry.get("sheet")
    if sheet:
        indicators = read_indicators(
            pending.folder / sheet["file"], sheet.get("base_year"), sheet.get("target_year")
        )
        use_indicator_table(reading, sheet_table(indicators, sheet["name"]))
    return Upload(reading, grids)


def assigned_roles(pending: Pending) -> dict[int, list[str]]:
    """The column roles the office chose, by the table's place among the document's tables."""
    return {int(k): list(v) for k, v in pending.entry.get("roles", {}).items()}


def _grid(block: TableBlock, lines: int = PREVIEW_LINES) -> list[list[str]]:
    """A table's first lines on its full grid, each merged cell's text where it starts only."""
    return [
        [clean(p.cell.text) if (p.row, p.col) == (r, c) else "" for c, p in enumerate(line)]
        for r, line in enumerate(block.places()[:lines])
    ]


def sheet_table(indicators: list[plan_model.Indicator], name: str) -> plan_model.Table:
    """An indicator spreadsheet as a plan table, with headers the evaluation reads as baseline and target."""
    base = Counter(i.base_year for i in indicators).most_common(1)
    target = Counter(i.target_year for i in indicators).most_common(1)
    base_year, target_year = (base[0][0] if base else ""), (target[0][0] if target else "")
    cell_columns = [
        f"{base_year}年/绝对值",
        f"{base_year}年/年均增长(%)",
        f"{target_year}年目标/绝对值",
        f"{target_year}年目标/年均增长(%)",
    ]
    rows = []
    for ind in indicators:
        cells = [
            plan_model.Cell(raw=raw, column=column, reading=read_cell(raw))
            for raw, column in zip(
                (ind.baseline_raw, ind.baseline_growth_raw, ind.target_raw, ind.target_growth_raw),
                cell_columns,
                strict=True,
            )
        ]
        number = ind.id if ind.id != ind.name else None
        rows.append(
            plan_model.Row(
                number=number,
                name=ind.name,
                unit=ind.unit,
                category=ind.category,
                attribute=ind.attribute,
                cells=cells,
            )
        )
    return plan_model.Table(
        caption=f"主要指标（上传的指标表 {name}）",
        columns=["序号", "指标", "单位", *cell_columns, "属性"],
        cell_columns=cell_columns,
        groups=list(dict.fromkeys(i.category for i in indicators if i.category)),
        rows=rows,
        notes=[f"由规划管理部门上传的指标表 {name} 代替文档中的指标表。"],
    )


def use_indicator_table(reading: plan_model.Plan, table: plan_model.Table) -> None:
    """Put `table` first, where the evaluation looks for the indicator table, and check the reading again."""
    reading.tables.insert(0, table)
    stack = list(reading.outline)
    while stack:
        node = stack.pop()
        if node.table is not None:
            node.table += 1
        stack.extend(node.children)
    quality.check(reading, table_given=True)


@dataclass
class RoleTable:
    """One of the document's tables as the role form shows it: its first lines under a select per column."""

    index: int  # the table's place among the document's tables, which the roles are given by
    caption: str
    grid: list[list[str]]
    form: ColumnRolesForm
    assigned: bool  # read with the roles the office chose
    open: bool


def role_labels() -> dict[str, str]:
    return ROLE_LABELS_EN if page_lang() == "en" else ROLE_LABELS


def role_form(data=None, *, index: int, width: int, roles: list[str] | None = None) -> ColumnRolesForm:
    return ColumnRolesForm(
        data,
        width=width,
        labels=role_labels(),
        roles=roles,
        initial={"table": index},
        auto_id=f"roles-{index}-%s",
    )


def role_tables(
    upload: Upload, assigned: dict[int, list[str]], posted: ColumnRolesForm | None
) -> list[RoleTable]:
    """The tables the office may assign roles to: those read as tables, and those it assigned roles to already."""
    reading = upload.reading
    lang = page_lang()
    read = {t.block: (k, t) for k, t in enumerate(reading.tables) if t.block is not None}
    doubted = {w.where for w in reading.warnings if w.where}
    missing = indicator_table(reading) is None
    views = []
    for index in sorted(set(read) | set(assigned)):
        grid = upload.grids[index] if index < len(upload.grids) else []
        width = len(grid[0]) if grid else 0
        if width < 2:
            continue
        k, table = read.get(index, (index, None))
        caption = table_place(table, k, lang) if table else _("第%(n)s个表格") % {"n": index + 1}
        if posted is not None and posted.data.get("table") == str(index):
            form = posted
        else:
            form = role_form(
                index=index, width=width, roles=assigned.get(index) or (table.roles if table else None)
            )
        opened = index in assigned or form.is_bound or _doubted(table, k, doubted) or (missing and width >= 4)
        views.append(RoleTable(index, caption, grid, form, index in assigned, opened))
    return views


def _doubted(table: plan_model.Table | None, k: int, places: set[str]) -> bool:
    return table is not None and table_place(table, k) in places


def same_plans(reading: plan_model.Plan) -> list[Plan]:
    """Plans already stored with the title and period of the one under review: the same outline uploaded twice
    would be two plans a clerk cannot tell apart."""
    if not reading.title:
        return []
    stored = Plan.objects.filter(title=reading.title).order_by("created_at")
    if reading.period is not None:
        stored = stored.filter(period_start=reading.period.start, period_end=reading.period.end)
    return list(stored)


def same_plan_notice(plan: Plan) -> SafeString:
    """The notice naming a plan already stored under the same title and period, with a link to it; storing
    the upload all the same is left to the office."""
    text = _(
        "已保存过同名、同规划期的规划：{title}（来源文件 {source}，{day}保存）。"
        "如是同一文件重复上传，不必再次确认保存。"
    )
    link = format_html('<a href="{}">{}</a>', reverse("reports:dashboard", args=[plan.pk]), plan.title)
    day = date_format(localdate(plan.created_at), "Y-m-d")
    return format_html(text, title=link, source=plan.source_name or "—", day=day)
