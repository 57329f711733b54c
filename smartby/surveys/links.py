"""Personal answer links of a survey round: `/undersoegelser/svar/<token>/`.

A token is `<invitation id>.<43 random URL-safe characters>` (`secrets.token_urlsafe(32)`, 256
bits). Only its SHA-256 hash is stored (`Invitation.token_hash`); the token itself exists only
in the email. The id lets a link that was replaced by a newer one (a reminder or a handover
sends a fresh link) be told apart from a tampered one: both fail the hash comparison, but only
an invitation whose link was replaced answers "replaced" (410) instead of "not found" (404).

The errors carry the HTTP status the answer pages use:
404 unknown or tampered, 410 expired / replaced / round closed, 403 round not open yet,
409 already submitted, 400 invalid values (a `ValidationFailed`, not a LinkError).
"""

import hmac
import re
import secrets

from django.utils.translation import gettext as _

from smartby.lib.tokens import hash_token

TOKEN_RE = re.compile(r"^([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$")
MAX_TOKEN_LENGTH = 60


class LinkError(Exception):
    """An answer link that cannot be used now; `status` is the HTTP status to answer with."""

    status = 400

    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.title = title
        self.message = message


class LinkNotFound(LinkError):
    status = 404


class LinkGone(LinkError):
    """Expired, replaced by a newer link, or the round has closed."""

    status = 410


class RoundNotOpen(LinkError):
    status = 403


class AlreadySubmitted(LinkError):
    status = 409


def new_token(invitation_id: int) -> str:
    return f"{invitation_id}.{secrets.token_urlsafe(32)}"


def parse_token(token: str) -> int:
    """The invitation id in a well-formed token, or LinkNotFound."""
    match = TOKEN_RE.match(token or "") if len(token or "") <= MAX_TOKEN_LENGTH else None
    if not match:
        raise not_found()
    return int(match.group(1))


def matches(token: str, token_hash: str) -> bool:
    """Constant-time comparison of a token with a stored hash (an empty hash never matches)."""
    return bool(token_hash) and hmac.compare_digest(hash_token(token), token_hash)


def not_found() -> LinkNotFound:
    return LinkNotFound(
        _("Linket virker ikke"),
        _(
            "Linket er ugyldigt. Kontrollér, at du har kopieret hele linket fra mailen. "
            "Har du mistet linket, så kontakt koordinatoren af undersøgelsen, som kan sende "
            "et nyt."
        ),
    )


def replaced() -> LinkGone:
    return LinkGone(
        _("Linket er erstattet af et nyere"),
        _(
            "Der er sendt et nyt link til besvarelsen – i en påmindelse, eller fordi "
            "besvarelsen er givet videre til en kollega. Brug linket i den seneste mail. "
            "Kommunens svar er ikke gået tabt."
        ),
    )


def expired() -> LinkGone:
    return LinkGone(
        _("Linket er udløbet"),
        _(
            "Linket virkede, indtil undersøgelsen lukkede. Kontakt koordinatoren, hvis du har "
            "spørgsmål til kommunens besvarelse."
        ),
    )
