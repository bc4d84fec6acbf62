"""Assessments judged once and kept until what they were judged from changes.

A plan's stamp names everything an assessment depends on: the program's version, the plan's revision
(bumped by `plans.services.touch` whenever its reading, settings, region or delegated targets change), its
settings and region as they are (changed elsewhere, the admin, they still count), its figures (their
count of changes, `Plan.figures`), and the same of the plan of the region above. Pages
read the stored assessments while the stamp holds and judge again, once, when it does not; figures as of a
past day or with those awaiting review are always judged afresh. The parts of pages drawn from them (the
dashboard's tables, an indicator's series) are stored under the same stamp and drawn again with them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Q
from django.utils import timezone

from planwatch import __version__
from planwatch.evaluate.assessment import Assessment
from planwatch.server.plans.models import Plan
from planwatch.server.regions.hierarchy import parents_of
from planwatch.server.reports.models import Stamped, StoredAssessments, StoredPart

Judge = Callable[[list[int]], dict[int, list[Assessment]]]
Draw = Callable[[], dict[str, Any]]

_STATE = ("pk", "revision", "evaluation_settings", "region_code", "figures")


def state(plan: Plan) -> str:
    """What a plan's own assessments depend on: its revision, settings, region and the count of changes
    of its figures (`Plan.figures`, bumped by `monitoring.signals`), as the plan in hand has them."""
    settings = json.dumps(plan.evaluation_settings, sort_keys=True).encode()
    digest = hashlib.sha1(settings).hexdigest()[:12]
    return f"{plan.revision}.{digest}.{plan.region_code}.{plan.figures}"


def stamped(own: str, above: str | None) -> str:
    """The stamp of a plan's assessments from its state and that of the plan above (None: no plan above)."""
    return f"{__version__}|{own}|{above if above is not None else '-'}"


def stamp(plan: Plan) -> str:
    """What the plan's assessments now depend on, in one line, as stored now (the object in hand may be
    older): the plan and the plan above (`hierarchy.parent_plan`, the latest of its region and period) read
    in one query."""
    above = parents_of(plan)
    wanted = Q(pk=plan.pk) if above is None else Q(pk=plan.pk) | above
    rows = Plan.objects.filter(wanted).only(*_STATE, "period_end", "created_at").order_by("-created_at")
    own, theirs = None, None
    for row in rows:
        if row.pk == plan.pk:
            own = row
        elif theirs is None:
            theirs = row
    if own is None:
        raise Plan.DoesNotExist(f"plan {plan.pk}")
    return stamped(state(own), state(theirs) if theirs is not None else None)


def stored(plan: Plan, years: list[int], lang: str, judge: Judge) -> dict[int, list[Assessment]]:
    """The plan's assessments in each of `years` in `lang`: those stored under the current stamp, the
    others judged by `judge` (for the years it is given) and stored."""
    now = stamp(plan)
    kept = StoredAssessments.objects.filter(plan=plan, lang=lang, year__in=years, stamp=now)
    found = {year: _read(judged) for year, judged in kept.values_list("year", "assessments")}
    missing = [y for y in years if y not in found]
    if missing:
        fresh = judge(missing)
        for year in missing:
            keep(plan, year, lang, now, fresh[year])
        found.update(fresh)
    return {year: found[year] for year in years}


def drawn(plan: Plan, name: str, lang: str, draw: Draw) -> dict[str, Any]:
    """A part of a page drawn from the plan's assessments (`name` says which page, year and reader it is
    for): the one stored under the current stamp, else drawn by `draw` and stored; so it is drawn again once
    anything its assessments depend on changes, and read by every process serving the pages."""
    now = stamp(plan)
    kept = StoredPart.objects.filter(plan=plan, name=name, lang=lang, stamp=now)
    part = kept.values_list("content", flat=True).first()
    if part is None:
        # Drawn after the stamp is taken: a change meanwhile leaves it under a stamp no longer asked for.
        part = draw()
        row = StoredPart(plan=plan, name=name, lang=lang, stamp=now, content=part, drawn_at=timezone.now())
        _upsert(StoredPart, [row], ["plan", "name", "lang"], ["stamp", "content", "drawn_at"])
    return part


def _read(judged: list[dict]) -> list[Assessment]:
    return [Assessment.model_validate(a) for a in judged]


def keep(plan: Plan, year: int, lang: str, now: str, judged: Sequence[Assessment]) -> None:
    """Store one year's assessments of a plan under the stamp `now`."""
    keep_many([(plan, judged)], year, lang, {plan.pk: now})


def keep_many(
    judged: list[tuple[Plan, Sequence[Assessment]]], year: int, lang: str, now: dict[int, str]
) -> None:
    """Store the assessments of many plans in one year, each under its stamp (`now`, by plan id)."""
    at = timezone.now()
    rows = [
        StoredAssessments(
            plan=plan, year=year, lang=lang, stamp=now[plan.pk], computed_at=at,
            assessments=[a.model_dump(mode="json") for a in found],
        )
        for plan, found in judged
    ]  # fmt: skip
    _upsert(StoredAssessments, rows, ["plan", "year", "lang"], ["stamp", "assessments", "computed_at"])


def _upsert(model: type[Stamped], rows: list[Stamped], key: list[str], fields: list[str]) -> None:
    """Store rows, each replacing the one under the same key, a few hundred a query; another request
    storing the same at the same moment is no error."""
    model.objects.bulk_create(
        rows, batch_size=200, update_conflicts=True, unique_fields=key, update_fields=fields
    )
