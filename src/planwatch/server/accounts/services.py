"""The audit trail every app writes to: one entry per change, with who made it and what it was before."""

from __future__ import annotations

from planwatch.server.accounts.models import AuditEntry


def acting(user):
    """The user to record as having acted: None for an anonymous visitor or a script without one."""
    return user if user is not None and user.is_authenticated else None


def audit(user, action: str, obj, summary: str, before=None, after=None) -> None:
    AuditEntry.objects.create(
        user=acting(user),
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        summary=summary[:500],
        before=before,
        after=after,
    )
