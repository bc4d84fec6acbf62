"""Django admin for tasks, their progress reports and the plans' commitments."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from planwatch.server.accounts.admin_site import CodeInWords
from planwatch.server.tasks.models import Commitment, Task, TaskUpdate

# What a commitment's figure does, as the plan's sentence says it (the stored codes are the reading's).
DIRECTIONS = {"reach": _("达到"), "increase": _("提高"), "decrease": _("下降"), "multiply": _("翻番")}


def direction_text(code: str) -> str:
    return str(DIRECTIONS.get(code, code))


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "chapter", "lead", "due_date", "status")
    list_filter = ("plan", "status", "lead")
    search_fields = ("title", "text")
    filter_horizontal = ("supporting",)


@admin.register(TaskUpdate)
class TaskUpdateAdmin(admin.ModelAdmin):
    """Progress reports, to look at: a department's report stays as it was sent."""

    list_display = ("task", "status_after", "by", "at")
    list_filter = ("status_after", "task__plan")
    search_fields = ("text", "task__title")
    readonly_fields = ("task", "text", "status_after", "evidence", "by", "at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DirectionFilter(CodeInWords):
    title = _("方向")
    parameter_name = field = "direction"
    words = staticmethod(direction_text)


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("subject", "plan", "value", "unit", "comparator", "deadline", "indicator")
    list_filter = ("plan", DirectionFilter)
    search_fields = ("subject", "phrase", "sentence")
    raw_id_fields = ("indicator",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "direction":
            return forms.ChoiceField(choices=list(DIRECTIONS.items()), label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
