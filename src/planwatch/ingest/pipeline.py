"""From a document's blocks to a Plan: outline, tables, metadata, warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planwatch.ingest import flattened, grid_tables, metadata, outline
from planwatch.ingest.blocks import Document
from planwatch.ingest.readers import read_document
from planwatch.ingest.stream import TABLE_MARK, Stream, build
from planwatch.ingest.tasks import read_tasks
from planwatch.plan import OutlineNode, Plan, Table, Warning

_CAPTION_PARAGRAPH = re.compile(
    r"^\s*((?:专栏|表)\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}))\s*[:：]?\s*(.{0,60})$"
)


def ingest(path: Path | str) -> Plan:
    """Read a plan document (.txt, .docx, .html, .pdf) into a Plan."""
    return read_plan(read_document(Path(path)))


@dataclass
class _Event:
    """Something found at a place in the stream: a heading or a table."""

    start: int
    end: int
    node: OutlineNode
    depth: int


def read_plan(document: Document) -> Plan:
    stream = build(document)
    text = stream.text
    plan = Plan(source=document.source, format=document.format)
    plan.title, plan.region, plan.period, plan.published = metadata.read_metadata(text)
    contents, warnings = outline.read_contents(text)
    plan.warnings.extend(warnings)
    if contents:
        outline.find_in_body(text, contents)
        headings = contents.entries
        body_start = contents.end
    else:
        headings, warnings = outline.headings_without_contents(stream)
        plan.warnings.extend(warnings)
        body_start = 0
    nodes, events = _outline_nodes(headings)
    plan.outline = nodes
    stops = sorted(e.start for e in events)
    for found in flattened.find_tables(text, stops):
        if found.start < body_start:
            continue
        plan.warnings.extend(found.warnings)
        events.append(_table_event(plan, found.table, found.start, found.end))
    events.extend(_real_tables(plan, stream))
    events.sort(key=lambda e: (e.start, e.depth))
    _place_boxes(plan, events)
    _fill_text(plan, stream, events, body_start)
    _report_missing(plan, headings, contents is not None)
    plan.warnings.extend(
        Warning(code="repaired", message=f"repaired {n}× {what}")
        for what, n in sorted(stream.repairs.items())
    )
    read_tasks(plan)
    return plan


def _outline_nodes(headings: list[outline.Heading]) -> tuple[list[OutlineNode], list[_Event]]:
    roots: list[OutlineNode] = []
    stack: list[tuple[int, OutlineNode]] = []
    events: list[_Event] = []
    for h in headings:
        node = OutlineNode(level=h.level, number=h.number, title=h.title, page=h.page, in_body=h.in_body)
        rank = outline.RANK[h.level]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((rank, node))
        if h.in_body:
            events.append(_Event(h.start, h.end, node, rank))
    return roots, events


def _table_event(plan: Plan, table: Table, start: int, end: int) -> _Event:
    plan.tables.append(table)
    label = re.match(r"(专栏|表)\s*(\S+?)(?:[:：\s]|$)", table.caption)
    number = f"{label.group(1)}{label.group(2)}" if label else "表"
    title = table.caption[label.end() :].strip() if label else table.caption
    level = "box" if number.startswith("专栏") else "table"
    node = OutlineNode(level=level, number=number, title=title, in_body=True, table=len(plan.tables) - 1)
    return _Event(start, end, node, 3)


def _real_tables(plan: Plan, stream: Stream) -> list[_Event]:
    events = []
    for pos, block in sorted(stream.tables.items()):
        caption = block.caption
        start = pos
        index = stream.block_at(pos)
        if not caption and index > 0:
            before = stream.text[stream.starts[index - 1] : pos].strip()
            if _CAPTION_PARAGRAPH.match(before):
                caption = before
                start = stream.starts[index - 1]
        table, warnings = grid_tables.build_table(block, caption)
        plan.warnings.extend(warnings)
        if table is not None:
            events.append(_table_event(plan, table, start, pos + 1))
    return events


def _place_boxes(plan: Plan, events: list[_Event]) -> None:
    """Each table hangs under the chapter or section it stands in."""
    current: dict[int, OutlineNode] = {}
    for e in events:
        if e.depth < 3:
            current[e.depth] = e.node
            for deeper in [d for d in current if d > e.depth]:
                del current[deeper]
            continue
        holder = current[max(current)] if current else None
        if holder is None:
            plan.outline.append(e.node)
            continue
        holder.children.append(e.node)
        table = plan.tables[e.node.table or 0]
        chapter = current.get(1)
        table.chapter = chapter.number if chapter else None
        table.section = current[2].number if 2 in current else None


def _fill_text(plan: Plan, stream: Stream, events: list[_Event], body_start: int) -> None:
    """Body text between headings goes to the heading above it; tables are left out of it."""
    text = stream.text
    holder: OutlineNode | None = None
    pos = body_start
    for e in events:
        if e.start > pos and holder is not None:
            holder.text += _tidy(text[pos : e.start])
        if e.depth < 3:
            holder = e.node
        pos = max(pos, e.end)
    if holder is not None and pos < len(text):
        holder.text += _tidy(text[pos:])


def _tidy(piece: str) -> str:
    return piece.replace(TABLE_MARK, "").strip()


def _report_missing(plan: Plan, headings: list[outline.Heading], has_contents: bool) -> None:
    if not has_contents:
        return
    absent = [h for h in headings if not h.in_body]
    if not absent:
        return
    found = [k for k, h in enumerate(headings) if h.in_body]
    last = found[-1] if found else -1
    tail = headings[last + 1 :]
    plan.missing_chapters = [h.number + h.title for h in headings if not h.in_body and h.level != "section"]
    if tail and all(not h.in_body for h in tail):
        plan.truncated = True
        chapters = [h.number for h in tail if h.level == "chapter"]
        where = (
            f"after {headings[last].number}{headings[last].title}"
            if last >= 0
            else "before the first heading"
        )
        plan.warnings.append(
            Warning(
                code="truncated",
                message=(
                    f"the document stops early {where}: the contents list {len(chapters)} more chapter(s) "
                    f"({', '.join(chapters)}) and {len(tail) - len(chapters)} section(s) the body lacks"
                ),
            )
        )
    middle = [h for h in absent if h not in tail]
    for h in middle:
        plan.warnings.append(
            Warning(
                code="heading_not_found",
                message=f"{h.number}{h.title} is listed in the contents but was not found in the body",
            )
        )
