"""One indicator's assessment in many plans at once, as a page across plans reads them.

A comparison over every county of the nation reads 3,000 plans: their stamps (what their stored
assessments depend on, made by `reports.stored` from the plans in hand) and the stored assessment of
the one indicator compared, read for all of them in one query, the database taking the indicator's entry
out of each plan's stored list. Only the plans whose stamps have moved are judged again, together
(`reports.services.assessments_of`), and stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, TextField, When
from django.db.models.fields.json import KT

from planwatch.evaluate.assessment import Assessment
from planwatch.server.plans.models import Plan
from planwatch.server.reports.models import StoredAssessments
from planwatch.server.reports.services import assessments_of
from planwatch.server.reports.stored import stamped, state


@dataclass(frozen=True)
class Counterpart:
    """A plan's indicator that is the one compared, as far as a comparison shows it."""

    pk: int
    key: str
    position: int
    target: str  # the target as the plan writes it, else its growth target


def stamps(plans: list[Plan], parents: dict[int, Plan]) -> dict[int, str]:
    """`reports.stored.stamp` of each plan (by id), given the plan above each (`hierarchy.parent_plans`),
    from the plans in hand: no query whatever the number of plans."""
    theirs = {p.pk: state(p) for p in parents.values()}  # a plan above is the parent of many
    return {p.pk: stamped(state(p), theirs[parents[p.pk].pk] if p.pk in parents else None) for p in plans}


def _entries(indexes: dict[int, int], year: int, lang: str) -> dict[int, tuple[str, str | None]]:
    """Each plan's stored stamp and, as JSON, the entry at the given index of its stored assessments in
    `year` (plan id -> index), in one query; the plans with none stored are left out."""
    groups: dict[int, list[int]] = {}
    for plan_id, index in indexes.items():
        groups.setdefault(index, []).append(plan_id)
    usual = Counter(indexes.values()).most_common(1)[0][0] if indexes else 0
    entry = Case(
        *(When(plan_id__in=ids, then=KT(f"assessments__{k}")) for k, ids in groups.items() if k != usual),
        default=KT(f"assessments__{usual}"),
        output_field=TextField(),
    )
    rows = (
        StoredAssessments.objects.filter(plan_id__in=indexes, year=year, lang=lang)
        .annotate(entry=entry)
        .values_list("plan_id", "stamp", "entry")
    )
    return {plan_id: (stamp, found) for plan_id, stamp, found in rows}


def _whole(plan_ids: list[int], year: int, lang: str) -> dict[int, list[dict]]:
    """The whole stored lists of a few plans, where an indicator is not where its position says."""
    rows = StoredAssessments.objects.filter(plan_id__in=plan_ids, year=year, lang=lang)
    return {plan_id: found for plan_id, found in rows.values_list("plan_id", "assessments")}


def assessed(
    pairs: list[tuple[Plan, Counterpart]], now: dict[int, str], year: int, lang: str
) -> dict[int, Assessment | None]:
    """The assessment of each plan's indicator in `year` (by plan id): the stored one where the plan's
    stamp (`now`, from `stamps`) holds, else the plans judged again together and stored; None where the plan
    has no assessment of it."""
    # A plan's stored list follows its indicators' positions, so the entry is looked for there first.
    entries = _entries({plan.pk: ind.position for plan, ind in pairs}, year, lang)
    out: dict[int, Assessment | None] = {}
    misplaced, stale = [], []
    for plan, ind in pairs:
        stamp, text = entries.get(plan.pk, ("", None))
        if stamp != now[plan.pk]:
            stale.append((plan, ind))
            continue
        found = Assessment.model_validate_json(text) if text else None
        if found is not None and found.indicator == ind.key:
            out[plan.pk] = found
        else:
            misplaced.append((plan, ind))
    fresh = assessments_of([plan for plan, _ in stale], year, lang, now) if stale else {}
    for plan, ind in stale:
        out[plan.pk] = next((a for a in fresh[plan.pk] if a.indicator == ind.key), None)
    whole = _whole([plan.pk for plan, _ in misplaced], year, lang) if misplaced else {}
    for plan, ind in misplaced:
        found = next((a for a in whole.get(plan.pk, []) if a.get("indicator") == ind.key), None)
        out[plan.pk] = Assessment.model_validate(found) if found is not None else None
    return out
