"""The plan office's pages: upload a plan for review, correct what was read, set the evaluation thresholds."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.errors import InputError
from planwatch.evaluate.from_plan import indicators_from_plan
from planwatch.ingest import ingest
from planwatch.server.office.forms import CorrectionForm, SettingsForm, UploadForm
from planwatch.server.office.services import correct_cell, save_settings
from planwatch.server.plans.models import Plan
from planwatch.server.plans.services import store_plan

_SESSION = "office-upload"


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


@staff_member_required
def upload(request: HttpRequest) -> HttpResponse:
    """Read an uploaded plan document and show what was read; nothing is stored yet."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        suffix = Path(document.name).suffix.lower()[:8]
        path = _upload_dir() / f"{secrets.token_hex(12)}{suffix}"
        with path.open("wb") as out:
            for chunk in document.chunks():
                out.write(chunk)
        try:
            reading = ingest(path)
        except InputError as e:
            path.unlink(missing_ok=True)
            form.add_error("document", f"{document.name}：{e.reason}")
        else:
            request.session[_SESSION] = {"path": path.name, "name": document.name}
            context = {"reading": reading, "name": document.name, "indicators": indicators_from_plan(reading)}
            return render(request, "office/review.html", context)
    return render(request, "office/upload.html", {"form": form})


@staff_member_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Store the reviewed plan: the file is read again, so what is stored is what the reader gives."""
    pending = request.session.pop(_SESSION, None)
    if not pending:
        messages.error(request, _("没有待确认的规划文件，请重新上传。"))
        return redirect("office:upload")
    path = _upload_dir() / Path(pending["path"]).name
    try:
        plan = store_plan(ingest(path), request.user, source_name=pending["name"])
    except InputError as e:
        messages.error(request, f"{pending['name']}：{e.reason}")
        return redirect("office:upload")
    finally:
        path.unlink(missing_ok=True)
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
