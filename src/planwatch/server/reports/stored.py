"""Assessments judged once and kept until what they were judged from changes.

A plan's stamp names everything an assessment depends on: the program's version, the plan's revision
(bumped by `plans.services.touch` whenever its reading, settings, region or delegated targets change), its
settings and region as they are (changed elsewhere, the admin, they still count), its figures (their
count, the latest entered, superseded and reviewed), and the same of the plan of the region above. Pages
read the stored assessments while the stamp holds and judge again, once, when it does not; figures as of a
past day or with those awaiting review are always judged afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from planwatch import __version__
from planwatch.evaluate.assessment import Assessment
from planwatch.server.monitoring.models import Observation
from planwatch.server.plans.models import Plan
from planwatch.server.regions.hierarchy import parent_plan
from planwatch.server.reports.models import StoredAssessments

Judge = Callable[[list[int]], dict[int, list[Assessment]]]


def _figures(plan: Plan) -> str:
    found = Observation.objects.filter(indicator__plan=plan).aggregate(
        n=Count("id"), last=Max("id"), superseded=Max("superseded_at"), reviewed=Max("reviewed_at")
    )
    return "{n}.{last}.{superseded}.{reviewed}".format(**found)


def _own(plan: Plan) -> str:
    """The plan's revision, settings and region as stored now (the object in hand may be older)."""
    revision, settings, region = Plan.objects.values_list(
        "revision", "evaluation_settings", "region_code"
    ).get(pk=plan.pk)
    digest = hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
    return f"{revision}.{digest}.{region}.{_figures(plan)}"


def stamp(plan: Plan) -> str:
    """What the plan's assessments now depend on, in one line."""
    above = parent_plan(plan)
    return f"{__version__}|{_own(plan)}|{_own(above) if above is not None else '-'}"


def stored(plan: Plan, years: list[int], lang: str, judge: Judge) -> dict[int, list[Assessment]]:
    """The plan's assessments in each of `years` in `lang`: those stored under the current stamp, the
    others judged by `judge` (for the years it is given) and stored."""
    now = stamp(plan)
    kept = StoredAssessments.objects.filter(plan=plan, lang=lang, year__in=years, stamp=now)
    found = {row.year: [Assessment.model_validate(a) for a in row.assessments] for row in kept}
    missing = [y for y in years if y not in found]
    if missing:
        fresh = judge(missing)
        for year in missing:
            _keep(plan, year, lang, now, fresh[year])
        found.update(fresh)
    return {year: found[year] for year in years}


def _keep(plan: Plan, year: int, lang: str, now: str, judged: list[Assessment]) -> None:
    """Store one year's assessments; another request storing the same at the same moment is no error."""
    payload = [a.model_dump(mode="json") for a in judged]
    try:
        with transaction.atomic():
            StoredAssessments.objects.update_or_create(
                plan=plan, year=year, lang=lang, defaults={"stamp": now, "assessments": payload}
            )
    except IntegrityError:
        pass
