"""Forms of the plan office pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from planwatch.evaluate.settings import Settings

_FLOATS = ("ahead", "on_track", "lagging", "bound_tolerance", "same_pace_tolerance", "reach_factor")
_LISTS = ("geometric_units", "lower_is_better")


class UploadForm(forms.Form):
    document = forms.FileField(label=_("规划纲要文件（.docx / .pdf / .html / .txt）"))


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
        if {"ahead", "on_track", "lagging"} <= data.keys() and not data["ahead"] >= data["on_track"] >= data[
            "lagging"
        ]:
            raise forms.ValidationError(
                _("快于预期 ≥ 基本符合预期 ≥ 滞后 的阈值须依次递减 (ahead ≥ on_track ≥ lagging)")
            )
        return data
