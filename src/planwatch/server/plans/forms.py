"""Forms of the plan office pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from planwatch.evaluate.settings import Settings
from planwatch.ingest.limits import MB, Limits
from planwatch.ingest.table_roles import VALUE_ROLES
from planwatch.plan.vocabulary import STATUSES, status_label
from planwatch.server.translations import page_lang

_FLOATS = ("ahead", "on_track", "lagging", "bound_tolerance", "same_pace_tolerance", "reach_factor")
_SWITCHES = ("hold_on_average", "published_precision")
_LISTS = ("geometric_units", "lower_is_better")
# Each setting as an office reads it: a label and what it changes, %(status)s standing for a status's words.
_WORDS = {
    "ahead": (
        _("“%(ahead)s”的进度比（实际进度至少是序时进度的几倍）"),
        _("实际进度达到序时进度的这一倍数及以上，判为“%(ahead)s”。如1.1即超出序时进度10%%，1即与序时进度持平。"),
    ),
    "on_track": (
        _("“%(on_track)s”的进度比（实际进度至少是序时进度的几倍）"),
        _("达到这一倍数及以上、但低于上一项的，判为“%(on_track)s”。如0.9即达到序时进度的九成。"),
    ),
    "lagging": (
        _("“%(lagging)s”的进度比（实际进度至少是序时进度的几倍）"),
        _("达到这一倍数及以上、但低于上一项的，判为“%(lagging)s”；低于这一倍数的，判为“%(severely_lagging)s”。"),
    ),
    "bound_tolerance": (
        _("上下限容差"),
        _("须保持的上限或下限，偏离不超过限值的此比例（0.05即5%%）判为“%(lagging)s”，超过判为“%(severely_lagging)s”；"
          "各年数值的平均与年度目标相差在此比例以内，仍判为“%(on_track)s”。"),
    ),
    "hold_on_average": (
        _("须保持的上限/下限按已过年份平均判断"),
        _("勾选：上限或下限（如失业率5.5%%以内）按已过各年的平均值判断，平均值守住限值且没有一年偏离超过上下限容差的，"
          "判为“%(on_track)s”，并写明超出限值的年份；不勾选：每一年都须守住限值。"),
    ),
    "published_precision": (
        _("按公布数据的精度判断"),
        _("勾选：实际值与序时进度值相差不超过规划基期值、目标值末位小数的半个单位的，判为“%(on_track)s”"
          "（如目标3.2、序时进度值3.12，实际3.1）；不勾选：按数值严格比较。"),
    ),
    "same_pace_tolerance": (
        _("“基本同步”容差（百分点）"),
        _("两项增速相差不超过此数视为基本同步；增速各年平均低于年度目标平均不超过此数，仍判为“%(on_track)s”。"),
    ),
    "reach_factor": (
        _("约束性指标预警倍数"),
        _("约束性指标今后每年需要完成的进度超过规划年均进度的此倍数时，触发预警。"),
    ),
    "geometric_units": (
        _("按年均增长率推算序时进度的单位"),
        _("以这些单位计量的总量目标（如金额）按年均增长率推算序时进度；多个单位用逗号分隔。"),
    ),
    "lower_is_better": (
        _("数值越低越好的指标用词"),
        _("指标名称含有这些词（如失业率、能耗）的，数值越低越好；多个用词用逗号分隔。"),
    ),
}  # fmt: skip


class _Documents(forms.FileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """One plan document or several chosen at once; cleaned, always a list."""

    widget = _Documents

    def clean(self, data, initial=None):
        chosen = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if not chosen:
            return [super().clean(None, initial)]
        cleaned = []
        for document in chosen:
            cleaned.append(super().clean(document, initial))
        return cleaned


class UploadForm(forms.Form):
    document = DocumentsField(label=_("规划纲要文件（.docx / .pdf / .html / .txt）"))

    def clean_document(self):
        """One document too big is refused here; of several, each is read in turn and one too big says so in its
        row, while the number of documents and their size together have their own ceilings."""
        documents = self.cleaned_data["document"]
        if len(documents) == 1:
            document, most = documents[0], Limits.from_environment().document_mb
            if document.size > most * MB:
                raise forms.ValidationError(
                    _("文件 %(name)s 超过 %(mb)s MB 的上限，未导入。") % {"name": document.name, "mb": most}
                )
        elif len(documents) > settings.PLAN_UPLOAD_MAX_FILES:
            raise forms.ValidationError(
                _("一次最多上传 %(most)s 份文件，这次选择了 %(n)s 份，请分批上传。")
                % {"most": settings.PLAN_UPLOAD_MAX_FILES, "n": len(documents)}
            )
        elif sum(d.size for d in documents) > settings.PLAN_UPLOAD_MAX_MB * MB:
            raise forms.ValidationError(
                _("这次选择的文件合计超过 %(mb)s MB 的上限，请分批上传。")
                % {"mb": settings.PLAN_UPLOAD_MAX_MB}
            )
        return documents


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
    """Every evaluation setting, labelled and explained in the words of the statuses it moves."""

    def __init__(self, *args, current: Settings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        statuses = {status: status_label(status, page_lang()) for status in STATUSES}

        def words(name: str) -> dict[str, str]:
            label, help_text = _WORDS[name]
            return {"label": str(label) % statuses, "help_text": str(help_text) % statuses}

        for name in _FLOATS:
            self.fields[name] = forms.FloatField(initial=getattr(current, name), min_value=0, **words(name))
        for name in _SWITCHES:
            self.fields[name] = forms.BooleanField(
                initial=getattr(current, name), required=False, **words(name)
            )
        for name in _LISTS:
            # Wide enough for a dozen words, so that none is cut off.
            self.fields[name] = forms.CharField(
                initial="，".join(getattr(current, name)),
                required=False,
                widget=forms.TextInput(attrs={"size": 80}),
                **words(name),
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
                _("三个进度比须从上到下依次递减：“%(ahead)s”≥“%(on_track)s”≥“%(lagging)s”。") % labels
            )
        return data
