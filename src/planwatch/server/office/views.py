"""The plan office's pages: upload a plan and review how it was read (and put its indicator table right), correct
what was read, set the evaluation thresholds."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.errors import InputError
from planwatch.evaluate.from_plan import indicator_table, indicators_from_plan
from planwatch.evaluate.spreadsheets import read_indicators
from planwatch.ingest.readers import read_document
from planwatch.plan import model as doc
from planwatch.server.front.reading import outline_view, reading_check
from planwatch.server.office.forms import (
    ColumnRolesForm,
    CorrectionForm,
    IndicatorSheetForm,
    SettingsForm,
    UploadForm,
)
from planwatch.server.office.review import role_form, role_tables
from planwatch.server.office.services import correct_cell, read_upload, save_settings
from planwatch.server.plans.models import Plan
from planwatch.server.plans.services import store_plan

_SESSION = "office-upload"
# Findings that put the indicator table read from the document in doubt.
_TABLE_DOUBTS = {"no_indicator_table", "table_shifted", "table_rows_unfilled", "table_duplicate_names"}


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save(upload: UploadedFile) -> Path:
    """An uploaded file kept under a name of our own, its suffix saying how to read it."""
    path = _upload_dir() / f"{secrets.token_hex(12)}{Path(upload.name).suffix.lower()[:8]}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _remove(pending: dict | None, *keys: str) -> None:
    """Delete the files of an upload under review: the document ("path") and the spreadsheet ("sheet")."""
    if not pending:
        return
    for key in keys:
        entry = pending.get(key)
        name = entry.get("path") if isinstance(entry, dict) else entry
        if name:
            (_upload_dir() / Path(name).name).unlink(missing_ok=True)


@staff_member_required
def upload(request: HttpRequest) -> HttpResponse:
    """Take a plan document for review; nothing is stored until the office confirms."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        path = _save(document)
        try:
            read_document(path)
        except InputError as e:
            path.unlink(missing_ok=True)
            form.add_error("document", f"{document.name}：{e.reason}")
        else:
            _remove(request.session.get(_SESSION), "path", "sheet")
            request.session[_SESSION] = {"path": path.name, "name": document.name}
            return redirect("office:review")
    return render(request, "office/upload.html", {"form": form})


def _pending(request: HttpRequest) -> dict | None:
    pending = request.session.get(_SESSION)
    if not pending:
        messages.error(request, _("没有待确认的规划文件，请重新上传。"))
    return pending


@staff_member_required
def review(request: HttpRequest) -> HttpResponse:
    """The upload as read: how sure the reading is, its warnings, the outline and tables, and the ways on."""
    pending = _pending(request)
    if not pending:
        return redirect("office:upload")
    return _review(request, pending)


def _review(
    request: HttpRequest,
    pending: dict,
    sheet_form: IndicatorSheetForm | None = None,
    roles_form: ColumnRolesForm | None = None,
) -> HttpResponse:
    try:
        upload = read_upload(_upload_dir(), pending)
    except InputError as e:
        messages.error(request, f"{pending['name']}：{e.reason}")
        return redirect("office:upload")
    reading = upload.reading
    outline, other_tables = outline_view(reading)
    if sheet_form is None:
        years = (
            {"base_year": reading.period.start - 1, "target_year": reading.period.end}
            if reading.period
            else {}
        )
        sheet_form = IndicatorSheetForm(initial=years)
    context = {
        "reading": reading,
        "name": pending["name"],
        "indicators": indicators_from_plan(reading),
        "outline": outline,
        "other_tables": other_tables,
        "sheet": pending.get("sheet"),
        "sheet_form": sheet_form,
        "role_tables": role_tables(upload, _assigned(pending), roles_form),
        "main_table": _main_table(reading),
        "table_doubted": any(w.code in _TABLE_DOUBTS for w in reading.warnings),
        # The finding that no indicator table was read leads to the ways on.
        **reading_check(reading, outline, {"no_indicator_table": "indicator-table"}),
    }
    return render(request, "office/review.html", context)


def _assigned(pending: dict) -> dict[int, list[str]]:
    """The column roles the office chose, by the table's place among the document's tables."""
    return {int(k): list(v) for k, v in pending.get("roles", {}).items()}


def _main_table(reading: doc.Plan) -> int | None:
    """Where the indicator table the evaluation uses stands among the plan's tables."""
    table = indicator_table(reading)
    return next((k for k, t in enumerate(reading.tables) if t is table), None)


@staff_member_required
@require_POST
def indicator_sheet(request: HttpRequest) -> HttpResponse:
    """Use an indicator spreadsheet in place of the plan's table, or stop using it; checked before it is kept."""
    pending = _pending(request)
    if not pending:
        return redirect("office:upload")
    if request.POST.get("remove"):
        _remove(pending, "sheet")
        pending.pop("sheet", None)
        request.session[_SESSION] = pending
        return redirect("office:review")
    form = IndicatorSheetForm(request.POST, request.FILES)
    if form.is_valid():
        sheet = form.cleaned_data["sheet"]
        path = _save(sheet)
        years = (form.cleaned_data["base_year"], form.cleaned_data["target_year"])
        try:
            found = read_indicators(path, *years)
        except InputError as e:
            found, reason = [], e.reason
        else:
            reason = _("表中没有读到任何指标。")
        if found:
            _remove(pending, "sheet")
            pending["sheet"] = {
                "path": path.name,
                "name": sheet.name,
                "base_year": years[0],
                "target_year": years[1],
            }
            request.session[_SESSION] = pending
            messages.success(
                request, _("已采用上传的指标表（%(n)s项指标），确认保存前仍可更换。") % {"n": len(found)}
            )
            return redirect(reverse("office:review") + "#indicator-table")
        path.unlink(missing_ok=True)
        form.add_error(
            "sheet", _("%(name)s 无法作为指标表读取：%(reason)s") % {"name": sheet.name, "reason": reason}
        )
    return _review(request, pending, form)


@staff_member_required
@require_POST
def column_roles(request: HttpRequest) -> HttpResponse:
    """Read a table again with the roles the office chose for its columns, or with its own again."""
    pending = _pending(request)
    if not pending:
        return redirect("office:upload")
    table = request.POST.get("table", "")
    if request.POST.get("automatic"):
        pending.get("roles", {}).pop(table, None)
        request.session[_SESSION] = pending
        return redirect(reverse("office:review") + f"#roles-{table}")
    form = role_form(request.POST, index=0, width=ColumnRolesForm.width_posted(request.POST))
    if not form.is_valid():
        return _review(request, pending, roles_form=form)
    index = form.cleaned_data["table"]
    pending.setdefault("roles", {})[str(index)] = form.roles()
    request.session[_SESSION] = pending
    messages.success(request, _("已按指定的各列含义重新读取该表；确认保存前仍可修改。"))
    return redirect(reverse("office:review") + f"#roles-{index}")


@staff_member_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Store the reviewed plan: the upload is read again as reviewed, so what is stored is what the reader gives."""
    pending = request.session.pop(_SESSION, None)
    if not pending:
        messages.error(request, _("没有待确认的规划文件，请重新上传。"))
        return redirect("office:upload")
    try:
        plan = store_plan(
            read_upload(_upload_dir(), pending).reading, request.user, source_name=pending["name"]
        )
    except InputError as e:
        messages.error(request, f"{pending['name']}：{e.reason}")
        return redirect("office:upload")
    finally:
        _remove(pending, "path", "sheet")
    messages.success(request, _("已保存规划：%(title)s") % {"title": plan.title})
    return redirect(f"/plans/{plan.pk}/")


@staff_member_required
@require_POST
def correct(request: HttpRequest, plan_id: int, table: int, row: int, cell: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("更正未保存：%(errors)s") % {"errors": " ".join(form.errors["text"])})
    else:
        try:
            correct_cell(plan, table, row, cell, form.cleaned_data["text"], request.user)
        except ValueError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("已更正，原读取结果已保留。"))
    # Back to the table corrected, so the next cell is at hand.
    return redirect(f"/plans/{plan.pk}/reading/#table-{table}")


@staff_member_required
def evaluation_settings(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    form = SettingsForm(request.POST or None, current=plan.settings())
    if request.method == "POST" and form.is_valid():
        save_settings(plan, form.settings(), request.user)
        messages.success(request, _("评估参数已保存。"))
        return redirect("office:settings", plan_id=plan.pk)
    return render(request, "office/settings.html", {"plan": plan, "form": form})
