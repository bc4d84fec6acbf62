"""Splitting a run of fused cells (`30272`, `82.72899.856.4`) into a row's value columns.

Every way to cut the digits and to place the pieces in the columns is scored
by how plausible the row then is: growth rates are small and close to each
other, a row's levels are of one magnitude, a growth indicator fills the
growth columns and a level indicator the level columns, percentages stay
under 100. The cheapest reading wins; readings almost as cheap are kept as
alternatives and the row is marked uncertain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from planwatch.ingest.columns import ValueColumn
from planwatch.plan.cells import Note
from planwatch.plan.vocabulary import CELL_BOUNDS, GROWTH_WORDS

# Costs of what a reading assumes. Lower is more plausible.
SPLIT = 0.6  # cutting one printed figure in two
EMPTY_MAIN = 1.5  # leaving empty a column of the row's own kind (a level row's level column)
EMPTY_OTHER = 0.2  # leaving empty a column of the other kind
WRONG_KIND = 2.0  # a figure in a column of the other kind (a level in a growth row)
PHRASE_IN_GROWTH = 1.0  # a phrase such as 控制在市目标内 in a growth column
LOST_DECIMAL = 1.5  # reading 55 as 5.5 in a growth column, a decimal point lost in print
LOST_BRACKETS = 0.5  # reading a small figure as a five-year cumulative change, brackets lost
SPLIT_MARKED = 1.0  # cutting a figure that opens with a mark of its own (累计, [) costs more
ODD_FIGURE = 1.0  # a figure as tables rarely print it: 2.510, 13.184
ZERO = 0.5  # a zero, rarely a level or a target
DECIMAL_DIGIT = 0.1  # each decimal digit: of two cuts, the one giving simpler figures
LONG_FIGURE = 2.0  # a whole part of more than seven digits; tables print large sums in larger units
DASH_MAIN = 0.7  # a dash where the row's own kind of figure belongs
BOUND_NOT_TARGET = 0.5  # a bound (以上, 以内) is how targets are printed, not baselines
GROWTH_USUAL, GROWTH_PLAUSIBLE = 20, 40  # yearly growth in %: what is usual, and what is still plausible
LARGE_GROWTH = 1.5  # a growth rate over GROWTH_USUAL: rare, though a small base or a boom prints them
HUGE_GROWTH = 4.0  # a growth rate over GROWTH_PLAUSIBLE: most likely a level in a growth column
GROWTH_SPREAD = 5  # points between two of a row's growth rates that cost 1: a row's rates are alike
GROWTH_SPREAD_CAP = 1.0  # the most two rates far apart cost
MAGNITUDE_CAP = 2.0  # two of a row's levels cost 1 a power of ten apart, at most this: levels are of a size
NEGATIVE_LEVEL = 3.0  # a level below zero: levels are counts and sums
PERCENT_OVER_100 = 3.0  # a level in % over 100 where the name says no growth: a share is at most the whole
AGE_OUT_OF_RANGE = 3.0  # an age (岁) outside AGE_RANGE: a row of ages holds life expectancies, not 5 or 700
AGE_RANGE = (40, 100)
LONG_WHOLE = 7  # digits of a whole part beyond which LONG_FIGURE is added
NEIGHBOUR = 0.8  # what a reading gains for the pattern of a neighbouring row (— where they print —)
AMBIGUITY_MARGIN = 1.0  # readings this close to the best are alternatives

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A cell's figure, with the marks and the bound it may carry: [累计]12.5]以上/年.
_CELL_FIGURE = re.compile(rf"[\[累计]*(-?\d+(?:\.\d+)?)\]?(?:{'|'.join(CELL_BOUNDS)})?(?:/.+)?")
# How targets are printed: a bound, or a reference to a higher plan's target.
_TARGET_FORM = re.compile("|".join((*CELL_BOUNDS, "目标", "控制在")))


@dataclass
class Atom:
    """One printed piece of a cell run: fused digits, a dash, a phrase."""

    kind: str  # "digits", "dash", "text"
    text: str
    sign_or_dash: bool = False  # a '-' before digits: a minus sign, or a dash cell before the number
    prefix: str = ""  # 累计 or [ before fused digits
    suffix: str = ""  # 以上, /年, ] after fused digits


@dataclass
class RowReading:
    cells: list[str]
    cost: float
    notes: list[Note] = field(default_factory=list)  # each mark the reading restored, in Chinese and English


@dataclass
class RowContext:
    """What is known of the row whose cells are being split."""

    kind: str  # "level" or "growth"
    unit: str | None
    name: str
    cumulative_notation: bool = False  # the table's notes say [ ] or 口 marks five-year totals
    prints_dashes: bool = False  # the table prints — for a value it does not give, so a blank is unusual


def split_digits(digits: str, parts: int) -> list[list[str]]:
    """All ways to cut a digit string into `parts` well-formed numbers (no leading zeros, one point each)."""
    if parts == 1:
        return [[digits]] if _well_formed(digits) else []
    out = []
    for cut in range(1, len(digits)):
        head = digits[:cut]
        if not _well_formed(head):
            continue
        for rest in split_digits(digits[cut:], parts - 1):
            out.append([head, *rest])
    return out


def _well_formed(s: str) -> bool:
    if not _NUMBER.fullmatch(s):
        return False
    whole = s.split(".")[0]
    return not (len(whole) > 1 and whole[0] == "0") and len(s.split(".")[-1] if "." in s else "") <= 4


def _expansions(atom: Atom, most: int) -> list[tuple[list[str], float, list[Note]]]:
    """The cell sequences one atom may stand for, each with its cost and notes."""
    if atom.kind != "digits":
        return [([atom.text], 0.0, [])]
    out: list[tuple[list[str], float, list[Note]]] = []
    for parts in range(1, most + 1):
        for pieces in split_digits(atom.text, parts):
            cells = list(pieces)
            cells[0] = atom.prefix + cells[0]
            cells[-1] = cells[-1] + atom.suffix
            cost = (SPLIT + (SPLIT_MARKED if atom.prefix else 0.0)) * (parts - 1)
            if atom.sign_or_dash:
                out.append((["-" + cells[0], *cells[1:]], cost, []))
                if len(cells) < most:
                    out.append((["—", *cells], cost, []))
            else:
                out.append((cells, cost, []))
    return out


def readings(atoms: list[Atom], columns: list[ValueColumn], row: RowContext) -> list[RowReading]:
    """Every plausible reading of the atoms as the row's cells, cheapest first."""
    n = len(columns)
    sequences: list[tuple[list[str], float, list[Note]]] = [([], 0.0, [])]
    for atom in atoms:
        grown = []
        for cells, cost, notes in sequences:
            for more, extra, more_notes in _expansions(atom, n - len(cells)):
                if len(cells) + len(more) <= n:
                    grown.append((cells + more, cost + extra, notes + more_notes))
        sequences = grown
    found: dict[tuple[str, ...], RowReading] = {}
    for cells, cost, notes in sequences:
        for placed, extra, more_notes in _placements(cells, columns, row):
            total = cost + extra
            key = tuple(placed)
            if key not in found or found[key].cost > total:
                found[key] = RowReading(placed, round(total, 3), notes + more_notes)
    return sorted(found.values(), key=lambda r: r.cost)


def _placements(cells: list[str], columns: list[ValueColumn], row: RowContext):
    n = len(columns)
    for slots in combinations(range(n), len(cells)):
        placed = [""] * n
        for slot, cell in zip(slots, cells, strict=True):
            placed[slot] = cell
        for variant, extra, notes in _variants(placed, columns, row):
            yield variant, _cost(variant, columns, row) + extra, notes


def _variants(placed: list[str], columns: list[ValueColumn], row: RowContext):
    """The placed cells as printed, and with a decimal point or cumulative brackets restored."""
    yield placed, 0.0, []
    for i, (cell, col) in enumerate(zip(placed, columns, strict=True)):
        if col.kind == "growth" and re.fullmatch(r"[1-9]\d", cell) and int(cell) > 30:
            fixed = list(placed)
            fixed[i] = f"{cell[0]}.{cell[1]}"
            lost = (
                f"“{cell}”读作{fixed[i]}：印刷时丢了小数点",
                f"read {cell} as {fixed[i]}: a decimal point lost in print",
            )
            yield fixed, LOST_DECIMAL, [lost]
    if row.cumulative_notation:
        levels = [
            (i, _value(c))
            for i, (c, col) in enumerate(zip(placed, columns, strict=True))
            if col.kind == "level"
        ]
        known = [v for _, v in levels if v is not None]
        for i, v in levels:
            if v is not None and v > 0 and known and max(known) >= 10 * v and not placed[i].startswith("["):
                fixed = list(placed)
                fixed[i] = f"[{placed[i]}]"
                yield (
                    fixed,
                    LOST_BRACKETS,
                    [
                        (
                            f"“{placed[i]}”读作[{placed[i]}]（五年累计数）：印刷时丢了括号",
                            f"read {placed[i]} as [{placed[i]}], a five-year change: brackets lost",
                        )
                    ],
                )


@lru_cache(maxsize=4096)
def _value(cell: str) -> float | None:
    m = _CELL_FIGURE.fullmatch(cell)
    return float(m.group(1)) if m else None


def _cost(cells: list[str], columns: list[ValueColumn], row: RowContext) -> float:
    cost = 0.0
    growth: list[float] = []
    levels: list[float] = []
    for cell, col in zip(cells, columns, strict=True):
        if cell == "":
            cost += EMPTY_MAIN if col.kind == row.kind or row.prints_dashes else EMPTY_OTHER
            continue
        if cell == "—":
            cost += DASH_MAIN if col.kind == row.kind else 0.0
            continue
        v = _value(cell)
        if v is None:
            if col.kind == "growth":
                cost += PHRASE_IN_GROWTH
            if not col.target and _TARGET_FORM.search(cell) and any(c.target for c in columns):
                cost += BOUND_NOT_TARGET
            continue
        if col.kind != row.kind:
            cost += WRONG_KIND if row.kind == "growth" else 0.0
        if not col.target and _TARGET_FORM.search(cell) and any(c.target for c in columns):
            cost += BOUND_NOT_TARGET
        if cell.startswith("["):
            continue
        if col.kind == "growth":
            cost += (
                0.0 if abs(v) <= GROWTH_USUAL else LARGE_GROWTH if abs(v) <= GROWTH_PLAUSIBLE else HUGE_GROWTH
            )
            growth.append(v)
        else:
            cost += NEGATIVE_LEVEL if v < 0 else 0.0
            if row.unit == "%" and v > 100 and not any(w in row.name for w in GROWTH_WORDS):
                cost += PERCENT_OVER_100
            if row.unit == "岁" and not AGE_RANGE[0] <= v <= AGE_RANGE[1]:
                cost += AGE_OUT_OF_RANGE
            levels.append(v)
        fraction = re.search(r"\.(\d+)", cell)
        if fraction and (fraction.group(1).endswith("0") or (len(fraction.group(1)) > 2 and abs(v) >= 1)):
            cost += ODD_FIGURE
        if v == 0:
            cost += ZERO
        cost += DECIMAL_DIGIT * len(fraction.group(1)) if fraction else 0.0
        if len(str(int(abs(v)))) > LONG_WHOLE:
            cost += LONG_FIGURE
    for a, b in combinations(growth, 2):
        cost += min(abs(a - b) / GROWTH_SPREAD, GROWTH_SPREAD_CAP)
    positive = [v for v in levels if v > 0]
    for a, b in combinations(positive, 2):
        cost += min(math.log10(max(a, b) / min(a, b)), MAGNITUDE_CAP)
    return cost


def pattern(cells: list[str]) -> tuple[str, ...]:
    """Which columns a reading fills, leaves blank or dashes."""
    return tuple("blank" if c == "" else "dash" if c == "—" else "value" for c in cells)


def settle(found: list[RowReading], neighbours: list[tuple[str, ...]]) -> list[RowReading]:
    """Re-rank readings of a row by the patterns of the rows of its kind around it."""
    ranked = [
        RowReading(
            r.cells, round(r.cost - NEIGHBOUR * sum(pattern(r.cells) == p for p in neighbours), 3), r.notes
        )
        for r in found
    ]
    return sorted(ranked, key=lambda r: r.cost)


def choose(found: list[RowReading]) -> tuple[RowReading | None, list[RowReading]]:
    """The best reading and those close enough to it to be alternatives."""
    if not found:
        return None, []
    best = found[0]
    close = [r for r in found[1:4] if r.cost - best.cost <= AMBIGUITY_MARGIN]
    if best.notes and not any(not r.notes for r in close):
        # A reading that restores a lost mark is a guess: keep the best reading as printed beside it.
        close += [r for r in found if not r.notes][:1]
    return best, close
