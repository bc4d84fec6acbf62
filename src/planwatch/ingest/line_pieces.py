"""What a piece of a table printed as lines can be: a figure, a unit, an attribute, a name, a wrap.

A piece is the text between spaces or line breaks. Both readers of tables
printed as lines (`line_rows` by the order of the pieces, `line_columns` by
where they stand) ask the same questions of it: does it open a value, is it
a unit, does a wrapped name or cell go on into it. A line of a wrapped cell
ends where the next printed unit would not fit: a line shorter than that by
more than the next unit ended its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.ingest import columns as cols
from planwatch.plan.vocabulary import ATTRIBUTES, CELL_BEFORE, CELL_BOUNDS, GROWTH_WORDS

COUNT = re.compile(r"[(（]\s*(?:共)?\s*(\d{1,3})\s*项\s*[)）]$")
_PERIOD = re.compile(r"[“\"]十[一二三四五六七八九]五[”\"]")
_VALUE_START = re.compile(rf"[-−—–－~～<>≤≥＜＞≦≧\[【〔]|\d|累计|口\d|[+＋]\d|{_PERIOD.pattern}")
_VALUE_SUFFIX = re.compile(rf"\d+(?:\.\d+)?(?:{'|'.join(CELL_BOUNDS)}|万|亿|千|[%‰/])")
PHRASE = re.compile(
    r"(?:完成|控制|按|与(?:经济|GDP|地区生产总值|国内生产总值|全国|全省|全市|国家|省|市|区|县)|保持|达到(?:国家|省|市|区|县)|不(?:低于|高于|超过)|低于|高于|快于|待定|力争|确保|稳定在|持续|逐步)"
)
_UNIT = re.compile(
    r"(?:百分点|[%‰℃万亿千百十元美人户个家件项座张台辆吨米岁年天次所床位亩瓦时克升标准煤公里平方立顷倍份册部小度点箱微毫纳斤焦贝帕]"
    r"|[/／·每]|[A-Za-z²³])+"
)
_MAX_UNIT = 10
UNIT_PAREN_END = re.compile(r"[(（][^()（）]{0,20}[)）]$")
GROUP_ROW = re.compile(rf"{cols.GROUP_NUMERAL}[、．.]\s*\S")
# A row number in a cell of its own (`3`, `3.`), and one fused to the name it numbers (`3.地区生产总值`).
ROW_NUMBER = re.compile(r"(\d{1,3})[.、．]?")
NUMBERED_NAME = re.compile(r"(\d{1,3})[.、．]\s*(\S.*)")
CONTINUED = re.compile(r"续表|[(（]续[)）]")
DASH = ("—", "-", "－", "–", "/", "无")
_WRAP_END = tuple(",，、(（~～/“")
_SUFFIX_START = re.compile("|".join((*CELL_BOUNDS, "上下")))  # 上下 as prose writes it: 5上下
# A cell line that ends on a word a figure follows (`“十五五”累计` `18`).
_FIGURE_NEXT = re.compile(f"(?:{'|'.join(('累计', *GROWTH_WORDS, '年均', '达到', *CELL_BEFORE))})$")
_OPENING = "（([【〔「『“‘"
_CLOSING = "）)]】〕」』”’，。、；：？！,.;:?!"
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕", "“": "”"}


@dataclass
class Fragment:
    """A piece of text between spaces or line breaks; `first`/`last`: it opens/closes its line;
    `indent`: the printed width before it in its cell (a row number fused to a name), None where it
    shares its line with other cells."""

    text: str
    line: int
    first: bool
    last: bool
    indent: int | None = 0


def join(fragments: list[Fragment]) -> str:
    """Wrapped pieces joined as printed: Chinese runs on without a space, Latin words keep one."""
    out = ""
    for f in fragments:
        if out and out[-1].isascii() and out[-1].isalnum() and f.text[0].isascii() and f.text[0].isalnum():
            out += " "
        out += f.text
    return out


def width(text: str) -> int:
    """Printed width: a Chinese character is two, an ASCII character one."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def first_unit(text: str) -> int:
    """The printed width of what a line cannot break before: a Latin word or figure, else one character,
    with the opening punctuation before it."""
    k = 0
    while k < len(text) - 1 and text[k] in _OPENING:
        k += 1
    m = re.match(r"[!-~]+", text[k:])
    return width(text[: k + (m.end() if m else 1)])


def is_attribute(text: str) -> bool:
    return text in ATTRIBUTES


def starts_value(text: str) -> bool:
    """A figure, a dash, a bound or a bracket opens the piece, and no name follows the figure."""
    if not _VALUE_START.match(text):
        return False
    return not name_after_figure(text)


def name_after_figure(text: str) -> bool:
    """`3岁以下婴幼儿入托率(%)`, `5G基站数(个)`: a name that opens with a figure."""
    m = re.match(r"\d+(?:\.\d+)?([A-Za-z]*[\u4e00-\u9fff]{3,})", text)
    return bool(m) and not _VALUE_SUFFIX.match(text) and not re.match(r"\d+(?:\.\d+)?(?:年|个百分点)", text)


def is_text(text: str) -> bool:
    return not is_attribute(text) and not starts_value(text)


def name_like(text: str) -> bool:
    return is_text(text) and not PHRASE.match(text) and not CONTINUED.match(text) and not COUNT.search(text)


def is_unit(text: str) -> bool:
    """A unit cell: measure words and scales only (亿元, 万人, %, 微克/立方米, 吨标准煤/万元)."""
    return len(text) <= _MAX_UNIT and bool(_UNIT.fullmatch(text))


def open_bracket(text: str) -> bool:
    """The text leaves a bracket open (`年均浓度(微克/立方米`): it goes on in the next piece."""
    depth: list[str] = []
    for ch in text:
        if ch in _BRACKETS:
            depth.append(_BRACKETS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
    return bool(depth)


def wraps_on(prev: str, nxt: str, room: int | None, indent: int | None = 0) -> bool:
    """The line of a cell ending in `prev` (`indent` into the cell) goes on in `nxt`: the next unit would
    not have fitted in the column's `room`, the line ends in the middle of a bracket or after a joining
    mark, or `nxt` opens with punctuation no line starts with."""
    if open_bracket(prev) or prev.endswith(_WRAP_END) or nxt[0] in _CLOSING:
        return True
    return room is not None and indent is not None and indent + width(prev) + first_unit(nxt) > room


def attribute_split(prev: str, nxt: str) -> bool:
    """An attribute wrapped in a narrow column: 预期 / 性."""
    return not is_attribute(prev) and is_attribute(prev + nxt)


def continues_value(prev: Fragment, f: Fragment) -> bool:
    """A wrapped value cell goes on in the next line: the line ended in the middle of words (`达到国家`
    `要求`), of a bracket or a figure's words (`年均增长5` `左右`)."""
    if not prev.last or not f.first or GROUP_ROW.match(f.text):
        return False
    if wraps_on(prev.text, f.text, None) or (_FIGURE_NEXT.search(prev.text) and f.text[0].isdigit()):
        return True
    if _opened(prev.text) and not is_attribute(f.text):
        return True
    if not is_text(f.text) or UNIT_PAREN_END.search(f.text):
        return False
    end = prev.text[-1]
    return "\u4e00" <= end <= "\u9fff" or end == "”" or bool(_SUFFIX_START.match(f.text))


def _opened(text: str) -> bool:
    """A value cell's first line holding its period and no figure yet (`“十五五”`, `“十四五”年均`)."""
    return bool(_PERIOD.match(text)) and not re.search(r"\d", text)
