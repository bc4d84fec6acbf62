"""Tokens in the Django admin: made on the add page, whose confirmation shows the key once."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _

from planwatch.server.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created", "last_used")
    list_filter = ("user",)
    search_fields = ("name", "user__username")
    fields = ("user", "name", "created", "last_used")

    def get_readonly_fields(self, request, obj=None):
        # A token belongs to one user for good; a new user needs a new token.
        return ("created", "last_used") if obj is None else ("user", "created", "last_used")

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            token = obj.new_key()
            messages.warning(request, _("新令牌（只显示这一次，请立即复制）：%(token)s") % {"token": token})
        super().save_model(request, obj, form, change)
