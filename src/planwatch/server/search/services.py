"""Indexing a plan's sections and searching them."""

from __future__ import annotations

import re

import rjieba
from django.db import connection

from planwatch.plan import model as plan_model
from planwatch.server.plans.models import Plan
from planwatch.server.search.models import Section

_WORD = re.compile(r"\w")


def words(text: str) -> list[str]:
    """Words for the index: search-mode segmentation, punctuation dropped."""
    return [w for w in rjieba.cut_for_search(text) if _WORD.search(w)]


def index_plan(plan: Plan) -> int:
    """(Re)build the sections of a plan from its reading; returns how many were indexed."""
    Section.objects.filter(plan=plan).delete()
    reading = plan.read()
    rows: list[Section] = []

    def walk(nodes: list[plan_model.OutlineNode], trail: list[str]) -> None:
        for node in nodes:
            path = [*trail, f"{node.number} {node.title}"]
            if node.level not in ("box", "table") and node.in_body:
                text = node.text
                rows.append(
                    Section(
                        plan=plan,
                        position=len(rows),
                        path=" › ".join(path),
                        title=node.title,
                        text=text,
                        words=" ".join(words(f"{node.title} {text}")),
                    )
                )
            walk(node.children, path)

    walk(reading.outline, [])
    for row in rows:
        row.save()  # one by one, so the SQLite trigger fills the FTS5 index
    return len(rows)


def search(plan: Plan, query: str) -> list[Section]:
    """Sections holding every word of the query, best matches first on SQLite (bm25), in order on PostgreSQL."""
    terms = [w for w in rjieba.cut(query.strip()) if _WORD.search(w)]
    if not terms:
        return []
    ids = _matching_ids(terms)
    found = {s.id: s for s in Section.objects.filter(plan=plan, id__in=ids)}
    return [found[i] for i in ids if i in found]


def _matching_ids(terms: list[str]) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            cursor.execute(
                "SELECT rowid FROM search_section_fts WHERE search_section_fts MATCH %s ORDER BY bm25(search_section_fts)",
                [match],
            )
        else:
            cursor.execute(
                "SELECT id FROM search_section WHERE to_tsvector('simple', words) @@ "
                "(SELECT to_tsquery('simple', string_agg(quote_literal(t), ' & ')) FROM unnest(%s::text[]) AS t) "
                "ORDER BY position",
                [terms],
            )
        return [row[0] for row in cursor.fetchall()]
