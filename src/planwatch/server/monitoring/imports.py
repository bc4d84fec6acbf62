"""Importing a departments' file in two steps: check and show every row, then store all of them or none.

The upload waits in MEDIA_ROOT/imports/ under a random name between the
preview and the confirmation, so the confirmation reads exactly the file that
was previewed; it is checked again then, because figures and rights may have
changed in between.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from planwatch.errors import InputError
from planwatch.evaluate.spreadsheets import read_observation_rows
from planwatch.server.plans.access import may_change
from planwatch.server.plans.models import Indicator, Observation, Plan
from planwatch.server.plans.services import audit, import_observations

SESSION_KEY = "monitoring.import"
# An upload nobody confirmed or cancelled is swept away after this long.
ABANDONED_AFTER_SECONDS = 24 * 3600


@dataclass
class Row:
    """One figure the import will store, beside the one it revises."""

    indicator: Indicator
    year: int
    value: float
    source: str
    current: Observation | None


@dataclass
class Problem:
    """Why a row (or the whole file, when `row` is None) cannot be imported."""

    message: str
    row: int | None = None
    label: str = ""


@dataclass
class Check:
    """What a preview shows: the rows to store, or, when there is any problem, the reasons nothing will be."""

    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check(plan: Plan, path: Path, name: str, user) -> Check:
    """Every row of the file as it would be stored, or every reason it cannot be, row by row.

    Rows the file gets right may still be refused: a year outside the
    indicator's period, or an indicator the user's department does not lead.
    """
    indicators = list(plan.indicators.select_related("lead"))
    try:
        numbered, bad = read_observation_rows(path, [i.to_library() for i in indicators])
    except InputError as error:
        return Check(problems=[Problem(f"{error.where}: {error.reason}".replace(str(path), name))])
    by_key = {i.key: i for i in indicators}
    current = {
        (o.indicator_id, o.year): o for o in Observation.objects.filter(indicator__plan=plan).current()
    }
    result = Check(problems=[Problem(message, row=number) for number, message in bad])
    for number, parsed in numbered:
        indicator = by_key[parsed.indicator]
        label = _("%(name)s %(year)s年") % {"name": indicator.name, "year": parsed.year}
        if not indicator.base_year < parsed.year <= indicator.target_year:
            message = _("年份不在规划期（%(first)s—%(last)s年）内") % {
                "first": indicator.base_year + 1,
                "last": indicator.target_year,
            }
            result.problems.append(Problem(message, row=number, label=label))
        elif not may_change(user, indicator):
            message = _("您所在的部门不是该指标的牵头单位，无权导入")
            result.problems.append(Problem(message, row=number, label=label))
        else:
            row = Row(
                indicator,
                parsed.year,
                parsed.value,
                parsed.source or "",
                current.get((indicator.pk, parsed.year)),
            )
            result.rows.append(row)
    if not numbered and not bad:
        result.problems.append(Problem(_("文件中没有填写数值的行")))
    result.problems.sort(key=lambda problem: problem.row or 0)
    return result


def store(plan: Plan, path: Path, name: str, user) -> Check:
    """Check the file again and, when every row is good, store them all in one transaction."""
    with transaction.atomic():
        result = check(plan, path, name, user)
        if result.problems:
            return result
        stored = import_observations(plan, path, user)
        audit(
            user,
            "import",
            plan,
            f"导入监测值文件 {name}（{len(stored)} 行）",
            after={"file": name, "rows": len(stored)},
        )
    return result


def keep(upload: UploadedFile) -> Path:
    """Save an upload under a random name, keeping its suffix, which tells the reader its format."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    path = folder / (secrets.token_urlsafe(16) + Path(upload.name).suffix.lower())
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def kept(file_name: str) -> Path | None:
    """The saved upload a session names, if it is still there; only a bare name inside the folder counts."""
    if not file_name or Path(file_name).name != file_name:
        return None
    path = _folder() / file_name
    return path if path.is_file() else None


def discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _sweep(folder: Path) -> None:
    """Remove uploads left by previews never confirmed nor cancelled."""
    limit = time.time() - ABANDONED_AFTER_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
