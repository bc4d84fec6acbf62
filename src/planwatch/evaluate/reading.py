"""Assessments read from the columns the rules wrote: each made, with its notes and its sentence, when it
is read, so that judging thousands of plans does not write sentences nobody reads."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from planwatch.evaluate.assessment import Assessment
from planwatch.evaluate.explain import explain
from planwatch.evaluate.figures import KINDS, Figures, relation_reading
from planwatch.evaluate.judgement import Judgement
from planwatch.evaluate.projection import outlook_words, warning_text
from planwatch.evaluate.settings import Settings
from planwatch.evaluate.targets import baseline_value
from planwatch.evaluate.verdicts import LIKELIHOODS, PER_CENT, PER_YEAR, REASONS, Verdicts
from planwatch.plan.model import Indicator, trusted
from planwatch.plan.vocabulary import PERCENT, STATUSES, Status, exact_text, figure_text, per_year

# Judgements whose progress is the share of the elapsed years that held the target, not a path.
_YEARS_HELD = ("hold", "relation")


@dataclass
class Judged:
    """The table, what the rules found in it and how to word it."""

    figures: Figures
    verdicts: Verdicts
    years: list[int]
    settings: Settings
    lang: str

    def assessment(self, row: int, k: int) -> Assessment:
        """The assessment of one row of the table in the k-th year asked."""
        f, v = self.figures, self.verdicts
        ind, year, kind = f.rows[row], self.years[k], KINDS[f.kind[row]]
        j = Judgement(
            STATUSES[v.status[row, k]],
            _number(v.expected[row, k]),
            _number(v.actual[row, k]),
            _number(v.progress[row, k]),
            _number(v.required[row, k]),
            _unit(int(v.unit[row, k]), ind),
            _number(v.completion[row, k]),
            None if v.met[row, k] < 0 else bool(v.met[row, k]),
            reason=self._reason(row, k),
        )
        j.notes = self._notes(row, k, j.reason)
        warned = bool(v.warned[row, k])
        warning = bool(v.warning[row, k])
        explanation = explain(ind, kind, year, j, warning and not warned, self.lang)
        values = self._values(row, k, ind, year, kind, j)
        if warned:
            explanation = self._warned(explanation, values, ind)
        values.update(warning=warning, explanation=explanation)
        return trusted(Assessment, values)

    def _values(self, row: int, k: int, ind: Indicator, year: int, kind: str, j: Judgement) -> dict[str, Any]:
        v = self.verdicts
        likely = int(v.likelihood[row, k])
        latest = self.figures.values[row, year - self.figures.first]
        return {
            "indicator": ind.id,
            "name": ind.name,
            "year": year,
            "kind": kind,
            "status": j.status,
            "expected": _round(j.expected),
            "actual": _round(j.actual),
            "progress": _round(j.progress, 3),
            "basis": "years" if j.reason in _YEARS_HELD else "path",
            "required_annual_growth": _round(j.required, 4),
            "required_unit": j.required_unit,
            "completion": _round(j.completion, 3),
            "met": j.met,
            "notes": j.notes,
            "actual_latest": None if math.isnan(latest) else float(latest),
            "projected": None if likely < 0 else round(float(v.projected[row, k]), 2),
            "projected_met": None if likely < 0 else bool(v.projected_met[row, k]),
            "likelihood": None if likely < 0 else LIKELIHOODS[likely],
            "vintages": {},
        }

    def _warned(self, explanation: str, values: dict[str, Any], ind: Indicator) -> str:
        """The sentence of a binding indicator the trend alone warns of: why it is unlikely to be met."""
        zh = self.lang != "en"
        stop = "。" if zh else "."
        words = outlook_words(values["kind"], values["projected"], values["likelihood"], ind, self.lang)
        return (
            explanation.removesuffix(stop) + ("；" if zh else "; ") + words + warning_text(self.lang) + stop
        )

    def _reason(self, row: int, k: int) -> str:
        reason = REASONS[self.verdicts.reason[row, k]]
        ind = self.figures.rows[row]
        if reason == "target":
            reading = ind.target or ind.target_growth
            return f"target_{reading.kind if reading is not None else 'empty'}"
        if reason in ("no_parent", "other_not_found"):
            return f"{reason}:{relation_reading(ind).other}"
        if reason == "no_pair":
            return f"{reason}:{self.figures.rows[self.figures.other[row]].name}"
        return reason

    def _notes(self, row: int, k: int, reason: str) -> list[str]:
        """What the judgement assumed, in the order the rule found it: baselines replaced, years missing or
        missed, tolerances applied, where a target came from."""
        f, v = self.figures, self.verdicts
        ind, kind = f.rows[row], KINDS[f.kind[row]]
        notes: list[str] = []
        if reason != "outside_period":
            _NOTES[kind](self, row, k, reason, notes)
        if reason == "hold":
            self._hold(row, k, notes)
        if v.within[row, k]:
            notes.append(f"within_precision:{exact_text(float(f.step[row]))}")
        if ind.target_source is not None:
            source = ind.target_source
            raw = ind.target_raw or ind.target_growth_raw
            notes.append(f"target_source:{source.region}|{int(source.entered)}|{source.written}|{raw}")
        return notes

    def _hold(self, row: int, k: int, notes: list[str]) -> None:
        v = self.verdicts
        self._years("years_missing", row, v.missing[row, k], notes)
        self._years("bound_missed", row, v.missed[row, k], notes)
        if v.forgiven[row, k]:
            notes.append(f"bound_average:{figure_text(float(v.aux[row, k]))}")
            notes.append(f"bound_tolerance:{figure_text(self.settings.bound_tolerance * 100)}")

    def _years(self, key: str, row: int, bits: int, notes: list[str]) -> None:
        """A note listing the years of a bit set (bit i: the year after the base year, plus i)."""
        if bits:
            base = int(self.figures.base[row])
            years = [str(base + 1 + i) for i in range(63) if int(bits) >> i & 1]
            notes.append(f"{key}:{','.join(years)}")

    def _baseline(self, row: int, notes: list[str]) -> None:
        baseline_value(self.figures.rows[row], self.figures.base_figure(row), notes)

    def _level(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        self._baseline(row, notes)

    def _bound(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        if reason != "no_observation":
            self._baseline(row, notes)
        if self.verdicts.held_first[row, k]:
            notes.append("bound_held_from_first_year")

    def _growth(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        if self.figures.rate[row]:
            self._years("years_missing", row, self.verdicts.missing[row, k], notes)
            return
        self._baseline(row, notes)
        if reason in ("no_baseline", "no_observation"):
            notes.append(reason)

    def _cumulative(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        if self.figures.rate[row] or self.figures.flow[row]:
            self._years("years_missing", row, self.verdicts.missing[row, k], notes)
        else:
            self._baseline(row, notes)

    def _relation(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        if reason == "relation" or reason.startswith("no_pair:"):
            other = self.figures.rows[self.figures.other[row]].name
            notes.append(f"compared_with:{self.figures.parent_region.get(row, '')}{other}")

    def _qualitative(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        if reason != "annual_target":
            return
        v, base = self.verdicts, int(self.figures.base[row])
        gone = int(v.missing[row, k]) | int(v.missed[row, k])
        years = range(base + 1, self.years[k] + 1)
        notes.append("averaged:" + ",".join(str(y) for i, y in enumerate(years) if not gone >> i & 1))
        self._years("years_missing", row, v.missing[row, k], notes)
        self._years("annual_target_missing", row, v.missed[row, k], notes)
        if not math.isnan(v.aux[row, k]) and STATUSES[v.status[row, k]] == "on_track":
            notes.append(f"annual_tolerance:{figure_text(float(v.aux[row, k]))}")

    def _unknown(self, row: int, k: int, reason: str, notes: list[str]) -> None:
        return None


_NOTES = {kind: getattr(Judged, f"_{kind}") for kind in KINDS}


class Assessments(Sequence[Assessment]):
    """One plan's assessments in one year, in the plan's order of indicators, each made when first read."""

    def __init__(self, judged: Judged, rows: range, k: int) -> None:
        self.judged, self.rows, self.k = judged, rows, k
        self.made: list[Assessment | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, i: int) -> Assessment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Assessment]: ...
    def __getitem__(self, i: int | slice) -> Assessment | list[Assessment]:
        if isinstance(i, slice):
            return [self._made(n) for n in range(len(self.rows))[i]]
        return self._made(range(len(self.rows))[i])

    def __iter__(self) -> Iterator[Assessment]:
        return (self._made(n) for n in range(len(self.rows)))

    def _made(self, n: int) -> Assessment:
        made = self.made[n]
        if made is None:
            made = self.made[n] = self.judged.assessment(self.rows[n], self.k)
        return made

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def statuses(self) -> list[Status]:
        """Each indicator's status, read without making its assessment."""
        return [STATUSES[s] for s in self.judged.verdicts.status[self.rows, self.k].tolist()]


def _number(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _round(x: float | None, digits: int = 2) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, digits)


def _unit(code: int, ind: Indicator) -> str | None:
    return PERCENT if code == PER_CENT else per_year(ind.unit or "") if code == PER_YEAR else None
