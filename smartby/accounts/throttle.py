"""Login brute-force protection, shared by all app server processes through the database.

Every failed login is stored twice: under the account (a keyed hash of the typed e-mail,
whether or not such an account exists) and under the client IP (also hashed). When the last
LOGIN_FAILURE_LIMIT (per account) or LOGIN_FAILURE_LIMIT_IP (per client) failures of a key all
fall within LOGIN_FAILURE_WINDOW seconds, further attempts with that key are refused, without
checking the password, until LOGIN_LOCKOUT_SECONDS after the last failure. Refused attempts are
not counted, so a lock ends on time. A successful login clears the account's failures.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from smartby.accounts.models import LoginFailure
from smartby.audit.operations import record

SALT = "smartby.accounts.throttle"


def account_key(email: str) -> str:
    return "account:" + salted_hmac(SALT, email.strip().lower(), algorithm="sha256").hexdigest()


def client_key(request: HttpRequest | None) -> str:
    ip = (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"
    return "ip:" + salted_hmac(SALT, ip, algorithm="sha256").hexdigest()


def _limits(email: str, request: HttpRequest | None) -> list[tuple[str, int]]:
    """(key, limit) pairs that apply to this attempt; a limit of 0 is off."""
    pairs = [
        (account_key(email), settings.LOGIN_FAILURE_LIMIT),
        (client_key(request), settings.LOGIN_FAILURE_LIMIT_IP),
    ]
    return [(key, limit) for key, limit in pairs if limit > 0]


def _locked_until(key: str, limit: int):
    """When the lock on `key` ends, or None when it is not locked."""
    last = list(
        LoginFailure.objects.filter(key=key).order_by("-at").values_list("at", flat=True)[:limit]
    )
    if len(last) < limit:
        return None
    if last[0] - last[-1] > timedelta(seconds=settings.LOGIN_FAILURE_WINDOW):
        return None
    until = last[0] + timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    return until if until > timezone.now() else None


def wait_seconds(email: str, request: HttpRequest | None) -> int:
    """Seconds until a login with `email` from this client may be tried again (0: now)."""
    now = timezone.now()
    ends = [u for key, limit in _limits(email, request) if (u := _locked_until(key, limit))]
    if not ends:
        return 0
    return max(1, math.ceil((max(ends) - now).total_seconds()))


def failed(email: str, request: HttpRequest | None) -> None:
    """Count a failed login; audit the moment a key becomes locked."""
    keep = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + settings.LOGIN_LOCKOUT_SECONDS)
    with transaction.atomic():
        LoginFailure.objects.filter(at__lt=timezone.now() - keep).delete()
        for key, limit in _limits(email, request):
            failure = LoginFailure.objects.create(key=key)
            if _locked_until(key, limit):
                scope = key.split(":", 1)[0]
                record(
                    actor=None,
                    action="login.locked",
                    obj=failure,
                    changes={
                        "scope": scope,
                        "failures": limit,
                        "window_seconds": settings.LOGIN_FAILURE_WINDOW,
                        "lockout_seconds": settings.LOGIN_LOCKOUT_SECONDS,
                    },
                )


def succeeded(email: str) -> None:
    LoginFailure.objects.filter(key=account_key(email)).delete()
