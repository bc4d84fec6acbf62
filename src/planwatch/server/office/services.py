"""What the office does to a plan: read an upload as reviewed, correct a cell, change the evaluation settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.spreadsheets import read_indicators
from planwatch.ingest import quality
from planwatch.ingest.blocks import TableBlock
from planwatch.ingest.pipeline import read_plan
from planwatch.ingest.readers import read_document
from planwatch.ingest.table_rows import clean
from planwatch.plan import model as doc
from planwatch.plan.cells import read_cell
from planwatch.plan.model import Indicator as LibraryIndicator
from planwatch.server.office.models import CellCorrection
from planwatch.server.plans.models import Indicator, Plan
from planwatch.server.plans.services import audit

_INDICATOR_FIELDS = ("baseline", "baseline_growth", "target", "target_growth")
PREVIEW_LINES = 8  # lines of a table shown where the office assigns its columns' roles


@transaction.atomic
def correct_cell(plan: Plan, table: int, row: int, cell: int, text: str, user) -> CellCorrection:
    """Put a cell right; the reading is updated, the earlier text kept, and the plan's indicators follow."""
    reading = doc.Plan.model_validate(plan.reading)
    try:
        target = reading.tables[table].rows[row].cells[cell]
    except IndexError:
        raise ValueError(f"no cell {table}/{row}/{cell} in this plan") from None
    before = target.raw
    target.printed = target.printed or before
    target.raw = text.strip()
    target.reading = read_cell(target.raw)
    target.uncertain = target.reading.uncertain
    target.alternatives = []
    plan.reading = reading.model_dump(mode="json")
    plan.save(update_fields=["reading"])
    correction = CellCorrection.objects.create(
        plan=plan, table=table, row=row, cell=cell, before=before, after=target.raw, by=user
    )
    _follow_indicators(plan, reading)
    audit(user, "correct", plan, f"更正 {reading.tables[table].rows[row].name}：{before} → {target.raw}",
          {"cell": before}, {"cell": target.raw})  # fmt: skip
    return correction


def _follow_indicators(plan: Plan, reading: doc.Plan) -> None:
    """Indicators read from the corrected table take the corrected baselines and targets."""
    stored = {i.key: i for i in plan.indicators.all()}
    for ind in indicators_from_plan(reading):
        row = stored.get(ind.id)
        if row is None:
            continue
        fresh = Indicator.from_library(plan, ind, row.position)
        changed = [f for f in _INDICATOR_FIELDS if getattr(row, f) != getattr(fresh, f)]
        for f in changed:
            setattr(row, f, getattr(fresh, f))
        if changed:
            row.save(update_fields=changed)


def save_settings(plan: Plan, settings: Settings, user) -> None:
    before = plan.evaluation_settings
    plan.evaluation_settings = settings.model_dump(exclude_defaults=True)
    plan.save(update_fields=["evaluation_settings"])
    audit(user, "settings", plan, f"修改评估参数 {plan.title}", before, plan.evaluation_settings)


# An upload under review --------------------------------------------------------------------------------


@dataclass
class Upload:
    """An upload as reviewed: the plan as read, and the first lines of each of the document's real tables."""

    reading: doc.Plan
    grids: list[list[list[str]]] = field(default_factory=list)


def read_upload(folder: Path, pending: dict) -> Upload:
    """The plan as the office has reviewed it so far: the document read afresh with the column roles the office
    assigned, and the indicator spreadsheet it uploaded standing for the plan's own table. Nothing is stored."""
    document = read_document(folder / pending["path"])
    grids = [_grid(b) for b in document.blocks if isinstance(b, TableBlock)]
    roles = {int(k): list(v) for k, v in pending.get("roles", {}).items()}
    reading = read_plan(document, table_roles=roles or None)
    sheet = pending.get("sheet")
    if sheet:
        indicators = read_indicators(folder / sheet["path"], sheet.get("base_year"), sheet.get("target_year"))
        use_indicator_table(reading, sheet_table(indicators, sheet["name"]))
    return Upload(reading, grids)


def _grid(block: TableBlock, lines: int = PREVIEW_LINES) -> list[list[str]]:
    """A table's first lines on its full grid, each merged cell's text where it starts only."""
    return [
        [clean(p.cell.text) if (p.row, p.col) == (r, c) else "" for c, p in enumerate(line)]
        for r, line in enumerate(block.places()[:lines])
    ]


def sheet_table(indicators: list[LibraryIndicator], name: str) -> doc.Table:
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
            doc.Cell(raw=raw, column=column, reading=read_cell(raw))
            for raw, column in zip(
                (ind.baseline_raw, ind.baseline_growth_raw, ind.target_raw, ind.target_growth_raw),
                cell_columns,
                strict=True,
            )
        ]
        number = ind.id if ind.id != ind.name else None
        rows.append(
            doc.Row(
                number=number,
                name=ind.name,
                unit=ind.unit,
                category=ind.category,
                attribute=ind.attribute,
                cells=cells,
            )
        )
    return doc.Table(
        caption=f"主要指标（上传的指标表 {name}）",
        columns=["序号", "指标", "单位", *cell_columns, "属性"],
        cell_columns=cell_columns,
        groups=list(dict.fromkeys(i.category for i in indicators if i.category)),
        rows=rows,
        notes=[f"由规划管理部门上传的指标表 {name} 代替文档中的指标表。"],
    )


def use_indicator_table(reading: doc.Plan, table: doc.Table) -> None:
    """Put `table` first, where the evaluation looks for the indicator table, and check the reading again."""
    reading.tables.insert(0, table)
    stack = list(reading.outline)
    while stack:
        node = stack.pop()
        if node.table is not None:
            node.table += 1
        stack.extend(node.children)
    quality.check(reading, table_given=True)
