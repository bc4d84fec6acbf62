"""Who may import figures: the office for any indicator, a department's member for those it leads (checked per
row); entering one figure follows accounts.access.may_change."""

from __future__ import annotations

from planwatch.server.accounts.access import is_office


def may_import(user) -> bool:
    return is_office(user) or (user.is_authenticated and user.departments.exists())
