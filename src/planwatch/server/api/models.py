"""API tokens: a script or another system acting for a user, without that user's password."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A token seen again within this time is not written back: reads need not each cost a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(token: str) -> str:
    """The SHA-256 kept in place of the token; a random 256-bit token needs no salt or slow hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token of one user. Only its digest is stored, so it is shown once, when made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("令牌的用途，如 统计局数据报送"))
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = pgettext_lazy("plural", "API 令牌")
        ordering = ["user", "-created"]

    def __str__(self) -> str:
        return f"{self.user} / {self.name}"

    def new_key(self) -> str:
        """Give the token a fresh key and return it: the only time the key can be read."""
        token = "pw_" + secrets.token_urlsafe(32)
        self.key_hash = digest(token)
        return token

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """Make and store a token for `user`; return it with its key."""
        api_token = cls(user=user, name=name)
        token = api_token.new_key()
        api_token.save()
        return api_token, token

    @classmethod
    def find(cls, token: str) -> ApiToken | None:
        """The token whose key this is, if it is known and its user active."""
        found = cls.objects.select_related("user").filter(key_hash=digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        return found

    def touch(self) -> None:
        """Note that the token was used, at most once a minute."""
        now = timezone.now()
        if self.last_used is None or now - self.last_used >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=self.pk).update(last_used=now)
            self.last_used = now
