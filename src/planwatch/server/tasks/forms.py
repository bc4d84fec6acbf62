"""The task pages' forms: the office's assignment, a department's progress report, a task list to import."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.server.accounts.models import Department
from planwatch.server.tasks.models import Status

# What evidence usually is: documents, scans and photos, or an archive of them.
EVIDENCE_SUFFIXES = (
    ".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ppt", ".pptx",
    ".jpg", ".jpeg", ".png", ".zip", ".rar", ".7z",
)  # fmt: skip
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# A filled task list is a few dozen kilobytes; anything near this is not one.
IMPORT_MAX_BYTES = 10 * 1024 * 1024


class AssignmentForm(forms.Form):
    """Who leads a task, who supports it, and by when."""

    lead = forms.ModelChoiceField(
        Department.objects.order_by("name"), required=False, label=_("牵头单位"), empty_label=_("（未指定）")
    )
    supporting = forms.ModelMultipleChoiceField(
        Department.objects.order_by("name"),
        required=False,
        label=_("配合单位"),
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        required=False,
        label=_("完成时限"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, lead: Department | None = None, **kwargs) -> None:
        """`lead`, the task's lead department, is left out of the departments offered to support it."""
        super().__init__(*args, **kwargs)
        if lead is not None:
            supporting = self.fields["supporting"]
            supporting.queryset = supporting.queryset.exclude(pk=lead.pk)

    def clean(self) -> dict:
        data = super().clean()
        lead = data.get("lead")
        if lead is not None and lead in data.get("supporting", []):
            self.add_error(
                "supporting", _("%(name)s是牵头单位，不能同时作为配合单位。") % {"name": lead.name}
            )
        return data


class UpdateForm(forms.Form):
    """A department's report on a task, with the status it leaves the task in and, if any, its evidence."""

    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("状态"), choices=Status.choices)
    evidence = forms.FileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可选：PDF、Word、Excel、图片或压缩包，不超过 20 MB。"),
    )

    def clean_evidence(self):
        upload = self.cleaned_data["evidence"]
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in EVIDENCE_SUFFIXES:
            raise forms.ValidationError(_("佐证材料只能是 PDF、Word、Excel、图片或压缩包。"))
        if upload.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("佐证材料超过 20 MB。"))
        return upload


class ImportForm(forms.Form):
    """A task list exported from here, or laid out the same way, with departments and deadlines filled in."""

    file = forms.FileField(label=_("任务分工表"), help_text=_("Excel（.xlsx）文件。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("只能导入 .xlsx 文件；旧版 .xls 请先在 Excel 中另存为 .xlsx。"))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("文件超过 10 MB，不像是任务分工表。"))
        return upload
