"""Django admin for tasks, their progress reports and the plans' commitments."""

from django.contrib import admin

from planwatch.server.tasks.models import Commitment, Task, TaskUpdate


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


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("subject", "plan", "value", "unit", "comparator", "deadline", "indicator")
    list_filter = ("plan", "direction")
    search_fields = ("subject", "phrase", "sentence")
    raw_id_fields = ("indicator",)
