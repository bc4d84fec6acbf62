"""The plan pages: the list of plans and the plan as read (with its corrections, and for the office a form on
each cell to make one); for the office, the upload of a plan reviewed before it is stored (column roles, an
indicator spreadsheet in place of the plan's table) and the evaluation settings."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from planwatch.errors import InputError
from planwatch.evaluate.from_plan import indicator_table, indicators_from_plan
from planwatch.ingest.readers import read_document
from planwatch.ingest.spreadsheets import read_indicators
from planwatch.plan import model as plan_model
from planwatch.server.accounts.access import is_office, office_required, read_access
from planwatch.server.plans import batch
from planwatch.server.plans.first_run import guide
from planwatch.server.plans.forms import (
    ColumnRolesForm,
    CorrectionForm,
    IndicatorSheetForm,
    SettingsForm,
    UploadForm,
)
from planwatch.server.plans.models import CellCorrection, Plan
from planwatch.server.plans.reading import cell_place, outline_view, reading_check
from planwatch.server.plans.review import (
    assigned_roles,
    read_upload,
    role_form,
    role_tables,
    same_plan_notice,
    same_plans,
)
from planwatch.server.plans.services import correct_cell, save_settings, store_plan
from planwatch.server.translations import page_lang
from planwatch.server.uploads import Pending, Uploads

UPLOADS = Uploads("plan")
# Findings that put the indicator table read from the document in doubt.
_TABLE_DOUBTS = {"no_indicator_table", "table_shifted", "table_rows_unfilled", "table_duplicate_names"}


@require_safe
@read_access
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.annotate(indicator_count=Count("indicators")))
    # The office is shown the first-run guide until its steps are done; then one plan goes to its dashboard.
    steps = (
        guide(plans, request.user, UPLOADS.current(request) is not None) if is_office(request.user) else None
    )
    if len(plans) == 1 and (steps is None or steps.finished):
        return redirect("reports:dashboard", plan_id=plans[0].pk)
    context = {"plans": plans, "heading": _("规划列表"), "plan_link": "reports:dashboard", "guide": steps}
    return render(request, "plans/plan_list.html", context)


@require_safe
@read_access
def reading(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    read = plan.read()
    outline, other_tables = outline_view(read)
    corrections = CellCorrection.objects.filter(plan=plan).select_related("by")
    context = {
        "plan": plan,
        "reading": read,
        "outline": outline,
        "other_tables": other_tables,
        # Who may post to `correct`.
        "may_correct": is_office(request.user),
        "corrections": [(c, cell_place(read, c.table, c.row, c.cell)) for c in corrections],
        **reading_check(read, outline),
    }
    return render(request, "plans/reading.html", context)


@office_required
def upload(request: HttpRequest) -> HttpResponse:
    """Take plan documents for review: one goes to its review; several are read in turn and listed in a table, each
    then opened for review and confirmed on its own. Nothing is stored until the office confirms."""
    if request.method == "POST" and "review" in request.POST:
        if batch.open_review(request, UPLOADS, request.POST["review"]):
            return redirect("plans:review")
        messages.error(request, _("该文件已不在待确认之列，请重新上传。"))
        return redirect("plans:upload")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        documents = form.cleaned_data["document"]
        if len(documents) > 1:
            batch.read_batch(request, UPLOADS, documents)
            return redirect("plans:upload")
        document = documents[0]
        pending = UPLOADS.start(document)
        try:
            read_document(pending.file)
        except InputError as e:
            pending.discard()
            form.add_error("document", _refusal(document.name, e))
        else:
            batch.park(request, UPLOADS)  # a batch's document under review goes back to its row
            UPLOADS.save(request, pending)
            return redirect("plans:review")
    context = {"form": form, "rows": batch.rows(request), "limits": batch.limits()}
    return render(request, "plans/upload.html", context)


def _refusal(name: str, error: InputError) -> str:
    """A file refused, named as it was uploaded, with the reason in the page's language."""
    return _("%(where)s：%(reason)s") % {"where": name, "reason": error.text(page_lang())}


def _under_review(
    view: Callable[[HttpRequest, Pending], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """A page of the upload under review, given it; without one, back to the upload form with a word why."""

    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        pending = UPLOADS.current(request)
        if pending is None:
            messages.error(request, _("没有待确认的规划文件，请重新上传。"))
            return redirect("plans:upload")
        return view(request, pending)

    return office_required(wrapped)


@_under_review
def review(request: HttpRequest, pending: Pending) -> HttpResponse:
    """The upload as read: how sure the reading is, its warnings, the outline and tables, and the ways on."""
    return _review(request, pending)


def _review(
    request: HttpRequest,
    pending: Pending,
    sheet_form: IndicatorSheetForm | None = None,
    roles_form: ColumnRolesForm | None = None,
) -> HttpResponse:
    try:
        upload = read_upload(pending)
    except InputError as e:
        messages.error(request, _refusal(pending.name, e))
        return redirect("plans:upload")
    reading = upload.reading
    for stored in same_plans(reading):  # a notice, not a refusal: the office may mean to store it again
        messages.warning(request, same_plan_notice(stored))
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
        "name": pending.name,
        "indicators": indicators_from_plan(reading),
        "outline": outline,
        "other_tables": other_tables,
        "sheet": pending.entry.get("sheet"),
        "sheet_form": sheet_form,
        "role_tables": role_tables(upload, assigned_roles(pending), roles_form),
        "main_table": _main_table(reading),
        "table_doubted": any(w.code in _TABLE_DOUBTS for w in reading.warnings),
        # The finding that no indicator table was read leads to the ways on.
        **reading_check(reading, outline, {"no_indicator_table": "indicator-table"}),
    }
    return render(request, "plans/review.html", context)


def _main_table(reading: plan_model.Plan) -> int | None:
    """Where the indicator table the evaluation uses stands among the plan's tables."""
    table = indicator_table(reading)
    return next((k for k, t in enumerate(reading.tables) if t is table), None)


def _drop_sheet(pending: Pending) -> None:
    sheet = pending.entry.pop("sheet", None)
    if sheet:
        (pending.folder / sheet["file"]).unlink(missing_ok=True)


@_under_review
@require_POST
def indicator_sheet(request: HttpRequest, pending: Pending) -> HttpResponse:
    """Use an indicator spreadsheet in place of the plan's table, or stop using it; checked before it is kept."""
    if request.POST.get("remove"):
        _drop_sheet(pending)
        UPLOADS.save(request, pending)
        return redirect("plans:review")
    form = IndicatorSheetForm(request.POST, request.FILES)
    if form.is_valid():
        sheet = form.cleaned_data["sheet"]
        kept = pending.keep(sheet, f"sheet-{secrets.token_hex(6)}")
        years = (form.cleaned_data["base_year"], form.cleaned_data["target_year"])
        try:
            found = read_indicators(pending.folder / kept, *years)
        except InputError as e:
            found, reason = [], e.text(page_lang())
        else:
            reason = _("表中没有读到任何指标。")
        if found:
            _drop_sheet(pending)
            pending.entry["sheet"] = {
                "file": kept,
                "name": sheet.name,
                "base_year": years[0],
                "target_year": years[1],
            }
            UPLOADS.save(request, pending)
            messages.success(
                request, _("已采用上传的指标表（%(n)s项指标），确认保存前仍可更换。") % {"n": len(found)}
            )
            return redirect(reverse("plans:review") + "#indicator-table")
        (pending.folder / kept).unlink(missing_ok=True)
        form.add_error(
            "sheet", _("%(name)s 无法作为指标表读取：%(reason)s") % {"name": sheet.name, "reason": reason}
        )
    return _review(request, pending, form)


@_under_review
@require_POST
def column_roles(request: HttpRequest, pending: Pending) -> HttpResponse:
    """Read a table again with the roles the office chose for its columns, or with its own again."""
    table = request.POST.get("table", "")
    if request.POST.get("automatic"):
        pending.entry.get("roles", {}).pop(table, None)
        UPLOADS.save(request, pending)
        return redirect(reverse("plans:review") + f"#roles-{table}")
    form = role_form(request.POST, index=0, width=ColumnRolesForm.width_posted(request.POST))
    if not form.is_valid():
        return _review(request, pending, roles_form=form)
    index = form.cleaned_data["table"]
    pending.entry.setdefault("roles", {})[str(index)] = form.roles()
    UPLOADS.save(request, pending)
    messages.success(request, _("已按指定的各列含义重新读取该表；确认保存前仍可修改。"))
    return redirect(reverse("plans:review") + f"#roles-{index}")


@office_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Store the reviewed plan: the upload is read again as reviewed, so what is stored is what the reader gives."""
    pending = UPLOADS.take(request)
    if pending is None:
        messages.error(request, _("没有待确认的规划文件，请重新上传。"))
        return redirect("plans:upload")
    try:
        plan = store_plan(read_upload(pending).reading, request.user, source_name=pending.name)
    except InputError as e:
        messages.error(request, _refusal(pending.name, e))
        return redirect("plans:upload")
    finally:
        pending.discard()
    messages.success(request, _("已保存规划：%(title)s") % {"title": plan.title})
    if batch.stored(request, pending.entry["folder"], plan.pk):
        return redirect("plans:upload")  # back to the batch's table, where the next document waits
    return redirect("reports:dashboard", plan_id=plan.pk)


@office_required
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
    return redirect(reverse("plans:reading", args=[plan.pk]) + f"#table-{table}")


@office_required
def evaluation_settings(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_id)
    form = SettingsForm(request.POST or None, current=plan.settings())
    if request.method == "POST" and form.is_valid():
        save_settings(plan, form.settings(), request.user)
        messages.success(request, _("评估参数已保存。"))
        return redirect("plans:settings", plan_id=plan.pk)
    return render(request, "plans/settings.html", {"plan": plan, "form": form})
