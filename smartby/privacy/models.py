"""A "Mine data" link: the e-mail round trip that proves a visitor holds an address.

Only a SHA-256 hash of the token is stored (the link is in the e-mail only). The address is kept
while the link works; expired rows are deleted by the retention rules (privacy/retention.py).
A deletion through the link marks it used, so it cannot be used again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLink(models.Model):
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("link til mine data")
        verbose_name_plural = _("links til mine data")

    def __str__(self) -> str:
        # No address: the string ends up in the audit log.
        return f"Mine data-link #{self.pk}"
