"""The two forms of the monitoring pages: one year's figure of an indicator, and a file to import."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.evaluate.plausibility import Question
from planwatch.plan.vocabulary import VINTAGES, vintage_label
from planwatch.server.monitoring.models import Observation
from planwatch.server.translations import page_lang

IMPORT_SUFFIXES = (".xlsx", ".csv")
# A filled template is a few dozen kilobytes; anything near this is not one.
IMPORT_MAX_BYTES = 10 * 1024 * 1024


def _text(field: str, label: str, **options) -> forms.CharField:
    """An optional text field, as long as the stored one allows."""
    return forms.CharField(
        label=label, max_length=Observation._meta.get_field(field).max_length, required=False, **options
    )


def _vintages() -> list[tuple[str, str]]:
    """The vintages in the page's language, read each time a form is drawn."""
    return [("", _("未注明")), *((v, vintage_label(v, page_lang())) for v in VINTAGES)]


class ObservationForm(forms.Form):
    """What a department reports for one indicator in one year."""

    value = forms.FloatField(
        label=_("监测值"),
        help_text=_("只填数字；增长、下降类指标填当年增速或降幅（%），如 6.5。"),
        error_messages={"required": _("请填写监测值。"), "invalid": _("监测值只填数字，如 6.5。")},
    )
    # Shown only when the figure is questioned (see `questioned`), beside it: the person says it is right.
    confirmed = forms.BooleanField(label=_("数值无误，确认保存"), required=False, widget=forms.HiddenInput)

    source = _text("source", _("来源"), help_text=_("如统计公报、统计年鉴或部门统计报表。"))
    note = _text("note", _("备注"), widget=forms.Textarea(attrs={"rows": 3}))
    annual_target = _text(
        "annual_target", _("年度目标"), help_text=_("当年政府工作报告等确定的目标，如“7左右”。")
    )
    vintage = forms.ChoiceField(
        label=_("数据类型"),
        choices=_vintages,
        required=False,
        help_text=_("统计公报的初步核算数、快报数为初步数；经最终核实或统计年鉴公布的为最终数。"),
    )
    published_on = forms.DateField(
        label=_("发布日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("该数据公布的日期；按日期查看评估时，只计当日已公布的数据。"),
        error_messages={"invalid": _("请填写日期，如 2024-02-28。")},
    )

    FIELDS = ("value", "source", "note", "annual_target", "vintage", "published_on")

    @classmethod
    def standing(cls, current: Observation) -> ObservationForm:
        """The form filled with the figure in force, to be revised."""
        return cls(initial={name: getattr(current, name) for name in cls.FIELDS})

    def figure(self) -> dict:
        """The cleaned figure, as it is stored."""
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def questioned(self, doubt: Question | None) -> bool:
        """Whether the figure stays unsaved for a doubt about it, said beside it: one no confirmation makes
        right, or one not confirmed yet (the box to confirm it is then shown)."""
        if doubt is None or (self.cleaned_data["confirmed"] and not doubt.impossible):
            return False
        self.add_error("value", _("%(question)s。") % {"question": doubt.text})
        if not doubt.impossible:
            self.fields["confirmed"].widget = forms.CheckboxInput()
        return True

    def same_as(self, current: Observation | None) -> bool:
        """Whether the cleaned figure repeats the one in force, which would be a revision that changes nothing."""
        if current is None:
            return False
        return all(self.cleaned_data[name] == getattr(current, name) for name in self.FIELDS)


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


class ReturnForm(forms.Form):
    """Why the office returns a department's figure: the department reads it beside the figure."""

    reason = forms.CharField(
        label=_("退回理由"),
        max_length=Observation._meta.get_field("return_reason").max_length,
        widget=forms.TextInput(attrs={"size": 30}),
    )
