"""What a search asks for: the words typed, each cut the way the index cuts the text.

Chinese is written without spaces, so a word typed (人才公寓) is found either as it stands or by its parts
(人才, 公寓) in one section; words typed apart (养老 托育) are found each on its own, and a section holding
more of them ranks higher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rjieba

# Where a query is split into the words typed: spaces and the commas and semicolons people type between words.
_SEPARATORS = re.compile(r"[\s,，、;；]+")
# What is stripped around a word typed: quotation marks, brackets and the like.
_EDGES = re.compile(r"^\W+|\W+$")
_WORD = re.compile(r"\w")
# A longer query is cut short: nobody types more, and each word is a look-up.
MAX_WORDS = 8
MAX_LENGTH = 100


@dataclass(frozen=True)
class Query:
    """The words typed and, for each, its parts as the index holds them."""

    words: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def terms(self) -> list[str]:
        """What is marked in a passage: each word, and its parts of two characters or more, longest first."""
        found = {*self.words}
        for parts in self.parts:
            found.update(p for p in parts if len(p) > 1)
        return sorted(found, key=lambda t: (-len(t), t))

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The terms as one expression, the longest tried first, letters in either case."""
        if not self.words:
            return None
        return re.compile("|".join(re.escape(t) for t in self.terms), re.IGNORECASE)


def parse(text: str) -> Query:
    """The query as words typed, each with its parts; punctuation alone is no word."""
    words: list[str] = []
    for raw in _SEPARATORS.split(text[:MAX_LENGTH]):
        word = _EDGES.sub("", raw)
        if word and word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    words = words[:MAX_WORDS]
    parts = tuple(tuple(p for p in rjieba.cut(w) if _WORD.search(p)) for w in words)
    return Query(tuple(words), parts)
