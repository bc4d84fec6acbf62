"""Scrape and OCR noise that can be repaired with certainty, wherever it stands.

Each repair is counted, and the counts become a warning, so a reader of the
plan knows the text was touched. Repairs that depend on where the text stands
(a lone 一 as a dash in a table cell, 口 as cumulative brackets, I as a row
number) belong to the table reader, which knows the context.
"""

from __future__ import annotations

import re
from collections import Counter

# 二〇三五 printed with a full stop, a letter O, a zero or "C)" in place of 〇.
_ZERO_YEAR = re.compile(r"二(?:[。OoО0○]|C\)|\(\))(?=[一二三四五六七八九〇][一二三四五六七八九〇])")
# 。 read as a lower-case o after a percent sign.
_PERCENT_STOP = re.compile(r"%o(?=[\u4e00-\u9fff“”\s]|$)")


# Each kind of repair, said in Chinese and in English.
REPAIRS = {
    "zero_year": (
        "年份中的“〇”印作“。”“O”“0”等，已改为“〇”",
        "〇 in a year printed as 。, O, 0 or C), read as 〇",
    ),
    "percent_stop": ("“%。”印作“%o”，已改为“%。”", "%。 printed as %o, read as %。"),
}


def repair(text: str, counts: Counter[str]) -> str:
    """Return the text with certain noise repaired; count each kind of repair (a key of REPAIRS)."""
    text, n = _ZERO_YEAR.subn("二〇", text)
    if n:
        counts["zero_year"] += n
    text, n = _PERCENT_STOP.subn("%。", text)
    if n:
        counts["percent_stop"] += n
    return text
