"""Forms of the plan office pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.evaluate.settings import Settings
from planwatch.ingest.table_roles import VALUE_ROLES
from planwatch.plan.vocabulary import status_label
from planwatch.server.translations import page_lang

_FLOATS = ("ahead", "on_track", "lagging", "bound_tolerance", "same_pace_tolerance", "reach_factor")
_LISTS = ("geometric_units", "lower_is_better")


class UploadForm(forms.Form):
    document = forms.FileField(label=_("规划纲要文件（.docx / .pdf / .html / .txt）"))


class IndicatorSheetForm(forms.Form):
    """The indicator table as a spreadsheet, for a plan whose own table cannot be read."""

    sheet = forms.FileField(
        label=_("指标表（.xlsx / .csv）"),
        help_text=_(
            "表头写明：指标、单位、基期值、目标值（可加：序号、属性、类别、基期年均增长、目标年均增长）。"
        ),
    )
    base_year = forms.IntegerField(label=_("基期年"), min_value=1949, max_value=2100, required=False)
    target_year = forms.IntegerField(label=_("目标年"), min_value=1949, max_value=2100, required=False)

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if not sheet.name.lower().endswith((".xlsx", ".xlsm", ".csv")):
            raise forms.ValidationError(_("请上传 .xlsx 或 .csv 文件。"))
        return sheet


class ColumnRolesForm(forms.Form):
    """The role of each column of one of the document's tables (指标, 单位, 基期值, 目标值…), as the office sees it."""

    table = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self, *args, width: int, labels: dict[str, str], roles: list[str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.width = width
        for k in range(width):
            self.fields[f"role_{k}"] = forms.ChoiceField(
                choices=list(labels.items()),
                initial=roles[k] if roles and k < len(roles) else "other",
                label=_("第%(n)s列") % {"n": k + 1},
                widget=forms.Select(attrs={"aria-label": _("第%(n)s列的含义") % {"n": k + 1}}),
            )

    @classmethod
    def width_posted(cls, data) -> int:
        """How many columns a posted form assigns: role_0, role_1, … up to the first one missing."""
        width = 0
        while f"role_{width}" in data:
            width += 1
        return width

    def role_fields(self) -> list:
        return [self[f"role_{k}"] for k in range(self.width)]

    def roles(self) -> list[str]:
        return [self.cleaned_data[f"role_{k}"] for k in range(self.width)]

    def clean(self) -> dict:
        data = super().clean()
        roles = [data.get(f"role_{k}") for k in range(self.width)]
        if None in roles:
            return data
        if "name" not in roles:
            raise forms.ValidationError(_("请至少指定一列为“指标”。"))
        if not any(r in VALUE_ROLES for r in roles):
            raise forms.ValidationError(_("请至少指定一列数值，如“基期值”或“目标值”。"))
        return data


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("更正为"), max_length=200, required=False)


class SettingsForm(forms.Form):
    """Every evaluation setting, with its documented meaning as the help text."""

    def __init__(self, *args, current: Settings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in _FLOATS:
            info = Settings.model_fields[name]
            self.fields[name] = forms.FloatField(
                label=name, initial=getattr(current, name), help_text=info.description, min_value=0
            )
        for name in _LISTS:
            info = Settings.model_fields[name]
            self.fields[name] = forms.CharField(
                label=name,
                initial="，".join(getattr(current, name)),
                help_text=info.description,
                required=False,
            )

    def settings(self) -> Settings:
        data = dict(self.cleaned_data)
        for name in _LISTS:
            data[name] = [w.strip() for w in data[name].replace("，", ",").split(",") if w.strip()]
        return Settings.model_validate(data)

    def clean(self) -> dict:
        data = super().clean()
        ordered = ("ahead", "on_track", "lagging")
        if set(ordered) <= data.keys() and not data["ahead"] >= data["on_track"] >= data["lagging"]:
            labels = {status: status_label(status, page_lang()) for status in ordered}
            raise forms.ValidationError(
                _("%(ahead)s ≥ %(on_track)s ≥ %(lagging)s 的阈值须依次递减 (ahead ≥ on_track ≥ lagging)")
                % labels
            )
        return data
