"""Indexing a plan's sections and searching them: the database finds, every database ranks alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

import rjieba
from django.db import connection
from django.db.models import Q

from planwatch.server.plans.models import Plan
from planwatch.server.search.models import Section
from planwatch.server.search.outline import PATH_SEPARATOR, body_sections
from planwatch.server.search.passages import Passage, Piece, marked, passages
from planwatch.server.search.query import parse

_WORD = re.compile(r"\w")


def words(text: str) -> list[str]:
    """Words for the index: search-mode segmentation, punctuation dropped."""
    return [w for w in rjieba.cut_for_search(text) if _WORD.search(w)]


def index_plan(plan: Plan) -> int:
    """(Re)build the sections of a plan from its reading; returns how many were indexed."""
    Section.objects.filter(plan=plan).delete()
    rows = [
        Section(
            plan=plan,
            position=position,
            path=found.path,
            title=found.node.title,
            text=found.node.text,
            words=" ".join(words(f"{found.node.title} {found.node.text}")),
            anchor=found.anchor,
        )
        for position, found in enumerate(body_sections(plan.read().outline))
    ]
    for row in rows:
        row.save()  # one by one, so the SQLite trigger fills the FTS5 index
    return len(rows)


@dataclass(frozen=True)
class Hit:
    """A section found: its place, its heading and the passages that hold the words, matches marked."""

    section: Section
    trail: str
    heading: list[Piece]
    passages: list[Passage]


def search(plan: Plan, text: str) -> list[Hit]:
    """The plan's sections holding a word of the query, as it stands or by all its parts, ranked the same
    on every database: more words found, more found as typed, found in the title, found more often."""
    query = parse(text)
    if not query:
        return []
    found: dict[int, set[str]] = {}
    as_typed: dict[int, set[str]] = {}
    sections = Section.objects.filter(plan=plan)
    for word, parts in zip(query.words, query.parts, strict=True):
        holding = sections.filter(Q(text__icontains=word) | Q(title__icontains=word))
        for pk in holding.values_list("pk", flat=True):
            as_typed.setdefault(pk, set()).add(word)
            found.setdefault(pk, set()).add(word)
        for pk in _matching_ids(plan, list(parts)):
            found.setdefault(pk, set()).add(word)
    pattern = query.pattern
    ranked = sorted(
        sections.filter(pk__in=found),
        key=lambda s: _rank(s, len(found[s.pk]), len(as_typed.get(s.pk, ())), pattern),
    )
    return [_hit(section, pattern) for section in ranked]


def _rank(section: Section, words: int, as_typed: int, pattern: re.Pattern[str]) -> tuple[int, ...]:
    in_title = len({m.group().casefold() for m in pattern.finditer(section.title)})
    return (-words, -as_typed, -in_title, -len(pattern.findall(section.text)), section.position)


def _hit(section: Section, pattern: re.Pattern[str]) -> Hit:
    *trail, heading = section.path.split(PATH_SEPARATOR)
    return Hit(section, PATH_SEPARATOR.join(trail), marked(heading, pattern), passages(section.text, pattern))


def _matching_ids(plan: Plan, terms: list[str]) -> list[int]:
    """The plan's sections whose indexed words hold every term."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            cursor.execute(
                "SELECT f.rowid FROM search_section_fts f JOIN search_section s ON s.id = f.rowid "
                "WHERE search_section_fts MATCH %s AND s.plan_id = %s",
                [match, plan.pk],
            )
        else:
            cursor.execute(
                "SELECT id FROM search_section WHERE plan_id = %s AND to_tsvector('simple', words) @@ "
                "(SELECT to_tsquery('simple', string_agg(quote_literal(t), ' & ')) FROM unnest(%s::text[]) AS t)",
                [plan.pk, terms],
            )
        return [row[0] for row in cursor.fetchall()]
