"""Tasks, commitments, results and projects, read from the outline's body text and its boxes.

Monitoring a plan means following more than its indicator tables: what it says it will do (tasks),
the figures it promises in its prose (commitments), the figures it reports for the period behind it
(results) and the projects its boxes list. These rules read them from any plan's text:

Tasks. A section's text (or a chapter's own text where the chapter has no sections) is cut into
items; the text before the first item is the section's opening and no task.

- Leads: a short sentence (4-20 characters, no comma) ending in 。 that opens a paragraph. Where the
  document keeps its paragraphs (the text holds line breaks) a lead must start one, and a short
  paragraph of its own without 。 is one too. In a scraped copy, where paragraphs run together, a lead
  may follow any full stop or colon; leads closer together than a paragraph's worth of text
  (40 characters) cannot each open one, so of such a cluster only the shortest is a lead and the others
  are sentences of its paragraph (加大技术创新投入力度。健全政府投入、社会多渠道投入机制。…).
- Lists: （一）（二）…, 1. 2. …, （1）（2）… and 一是…二是…; a list is two or more items numbered from one.
- The outermost kind in a section gives its tasks, in this order: （一）, 1., （1）, leads, 一是. Items of
  an inner kind stay in the text of the task they stand in.
- A task says what to do, so its title opens with a verb of action (加强, 推动, 组建, 叫响…) or an adverb
  of manner (大力, 积极, 优先…). Leads that state a result, a goal or a positioning open with their
  subject (综合实力显著提升, 高质量发展迈上新台阶, 高质量发展示范区): they end the paragraph before them
  but are no tasks. Sections that review the previous period give none at all.
- A task's title is its lead, or a listed item's first clause; its text runs from there to the next
  item of its kind. Ids are chapter.section.n in Arabic numbers (3.1.2); 0 stands for no section.

Commitments and results are read from the same texts by planwatch.ingest.figures; here each figure
gets its place (chapter, section) and its id (chapter.section.cN, .rN).

Places. A chapter's sections are its 第N节, or where it has none its divisions (一、 or （一） headings);
divisions inside a section stay part of its text, heading and all. Where chapter numbers start again
in every part, ids begin with the part's number (2.3.1.1). A part, chapter or section looks back on the
previous period where its title says so (成就, 回顾, 成效, 发展基础, or it names the previous plan) or its
first sentence names the previous plan or 过去五年; such places give no tasks, and their figures are
results unless a sentence marks the future.

Line breaks. A PDF's text layer breaks its lines inside sentences, and not always at the margin (a
line may stop short where the page set a wide figure or a page number). A line break is therefore
never the end of a sentence by itself: lines are joined back into paragraphs, and a break stays only
after the end of a sentence (。！？；：, before closing quotes) and around a title line, a short line
with no punctuation inside that stands after the end of a sentence or is numbered (第N章, 一、, （一）,
1.): a heading, or a lead printed without its full stop. Page-number lines are dropped.

Projects. A box or table whose header names projects or actions (项目名称, 工程名称, 行动名称) beside
their content, investment or period, and no indicator column, lists projects: one per row. The
investment keeps the unit its header prints (总投资（亿元） → 25亿元). Project ids are
chapter.section.pN, as Project has no chapter and section fields of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from planwatch.ingest.figures import Calendar, Unread, read_figures
from planwatch.ingest.numerals import NUMERAL_CHARS, to_int
from planwatch.ingest.wrapping import unwrap
from planwatch.plan.model import OutlineNode, Plan, PlanWarning, Project, Table, Task

# --- tasks -------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^。！？!?：:\n]+[。！？!?：:]?")
_LEAD_END = "。！!"
_LEAD_MIN, _LEAD_MAX = 4, 20
_PARAGRAPH = 40  # the least text between two leads that can make a paragraph of the first
_COMMA = re.compile(r"[,，;；]")
_DASHES = re.compile(r"^\s*(?:[—―－\-]{1,2}|一一)?\s*")
_BOUNDARY = r"(?:^|(?<=[。！？!?；;：:\n]))\s*"
_LISTS = (  # outermost first
    re.compile(_BOUNDARY + r"[（(]([一二三四五六七八九十]{1,3})[）)]"),
    re.compile(_BOUNDARY + r"(\d{1,2})[.．、](?!\d)"),
    re.compile(_BOUNDARY + r"[（(](\d{1,2})[）)]"),
)
_SHI = re.compile(r"(?:^|(?<=[。！？!?；;，,：:\n]))\s*([一二三四五六七八九十]{1,3})是(?=[^\s，,。])")
_LEAD_RANK = len(_LISTS)  # leads sit between the numbered lists and 一是
_FIRST_CLAUSE = re.compile(r"[^,，;；。！？!?：:\n]+")
_TASK_OPENING = re.compile(
    "加强|加快|加大|加速|加紧|加力|推动|推进|推行|推广|推出|组建|组织|实施|实行|完善|培育|培养|打造|打响|打通|"
    "建设|建立|建成|建好|构建|构筑|深化|深入|深耕|提升|提高|强化|优化|健全|大力|积极|叫响|唱响|擦亮|坚持|坚定|坚决|"
    "突出|改进|改善|改造|营造|优先|全面|全力|持续|着力|促进|扩大|落实|做强|做大|做优|做精|做实|做好|壮大|巩固|"
    "拓展|拓宽|创新|创建|争创|保障|维护|防范|防控|统筹|支持|引导|鼓励|扶持|稳步|稳定|稳妥|有序|切实|不断|进一步|"
    "努力|引进|开展|筑牢|织密|夯实|激发|发展|发挥|挖掘|释放|聚焦|围绕|瞄准|锚定|抢抓|抓好|抓住|补齐|补强|破解|破除|"
    "畅通|增强|增加|规范|严格|严守|强力|融入|保护|传承|弘扬|繁荣|丰富|树立|倡导|探索|开拓|延伸|整合|盘活|激活|"
    "用好|办好|守住|守牢|升级|搭建|形成|实现|确保|争取|力争|扎实|助推|带动|保持|提供|承接|对接|服务|共建|共享|"
    "攻坚|高标准"
)

# --- places --------------------------------------------------------------------------------------

_REVIEW_TITLE = re.compile(r"成就|回顾|成效|发展基础")
_RECENT_PAST = re.compile(r"过去五年|五年来")
_FIRST_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_SECTIONS = ("section", "division")

# --- projects ------------------------------------------------------------------------------------

_PROJECT_COLUMN = re.compile(r"(?:项目|工程|行动|任务)(?:名称)?|^名称$")
_ROLES = {
    "content": re.compile(r"内容|规模"),
    "investment": re.compile(r"投资"),
    "period": re.compile(r"期限|年限|起止|工期|时间"),
}
_INDICATOR_COLUMN = re.compile(r"指标|属性")
_GENERIC_COLUMN = re.compile(r"^列\d+$")
_LEAD_COLUMNS = ("序号", "单位", "属性", "备注")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计)$")
_HEADER_UNIT = re.compile(r"[（(]([^（()）]+)[）)]")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_tasks(plan: Plan) -> None:
    """Fill plan.tasks, commitments, results and projects from the outline's text and boxes."""
    calendar = Calendar.of(plan)
    numbers: Counter[str] = Counter()

    def next_id(stem: str) -> str:
        numbers[stem] += 1
        return f"{stem}{numbers[stem]}"

    for place in _places(plan.outline, calendar):
        if place.gives_tasks:
            plan.tasks.extend(_tasks(place))
        chapter, section = place.chapter_number, place.section_number
        for found in read_figures(place.text, place.review, calendar):
            if isinstance(found, Unread):
                plan.warnings.append(_unread(found, place))
            elif found.reported:
                plan.results.append(found.result(next_id(f"{place.prefix}.r"), chapter, section))
            elif found.promised:
                plan.commitments.append(found.commitment(next_id(f"{place.prefix}.c"), chapter, section))
        for box in place.node.children:
            if box.table is not None and box.level in ("box", "table"):
                ids = partial(next_id, f"{place.prefix}.p")
                plan.projects.extend(_projects(plan.tables[box.table], box.number, ids))


def _unread(found: Unread, place: _Place) -> PlanWarning:
    where = place.name
    return PlanWarning(
        code="commitment_unread",
        message=f"{where}：“{found.phrase}”中的数字没有读成承诺，因为未能把它们对应到各自的主语。",
        message_en=(
            f"{where}: the figures of “{found.phrase}” were not read as commitments: "
            "they could not be matched to their subjects"
        ),
        where=where,
    )


# --- where things stand --------------------------------------------------------------------------


@dataclass
class _Place:
    """A part, chapter or section whose own text is read, with the chapter and section it links to."""

    node: OutlineNode
    part: OutlineNode | None
    chapter: OutlineNode | None
    section: OutlineNode | None
    text: str  # the node's text, its lines unwrapped, with the divisions inside it
    review: bool
    has_sections: bool
    numbered_by_part: bool  # chapter numbers start again in every part: ids name the part

    @property
    def prefix(self) -> str:
        own = f"{_ordinal(self.chapter)}.{_ordinal(self.section)}"
        return f"{_ordinal(self.part)}.{own}" if self.numbered_by_part else own

    @property
    def name(self) -> str:
        nodes = [n for n in (self.part, self.chapter, self.section) if n is not None] or [self.node]
        return "".join(n.number for n in nodes) + self.node.title

    @property
    def gives_tasks(self) -> bool:
        if self.review or self.node.level == "part":
            return False
        return self.node.level in _SECTIONS or not self.has_sections

    @property
    def chapter_number(self) -> str | None:
        return self.chapter.number if self.chapter else None

    @property
    def section_number(self) -> str | None:
        return self.section.number if self.section else None


def _ordinal(node: OutlineNode | None) -> int:
    """第十一章 → 11, （三） → 3, 二、 → 2; 0 for no node."""
    if node is None:
        return 0
    return to_int("".join(ch for ch in node.number if ch in NUMERAL_CHARS)) or 0


def _places(nodes: list[OutlineNode], calendar: Calendar) -> Iterator[_Place]:
    chapters = [
        c for n in nodes for c in ([n] if n.level == "chapter" else n.children) if c.level == "chapter"
    ]
    by_part = len({c.number for c in chapters}) < len(chapters)
    for top in nodes:
        part = top if top.level == "part" else None
        if part is not None:
            text = unwrap(part.text)
            part_review = _reviews(part, text, calendar)
            yield _Place(part, part, None, None, text, part_review, True, by_part)
        elif top.level != "chapter":
            continue
        for chapter in part.children if part else [top]:
            if chapter.level != "chapter":
                continue
            text = unwrap(chapter.text)
            review = (part is not None and part_review) or _reviews(chapter, text, calendar)
            sections = [s for s in chapter.children if s.level in _SECTIONS]
            yield _Place(chapter, part, chapter, None, text, review, bool(sections), by_part)
            for section in sections:
                text = _with_divisions(section)
                own_review = review or _reviews(section, text, calendar)
                yield _Place(section, part, chapter, section, text, own_review, False, by_part)


def _reviews(node: OutlineNode, text: str, calendar: Calendar) -> bool:
    """A node looks back on the previous period: its title says so, or its first sentence names it."""
    if _REVIEW_TITLE.search(node.title) or calendar.names_earlier_plan(node.title):
        return True
    first = _FIRST_SENTENCE.match(text)
    opening = first.group(0) if first else ""
    return calendar.names_earlier_plan(opening) or bool(_RECENT_PAST.search(opening))


def _with_divisions(node: OutlineNode) -> str:
    """A section's text with the divisions inside it, each under its heading line."""
    parts = [unwrap(node.text)]
    for child in node.children:
        if child.level == "division":
            parts.append(f"{child.number}{child.title}\n{_with_divisions(child)}")
    return "\n".join(p for p in parts if p)


# --- tasks ---------------------------------------------------------------------------------------


@dataclass
class _Item:
    rank: int  # which kind of item: lower is outer
    start: int  # where the item (its marker or lead) begins
    body: int  # where its words begin, after any marker
    title: str


def _tasks(place: _Place) -> list[Task]:
    text = place.text
    items = _list_items(text) + _leads(text)
    if not items:
        return []
    outer = _outer_kind(items, len(text))
    chosen = sorted((i for i in items if i.rank == outer), key=lambda i: i.start)
    tasks = []
    for k, item in enumerate(chosen):
        if not _TASK_OPENING.match(item.title):
            continue
        end = chosen[k + 1].start if k + 1 < len(chosen) else len(text)
        tasks.append(
            Task(
                id=f"{place.prefix}.{len(tasks) + 1}",
                chapter=place.chapter_number,
                section=place.section_number,
                title=item.title,
                text=text[item.body : end].strip().rstrip(";；,，"),
            )
        )
    return tasks


def _outer_kind(items: list[_Item], length: int) -> int:
    """The outermost kind: by rank, but a numbered list inside one lead's paragraph belongs to it.

    In a scraped copy a 1. 2. list run into a paragraph looks like a list of paragraphs; if all its
    items stand between one lead and the next, it is part of that lead's paragraph.
    """
    leads = sorted(i.start for i in items if i.rank == _LEAD_RANK)
    spans = list(pairwise([*leads, length]))
    for rank in sorted({i.rank for i in items}):
        starts = [i.start for i in items if i.rank == rank]
        if rank < _LEAD_RANK and any(all(a < p < b for p in starts) for a, b in spans):
            continue
        return rank
    return _LEAD_RANK


def _list_items(text: str) -> list[_Item]:
    """Items of （一）, 1., （1） and 一是 lists: runs numbered from one, two items or more."""
    kinds = [*enumerate(_LISTS), (_LEAD_RANK + 1, _SHI)]
    items: list[_Item] = []
    for rank, pattern in kinds:
        runs: list[list[re.Match[str]]] = []
        for m in pattern.finditer(text):
            n = to_int(m.group(1))
            if n == 1:
                runs.append([m])
            elif runs and n == (to_int(runs[-1][-1].group(1)) or 0) + 1:
                runs[-1].append(m)
        for run in runs:
            if len(run) < 2:
                continue
            for m in run:
                clause = _FIRST_CLAUSE.match(text, m.end())
                title = clause.group(0).strip() if clause else ""
                items.append(
                    _Item(rank, m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end(), title)
                )
    return items


def _leads(text: str) -> list[_Item]:
    """Short sentences that open a paragraph; in run-together text, of leads too close together, the shortest."""
    paragraphs_kept = "\n" in text.strip()
    text_end = len(text.rstrip())
    candidates: list[_Item] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if sentence[-1] in "：:":
            continue  # it introduces what follows
        ends = sentence[-1] in _LEAD_END
        opens_paragraph = m.start() == 0 or text[m.start() - 1] == "\n"
        if paragraphs_kept and not opens_paragraph:
            continue
        if not ends and not (paragraphs_kept and m.end() < len(text) and text[m.end()] == "\n"):
            continue
        stripped = _DASHES.match(sentence)
        start = m.start() + (stripped.end() if stripped else 0)
        title = text[start : m.end()].rstrip(_LEAD_END).strip()
        if not _LEAD_MIN <= len(title) <= _LEAD_MAX or _COMMA.search(title):
            continue
        if any(p.match(text, m.start()) for p in _LISTS) or _SHI.match(text, m.start()):
            continue
        if m.end() >= text_end:
            continue  # a lead opens a paragraph: something follows it
        candidates.append(_Item(_LEAD_RANK, start, start, title))
    if paragraphs_kept:
        return candidates
    leads: list[_Item] = []
    cluster: list[_Item] = []
    for item in candidates:
        if (
            cluster
            and len(text[cluster[-1].start + len(cluster[-1].title) : item.start].strip()) >= _PARAGRAPH
        ):
            leads.append(min(cluster, key=lambda i: len(i.title)))
            cluster = []
        cluster.append(item)
    if cluster:
        leads.append(min(cluster, key=lambda i: len(i.title)))
    return leads


# --- projects ------------------------------------------------------------------------------------


def _projects(table: Table, box: str, ids: Callable[[], str]) -> list[Project]:
    """Rows of a box whose header names projects beside their content, investment or period."""
    rows = table.rows
    if all(_GENERIC_COLUMN.match(c) for c in table.cell_columns):
        if not rows:
            return []
        header = rows[0]
        name_header = header.name
        headers = {c.column: c.raw for c in header.cells}
        rows = rows[1:]
    else:
        name_header = next(
            (c for c in table.columns if c not in table.cell_columns and c not in _LEAD_COLUMNS), ""
        )
        headers = {c: c for c in table.cell_columns}
    if not _PROJECT_COLUMN.search(name_header) or any(
        _INDICATOR_COLUMN.search(h) for h in [name_header, *headers.values()]
    ):
        return []
    roles: dict[str, str] = {}
    for role, pattern in _ROLES.items():
        column = next((c for c, title in headers.items() if pattern.search(title)), None)
        if column is not None:
            roles[role] = column
    if not roles:
        return []
    projects = []
    for row in rows:
        if not row.name or _TOTAL_ROW.match(row.name):
            continue
        name = f"{row.name}（{row.unit}）" if row.unit and "单位" not in table.columns else row.name
        cells = {c.column: (c.printed or c.raw) for c in row.cells}
        investment = cells.get(roles.get("investment", ""), "") or None
        unit = _HEADER_UNIT.search(headers.get(roles.get("investment", ""), ""))
        if investment and unit and _BARE_NUMBER.match(investment):
            investment += unit.group(1)
        projects.append(
            Project(
                id=ids(),
                box=box,
                name=name,
                content=cells.get(roles.get("content", ""), ""),
                investment=investment,
                period=cells.get(roles.get("period", ""), "") or None,
            )
        )
    return projects
