"""The readable summary `planwatch ingest` prints: metadata, outline, tables, warnings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.tree import Tree

from planwatch.evaluate.explain import STATUS_EN
from planwatch.evaluate.model import STATUS_ZH, STATUSES, Assessment, Indicator
from planwatch.plan import OutlineNode, Plan, Table

STATUS_STYLE = {
    "achieved": "bold green",
    "ahead": "green",
    "on_track": "cyan",
    "lagging": "yellow",
    "severely_lagging": "bold red",
    "not_assessable": "dim",
}


def render(plan: Plan, console: Console) -> None:
    period = f"{plan.period.start}-{plan.period.end}" if plan.period else "?"
    console.print(f"[bold]{plan.title or '(no title found)'}[/bold]")
    console.print(
        f"地区 region: {plan.region or '?'}   时期 period: {period}   发布 published: {plan.published or '?'}"
    )
    console.print(f"来源 source: {plan.source} ({plan.format})")
    if plan.truncated:
        console.print(f"[yellow]文本不完整 truncated: missing {', '.join(plan.missing_chapters)}[/yellow]")
    tree = Tree("纲要 outline")
    for node in plan.outline:
        _add(tree, node)
    console.print(tree)
    for table in plan.tables:
        console.print(_table(table))
    if plan.warnings:
        console.print(f"[bold]提示 warnings ({len(plan.warnings)})[/bold]")
        for w in plan.warnings:
            where = f" [{w.where}]" if w.where else ""
            console.print(f"  - {w.code}{where}: {w.message}", markup=False)


def _add(parent: Tree, node: OutlineNode) -> None:
    page = f" p{node.page}" if node.page is not None else ""
    mark = "" if node.in_body or node.level in ("box", "table") else " [dim](not in body)[/dim]"
    size = f" [dim]{len(node.text)}字[/dim]" if node.text else ""
    branch = parent.add(f"{node.number} {node.title}{page}{mark}{size}")
    for child in node.children:
        _add(branch, child)


def _table(table: Table) -> Group:
    out = RichTable(title=table.caption, show_lines=False, title_justify="left")
    for name in ("序号", "指标", "单位", *table.cell_columns, "属性"):
        out.add_column(name, overflow="fold")
    uncertain = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = cell.raw or ""
            if cell.uncertain:
                text = f"[yellow]{text}?[/yellow]"
                uncertain.append(f"{row.name} / {cell.column}: {cell.raw!r}, also {cell.alternatives}")
            cells.append(text)
        cells += [""] * (len(table.cell_columns) - len(cells))
        name = f"  {row.name}" if row.parent else row.name
        out.add_row(row.number or "", name, row.unit or "", *cells, row.attribute or "")
    parts: list = [out]
    if uncertain:
        parts.append("[yellow]uncertain cells:[/yellow]")
        parts.extend(f"  ? {u}" for u in uncertain)
    parts.extend(f"注: {n}" for n in table.notes)
    return Group(*parts)


def render_assessments(
    indicators: list[Indicator], assessments: list[Assessment], console: Console, lang: str
) -> None:
    """One row per indicator, the status in colour, then how many are in each status."""
    names = STATUS_ZH if lang != "en" else STATUS_EN
    by_id = {i.id: i for i in indicators}
    year = assessments[0].year if assessments else ""
    out = RichTable(title=f"{year} 年度评估 assessment", title_justify="left")
    for column in ("指标", "单位", "属性", "目标", "序时进度值", "实际", "进度", "状态", "尚需年均"):
        out.add_column(column, overflow="fold")
    for a in assessments:
        ind = by_id[a.indicator]
        target = ind.target_raw or (f"年均{ind.target_growth_raw}" if ind.target_growth_raw else "")
        status = f"[{STATUS_STYLE[a.status]}]{names[a.status]}[/]" + (
            " [bold red]预警[/]" if a.warning else ""
        )
        required = (
            ""
            if a.required_annual_growth is None
            else f"{a.required_annual_growth:.2f}{a.required_unit or ''}"
        )
        out.add_row(
            a.name,
            ind.unit or "",
            ind.attribute or "",
            target,
            _figure(a.expected),
            _figure(a.actual),
            "" if a.progress is None else f"{a.progress:.0%}",
            status,
            required,
        )
    console.print(out)
    counts = [f"{names[s]} {sum(a.status == s for a in assessments)}" for s in STATUSES]
    warnings = sum(a.warning for a in assessments)
    console.print(
        ("合计 " if lang != "en" else "total ")
        + f"{len(assessments)}: "
        + ", ".join(counts)
        + f"; 预警 {warnings}"
    )


def _figure(x: float | None) -> str:
    return "" if x is None else f"{x:,.2f}".rstrip("0").rstrip(".")
