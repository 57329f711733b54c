"""API tokens: create, list and revoke. Audited; the token itself is never stored or logged."""

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.api.models import ApiToken, TokenScope
from smartby.audit.operations import record as audit
from smartby.lib.tokens import hash_token

TOKEN_PREFIX = "sb_"  # noqa: S105 - a public prefix, not a secret
MAX_ACTIVE_TOKENS = 20


def create_token(actor: Any, *, name: str, scope: str) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret, which is shown to the user once."""
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied(_("Log ind for at oprette API-nøgler."))
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Giv nøglen et navn, så du kan kende den igen.")
    elif len(name) > 100:
        errors["name"] = _("Navnet må højst være 100 tegn.")
    if scope not in TokenScope.values:
        errors["scope"] = _("Vælg læse- eller skriveadgang.")
    if actor.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        errors["name"] = _("Du har allerede %(n)d aktive nøgler. Tilbagekald en først.") % {
            "n": MAX_ACTIVE_TOKENS
        }
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, scope=scope, prefix=secret[:10], token_hash=hash_token(secret)
        )
        audit(
            actor=actor,
            action="token.create",
            obj=token,
            changes={"scope": {"old": None, "new": scope}},
        )
    return token, secret


def revoke_token(actor: Any, token: ApiToken) -> None:
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Du kan kun tilbagekalde dine egne nøgler."))
    if token.revoked_at:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(actor=actor, action="token.revoke", obj=token)


def authenticate_token(secret: str) -> ApiToken | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
