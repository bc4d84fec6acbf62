"""The cell grammar: what one table cell says about an indicator's target.

Every cell goes through the same grammar, whether it comes from a scraped text,
a .docx table, a spreadsheet or a web form, so a target printed one way reads
one way everywhere (DESIGN.md, "What a target can be"). The grammar only reads
what it fully understands; anything else comes back as uncertain text rather
than as a confident guess.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable

from planwatch.plan.model import Reading
from planwatch.plan.vocabulary import COMPARE_AFTER, COMPARE_BEFORE, FALL_WORDS, Comparator

# Canonical form -------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b"
_CANON = str.maketrans(
    {
        **dict.fromkeys(_DASHES, "-"),
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
        "≧": "≥",
        "≦": "≤",
        "〜": "~",
        "∼": "~",
        # Marks a PDF's fonts give for * < >: the asterisk operator, small and angle forms.
        "∗": "*",
        "＊": "*",
        "﹡": "*",
        "‹": "<",
        "›": ">",
        "﹤": "<",
        "﹥": ">",
    }
)
_SPACES = re.compile(r"[\s\u200b\ufeff]+")
_LOOSE_SPACE = re.compile(r"(?<![0-9]) | (?![0-9])")


def normalize(text: str) -> str:
    """The canonical form a cell is read in.

    NFKC turns full-width digits, letters and signs (６．５, ＞, ％, ［］) into
    their half-width forms; the remaining CJK brackets become [ ], every dash
    and minus becomes '-', and spaces go, so that '６．５ %' and '6.5%' are one
    text. A gap between two digits stays as one space: '6 7' is two figures
    run together, not 67, and must not read as one. The '%' stays in the text:
    the reading puts it in `unit`, never in the value.
    """
    text = unicodedata.normalize("NFKC", text).translate(_CANON)
    return _LOOSE_SPACE.sub("", _SPACES.sub(" ", text))


# Vocabulary -----------------------------------------------------------------

_UNITS = (
    "%", "‰", "个百分点", "百分点", "岁", "年", "天", "小时",
    "人", "百人", "千人", "万人", "人次", "万人次", "户", "万户",
    "元", "万元", "亿元", "美元", "万美元", "亿美元", "万", "亿",
    "件", "个", "家", "项", "所", "座", "处", "张", "床", "辆", "台", "倍",
    "吨", "万吨", "吨标准煤", "万吨标准煤", "公斤", "千克",
    "米", "公里", "千米", "平方米", "万平方米", "平方公里", "亩", "万亩", "公顷",
    "立方米", "万立方米", "千瓦", "万千瓦", "千瓦时",
)  # fmt: skip

# Verbs before a figure that give a comparator only when no suffix does.
_VERBS: dict[str, Comparator | None] = {"控制在": "le", "达到": None}

_FLIP: dict[Comparator, Comparator] = {"ge": "le", "gt": "lt", "le": "ge", "lt": "gt", "about": "about"}

# Readings that hold a figure, the only ones a trailing * can date.
_FIGURES = frozenset({"number", "cumulative", "change"})

# A note on a reading: what an office reads, in Chinese, and the same in English.
Note = tuple[str, str]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternative of literal words, longest first so 不低于 wins over 低于."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Grammar --------------------------------------------------------------------

_NUM = r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_UNIT = _alternation(_UNITS)

_UNDETERMINED = re.compile(r"待定|-+|一{1,2}|/|\.{2,}|⋯+")

_FIGURE = re.compile(
    rf"(?P<pre>{_alternation([*COMPARE_BEFORE, *_VERBS])})?"
    rf"(?P<value>{_NUM})(?P<unit>{_UNIT})?"
    rf"(?:(?:-|~|至|到)(?P<upper>{_NUM})(?P<upper_unit>{_UNIT})?)?"
    rf"(?:/(?P<per>{_UNIT}))?"
    rf"(?P<post>{_alternation(COMPARE_AFTER)})?"
)

_CHANGE = re.compile(rf"(?P<verb>提高|提升|增加|上升|{'|'.join(FALL_WORDS)})(?P<rest>.+)")

# Ways a five-year cumulative figure is printed, each with the doubt it leaves.
_CUMULATIVE: tuple[tuple[re.Pattern[str], Note | None], ...] = (
    (re.compile(r"(?:累计)?\[(?P<body>[^\[\]]+)\](?P<after>[^\[\]]*)"), None),
    (re.compile(r"累计(?P<body>[^\[\]]+)"), None),
    (re.compile(r"口(?P<body>[^口]+)口"), None),
    (
        re.compile(r"口(?P<body>[^口]+)"),
        ("只印出一个“口”，读作累计数的括号", "one 口 only: read as the bracket of a cumulative figure"),
    ),
    (
        re.compile(r"(?:累计)?\[(?P<body>[^\[\]]+)"),
        ("缺少右括号，读作累计数", "closing bracket missing: read as cumulative"),
    ),
    (
        re.compile(r"(?:累计)?(?P<body>[^\[\]]+)\]"),
        ("缺少左括号，读作累计数", "opening bracket missing: read as cumulative"),
    ),
)

_HIGHER_PLAN = re.compile(
    r"(?:确保)?(?:控制在|按照?|完成|达到|执行|落实|符合)?"
    r"(?P<authority>国家|省|市|县|区|上级)"
    r"(?:下达|确定|规定|分解|要求|定)?的?"
    r"(?:目标|任务|指标|要求)+"
    r"(?:内|以内|之内|范围内)?"
)

_QUALITATIVE = re.compile(
    r"(?:保持|稳步|持续|逐步|不断|进一步|逐年|有所)?在?"
    r"(?:合理区间内?|合理水平|基本稳定|稳定|提高|提升|增长|增加|改善|下降|降低|减少)"
    r"|各年度视情况?提出|只增不减|稳中有[升降进]"
)

# A target and a clause after it: ＞7、力争投入强度高于“十三五”时期实际, 6.5左右，力争7, 不低于95，其中….
_JOINT = re.compile(r"(?P<head>[^、,;]+)[、,;](?P<tail>.+)")
_CLAUSE = re.compile(r"力争|努力|争取|其中")

_SAME_PACE = re.compile(r"(?:与|同|和)(?P<other>.+?)(?:基本)?(?:保持)?同步(?:增长|提高|提升)?")
_RELATION = re.compile(rf"(?P<verb>{_alternation(COMPARE_BEFORE)})(?P<other>[^\W\d_].*)")


# Reading --------------------------------------------------------------------


def read_cell(text: str) -> Reading:
    """Read one cell with the grammar; never raises, whatever the text.

    Marks such as ① or ² are taken out before reading, because NFKC would
    otherwise turn '58①' into the figure 581; a reading that lost one says so.
    """
    marks = "".join(char for char in text if unicodedata.category(char) == "No")
    reading = _read(normalize("".join(char for char in text if char not in marks)))
    if marks:
        return _doubt(
            reading, (f"标记“{marks}”未计入读数", f"the marks {marks} were left out of the reading")
        )
    return reading


def _read(text: str) -> Reading:
    """Try each form of the grammar in turn, most specific first."""
    if not text:
        return Reading(kind="empty")
    if _UNDETERMINED.fullmatch(text):
        return Reading(kind="undetermined")
    if text.endswith("*") and text.rstrip("*"):
        return _read_starred(text.rstrip("*"))
    readers: tuple[Callable[[str], Reading | None], ...] = (
        _read_cumulative,
        _read_higher_plan,
        _read_qualitative,
        _read_quantity,
        _read_relation,
        _read_joint,
    )
    for reader in readers:
        reading = reader(text)
        if reading is not None:
            return reading
    return Reading(
        kind="text",
        uncertain=True,
        note=f"“{text}”未能按目标读出，按原文保留",
        note_en=f"“{text}” does not read as a target; kept as printed",
    )


def _read_starred(text: str) -> Reading:
    """A trailing * dates a figure to an earlier year; on anything else it is a stray mark."""
    reading = _read(text)
    if reading.kind in _FIGURES:
        reading = reading.model_copy(update={"earlier_year": True})
        return noted(reading, ("带*的数字为往年数据", "the figure is of an earlier year (trailing *)"))
    return _doubt(reading, ("没有数字的单元格后印有*，已忽略", "a trailing * on a cell without a figure"))


def _read_cumulative(text: str) -> Reading | None:
    """A five-year cumulative figure: [13.5], 累计45.5, or 口13.5口 as a scan prints the brackets."""
    for pattern, doubt in _CUMULATIVE:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        reading = _read_quantity(match["body"] + (match.groupdict().get("after") or ""))
        if reading is None:
            continue
        reading = reading.model_copy(update={"kind": "cumulative"})
        return _doubt(reading, doubt) if doubt else reading
    return None


def _read_higher_plan(text: str) -> Reading | None:
    """A target set by a higher plan: 控制在市目标内, 完成省下达任务."""
    match = _HIGHER_PLAN.fullmatch(text)
    return Reading(kind="higher_plan", authority=match["authority"]) if match else None


def _read_qualitative(text: str) -> Reading | None:
    """A target stated in words only: 保持在合理区间, 稳步提高."""
    return Reading(kind="qualitative") if _QUALITATIVE.fullmatch(text) else None


def _read_quantity(text: str) -> Reading | None:
    """A figure, or a change over the period: 170以上, 6-7, 提高1岁."""
    change = _CHANGE.fullmatch(text)
    if change:
        return _read_change(change["verb"], change["rest"])
    match = _FIGURE.fullmatch(text)
    return _figure(match) if match else None


def _read_change(verb: str, rest: str) -> Reading | None:
    """A change: the verb gives the sign, so 下降3% is -3 and 下降3%以上 is at most -3."""
    match = _FIGURE.fullmatch(rest)
    figure = _figure(match, down=verb in FALL_WORDS) if match else None
    if match is None or figure is None:
        return None
    reading = figure.model_copy(update={"kind": "change"})
    if any((match[group] or "").startswith(("+", "-")) for group in ("value", "upper")):
        return _doubt(
            reading,
            (
                f"既有“{verb}”又有正负号，按“{verb}”定方向",
                f"both “{verb}” and a sign: read the direction of “{verb}”",
            ),
        )
    return reading


def _figure(match: re.Match[str], down: bool = False) -> Reading | None:
    """A number with its comparator, range, unit and rate base; None if a piece does not fit.

    `down` reads it as the size of a fall, so the signs and the comparator turn round.
    """
    value = _number(match["value"])
    upper = _number(match["upper"]) if match["upper"] else None
    if value is None or (match["upper"] and upper is None):
        return None
    units = {match["unit"], match["upper_unit"]} - {None}
    if len(units) > 1:
        return None
    comparator, doubt = _comparator(match["pre"], match["post"])
    doubts = [doubt] if doubt else []
    if upper is not None and upper < value:
        value, upper = upper, value
        doubts.append(("区间印作从大到小", "range printed high to low"))
    if down:
        value, upper = (-upper, -value) if upper is not None else (-value, None)
        comparator = _FLIP[comparator] if comparator else None
    reading = Reading(
        kind="number",
        value=value,
        upper=upper,
        comparator=comparator,
        unit=units.pop() if units else None,
        per=match["per"],
    )
    for note in doubts:
        reading = _doubt(reading, note)
    return reading


def _read_relation(text: str) -> Reading | None:
    """A target tied to another indicator: 与经济增长基本同步, 高于GDP增长."""
    match = _SAME_PACE.fullmatch(text)
    if match:
        return Reading(kind="relation", relation="same_pace", other=match["other"])
    match = _RELATION.fullmatch(text)
    if match is None or COMPARE_BEFORE[match["verb"]] == "about":
        return None
    comparator = COMPARE_BEFORE[match["verb"]]
    relation = "higher" if comparator in ("ge", "gt") else "lower"
    return Reading(kind="relation", relation=relation, other=match["other"], comparator=comparator)


def _read_joint(text: str) -> Reading | None:
    """A target with a clause after it: the figure is the target and the clause its note.

    ＞7、力争… reads as 7 with the comparator ＞, the clause kept as the note (an office still sees
    it); two qualitative clauses (保持在合理区间、各年度视情提出) read as one qualitative target.
    Only a clause that opens with 力争, 努力, 争取 or 其中 is taken off a figure, so '6,7' stays text.
    """
    match = _JOINT.fullmatch(text)
    if match is None:
        return None
    head, tail = _read(match["head"]), match["tail"]
    if head.kind == "qualitative" and _read(tail).kind == "qualitative":
        return head
    if head.kind in ("text", "empty", "undetermined") or not _CLAUSE.match(tail):
        return None
    return noted(head, (tail, tail))


# Helpers --------------------------------------------------------------------


def _number(text: str) -> float | None:
    """The figure's value; None for one too large to be a float, so it never reads as infinity."""
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else None


def _comparator(pre: str | None, post: str | None) -> tuple[Comparator | None, Note | None]:
    """Combine a prefix and a suffix comparator, and say when they disagree."""
    if pre in _VERBS:
        return (COMPARE_AFTER[post] if post else _VERBS[pre]), None
    first = COMPARE_BEFORE[pre] if pre else None
    second = COMPARE_AFTER[post] if post else None
    if first and second and first != second:
        return first, (
            f"“{pre}”与“{post}”矛盾，按“{pre}”读取",
            f"“{pre}” and “{post}” disagree: read “{pre}”",
        )
    return first or second, None


def noted(reading: Reading, note: Note) -> Reading:
    """The reading with one more note, in Chinese and in English."""
    zh, en = note
    return reading.model_copy(
        update={
            "note": "；".join(filter(None, [reading.note, zh])),
            "note_en": "; ".join(filter(None, [reading.note_en, en])),
        }
    )


def _doubt(reading: Reading, note: Note) -> Reading:
    """The reading marked uncertain, saying why."""
    return noted(reading, note).model_copy(update={"uncertain": True})
