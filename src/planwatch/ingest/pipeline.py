"""From a document's blocks to a Plan: outline, tables, metadata, warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planwatch.ingest import flattened, metadata, noise, outline, quality, real_tables
from planwatch.ingest.blocks import Document
from planwatch.ingest.body import read_body
from planwatch.ingest.contents import read_line_contents
from planwatch.ingest.readers import read_document
from planwatch.ingest.stream import TABLE_MARK, Stream, build
from planwatch.plan.model import OutlineNode, Plan, PlanWarning, Table
from planwatch.plan.vocabulary import count_en


def ingest(path: Path | str) -> Plan:
    """Read a plan document (.txt, .docx, .html, .pdf) into a Plan."""
    return read_plan(read_document(Path(path)))


BOX_DEPTH = len(outline.RANK)  # boxes and tables stand below every heading level


@dataclass
class _Event:
    """Something found at a place in the stream: a heading or a table."""

    start: int
    end: int
    node: OutlineNode
    depth: int


def read_plan(document: Document, table_roles: dict[int, list[str]] | None = None) -> Plan:
    stream = build(document)
    text = stream.text
    plan = Plan(source=document.source, format=document.format)
    plan.title, plan.region, plan.period, plan.published = metadata.read_metadata(text)
    plan.level = metadata.region_level(plan.region, text)
    contents, warnings = _contents(stream)
    plan.warnings.extend(warnings)
    if contents:
        outline.find_in_body(text, contents)
        unlisted, warnings = outline.unlisted_headings(text, contents)
        plan.warnings.extend(warnings)
        headings = outline.merge_in_order(contents.entries, unlisted)
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
    events.extend(_real_tables(plan, stream, table_roles))
    events.sort(key=lambda e: (e.start, e.depth))
    _place_boxes(plan, events)
    _fill_text(plan, stream, events, body_start)
    _report_missing(plan, headings, contents is not None)
    plan.warnings.extend(
        PlanWarning(
            code="repaired",
            message=f"文本中有{n}处扫描错字已自动更正：{noise.REPAIRS[what][0]}。",
            message_en=f"{count_en(n, 'scanning error')} in the text were repaired: {noise.REPAIRS[what][1]}.",
        )
        for what, n in sorted(stream.repairs.items())
    )
    read_body(plan)
    quality.check(plan, len(text) - body_start)
    return plan


def _contents(stream: Stream) -> tuple[outline.Contents | None, list[PlanWarning]]:
    """The table of contents printed one entry a line, else run together as scraped text gives it."""
    lines = [stream.text[start : stream.block_end(k)] for k, start in enumerate(stream.starts)]
    found = read_line_contents(lines, stream.starts, stream.text)
    if found is not None:
        return found, []
    return outline.read_contents(stream.text)


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
    return _Event(start, end, node, BOX_DEPTH)


def _real_tables(plan: Plan, stream: Stream, table_roles: dict[int, list[str]] | None = None) -> list[_Event]:
    """The document's real tables, read with the column roles an office assigned (by table index)."""
    found, warnings = real_tables.find_tables(stream, table_roles)
    plan.warnings.extend(warnings)
    return [_table_event(plan, f.table, f.start, f.end) for f in found]


def _place_boxes(plan: Plan, events: list[_Event]) -> None:
    """Each table hangs under the chapter or section it stands in."""
    current: dict[int, OutlineNode] = {}
    for e in events:
        if e.depth < BOX_DEPTH:
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
            holder.text += _tidy(stream.prose(pos, e.start))
        if e.depth < BOX_DEPTH:
            holder = e.node
        pos = max(pos, e.end)
    end = _plan_end(stream, pos)
    if holder is not None and pos < end:
        holder.text += _tidy(stream.prose(pos, end))
    dropped = stream.block_at(len(text)) - stream.block_at(end) if end < len(text) else 0
    if dropped:
        plan.warnings.append(
            PlanWarning(
                code="trailing_text_dropped",
                message=f"正文结束后的 {dropped} 行短文字（网站导航、页脚等）不属于规划，未计入最后一章。",
                message_en=f"{dropped} short lines after the plan's text (site navigation, footer) were left out",
                where=holder.number + holder.title if holder else None,
            )
        )


_TRAILER_LINE = 60


def _plan_end(stream: Stream, pos: int) -> int:
    """Where the plan's text ends: after its last sentence or table, before a web page's trailing links.

    Printed lines (a PDF's text layer) end with the plan itself, often a box
    of short lines, so only text without a printed margin is trimmed.
    """
    text = stream.text
    if stream.soft:
        return len(text)
    k = stream.block_at(len(text))
    end = len(text)
    while k > 0 and stream.starts[k] > pos:
        line = text[stream.starts[k] : stream.block_end(k)]
        if "。" in line or TABLE_MARK in line or len(line.strip()) > _TRAILER_LINE:
            return stream.block_end(k)
        end = stream.starts[k] - 1
        k -= 1
    return max(end, pos)


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
        sections = len(tail) - len(chapters)
        if last >= 0:
            after = f"{headings[last].number} {headings[last].title}"
            plan.warnings.append(
                PlanWarning(
                    code="truncated",
                    message=(
                        f"文本在{after}之后提前结束：目录所列的其后{len(chapters)}章"
                        f"（{'、'.join(chapters)}）和{sections}节在正文中没有找到。"
                    ),
                    message_en=(
                        f"The document stops early after {after}: the contents list {len(chapters)} more "
                        f"chapter(s) ({', '.join(chapters)}) and {sections} section(s) the body lacks."
                    ),
                    where=after,
                )
            )
        else:
            plan.warnings.append(
                PlanWarning(
                    code="contents_not_in_body",
                    message="目录所列的标题在正文中一个也没有找到：正文可能不全，或标题的写法与目录不同。",
                    message_en="None of the headings the contents list was found in the body: the body may be "
                    "incomplete, or its headings are written differently from the contents.",
                )
            )
    middle = [h for h in absent if h not in tail]
    for h in middle:
        plan.warnings.append(
            PlanWarning(
                code="heading_not_found",
                message=f"{h.number} {h.title}：目录中有此标题，正文中没有找到，其正文可能归到了上一个标题之下。",
                message_en=f"{h.number} {h.title} is listed in the contents but was not found in the body; "
                "its text may have gone under the heading before it.",
                where=f"{h.number} {h.title}",
            )
        )
