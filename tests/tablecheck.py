"""Comparing a table as read with the hand-checked expected reading, cell for cell."""

from __future__ import annotations

import re
import unicodedata

from planwatch.plan.model import Row, Table

_DASHES = {"—", "-", "一", "–", "－"}


def cell_text(text: str) -> str:
    """Printed dashes and empty cells are alike; brackets and % are presentation."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s in _DASHES or s == "":
        return ""
    return s.replace("[", "").replace("]", "").replace("%", "")


def name_key(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).replace("Ⅲ", "III")
    return re.sub(r"[\s,，、:：()（）\"“”%]|其中", "", s)


def expected_rows(table: dict) -> list[dict]:
    rows = []
    for r in table["rows"]:
        rows.extend(r["subrows"] if r.get("subrows") else [r])
    return rows


def find_row(table: Table, name: str) -> Row | None:
    key = name_key(name)
    return next((r for r in table.rows if name_key(r.name) == key), None)


def mismatches(table: Table, expected: dict) -> list[str]:
    """Rows whose cells differ from the expected reading, or match an alternative without being flagged."""
    out = []
    for want in expected_rows(expected):
        row = find_row(table, want["name"])
        if row is None:
            out.append(f"row {want['name']}: not found")
            continue
        got = [cell_text(c.raw) for c in row.cells]
        readings = [want["cells"], *want.get("alternatives", [])]
        match = next((k for k, r in enumerate(readings) if [cell_text(c) for c in r] == got), None)
        if match is None:
            out.append(f"row {want['name']}: got {got}, want {[cell_text(c) for c in want['cells']]}")
        elif match > 0 and not any(c.uncertain for c in row.cells):
            out.append(f"row {want['name']}: an alternative reading, not marked uncertain")
    return out
