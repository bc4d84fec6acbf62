"""Commitments and results: the figures a plan's prose promises, and those it reports of the period behind it.

A text is read sentence by sentence (a sentence ends at 。！？ or at a paragraph's end: the caller
joins the lines a PDF broke inside sentences), clause by clause (a clause ends at a comma, a
semicolon or a colon). Spaces are dropped first (达 1500 亿元, 15 00亿元) but beside a Latin letter,
full-width digits made plain and 1,500 read as 1500. A figure is an Arabic number with a unit (家,
4万个, 亿元, %, 个百分点, 28万元/人, 7.5/10万…) outside quotation marks (“513”工程 and 《…》 name
things); 一批, 三大, 第3条 and a year are no figures. A range (25%-30%) reads as its lower bound, at
least. A definition (独角兽企业：一般指…) promises nothing.

A figure is read where words tie it to what it counts; any other figure belongs to the words around
it (35岁以下青年人口占比超过35% counts 35岁以下青年人口占比, at 35 %):

- subject, verb, figure: 全区国家级高新技术企业达到20家, 比重保持10%以上, 排放量分别下降8%以上,
  占一般公共预算支出的72%, 死亡率不超过9%; a clause with no subject of its own (年均增长7%) takes
  the one of the clause before it;
- a rate named, its figure: 地区生产总值年均增速4.5%-5%, 占比30%;
- a verb of making or adding, what it makes, the figure: 新增省级专精特新企业20家, 中心城区每年新增停车
  设施2万个以上, 新建公共充电设施4万个左右;
- a figure, then what it counts, ending its clause (or, for a target, ending at 、): 力争5家以上企业成功
  上市, 建设5个智能工厂, 建成25个以上紧密型城市医疗集团、…; an age (3岁以下婴幼儿) only says who;
- more subjects and figures after one verb: 分别 shares the figures among the subjects it follows
  (旅客吞吐量、货邮吞吐量分别达到1亿人次、300万吨), and a subject with a figure and no verb, after 、
  or a comma, takes the verb of the figure before it (新增A 30家、B 50个);
- no figure, a doubling: 数量倍增, 翻番, 翻一番 (value 2), 翻两番 (value 4); 倍增计划 names a plan.

The tense of a clause comes from the markers before it in its sentence: a year from the plan's
start on (到2030年, 2030年), the plan's own name (“十五五”期间, 末) or its end (规划期末), or 力争/确保/
争取, make it future, with that year as the deadline (the plan's end year for its name or its end);
an earlier year, an earlier plan (“十四五”时期, 末), 已经, 现已, 先后, 荣获, 五年来, 近年来 make it
past, and so does 已 where nothing has said future. A year or a plan after 比/较 is a base, not a
time. Without a marker, a clause is past in a part of the text reviewing the previous period, and
open elsewhere.

- Future clauses give commitments; open ones too, but only where the figure is governed: a verb of
  reaching or changing ties it (研发投入年均增长10%), a rate is named, it counts what is added (新增,
  新建), it carries a comparator of a target (4万个左右, 5个以上, 超过), or it is a doubling. A plain
  count in a task's description (建设5个产业园) promises nothing by itself.
- Past clauses give results, with the year the clause names, else the end year of the plan it names,
  else the year before the plan starts. A doubling in the past gives none: a Result has no direction.
- Subjects lose the region (全区, 我县), the markers and the times (…到2030年达到 → …), a base (比2025年)
  and a start figure (由…提高到); a result of a change or an addition names it in its subject
  (生产总值年均增长, 医疗卫生机构新增), as a Result has no direction.
- Direction: 增长, 提高, 提升, 增加, 新增, 新建 increase; 下降, 降低, 减少, 减量 decrease; 倍增, 翻番
  multiply; 达到 and the verbs of a level (提高到, 控制在, 保持) reach. Comparator: 以上, 不低于, 不少于
  and a range ge; 以下, 以内, 不超过, 不高于 le; 超过, 突破, 超, 高于, …多/余 gt; 低于, 不足 lt;
  左右, 约 about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from planwatch.ingest.metadata import plan_period
from planwatch.ingest.numerals import to_int
from planwatch.plan.model import Commitment, Plan, PlanWarning, Result
from planwatch.plan.vocabulary import DECREASE_VERBS, INCREASE_VERBS, PROSE_AFTER, PROSE_BEFORE, Comparator

Direction = Literal["reach", "increase", "decrease", "multiply"]
TenseKind = Literal["future", "past", "open"]  # open: no marker, in a text that does not look back

# --- figures -------------------------------------------------------------------------------------

_BASE_UNITS = sorted(
    [
        "个百分点",
        "百分点",
        "%",
        "‰",
        "美元",
        "元",
        "人次",
        "人",
        "户",
        "平方米",
        "平方公里",
        "立方米",
        "亩",
        "公顷",
        "公里",
        "千米",
        "延米",
        "微克/立方米",
        "米",
        "吨标准煤",
        "吨",
        "千瓦时",
        "千瓦",
        "辆",
        "家",
        "个",
        "所",
        "座",
        "条",
        "项",
        "台",
        "套",
        "张",
        "床",
        "件",
        "岁",
        "倍",
        "处",
        "栋",
        "名",
        "标准箱",
        "标箱",
        "艘",
        "架",
        "天",
        "小时",
        "分钟",
    ],
    key=len,
    reverse=True,
)
_MAGNITUDE = "万亿|千亿|百亿|亿|千万|百万|十万|万"
_PER = r"/(?:\d*(?:万|千|百)?(?:人口|人|年|户|日|天|吨|辆|平方米|元)|\d+(?:万|千|百)?)"  # 28万元/人, 7.5/10万
_UNIT = rf"(?:(?:{_MAGNITUDE})(?:{'|'.join(_BASE_UNITS)})?|(?:{'|'.join(_BASE_UNITS)}))(?:{_PER})?|{_PER}"
_BEFORE = "|".join(r"(?<![节制签预公条])约" if w == "约" else w for w in PROSE_BEFORE)  # not 节约, 制约…
_AFTER = "|".join(PROSE_AFTER)
_NUMBER = r"\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<before>{_BEFORE})?(?<![\d.A-Za-z第/])(?P<value>{_NUMBER})"
    rf"(?:(?:{_UNIT})?[-—–～~－](?P<upper>{_NUMBER}))?(?P<more>多|余)?"
    rf"(?P<unit>{_UNIT})(?P<after>{_AFTER})?"
)
# The comparator of a figure's words; 多, 余 after it (300多万) and a range (25%-30%) too.
_COMPARATORS: dict[str, Comparator] = {**PROSE_BEFORE, **PROSE_AFTER, "多": "gt", "余": "gt", "range": "ge"}

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_WORTH_READING = re.compile(r"[\d０-９]|倍增|翻")  # a sentence with neither holds no figure
_CLAUSE = re.compile(r"[^,，;；:：。！？!?]+")
_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》"}
_ANY_QUOTE = re.compile('[“「『《"]')
_BOOK_TITLE = re.compile(r"《[^《》]*》")
_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z]")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

# --- verbs ---------------------------------------------------------------------------------------

_LEVEL = (
    *(verb + end for verb in (*INCREASE_VERBS, *DECREASE_VERBS) for end in ("到", "至")),
    *("保持在", "稳定在", "维持在", "控制在", "降到", "降至", "升到", "升至", "增至", "达到"),
    *("保持", "稳定", "维持", "控制", "突破", "超过", "达"),
)
# A verb of reaching a level or of changing, just before the figure it governs; longest first.
_VERB_END = re.compile(
    "(?P<verb>"
    + "|".join(sorted({*_LEVEL, *INCREASE_VERBS, *DECREASE_VERBS}, key=len, reverse=True))
    + ")了?$"
)
_COUNT = re.compile(
    "(?:累计|共|再|每年|年均)?(?P<verb>新增(?!长)|增加(?!值)|新建|建成|建设|培育|引进|打造|创建|争创|完成|实现|认定|"
    "改造|开通|招引|集聚|孵化|举办|筹集)"
)
_ADDING = ("新增", "增加", "新建")
# A rate named, its figure right after it: 年均增速5%左右.
_RATE_END = re.compile(r"(?:增速|增幅|降幅|比重|占比|比例|率)$")
_VERB_PHRASE = 8  # a figure may follow a short verb phrase and come before what it counts: 积极推动100处以上…
_MULTIPLY = re.compile(
    r"(?:实现)?(?P<verb>倍增|翻番|翻了?一番|翻了?两番|翻了?二番)(?!计划|行动|工程|方案|专项)"
)
_SHARE = re.compile(r"^(?P<subject>.*?)占(?P<base>.+?)的?$")
_FREE_AFTER = re.compile(r"^(?:的?(?:水平|目标|规模)|[、和及与并].*)?$")  # what may follow a figure
_TARGETS = ("ge", "gt", "about")  # comparators that make a count a target: 5家以上, 4万个左右
_DEFINITION = re.compile(r"(?:一般|主要|是|系|特|专)指(?![标导数南引挥])")  # 独角兽企业：一般指…
_NOT_SUBJECT = re.compile(r"覆盖|包括|涉及|惠及|辐射|吸纳|带动|服务|支持|帮助|其中")
_REACH = 80  # the most text before a figure that its subject and verb can take

# --- time and subjects ---------------------------------------------------------------------------

_YEAR_NUMBER = r"(?:19|20)\d\d|二[〇零][〇零一二三四五六七八九]{2}"
_PLAN_NAME_TEXT = r"[“\"「]?十([一二三四五六七八九])五[”\"」]?"
_BASE = r"(?<![比较与同])"  # a year or plan after 比, 较 is a base, not a time
_YEAR = re.compile(rf"{_BASE}(?<!\d)(?P<to>到|至)?(?P<year>{_YEAR_NUMBER})年(?P<tail>底前|以前|前|底|末)?")
_PLAN_NAME = re.compile(rf"{_BASE}(?<![比较与同][“\"「]){_PLAN_NAME_TEXT}(期间|时期|期末|末|以来|初)?")
_PLAN_END = re.compile(r"(?<![五”\"」])(?:本?规划)?期末")
_STRONG_PAST = re.compile(r"已经|现已|先后|荣获|过去五年|五年来|近年来")
_WEAK_PAST = re.compile(r"已")
_WEAK_FUTURE_WORDS = "力争|确保|争取"  # they also open and close a subject, and are no part of it
_WEAK_FUTURE = re.compile(_WEAK_FUTURE_WORDS)
_TIME = (
    rf"(?:到|至)?(?:{_YEAR_NUMBER})年(?:底前|以前|前|底|末)?"
    rf"|(?:到|至)?{_PLAN_NAME_TEXT}(?:期间|时期|期末|末|以来)?|(?:到|至)?(?:本?规划)?期末"
)
_BASE_TIME = rf"(?:比|较)(?:(?:{_YEAR_NUMBER})年|上年|基期|{_PLAN_NAME_TEXT})(?:期末|末|底)?"
_SUBJECT_HEAD = re.compile(
    rf"^(?:{_TIME}|{_BASE_TIME}"
    rf"|预计|{_WEAK_FUTURE_WORDS}|努力|实现|推动|促进|带动|其中|同时|累计|届时|使|让|并|且|进一步|已经|现已|已"
    r"|[全我本][区市县省镇乡旗州盟国])"
)
_MEASURES = ("年均", "年平均", "平均", "每年", "五年", "累计")
_SUBJECT_TAIL = re.compile(
    rf"(?:年均|年平均|(?<!人)平均|每年|五年|累计|分别|(?<!人)均|现已|已经|已|将|再|进一步|逐步|稳步|持续"
    rf"|始终|{_WEAK_FUTURE_WORDS}|努力|达到|实现|{_TIME}|{_BASE_TIME}|(?:由|从)[^由从]*\d[^由从]*)$"
)
_CONJUNCTION = re.compile(r"[、和及与]")
_SHORT_PART = 4  # a conjunct this short names a thing, and takes the measure the last one names
_HEAD_NOUN = re.compile(r"(?:吞吐量|排放量|产量|总量|增加值|总值|总额|产值|规模|比重|比例|占比|覆盖率|浓度)$")
_FILLER = re.compile(r"^[的、和及与并\s]+|[的、\s]+$")
_LONGEST_SUBJECT = 40  # a longer "subject" is a list or a sentence cut wrongly
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@dataclass(frozen=True)
class Calendar:
    """The plan's years, to tell a promise from a report: 十五五 is this plan, 十四五 the one before."""

    start: int | None
    number: int | None  # 15 for the 15th plan

    @classmethod
    def of(cls, plan: Plan) -> Calendar:
        if plan.period is None:
            return cls(None, None)
        number = (plan.period.start - 1966) // 5 + 3 if plan.period.start >= 1966 else None
        return cls(plan.period.start, number)

    @property
    def end(self) -> int | None:
        return self.start + 4 if self.start is not None else None

    def names_earlier_plan(self, text: str) -> bool:
        return any(
            self.number is not None and 10 + (to_int(m.group(1)) or 0) < self.number
            for m in _PLAN_NAME.finditer(text)
        )


@dataclass
class _Tense:
    kind: TenseKind
    year: int | None = None
    strong: bool = False  # set by a year or a plan's name, which 力争 or 已 do not override


@dataclass(frozen=True)
class Said:
    """Where a figure is said: the clause, its sentence, and the clause's tense and year."""

    tense: TenseKind
    year: int | None
    phrase: str
    sentence: str


@dataclass
class Figure:
    """A figure tied to what it counts, with where and when it is said."""

    subject: str
    value: float
    unit: str | None
    comparator: Comparator | None
    direction: Direction
    change: str  # the words of a change, for a result's subject: 年均增长
    governed: bool  # a verb, an addition or a comparator makes the figure a target
    said: Said

    @property
    def promised(self) -> bool:
        return self.said.tense == "future" or (self.said.tense == "open" and self.governed)

    @property
    def reported(self) -> bool:
        return self.said.tense == "past" and self.direction != "multiply"

    def commitment(self, id: str, chapter: str | None, section: str | None) -> Commitment:
        return Commitment(
            id=id,
            chapter=chapter,
            section=section,
            subject=self.subject,
            value=self.value,
            unit=self.unit,
            comparator=self.comparator,
            direction=self.direction,
            deadline=self.said.year,
            phrase=self.said.phrase,
            sentence=self.said.sentence,
        )

    def result(self, id: str, chapter: str | None, section: str | None) -> Result:
        return Result(
            id=id,
            chapter=chapter,
            section=section,
            subject=self.subject + self.change,
            value=self.value,
            unit=self.unit,
            year=self.said.year,
            phrase=self.said.phrase,
            sentence=self.said.sentence,
        )


@dataclass
class Unread:
    """A clause of the future whose figures could not be shared out or tied to a subject."""

    phrase: str
    sentence: str

    def warning(self, where: str) -> PlanWarning:
        """The warning that tells a reader which figures of the place `where` were left unread."""
        return PlanWarning(
            code="commitment_unread",
            message=f"{where}：“{self.phrase}”中的数字没有读成承诺，因为未能把它们对应到各自的主语。",
            message_en=(
                f"{where}: the figures of “{self.phrase}” were not read as commitments: "
                "they could not be matched to their subjects"
            ),
            where=where,
        )


@dataclass
class _Subject:
    """A subject as the sentence names it, cleaned; the words of a change set aside, 分别 shared out."""

    text: str
    measure: str = ""
    parts: list[str] = field(default_factory=list)


@dataclass
class _Tie:
    """What ties a group of figures to its subject: the verb's direction, and whether it is a target."""

    subject: _Subject
    direction: Direction
    governed: bool
    change: str = ""
    upto: int = 0  # how far past the figures the tie's words run: 5家以上企业


@dataclass
class _Sentence:
    """What one clause hands the next in its sentence."""

    last_subject: str = ""
    carry: _Tie | None = None  # the tie of a figure that ended its clause, for a next one with no verb


def read_figures(text: str, review: bool, calendar: Calendar) -> Iterator[Figure | Unread]:
    """The figures of a text, and the clauses of the future whose figures could not be read.

    `review` says the text looks back on the previous period: its clauses are past unless marked.
    """
    for s in _SENTENCE.finditer(text):
        if not _WORTH_READING.search(s.group(0)):
            continue
        sentence = normalise(s.group(0))
        if not _DEFINITION.search(sentence):
            yield from _sentence_figures(sentence, review, calendar)


def normalise(text: str) -> str:
    """Full-width digits made plain; spaces dropped but beside a Latin letter (新增A 30家); 1,500 made 1500."""
    text = text.translate(_WIDE).strip()
    text = _SPACE.sub(lambda m: " " if _beside_latin(text, m.start(), m.end()) else "", text)
    return _THOUSANDS.sub("", text)


def _beside_latin(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return bool(_LATIN.match(before) and after.isascii() and after.isalnum()) or bool(
        _LATIN.match(after) and before.isascii() and before.isalnum()
    )


def _sentence_figures(sentence: str, review: bool, calendar: Calendar) -> Iterator[Figure | Unread]:
    masked = _masked(sentence)
    timed = _BOOK_TITLE.sub(lambda m: "□" * len(m.group(0)), sentence)
    tense = _Tense("past" if review else "open")
    state = _Sentence()
    for c in _CLAUSE.finditer(sentence):
        tense = _update_tense(tense, timed[c.start() : c.end()], calendar)
        said = Said(tense.kind, _year(tense, calendar), c.group(0), sentence)
        yield from _clause_figures(c.group(0), masked[c.start() : c.end()], said, state)


def _masked(sentence: str) -> str:
    """The sentence with what stands inside quotation marks blanked: “513”工程 counts nothing."""
    if not _ANY_QUOTE.search(sentence):
        return sentence
    out = list(sentence)
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
            out[k] = "□"
    return "".join(out)


def _update_tense(tense: _Tense, clause: str, calendar: Calendar) -> _Tense:
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
    if _PLAN_END.search(clause):
        future.append(calendar.end)
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


def _year(tense: _Tense, calendar: Calendar) -> int | None:
    if tense.kind == "past" and tense.year is None and calendar.start is not None:
        return calendar.start - 1
    return tense.year


def _clause_figures(clause: str, masked: str, said: Said, state: _Sentence) -> Iterator[Figure | Unread]:
    """The figures of one clause, left to right; a figure read ends the words of the next subject."""
    groups = _groups(list(_FIGURE.finditer(masked)), clause)
    pos = 0  # where the words of the next subject may begin: after the last figure read
    ends: list[int] = []
    carry, state.carry = state.carry, None
    for k, group in enumerate(groups):
        last = k + 1 == len(groups)
        end = len(clause) if last else groups[k + 1][0].start()
        pre = clause[max(pos, group[0].start() - _REACH) : group[0].start()]
        post = clause[group[-1].end() : end]
        free = bool(_FREE_AFTER.match(post)) and (bool(post) or last)
        tie = _tie(group, pre, post, free, last, carry)
        if tie is None:
            continue
        subject = tie.subject
        subject.text = subject.text or state.last_subject
        names = subject.parts or [subject.text]
        if not subject.text or (len(group) > 1 and len(group) != len(names)):
            if said.tense == "future":
                yield Unread(said.phrase, said.sentence)
            continue
        state.last_subject = subject.text
        pos = group[-1].end() + tie.upto
        ends.append(pos)
        carry = tie if free else None
        for j, name in enumerate(names):
            m = group[j if len(group) > 1 else 0]
            if len(name) <= _LONGEST_SUBJECT:
                value, unit = float(m.group("value")), m.group("unit")
                comparator = _comparator(m) or _COMPARATORS.get(group[0].group("before") or "")
                yield Figure(name, value, unit, comparator, tie.direction, tie.change, tie.governed, said)
    if ends and ends[-1] == len(clause.rstrip()):
        state.carry = carry
    yield from _doublings(clause, masked, ends, said, state)


def _groups(figures: list[re.Match[str]], clause: str) -> list[list[re.Match[str]]]:
    """Figures listed together (7个、15个) share one subject and verb."""
    groups: list[list[re.Match[str]]] = []
    for m in figures:
        if groups and re.fullmatch(r"[、和及与]", clause[groups[-1][-1].end() : m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _tie(
    group: list[re.Match[str]], pre: str, post: str, free: bool, last: bool, carry: _Tie | None
) -> _Tie | None:
    """How the words before and after a group of figures tie it to a subject; None where nothing does.

    `free` says nothing that the figures count follows them; `last` that no figure follows in the clause.
    """
    comparator = _comparator(group[0])
    verb = _VERB_END.search(pre)
    if free and (verb or group[0].group("before")):
        word = verb.group("verb") if verb else ""
        subject = _clean_subject(pre[: verb.start()] if verb else pre)
        direction = _direction(word)
        return _Tie(subject, direction, True, subject.measure + word if direction != "reach" else "")
    share = _SHARE.match(pre) if free else None
    if share and (owner := _clean_subject(share.group("subject")).text):
        return _Tie(_Subject(owner + "占" + share.group("base")), "reach", True)
    if free and _RATE_END.search(pre) and (subject := _clean_subject(pre)).text:  # 年均增速5%左右
        return _Tie(subject, "reach", True)
    head = _strip_head(_FILLER.sub("", pre))
    counted = _COUNT.search(head)
    count_verb, rest = (counted.group("verb"), head[counted.end() :]) if counted else ("", head)
    adding = count_verb in _ADDING
    direction: Direction = "increase" if adding else "reach"
    target = adding or comparator in _TARGETS
    named = count_verb if count_verb not in (*_ADDING, "实现") else ""
    change = count_verb if adding else ""  # a result of 新增 names it: 医疗卫生机构新增
    if free and counted and rest and not _VERB_END.search(rest):  # 中心城区每年新增停车设施2万个
        return _Tie(_clean_subject(head[: counted.start()] + named + rest), direction, target, change)
    if free and rest and carry is not None and not _NOT_SUBJECT.search(rest):  # 新增A 30家、B 50个
        return _Tie(_clean_subject(rest), carry.direction, carry.governed or target, carry.change)
    if free and rest and target:  # 提升改造山区防火道路1000公里以上
        return _Tie(_clean_subject(rest), "reach", True)
    phrase_only = not counted and comparator in _TARGETS and len(rest) <= _VERB_PHRASE  # 积极推动100处以上…
    if free or (rest and not phrase_only) or group[0].group("unit") == "岁":
        return None  # 招收2—3岁幼儿: an age before a noun says who, it counts nothing
    # the figure first, then what it counts: to the clause's end, or for a target to the next 、
    upto = len(post) if last else (post.find("、") if comparator in _TARGETS else -1)
    if upto <= 0:
        return None
    subject = _Subject(named + _FILLER.sub("", post[:upto]))
    return _Tie(subject, direction, target, change, upto=upto + (not last))


def _doublings(clause: str, masked: str, ends: list[int], said: Said, state: _Sentence) -> Iterator[Figure]:
    """数量倍增, 翻一番: a doubling of each count the subject names, each promised on its own."""
    for m in _MULTIPLY.finditer(masked):
        start = max([e for e in ends if e <= m.start()] + [m.start() - _REACH, 0])
        subject = _clean_subject(clause[start : m.start()], multiply=True)
        if not subject.text or len(subject.text) > _LONGEST_SUBJECT:
            continue
        state.last_subject = subject.text
        times = 4.0 if re.search("[两二]番", m.group("verb")) else 2.0
        for name in subject.parts or [subject.text]:
            yield Figure(name, times, None, None, "multiply", "", True, said)


def _direction(verb: str) -> Direction:
    if verb in INCREASE_VERBS:
        return "increase"
    if verb in DECREASE_VERBS:
        return "decrease"
    return "reach"


def _comparator(m: re.Match[str]) -> Comparator | None:
    word = m.group("after") or m.group("before") or m.group("more") or ("range" if m.group("upper") else "")
    return _COMPARATORS.get(word)


def _strip_head(text: str) -> str:
    text = text.strip()
    while (m := _SUBJECT_HEAD.match(text)) and m.end():
        text = text[m.end() :].strip()
    return text


def _clean_subject(text: str, multiply: bool = False) -> _Subject:
    """全区国家级高新技术企业 → 国家级高新技术企业; 年均 set aside as the measure, 分别 noted."""
    text = _strip_head(_FILLER.sub("", text))
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
        if 0 <= k < len(last) - 2:  # what follows the shared word is a head of two or more: 排放量
            shared.append(part + last[k + 1 :])
        elif len(part) <= 2 and len(last) > len(part):
            shared.append(part + last[len(part) :])
        elif len(part) <= _SHORT_PART and (head := _HEAD_NOUN.search(last)):
            shared.append(part + head.group(0))  # 港口货物、集装箱吞吐量 → 港口货物吞吐量
        elif need_head:
            return []
        else:
            shared.append(part)
    return [*shared, last]
