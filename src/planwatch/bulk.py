"""Many plan documents read one after another: a folder of plans (`planwatch ingest DIR`) or an upload of several.

An office reads its districts' plans, or two periods' plans, in one go. A file that cannot be read (missing, too
big, a zip bomb, a format no reader knows, or a reader failing on it) becomes a row saying why, never the end of
the others; each plan read says whether it reads well or needs a person to check it against the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import InputError
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.ingest.pipeline import ingest
from planwatch.ingest.quality import LEVEL_LABELS, confidence_level
from planwatch.ingest.readers import BY_SUFFIX
from planwatch.plan.model import OutlineNode, Plan

# What each reading comes to, in Chinese and in English.
VERDICTS = {
    "good": ("读取良好", "read well"),
    "review": ("需人工核对", "needs review"),
    "failed": ("未能读取", "not read"),
}
UNEXPECTED = (
    "读取时出现意外错误，未导入；请将该文件交系统维护人员查看。",
    "an unexpected error stopped the reading; nothing was imported: please pass the file to the maintainers.",
)


@dataclass
class Outcome:
    """One file of a batch: the plan read from it, or the reason it was not read."""

    path: Path
    plan: Plan | None = None
    reason: str = ""
    english: str = ""  # the reason in English, where it has one
    indicators: int = 0  # the indicators the evaluation would take from the plan's main table
    unexpected: bool = False  # the reader failed in a way it does not name: `reason` is then empty

    @property
    def level(self) -> str | None:
        """high, medium or low: how sure the reading is."""
        return confidence_level(self.plan.confidence) if self.plan else None

    @property
    def chapters(self) -> int:
        return _chapters(self.plan.outline) if self.plan else 0

    @property
    def warnings(self) -> int:
        return len(self.plan.warnings) if self.plan else 0

    @property
    def verdict(self) -> str:
        """good when the reading is sure (高) and found the indicators; else review; failed when nothing was read."""
        if self.plan is None:
            return "failed"
        return "good" if self.level == "high" and self.indicators else "review"

    def why(self, lang: str = "zh") -> str:
        """Why the file was not read, in the language asked for where the reason has one."""
        if self.unexpected:
            return UNEXPECTED[1 if lang == "en" else 0]
        return (self.english or self.reason) if lang == "en" else self.reason


def verdict_text(verdict: str, lang: str = "zh") -> str:
    return VERDICTS[verdict][1 if lang == "en" else 0]


def level_text(level: str | None, lang: str = "zh") -> str:
    """高/中/低 (high/medium/low); empty when nothing was read."""
    return LEVEL_LABELS[level][1 if lang == "en" else 0] if level else ""


def period_text(plan: Plan | None) -> str:
    return f"{plan.period.start}-{plan.period.end}" if plan and plan.period else ""


def _chapters(nodes: list[OutlineNode]) -> int:
    """The chapters of an outline; a plan numbered in parts alone counts its parts."""
    found = sum(1 for node in _walk(nodes) if node.level == "chapter")
    return found or sum(1 for node in nodes if node.level == "part")


def _walk(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def documents(folder: Path) -> tuple[list[Path], list[Path]]:
    """The plan documents under a folder and its subfolders (by their suffix), and the other files, each in order."""
    found: list[Path] = []
    others: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            (found if path.suffix.lower() in BY_SUFFIX else others).append(path)
    return found, others


def read_one(path: Path) -> Outcome:
    """Read one document; whatever stops its reader is kept as its outcome, never raised."""
    try:
        plan = ingest(path)
    except InputError as e:
        return Outcome(path, reason=e.reason, english=e.english)
    except Exception:  # one broken file must never stop the batch, whatever its reader raised
        return Outcome(path, unexpected=True)
    return Outcome(path, plan, indicators=len(indicators_from_plan(plan)))
