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

Commitments and results. Every part, chapter and section text is read sentence by sentence, clause
by clause (clauses end at commas and semicolons). A figure is an Arabic number with a unit (家, 亿元,
%, 个百分点…) outside quotation marks (“513”工程 is a name); 一批 and 三大 are no figures. A figure is
read where a verb ties it to what it counts:

- subject, verb, figure: 全区国家级高新技术企业达到20家, 排放量分别下降8%以上, 占一般公共预算支出的72%;
  a clause with no subject of its own (年均增长7%) takes the one of the clause before it;
- figure, then what it counts: 力争5家以上企业成功上市, 新增省级专精特新企业20家, 建成重点项目120个;
- no figure, a doubling: 数量倍增, 翻番, 翻一番 (value 2), 翻两番 (value 4).

The tense of a clause comes from the markers before it in its sentence: a year from the plan's
start on (到2025年, 2025年前), the plan's own name (“十四五”末, 期间) or 力争/确保/争取 make it future;
an earlier year, an earlier plan (“十三五”末, 期间), 已经, 现已, 先后, 荣获, 五年来 make it past, and so
do 累计 and 已 where nothing has said future. A year after 比/较 is a base, not a time. Without
a marker, a clause is past in a section reviewing the previous period (its title says 成就, 回顾, 成效
or 发展基础, or its first sentence names the previous plan or 过去五年) and open elsewhere.

- Future clauses give commitments; open ones too, but only where a verb of reaching or changing
  governs the figure (研发投入年均增长10%) or for a doubling: a plain count in a task's description
  (依托两个分中心, 建设5个产业园) promises nothing by itself.
- Past clauses give results, with the year the clause names, else the end year of the plan it names,
  else the year before the plan starts. A doubling in the past gives none: a Result has no direction.
- Subjects lose the region (全区, 我县) and the markers; 分别 shares one or several figures among
  the subjects it follows (氮氧化物、挥发性有机物排放量 → 氮氧化物排放量 and 挥发性有机物排放量), and
  a doubling of several counts (高新技术企业和科技型中小企业数量倍增) gives one commitment per count:
  each count is promised on its own. A result of a change names the change in its subject
  (生产总值年均增长 7 %), since a Result has no direction.
- Direction: 增长, 提高, 提升, 增加, 新增 increase; 下降, 降低, 减少 decrease; 倍增, 翻番 multiply;
  达到 and the verbs of a level (提高到, 控制在) reach. Comparator: 以上 ge, 以下/以内 le, 左右 about,
  不低于/不少于 ge, 不超过/不高于 le, 超过/突破 gt.

Projects. A box or table whose header names projects or actions (项目名称, 工程名称, 行动名称) beside
their content, investment or period, and no indicator column, lists projects: one per row. The
investment keeps the unit its header prints (总投资（亿元） → 25亿元). Project ids are
chapter.section.pN, as Project has no chapter and section fields of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import Literal

from planwatch.ingest.metadata import plan_period
from planwatch.ingest.numerals import to_int
from planwatch.plan import Commitment, Comparator, OutlineNode, Plan, Project, Result, Table, Task

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

# --- review sections -----------------------------------------------------------------------------

_REVIEW_TITLE = re.compile(r"成就|回顾|成效|发展基础")
_PLAN_NAME = re.compile(r"[“\"「]?十([一二三四五六七八九])五[”\"」]?(期间|时期|期末|末|以来|初)?")
_RECENT_PAST = re.compile(r"过去五年|五年来")

# --- figures -------------------------------------------------------------------------------------

# Longest first, so that 个百分点 is not read as 个.
_UNITS = (
    "个百分点|百分点|%|％|‰|亿美元|万美元|亿元|万元|元|亿|万人次|人次|万人|人|万户|户|万平方米|平方米|平方公里|"
    "万亩|亩|公顷|公里|千米|万吨标准煤|吨标准煤|万吨|吨|万千瓦|千瓦|万辆|辆|家|个|所|座|条|项|台|套|张|床|件|岁|倍|处|栋|名"
)
_FIGURE = re.compile(
    r"(?P<before>不低于|不少于|不高于|不超过|超过|突破)?(?<![\d.A-Za-z])(?P<value>\d+(?:\.\d+)?)"
    rf"(?P<unit>{_UNITS})"
    r"(?P<after>及以上|以上|以下|以内|左右)?"
)
_CLAUSE = re.compile(r"[^,，;；。！？!?]+")
_SENTENCE_END = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_QUOTES = {"“": "”", "「": "」", "『": "』"}
_MULTIPLY = re.compile(r"(?:实现)?(?P<verb>倍增|翻番|翻了?一番|翻了?两番|翻了?二番)")
_INCREASE = re.compile("增长|提高|提升|增加|新增")
_DECREASE = re.compile("下降|降低|减少|压减|削减")
# A verb of reaching a level or of changing, just before the figure it governs; longest first.
_VERB_END = re.compile(
    "(?P<verb>保持在|稳定在|控制在|提高到|提升到|增加到|增长到|降低到|下降到|提高至|提升至|"
    "达到|突破|超过|降到|降至|增至|增长|提高|提升|增加|新增|下降|降低|减少|压减|削减|达)(?:了)?(?:约|近)?$"
)
_SHARE = re.compile(r"^(?P<subject>.*?)占(?P<base>.+?)的?$")
_COUNT = re.compile("^(?:累计|共|再)?(新增|增加|新建|建成|建设|培育|引进|打造|创建|争创|完成|实现|认定)")
_YEAR_NUMBER = r"(?:19|20)\d\d|二[〇零][〇零一二三四五六七八九]{2}"
_YEAR = re.compile(rf"(?<![比较与同\d])(?P<to>到|至)?(?P<year>{_YEAR_NUMBER})年(?P<tail>底前|以前|前|底|末)?")
_STRONG_PAST = re.compile(r"已经|现已|先后|荣获|过去五年|五年来")
_WEAK_PAST = re.compile(r"累计|已")
_WEAK_FUTURE = re.compile(r"力争|确保|争取")
_SUBJECT_HEAD = re.compile(
    rf"^(?:(?:到|至)?(?:{_YEAR_NUMBER})年(?:底前|以前|前|底|末)?"
    r"|[“\"「]?十[一二三四五六七八九]五[”\"」]?(?:期间|时期|期末|末|以来)?"
    r"|预计|力争|确保|争取|努力|实现|推动|促进|带动|其中|同时|累计"
    r"|[全我本][区市县省镇乡旗州盟])"
)
_MEASURES = ("年均", "年平均", "平均", "每年", "五年", "累计")
_SUBJECT_TAIL = re.compile(
    r"(?:年均|年平均|平均|每年|五年|累计|分别|均|现已|已经|已|将|再|进一步|达到|实现"
    r"|(?:比|较)(?:(?:19|20)\d\d年|上年|基期)(?:末|底)?)$"
)
_CONJUNCTION = re.compile(r"[、和及与]")
_FILLER = re.compile(r"^[的、和及与\s]+|[的、\s]+$")
Direction = Literal["reach", "increase", "decrease", "multiply"]
TenseKind = Literal["future", "past", "open"]  # open: no marker, in a section that does not look back
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

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
    calendar = _Calendar.of(plan)
    numbers: Counter[str] = Counter()

    def next_id(stem: str) -> str:
        numbers[stem] += 1
        return f"{stem}{numbers[stem]}"

    for place in _places(plan.outline, calendar):
        if place.gives_tasks:
            plan.tasks.extend(_tasks(place))
        for figure in _figures(place, calendar):
            tense = figure.said.tense
            if tense == "past" and figure.direction != "multiply":
                plan.results.append(figure.result(next_id(f"{place.prefix}.r"), place))
            elif tense == "future" or (tense == "open" and figure.governed):
                plan.commitments.append(figure.commitment(next_id(f"{place.prefix}.c"), place))
        for box in place.node.children:
            if box.table is not None and box.level in ("box", "table"):
                ids = partial(next_id, f"{place.prefix}.p")
                plan.projects.extend(_projects(plan.tables[box.table], box.number, ids))


# --- where things stand --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Calendar:
    """The plan's years, to tell a promise from a report: 十四五 is this plan, 十三五 the one before."""

    start: int | None
    number: int | None  # 14 for the 14th plan

    @classmethod
    def of(cls, plan: Plan) -> _Calendar:
        if plan.period is None:
            return cls(None, None)
        number = (plan.period.start - 1966) // 5 + 3 if plan.period.start >= 1966 else None
        return cls(plan.period.start, number)

    def names_earlier_plan(self, text: str) -> bool:
        return any(
            self.number is not None and 10 + (to_int(m.group(1)) or 0) < self.number
            for m in _PLAN_NAME.finditer(text)
        )


@dataclass
class _Place:
    """A part, chapter or section whose own text is read, with the chapter and section it links to."""

    node: OutlineNode
    chapter: OutlineNode | None
    section: OutlineNode | None
    review: bool
    has_sections: bool

    @property
    def prefix(self) -> str:
        return f"{_ordinal(self.chapter)}.{_ordinal(self.section)}"

    @property
    def gives_tasks(self) -> bool:
        if self.review or self.node.level == "part":
            return False
        return self.node.level == "section" or not self.has_sections

    @property
    def chapter_number(self) -> str | None:
        return self.chapter.number if self.chapter else None

    @property
    def section_number(self) -> str | None:
        return self.section.number if self.section else None


def _ordinal(node: OutlineNode | None) -> int:
    return (to_int(node.number[1:-1]) or 0) if node is not None else 0


def _places(nodes: list[OutlineNode], calendar: _Calendar) -> Iterator[_Place]:
    for part_or_chapter in nodes:
        part_review = False
        if part_or_chapter.level == "part":
            part_review = _reviews(part_or_chapter, calendar)
            yield _Place(part_or_chapter, None, None, part_review, True)
            chapters = [c for c in part_or_chapter.children if c.level == "chapter"]
        elif part_or_chapter.level == "chapter":
            chapters = [part_or_chapter]
        else:
            continue
        for chapter in chapters:
            review = part_review or _reviews(chapter, calendar)
            sections = [s for s in chapter.children if s.level == "section"]
            yield _Place(chapter, chapter, None, review, bool(sections))
            for section in sections:
                yield _Place(section, chapter, section, review or _reviews(section, calendar), False)


def _reviews(node: OutlineNode, calendar: _Calendar) -> bool:
    """A node looks back on the previous period: its title says so, or its first sentence names it."""
    if _REVIEW_TITLE.search(node.title):
        return True
    first = _SENTENCE_END.match(node.text)
    opening = first.group(0) if first else ""
    return calendar.names_earlier_plan(opening) or bool(_RECENT_PAST.search(opening))


# --- tasks ---------------------------------------------------------------------------------------


@dataclass
class _Item:
    rank: int  # which kind of item: lower is outer
    start: int  # where the item (its marker or lead) begins
    body: int  # where its words begin, after any marker
    title: str


def _tasks(place: _Place) -> list[Task]:
    text = place.node.text
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
        if not text[m.end() :].strip():
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


# --- commitments and results ---------------------------------------------------------------------


@dataclass
class _Tense:
    kind: TenseKind
    year: int | None = None
    strong: bool = False  # set by a year or a plan's name, which 力争 or 累计 do not override


@dataclass(frozen=True)
class _Said:
    """Where a figure is said: the clause, its sentence, and the clause's tense and year."""

    tense: TenseKind
    year: int | None
    phrase: str
    sentence: str


@dataclass
class _Figure:
    subject: str
    value: float
    unit: str | None
    comparator: Comparator | None
    direction: Direction
    change: str  # the words of a change, for a result's subject: 年均增长
    governed: bool  # a verb of reaching or changing ties the figure to its subject
    said: _Said

    def commitment(self, id: str, place: _Place) -> Commitment:
        return Commitment(
            id=id,
            chapter=place.chapter_number,
            section=place.section_number,
            subject=self.subject,
            value=self.value,
            unit=self.unit,
            comparator=self.comparator,
            direction=self.direction,
            deadline=self.said.year,
            phrase=self.said.phrase,
            sentence=self.said.sentence,
        )

    def result(self, id: str, place: _Place) -> Result:
        return Result(
            id=id,
            chapter=place.chapter_number,
            section=place.section_number,
            subject=self.subject + self.change,
            value=self.value,
            unit=self.unit,
            year=self.said.year,
            phrase=self.said.phrase,
            sentence=self.said.sentence,
        )


@dataclass
class _Subject:
    """A subject as the sentence names it, cleaned; the words of a change set aside, 分别 shared out."""

    text: str
    measure: str = ""
    inherited: bool = False
    parts: list[str] = field(default_factory=list)


def _figures(place: _Place, calendar: _Calendar) -> Iterator[_Figure]:
    for s in _SENTENCE_END.finditer(place.node.text):
        sentence = s.group(0).strip()
        if sentence:
            yield from _sentence_figures(sentence, place, calendar)


def _sentence_figures(sentence: str, place: _Place, calendar: _Calendar) -> Iterator[_Figure]:
    quoted = _quoted(sentence)
    tense = _Tense("past" if place.review else "open")
    last_subject = ""
    for c in _CLAUSE.finditer(sentence):
        clause, offset = c.group(0), c.start()
        tense = _update_tense(tense, clause, calendar)
        said = _Said(tense.kind, _year(tense, calendar), clause.strip(), sentence)
        figures = [m for m in _FIGURE.finditer(clause) if offset + m.start("value") not in quoted]
        groups = _groups(figures, clause)
        for k, group in enumerate(groups):
            end = groups[k + 1][0].start() if k + 1 < len(groups) else len(clause)
            found = _read_group(group, clause, end, last_subject)
            if found is None:
                continue
            subject, direction, governed = found
            if not subject.inherited:
                last_subject = subject.text
            names = subject.parts or [subject.text]
            if len(group) > 1 and len(group) != len(names):
                continue
            for j, name in enumerate(names):
                m = group[j if len(group) > 1 else 0]
                unit = m.group("unit").replace("％", "%")
                value = float(m.group("value"))
                yield _Figure(name, value, unit, _comparator(m), direction, subject.measure, governed, said)
        for m in _MULTIPLY.finditer(clause):
            if offset + m.start() in quoted:
                continue
            subject = _clean_subject(clause[: m.start()], multiply=True)
            if not subject.text:
                continue
            last_subject = subject.text
            times = 4.0 if re.search("[两二]番", m.group("verb")) else 2.0
            for name in subject.parts or [subject.text]:
                yield _Figure(name, times, None, None, "multiply", "", True, said)


def _quoted(sentence: str) -> set[int]:
    """Positions inside quotation marks: “513”工业发展行动计划 names a plan, it counts nothing."""
    inside: set[int] = set()
    closing: str | None = None
    straight = False
    for k, ch in enumerate(sentence):
        if ch == '"':
            straight = not straight
        elif closing is None and ch in _QUOTES:
            closing = _QUOTES[ch]
        elif ch == closing:
            closing = None
        elif closing is not None or straight:
            inside.add(k)
    return inside


def _update_tense(tense: _Tense, clause: str, calendar: _Calendar) -> _Tense:
    """Markers in the clause set the tense for it and the clauses after it in the sentence."""
    future: list[int | None] = []
    past: list[int | None] = []
    for m in _YEAR.finditer(clause):
        year = int(m.group("year").translate(_CHINESE_DIGITS))
        if calendar.start is None:
            if m.group("to") or m.group("tail") in ("前", "以前", "底前"):
                future.append(year)
        elif year >= calendar.start:
            future.append(year)
        else:
            past.append(year)
    if calendar.number is not None:
        for m in _PLAN_NAME.finditer(clause):
            n = 10 + (to_int(m.group(1)) or 0)
            (future if n >= calendar.number else past).append(plan_period(n).end)
    if _STRONG_PAST.search(clause):
        past.append(None)
    if future:
        return _Tense("future", max((y for y in future if y is not None), default=None), True)
    if past:
        return _Tense("past", next((y for y in past if y is not None), None), True)
    if not tense.strong and tense.kind != "future" and _WEAK_FUTURE.search(clause):
        return _Tense("future", None)
    if not tense.strong and tense.kind == "open" and _WEAK_PAST.search(clause):
        return _Tense("past", None)
    return tense


def _year(tense: _Tense, calendar: _Calendar) -> int | None:
    if tense.kind == "past" and tense.year is None and calendar.start is not None:
        return calendar.start - 1
    return tense.year


def _groups(figures: list[re.Match[str]], clause: str) -> list[list[re.Match[str]]]:
    """Figures listed together (7个、15个) share one subject and verb."""
    groups: list[list[re.Match[str]]] = []
    for m in figures:
        if groups and re.fullmatch(r"\s*[、和及与]\s*", clause[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _read_group(
    group: list[re.Match[str]], clause: str, end: int, last_subject: str
) -> tuple[_Subject, Direction, bool] | None:
    """The subject, the direction and whether a verb governs the figures; None where nothing ties them.

    `end` is where the next figures of the clause begin: what follows this group stops there.
    """
    first, last = group[0], group[-1]
    before = clause[: first.start()]
    pre = before[max((m.end() for m in _FIGURE.finditer(before)), default=0) :]
    post = _FILLER.sub("", clause[last.end() : end].strip())
    if first.group("before"):
        word, subject_text = "", pre  # 不低于, 超过… govern the figure themselves
    elif verb := _VERB_END.search(pre):
        word, subject_text = verb.group("verb"), pre[: verb.start()]
    else:
        word, subject_text = None, ""
    if word is not None and not post:
        subject = _clean_subject(subject_text)
        if not subject.text and last_subject:
            subject.text, subject.inherited = last_subject, True
        if not subject.text:
            return None
        direction = _direction(word)
        subject.measure = subject.measure + word if direction != "reach" else ""
        return subject, direction, True
    share = _SHARE.match(pre) if not post else None
    if share:
        subject = _clean_subject(share.group("subject"))
        if subject.text:
            return _Subject(subject.text + "占" + share.group("base")), "reach", True
    head = _strip_head(pre)
    counted = _COUNT.match(head)
    count_verb, rest = (counted.group(1), head[counted.end() :]) if counted else ("", head)
    if post and not rest:
        text = post
    elif not post and count_verb and rest and not _VERB_END.search(rest):
        text = rest
    else:
        return None
    direction: Direction = "increase" if count_verb in ("新增", "增加") else "reach"
    if count_verb not in ("新增", "增加", "实现"):
        text = count_verb + text
    return _Subject(text), direction, False


def _direction(verb: str) -> Direction:
    if _INCREASE.fullmatch(verb):
        return "increase"
    if _DECREASE.fullmatch(verb):
        return "decrease"
    return "reach"


def _comparator(m: re.Match[str]) -> Comparator | None:
    word = m.group("after") or m.group("before") or ""
    if word in ("以上", "及以上", "不低于", "不少于"):
        return "ge"
    if word in ("以下", "以内", "不超过", "不高于"):
        return "le"
    if word in ("超过", "突破"):
        return "gt"
    if word == "左右":
        return "about"
    return None


def _strip_head(text: str) -> str:
    text = text.strip()
    while (m := _SUBJECT_HEAD.match(text)) and m.end():
        text = text[m.end() :].strip()
    return text


def _clean_subject(text: str, multiply: bool = False) -> _Subject:
    """全区国家级高新技术企业 → 国家级高新技术企业; 年均 set aside as the measure, 分别 noted."""
    text = _strip_head(text)
    measure: list[str] = []
    respectively = False
    while (m := _SUBJECT_TAIL.search(text)) and m.group(0):
        word = m.group(0)
        if word in _MEASURES:
            measure.insert(0, word)
        respectively = respectively or word == "分别"
        text = text[: m.start()].strip()
    text = _FILLER.sub("", text)
    subject = _Subject(text, "".join(measure))
    if respectively or multiply:
        subject.parts = _shared_head(text, multiply and not respectively)
    return subject


def _shared_head(text: str, need_head: bool) -> list[str]:
    """省、市级研发平台 → 省级研发平台, 市级研发平台: the head the last conjunct names belongs to all.

    With `need_head` (a doubling without 分别) the subject is split only where the conjuncts share a
    head; otherwise 城乡居民收入和经济增长 would be cut in two.
    """
    parts = [p for p in _CONJUNCTION.split(text) if p]
    if len(parts) < 2:
        return []
    last = parts[-1]
    shared: list[str] = []
    for part in parts[:-1]:
        k = last.find(part[-1])
        if 0 <= k < len(last) - 1:
            shared.append(part + last[k + 1 :])
        elif len(part) <= 2 and len(last) > len(part):
            shared.append(part + last[len(part) :])
        elif need_head:
            return []
        else:
            shared.append(part)
    return [*shared, last]


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
