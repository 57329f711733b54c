"""Signed links in reminder emails (django.core.signing, one salt per action).

An action link carries the id of one `Reminder` row and a timestamp; it expires after
REMINDER_LINK_MAX_AGE_DAYS and works for its own action only. Whether it was used already is
recorded on the row (reminders/operations.py). An unsubscribe link carries the hash of the
address and does not expire.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

VERIFY = "stadig-korrekt"
UPDATE = "opdater"
COMPLETE = "afsluttet"
ACTIONS = (VERIFY, UPDATE, COMPLETE)

SALT = "smartby.reminders.link"
UNSUBSCRIBE_SALT = "smartby.reminders.unsubscribe"
MAX_TOKEN_LENGTH = 300
HASH_RE = re.compile(r"^[0-9a-f]{64}$")


class LinkError(Exception):
    """A link that cannot be used; `status` is the HTTP status to answer with."""

    status = 400
    title = ""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LinkInvalid(LinkError):
    status = 400


class LinkExpired(LinkError):
    status = 410


class LinkUsed(LinkError):
    status = 410


class LinkGone(LinkError):
    status = 410


def max_age() -> timedelta:
    return timedelta(days=settings.REMINDER_LINK_MAX_AGE_DAYS)


def make_token(reminder_id: int, action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(action)
    return signing.dumps(reminder_id, salt=f"{SALT}.{action}")


def _invalid() -> LinkInvalid:
    return LinkInvalid(
        _(
            "Linket er ugyldigt. Kontrollér, at du har kopieret hele linket fra mailen – "
            "eller log ind og opdatér projektet direkte."
        )
    )


def read_token(token: str, action: str) -> int:
    """The reminder id in `token`, or LinkInvalid (tampered) / LinkExpired."""
    if action not in ACTIONS or not token or len(token) > MAX_TOKEN_LENGTH:
        raise _invalid()
    try:
        value = signing.loads(token, salt=f"{SALT}.{action}", max_age=max_age())
    except signing.SignatureExpired as exc:
        raise LinkExpired(
            _(
                "Linket er udløbet (det virker i %(days)s dage). Log ind og bekræft eller "
                "opdatér projektet direkte – eller vent på næste påmindelse."
            )
            % {"days": settings.REMINDER_LINK_MAX_AGE_DAYS}
        ) from exc
    except signing.BadSignature as exc:
        raise _invalid() from exc
    if not isinstance(value, int) or isinstance(value, bool):
        raise _invalid()
    return value


def make_unsubscribe_token(email_hash: str) -> str:
    return signing.dumps(email_hash, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> str:
    """The address hash in an unsubscribe token, or LinkInvalid."""
    error = LinkInvalid(
        _(
            "Afmeldingslinket er ugyldigt. Kontrollér, at du har kopieret hele linket fra mailen. "
            "Du kan også skrive til os, så afmelder vi dig."
        )
    )
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise error
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise error from exc
    if not isinstance(value, str) or not HASH_RE.match(value):
        raise error
    return value
