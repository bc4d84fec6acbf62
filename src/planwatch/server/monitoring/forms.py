"""The two forms of the monitoring pages: one year's figure of an indicator, and a file to import."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.server.monitoring.models import Observation

IMPORT_SUFFIXES = (".xlsx", ".csv")
# A filled template is a few dozen kilobytes; anything near this is not one.
IMPORT_MAX_BYTES = 10 * 1024 * 1024


class ObservationForm(forms.Form):
    """What a department reports for one indicator in one year."""

    value = forms.FloatField(
        label=_("监测值"),
        help_text=_("只填数字；增长、下降类指标填当年增速或降幅（%），如 6.5。"),
    )
    source = forms.CharField(
        label=_("来源"),
        max_length=Observation._meta.get_field("source").max_length,
        required=False,
        help_text=_("如统计公报、统计年鉴或部门统计报表。"),
    )
    note = forms.CharField(
        label=_("备注"),
        max_length=Observation._meta.get_field("note").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    annual_target = forms.CharField(
        label=_("年度目标"),
        max_length=Observation._meta.get_field("annual_target").max_length,
        required=False,
        help_text=_("当年政府工作报告等确定的目标，如“7左右”。"),
    )

    def same_as(self, current: Observation | None) -> bool:
        """Whether the cleaned figure repeats the one in force, which would be a revision that changes nothing."""
        if current is None:
            return False
        data = self.cleaned_data
        return (data["value"], data["source"], data["note"], data["annual_target"]) == (
            current.value,
            current.source,
            current.note,
            current.annual_target,
        )


class ImportForm(forms.Form):
    """A filled template, or any .xlsx/.csv with the columns 指标, 年份 and 值."""

    file = forms.FileField(label=_("填报文件"), help_text=_("Excel（.xlsx）或 CSV 文件。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in IMPORT_SUFFIXES:
            raise forms.ValidationError(
                _("只能导入 .xlsx 或 .csv 文件；旧版 .xls 请先在 Excel 中另存为 .xlsx。")
            )
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("文件超过 10 MB，不像是填报模板。"))
        return upload
