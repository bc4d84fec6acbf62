"""The passages of a section that hold the words searched for, cut into pieces to mark.

A passage is the sentence around a match, or a stretch of it when the sentence is long; pieces are plain
text with a flag for the matched words, so the page escapes every piece and marks only the flagged ones:
neither the query nor the plan's text can put markup on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters shown on each side of a match, at most; a sentence ending nearer ends the passage there.
CONTEXT = 50
MAX_PASSAGES = 3
OPENING = 120
_SENTENCE_END = "。；！？!?;\n"


@dataclass(frozen=True)
class Piece:
    text: str
    hit: bool = False


@dataclass(frozen=True)
class Passage:
    """Pieces of the text, and whether the text goes on before and after them (shown as …)."""

    pieces: list[Piece]
    cut_before: bool
    cut_after: bool


def marked(text: str, pattern: re.Pattern[str] | None) -> list[Piece]:
    """The text in pieces, the matches of `pattern` flagged."""
    pieces: list[Piece] = []
    at = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > at:
            pieces.append(Piece(text[at : match.start()]))
        pieces.append(Piece(match.group(), hit=True))
        at = match.end()
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def passages(text: str, pattern: re.Pattern[str] | None) -> list[Passage]:
    """Up to MAX_PASSAGES passages holding matches, each different word found shown before a repeat of one;
    the text's opening when nothing in it matches (the title did)."""
    matches = list(pattern.finditer(text)) if pattern else []
    if not matches:
        opening = text[:OPENING]
        return [Passage([Piece(opening)], False, len(text) > OPENING)] if opening else []
    windows: list[tuple[int, int]] = []
    for match in _first_of_each_word_first(matches):
        if len(windows) == MAX_PASSAGES:
            break
        if not any(start <= match.start() and match.end() <= end for start, end in windows):
            windows.append(_window(text, match.start(), match.end()))
    return [_passage(text, start, end, pattern) for start, end in _merged(windows)]


def _passage(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Passage:
    """text[start:end] marked; cut before or after unless it starts or ends a sentence (or the text)."""
    cut_before = start > 0 and text[start - 1] not in _SENTENCE_END
    cut_after = end < len(text) and text[end - 1] not in _SENTENCE_END
    return Passage(marked(text[start:end], pattern), cut_before, cut_after)


def _first_of_each_word_first(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    seen: set[str] = set()
    first, rest = [], []
    for match in matches:
        word = match.group().casefold()
        (rest if word in seen else first).append(match)
        seen.add(word)
    return first + rest


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """From the sentence start (or CONTEXT characters before) to the sentence end (or CONTEXT after)."""
    left = max(0, start - CONTEXT)
    before = max((text.rfind(c, left, start) for c in _SENTENCE_END), default=-1)
    right = min(len(text), end + CONTEXT)
    after = [i for i in (text.find(c, end, right) for c in _SENTENCE_END) if i >= 0]
    return (before + 1 if before >= 0 else left), (min(after) + 1 if after else right)


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
