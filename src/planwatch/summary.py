"""The readable summary `planwatch ingest` prints: metadata, outline, tables, warnings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.tree import Tree

from planwatch.plan import OutlineNode, Plan, Table


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
