"""Two-step imports, one way for every kind (a plan document, an observations workbook, a task list): the upload
is kept in a private folder of its own, the pending import in the session; a preview shows what would change,
then the user confirms or cancels. Folders nobody confirmed or cancelled are swept after a day, whatever kind.

A workbook is read once, when it is uploaded: what was read is kept as JSON beside the file, so what confirm
stores is what the preview showed (checked again against the rights and figures of the moment, not re-read).
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planwatch.server.accounts.access import View
from planwatch.server.downloads import attachment, plan_file_name
from planwatch.server.plans.models import Plan

# A pending import nobody confirmed or cancelled is swept away after this long.
ABANDONED_AFTER_SECONDS = 24 * 3600
_PARSED = "parsed.json"
CONFIRMED = "confirmed"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def root() -> Path:
    """Where pending imports wait: under MEDIA_ROOT, which is never served."""
    return Path(settings.MEDIA_ROOT) / "uploads"


@dataclass
class Pending:
    """An import waiting for its confirmation: its folder, and the entry the session keeps of it (the folder's
    name, the file's name as uploaded, and whatever the kind of import adds)."""

    folder: Path
    entry: dict

    @property
    def name(self) -> str:
        return self.entry["name"]

    @property
    def file(self) -> Path:
        return self.folder / self.entry["file"]

    def keep(self, upload: UploadedFile, stem: str) -> str:
        """Save an upload in the folder as `stem` with the upload's suffix, which tells a reader its format."""
        name = stem + Path(upload.name).suffix.lower()[:8]
        with (self.folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return name

    def keep_parsed(self, parsed: Any) -> None:
        (self.folder / _PARSED).write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")

    def parsed(self) -> Any:
        return json.loads((self.folder / _PARSED).read_text(encoding="utf-8"))

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class Uploads:
    """The pending import of one kind in a user's session."""

    def __init__(self, kind: str) -> None:
        self.session_key = f"upload.{kind}"

    def start(self, upload: UploadedFile, **entry) -> Pending:
        """Keep a new upload in a folder of its own; it is pending once saved."""
        sweep()
        folder = root() / secrets.token_urlsafe(16)
        folder.mkdir(parents=True)
        pending = Pending(folder, {"folder": folder.name, "name": upload.name, **entry})
        pending.entry["file"] = pending.keep(upload, "upload")
        return pending

    def save(self, request: HttpRequest, pending: Pending) -> None:
        """Make `pending` the import of this kind waiting in the session; one it replaces is discarded."""
        previous = self.current(request)
        if previous is not None and previous.folder != pending.folder:
            previous.discard()
        request.session[self.session_key] = pending.entry

    def current(self, request: HttpRequest) -> Pending | None:
        return _found(request.session.get(self.session_key))

    def take(self, request: HttpRequest) -> Pending | None:
        """The pending import, out of the session: the caller discards it once done."""
        return _found(request.session.pop(self.session_key, None))

    def drop(self, request: HttpRequest) -> None:
        pending = self.take(request)
        if pending is not None:
            pending.discard()


def _found(entry: dict | None) -> Pending | None:
    """The pending import a session names, if its folder is still there; only a bare name inside the root counts."""
    name = (entry or {}).get("folder", "")
    if not name or Path(name).name != name or not (root() / name).is_dir():
        return None
    return Pending(root() / name, entry)


def sweep() -> None:
    """Remove the pending imports left by previews never confirmed nor cancelled."""
    if not root().is_dir():
        return
    limit = time.time() - ABANDONED_AFTER_SECONDS
    for left in root().iterdir():
        if left.stat().st_mtime >= limit:
            continue
        if left.is_dir():
            shutil.rmtree(left, ignore_errors=True)
        else:
            left.unlink(missing_ok=True)


# Workbooks: read once, previewed, confirmed -------------------------------------------------------------------


@dataclass
class Problem:
    """Why a row (or the whole file, when `row` is None) cannot be imported."""

    message: str
    row: int | None = None
    label: str = ""


class Result(Protocol):
    problems: list[Problem]

    @property
    def ready(self) -> bool:
        """Nothing wrong, and something to store."""


@dataclass(frozen=True)
class Workbook:
    """One kind of workbook import: how it is read, checked and stored, and the words of its pages.

    `app` is the URL namespace of its pages: index, plan, import, import_confirm, import_cancel.
    """

    app: str
    section: str
    title: str
    hint: str
    download: str
    download_label: str
    rows_template: str
    problem_label: str
    form: type[forms.Form]
    read: Callable[[Plan, Path, str], Any]
    check: Callable[[Plan, Any, Any], Result]
    store: Callable[[Plan, Any, str, Any], Result]
    done: Callable[[Result, str], str]
    # Whether a preview may question rows (a figure far from the year before's), stored only when the person
    # ticks the box `CONFIRMED` beside the confirm button: `store` is then told whether they did.
    questions: bool = False

    @property
    def uploads(self) -> Uploads:
        return Uploads(self.app)


def import_paths(workbook: Workbook, guard: Callable[[View], View]) -> list[URLPattern]:
    """The addresses of a workbook import under a plan: the form and preview, confirm, cancel; `guard` says who
    may import at all."""

    def step(view: Callable[..., HttpResponse], methods: list[str]) -> View:
        return guard(require_http_methods(methods)(partial(view, workbook)))

    return [
        path("plans/<int:plan_id>/import/", step(import_page, ["GET", "POST"]), name="import"),
        path("plans/<int:plan_id>/import/confirm/", step(confirm, ["POST"]), name="import_confirm"),
        path("plans/<int:plan_id>/import/cancel/", step(cancel, ["POST"]), name="import_cancel"),
    ]


def workbook_download(data: bytes, plan: Plan, name: str, fallback: str) -> FileResponse:
    """A blank or filled workbook to download, named after the plan (`name` holds %(title)s), `fallback` in ASCII."""
    return attachment(data, name % {"title": plan_file_name(plan)}, fallback, XLSX)


def import_page(workbook: Workbook, request: HttpRequest, plan_id: int) -> HttpResponse:
    """The upload form, and on a post the file read once and previewed; kept only when there is something to store."""
    plan = get_object_or_404(Plan, pk=plan_id)
    form = workbook.form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        workbook.uploads.drop(request)  # a new file previewed: the one previewed before is not confirmed
        pending = workbook.uploads.start(upload, plan=plan.pk)
        parsed = workbook.read(plan, pending.file, upload.name)
        result = workbook.check(plan, parsed, request.user)
        if result.ready:
            pending.keep_parsed(parsed)
            workbook.uploads.save(request, pending)
        else:
            pending.discard()
        return _preview(request, workbook, plan, upload.name, result)
    return render(request, "uploads/import.html", {"plan": plan, "workbook": workbook, "form": form})


def confirm(workbook: Workbook, request: HttpRequest, plan_id: int) -> HttpResponse:
    """Store what the preview showed, every row or none; a pending import for another plan is dropped."""
    plan = get_object_or_404(Plan, pk=plan_id)
    pending = workbook.uploads.take(request)
    if pending is None or pending.entry.get("plan") != plan.pk:
        if pending is not None:
            pending.discard()
        messages.error(request, _("没有待确认的导入，或它已失效：请重新上传文件。"))
        return redirect(f"{workbook.app}:import", plan.pk)
    answers = {CONFIRMED: CONFIRMED in request.POST} if workbook.questions else {}
    try:
        result = workbook.store(plan, pending.parsed(), pending.name, request.user, **answers)
    finally:
        pending.discard()
    if result.problems:
        return _preview(request, workbook, plan, pending.name, result, confirming=True)
    messages.success(request, workbook.done(result, pending.name))
    return redirect(f"{workbook.app}:plan", plan.pk)


def cancel(workbook: Workbook, request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    workbook.uploads.drop(request)
    messages.info(request, _("已取消导入，没有导入任何数据。"))
    return redirect(f"{workbook.app}:plan", plan.pk)


def _preview(
    request: HttpRequest, workbook: Workbook, plan: Plan, name: str, result: Result, confirming: bool = False
) -> HttpResponse:
    context = {"plan": plan, "workbook": workbook, "name": name, "result": result, "confirming": confirming}
    return render(request, "uploads/preview.html", context)
