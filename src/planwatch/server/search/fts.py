"""The database's full-text index of the sections, made by the migrations: SQLite's FTS5 table kept up to
date by triggers, or a GIN index on the words' tsvector on PostgreSQL.

On SQLite, Django changes a column by copying the table into a new one, which drops its triggers: a
migration that changes search_section must end with `restore` (see 0002).
"""

from __future__ import annotations

_TRIGGERS = [
    "CREATE TRIGGER search_section_ai AFTER INSERT ON search_section BEGIN "
    "INSERT INTO search_section_fts(rowid, words) VALUES (new.id, new.words); END",
    "CREATE TRIGGER search_section_ad AFTER DELETE ON search_section BEGIN "
    "INSERT INTO search_section_fts(search_section_fts, rowid, words) VALUES ('delete', old.id, old.words); END",
]


def create(apps, schema_editor) -> None:
    """FTS5 on SQLite, a GIN index on the words' tsvector on PostgreSQL."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_section_fts USING fts5(words, content='search_section', content_rowid='id')"
        )
        for trigger in _TRIGGERS:
            schema_editor.execute(trigger)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX search_section_words_gin ON search_section USING GIN (to_tsvector('simple', words))"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_section_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_section_words_gin")


def restore(apps, schema_editor) -> None:
    """The SQLite triggers made again after the table was copied, and the index rebuilt from the table."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("search_section_ai", "search_section_ad"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for trigger in _TRIGGERS:
        schema_editor.execute(trigger)
    schema_editor.execute("INSERT INTO search_section_fts(search_section_fts) VALUES ('rebuild')")
