"""Where a plan's own text stands: the parts, chapters and sections whose text is read.

A chapter's sections are its 第N节, or where it has none its divisions (一、 or （一） headings);
divisions inside a section stay part of its text, heading and all. Where chapter numbers start again
in every part, ids begin with the part's number (2.3.1.1). A part, chapter or section looks back on the
previous period where its title says so (成就, 回顾, 成效, 发展基础, or it names the previous plan) or its
first sentence names the previous plan or 过去五年; such places give no tasks, and their figures are
results unless a sentence marks the future.

Line breaks. A PDF's text layer breaks its lines inside sentences, and not always at the margin (a
line may stop short where the page set a wide figure or a page number). A line break is therefore
never the end of a sentence by itself: a place's lines are joined back into paragraphs
(planwatch.ingest.wrapping), and a break stays only after the end of a sentence (。！？；：, before
closing quotes) and around a title line, a short line with no punctuation inside that stands after the
end of a sentence or is numbered (第N章, 一、, （一）, 1.): a heading, or a lead printed without its
full stop. Page-number lines are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from planwatch.ingest.figures import Calendar
from planwatch.ingest.numerals import NUMERAL_CHARS, to_int
from planwatch.ingest.wrapping import unwrap
from planwatch.plan.model import OutlineNode

_REVIEW_TITLE = re.compile(r"成就|回顾|成效|发展基础")
_RECENT_PAST = re.compile(r"过去五年|五年来")
_FIRST_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_SECTIONS = ("section", "division")


@dataclass
class TextPlace:
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


def text_places(nodes: list[OutlineNode], calendar: Calendar) -> Iterator[TextPlace]:
    """Every part, chapter and section of the outline, in order, each with its text unwrapped."""
    chapters = [
        c for n in nodes for c in ([n] if n.level == "chapter" else n.children) if c.level == "chapter"
    ]
    by_part = len({c.number for c in chapters}) < len(chapters)
    for top in nodes:
        part = top if top.level == "part" else None
        if part is not None:
            text = unwrap(part.text)
            part_review = _reviews(part, text, calendar)
            yield TextPlace(part, part, None, None, text, part_review, True, by_part)
        elif top.level != "chapter":
            continue
        for chapter in part.children if part else [top]:
            if chapter.level != "chapter":
                continue
            text = unwrap(chapter.text)
            review = (part is not None and part_review) or _reviews(chapter, text, calendar)
            sections = [s for s in chapter.children if s.level in _SECTIONS]
            yield TextPlace(chapter, part, chapter, None, text, review, bool(sections), by_part)
            for section in sections:
                text = _with_divisions(section)
                own_review = review or _reviews(section, text, calendar)
                yield TextPlace(section, part, chapter, section, text, own_review, False, by_part)


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
