"""What one kind's rule found about an indicator, shared by the rules that find it and the sentence
that explains it (each imports it from here, so neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.plan.vocabulary import Status


@dataclass
class Judgement:
    """What one kind's rule found, before the status and the sentence are settled."""

    status: Status
    expected: float | None = None
    actual: float | None = None
    progress: float | None = None
    required: float | None = None
    required_unit: str | None = None
    completion: float | None = None
    met: bool | None = None
    out_of_reach: bool = False
    reason: str = ""
    notes: list[str] = field(default_factory=list)
