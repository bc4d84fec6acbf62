"""The readable summary `planwatch ingest` prints: metadata, outline, tables, confidence and warnings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table as RichTable
from rich.tree import Tree

from planwatch.evaluate.assessment import Assessment
from planwatch.ingest.quality import LEVEL_LABELS, confidence_level
from planwatch.plan.model import Indicator, OutlineNode, Plan, Table
from planwatch.plan.vocabulary import ATTRIBUTE_EN, STATUS_COLOURS, STATUSES, figure_text, status_label

_LABELS = {
    "zh": {
        "no_title": "（未读出标题）",
        "region": "地区",
        "period": "规划期",
        "published": "印发",
        "source": "来源",
        "truncated": "文本不完整，正文缺少：",
        "outline": "纲要目录",
        "not_in_body": "正文未见",
        "chars": "字",
        "confidence": "读取可信度",
        "warnings": "读取提示",
        "uncertain": "读取不确定的单元格：",
        "also": "也可能是",
        "note": "注",
        "columns": ("序号", "指标", "单位"),
        "attribute": "属性",
        "assessed": "{}年度评估",
        "assessment_columns": "指标|单位|属性|目标|序时进度值|实际|进度|状态|尚需年均",
        "alert": "预警",
        "total": "合计",
    },
    "en": {
        "no_title": "(no title found)",
        "region": "Region",
        "period": "Period",
        "published": "Published",
        "source": "Source",
        "truncated": "Text incomplete; the body lacks: ",
        "outline": "Outline",
        "not_in_body": "not in body",
        "chars": " chars",
        "confidence": "Reading confidence",
        "warnings": "Warnings",
        "uncertain": "Cells read with uncertainty:",
        "also": "may also be",
        "note": "Note",
        "columns": ("No.", "Indicator", "Unit"),
        "attribute": "Attribute",
        "assessed": "Assessment {}",
        "assessment_columns": "Indicator|Unit|Attribute|Target|Expected|Actual|Progress|Status|Yearly needed",
        "alert": "warning",
        "total": "total",
    },
}
_LEVEL_STYLE = {"high": "green", "medium": "yellow", "low": "bold red"}


def render(plan: Plan, console: Console, lang: str = "zh") -> None:
    """What was read, how sure the reading is, and every warning, in Chinese or English."""
    words = _LABELS["en" if lang == "en" else "zh"]
    period = f"{plan.period.start}-{plan.period.end}" if plan.period else "?"
    console.print(f"[bold]{escape(plan.title or words['no_title'])}[/bold]")
    console.print(
        f"{words['region']}: {plan.region or '?'}   {words['period']}: {period}   "
        f"{words['published']}: {plan.published or '?'}",
        markup=False,
    )
    console.print(f"{words['source']}: {plan.source} ({plan.format})", markup=False)
    if plan.truncated:
        sep = "、" if lang != "en" else ", "
        console.print(f"[yellow]{words['truncated']}{sep.join(plan.missing_chapters)}[/yellow]")
    tree = Tree(words["outline"])
    for node in plan.outline:
        _add(tree, node, words)
    console.print(tree)
    for table in plan.tables:
        console.print(_table(table, words, lang))
    _confidence(plan, console, lang, words)
    if plan.warnings:
        console.print(f"[bold]{words['warnings']} ({len(plan.warnings)})[/bold]")
        for w in plan.warnings:
            text = w.text(lang)
            # A warning names its place in its sentence; older ones said it beside.
            where = f"[{w.where}] " if w.where and w.where not in w.message else ""
            console.print(f"  - {where}{text}", markup=False)


def _confidence(plan: Plan, console: Console, lang: str, words: dict[str, str]) -> None:
    level = confidence_level(plan.confidence)
    if level is None:
        return
    name = LEVEL_LABELS[level][1 if lang == "en" else 0]
    bar = "█" * round(plan.confidence * 20) + "░" * (20 - round(plan.confidence * 20))
    console.print(
        f"[bold]{words['confidence']}: [{_LEVEL_STYLE[level]}]{name}[/] ({plan.confidence:.2f})[/bold] {bar}"
    )


def _add(parent: Tree, node: OutlineNode, words: dict[str, str]) -> None:
    page = f" p{node.page}" if node.page is not None else ""
    mark = "" if node.in_body or node.level in ("box", "table") else f" [dim]({words['not_in_body']})[/dim]"
    size = f" [dim]{len(node.text)}{words['chars']}[/dim]" if node.text else ""
    branch = parent.add(f"{escape(node.number)} {escape(node.title)}{page}{mark}{size}")
    for child in node.children:
        _add(branch, child, words)


def _table(table: Table, words: dict, lang: str) -> Group:
    out = RichTable(title=escape(table.caption), show_lines=False, title_justify="left")
    for name in (*words["columns"], *table.cell_columns, words["attribute"]):
        out.add_column(escape(name), overflow="fold")
    uncertain = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = escape(cell.raw or "")
            if cell.uncertain:
                text = f"[yellow]{text}?[/yellow]"
                others = " / ".join(f"“{a}”" for a in cell.alternatives)
                also = f" ({words['also']} {others})" if others else ""
                uncertain.append(escape(f"{row.name} › {cell.column}: “{cell.raw}”{also}"))
            cells.append(text)
        cells += [""] * (len(table.cell_columns) - len(cells))
        name = escape(f"  {row.name}" if row.parent else row.name)
        out.add_row(
            escape(row.number or ""), name, escape(row.unit or ""), *cells, _attribute(row.attribute, lang)
        )
    parts: list = [out]
    if uncertain:
        parts.append(f"[yellow]{words['uncertain']}[/yellow]")
        parts.extend(f"  ? {u}" for u in uncertain)
    parts.extend(escape(f"{words['note']}: {n}") for n in table.notes)
    return Group(*parts)


def _attribute(attribute: str | None, lang: str) -> str:
    """预期性 or 约束性, in English where the language is."""
    return (ATTRIBUTE_EN.get(attribute, attribute) if lang == "en" else attribute) if attribute else ""


def render_assessments(
    indicators: list[Indicator], assessments: list[Assessment], console: Console, lang: str
) -> None:
    """One row per indicator, the status in colour, then how many are in each status."""
    words = _LABELS["en" if lang == "en" else "zh"]
    by_id = {i.id: i for i in indicators}
    year = assessments[0].year if assessments else ""
    out = RichTable(title=words["assessed"].format(year), title_justify="left")
    for column in words["assessment_columns"].split("|"):
        out.add_column(column, overflow="fold")
    for a in assessments:
        ind = by_id[a.indicator]
        target = ind.target_raw or (f"年均{ind.target_growth_raw}" if ind.target_growth_raw else "")
        status = f"[{STATUS_COLOURS[a.status]}]{status_label(a.status, lang)}[/]" + (
            f" [bold red]{words['alert']}[/]" if a.warning else ""
        )
        required = (
            ""
            if a.required_annual_growth is None
            else f"{a.required_annual_growth:.2f}{a.required_unit or ''}"
        )
        out.add_row(
            a.name,
            ind.unit or "",
            _attribute(ind.attribute, lang),
            target,
            figure_text(a.expected),
            figure_text(a.actual),
            "" if a.progress is None else f"{a.progress:.0%}",
            status,
            required,
        )
    console.print(out)
    counts = [f"{status_label(s, lang)} {sum(a.status == s for a in assessments)}" for s in STATUSES]
    warnings = sum(a.warning for a in assessments)
    console.print(f"{words['total']} {len(assessments)}: {', '.join(counts)}; {words['alert']} {warnings}")
