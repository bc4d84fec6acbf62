"""Tasks: what a plan says it will do, read from the text of its sections.

A section's text (or a chapter's own text where the chapter has no sections) is cut into
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
- Principles, orientations and goals are no tasks. A place whose heading, or whose chapter's heading,
  names them (指导思想, 基本原则, 总体要求, 战略导向, 发展定位, 发展目标 …) gives none; nor does a list
  whose every item is a short formula opening with the same principle word (坚持党的全面领导。坚持系统
  观念。… or 突出产业培育。突出创新驱动。…), wherever it stands.
- A task's title is its lead, or a listed item's first clause; its text runs from there to the next
  item of its kind. Ids are chapter.section.n in Arabic numbers (3.1.2); 0 stands for no section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from planwatch.ingest.numerals import to_int
from planwatch.ingest.places import TextPlace
from planwatch.plan.model import Task

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
# A heading that names the plan's principles, orientations or goals ends with one of these.
_PRINCIPLE_HEADING = re.compile(
    r"(?:指导思想|(?:基本|发展|主要|重大|总体)(?:原则|要求)|(?:发展|战略)导向|(?:发展|战略|功能|总体)定位|"
    r"(?:总体|发展)思路|(?:发展|主要|总体|远景|奋斗|战略)目标)$"
)
_PRINCIPLE_ITEM = re.compile(r"(?:始终|更加)?(坚持|突出|注重)")
_PRINCIPLE_MAX = 12  # a principle is a formula: longer titles say what to do
_PRINCIPLE_LIST = 3  # the fewest items of a list of principles
_HEADING_NOISE = re.compile(r"[\s“”\"'‘’《》]")


@dataclass
class _Item:
    rank: int  # which kind of item: lower is outer
    start: int  # where the item (its marker or lead) begins
    body: int  # where its words begin, after any marker
    title: str


def read_tasks(place: TextPlace) -> list[Task]:
    """The tasks of a place's text: items of its outermost kind whose title opens with an action."""
    text = place.text
    items = _list_items(text) + _leads(text)
    if not items or _names_principles(place):
        return []
    outer = _outer_kind(items, len(text))
    chosen = sorted((i for i in items if i.rank == outer), key=lambda i: i.start)
    if _principles(chosen):
        return []
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


def _names_principles(place: TextPlace) -> bool:
    """The place, or the chapter it stands in, is headed as the plan's principles, orientations or goals."""
    headings = {place.node.title, place.chapter.title if place.chapter else ""}
    return any(_PRINCIPLE_HEADING.search(_HEADING_NOISE.sub("", h)) for h in headings)


def _principles(items: list[_Item]) -> bool:
    """A list of principles: every item a short formula opening with the same principle word."""
    if len(items) < _PRINCIPLE_LIST or any(len(i.title) > _PRINCIPLE_MAX for i in items):
        return False
    words = {m.group(1) if (m := _PRINCIPLE_ITEM.match(i.title)) else None for i in items}
    return None not in words and len(words) == 1


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
