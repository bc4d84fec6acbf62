"""What an indicator table's column roles, headers and row names say about the figures it holds.

The readers settle each column's role and the evaluation places each figure by it (a baseline or a
target, a level or a growth), so both read a table by the rules here.
"""

from __future__ import annotations

import re
from typing import Literal

from planwatch.plan.vocabulary import FALL_WORDS, GROWTH_WORDS

ValueKind = Literal["level", "growth"]

# Column roles (Table.roles) whose cells become Row.cells, in the table's column order.
VALUE_ROLES = frozenset(
    {"base", "base_growth", "target", "growth", "cumulative", "result", "result_growth", "other"}
)

_GROWTH_HEADER = re.compile("|".join(GROWTH_WORDS))
_GROWTH_NAME = re.compile(rf"({'|'.join(GROWTH_WORDS)}|增长率)$")

# A value printed with its kind: “十五五”年均增长5.0左右, 2021-2024年累计降低8.2.
_PHRASE = re.compile(
    r"^(?P<period>[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期)?|20\d\d\s*[-—–~至]\s*20\d\d\s*年|20\d\d年)?"
    r"\s*(?P<word>年均增长率?|年均增速|年均|累计(?:新增|增长|增加|降低|下降|减少)?)\s*"
    r"(?P<figure>[^\s].*)$"
)


def column_kind(header: str) -> ValueKind:
    """A value column holds growth rates when its (lowest) header says 增长/增速, else levels."""
    return "growth" if _GROWTH_HEADER.search(header.split("/")[-1]) else "level"


def row_kind(name: str) -> ValueKind:
    """A row whose indicator ends in 增长 holds growth rates; any other holds levels."""
    return "growth" if _GROWTH_NAME.search(name) else "level"


def cell_phrase(text: str) -> tuple[str | None, str]:
    """A value printed with its kind, split: (growth|cumulative, the figure as the grammar reads it).

    `“十五五”年均增长5.0左右` -> ("growth", "5.0左右"); `“十四五”累计新增160` -> ("cumulative", "累计160");
    `2021-2024年累计降低8.2` -> ("cumulative", "累计降低8.2"). Anything else -> (None, text).
    """
    m = _PHRASE.match(text.replace("\n", ""))
    if m is None or not re.search(r"\d", m["figure"]):
        return None, text
    word, figure = m["word"], m["figure"]
    if word.startswith("年均"):
        return "growth", figure
    change = word[2:]
    return "cumulative", "累计" + (change if change in FALL_WORDS else "") + figure
