"""What the readers of tables printed in text return: the table, where it stands, what they were unsure of."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.plan.model import PlanWarning, Table


@dataclass
class FoundTable:
    start: int
    end: int
    table: Table
    warnings: list[PlanWarning] = field(default_factory=list)


def where_warning(code: str, where: str, message: str, message_en: str) -> PlanWarning:
    """A warning about a table: a Chinese sentence and its English, both naming the table (and row)."""
    return PlanWarning(code=code, message=message, message_en=message_en, where=where)


def cells_text(cells: list[str], lang: str = "zh") -> str:
    """A row's cells as a warning quotes them: “170以上”“8以上”（空）“7”, or in English
    '170以上', '8以上', (empty), '7'."""
    if lang == "en":
        return ", ".join(f"“{c}”" if c else "(empty)" for c in cells)
    return "".join(f"“{c}”" if c else "（空）" for c in cells)
