"""Two-factor authentication (TOTP) use cases.

A user's second factor is one confirmed django-otp `TOTPDevice` (an authenticator app) plus a
`RecoveryDevice` holding ten single-use recovery codes, stored as keyed SHA-256 hashes. Setting
up creates an unconfirmed device (its QR code and secret are shown), and a correct code from the
app confirms it. Changing or removing the second factor needs the password or a current code.
Wrong codes count as failed logins (`accounts/throttle.py`). Audit entries name the action and
the user, never a secret or a code.
"""

import secrets
from base64 import b32encode
from io import BytesIO
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartby.accounts import throttle
from smartby.accounts.models import RecoveryDevice, User
from smartby.audit.operations import record

RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_CODE_LENGTH = 12  # 12 of 31 symbols: about 59 bits
TOTP_DEVICE_NAME = "app"
SALT = "smartby.accounts.twofactor"
MAX_CODE_LENGTH = 40


def required(user: Any) -> bool:
    """Whether `user` must use a second factor to use their rights (coordinators, superusers)."""
    return bool(
        settings.REQUIRE_2FA_FOR_COORDINATORS
        and getattr(user, "is_authenticated", False)
        and user.needs_second_factor
    )


def app_device(user: User, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def is_enabled(user: User) -> bool:
    """Whether the user has set up two-factor authentication (logins then ask for a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remaining_recovery_codes(user: User) -> int:
    device = RecoveryDevice.objects.filter(user=user).first()
    return device.codes.count() if device else 0


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()[:MAX_CODE_LENGTH]


def hash_recovery_code(code: str) -> str:
    return salted_hmac(SALT, normalise_code(code), algorithm="sha256").hexdigest()


def _new_recovery_code() -> str:
    code = "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4))


def _require_active(actor: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        raise PermissionDenied(_("Du skal være logget ind."))


# Setting up


def start_setup(actor: User) -> TOTPDevice:
    """The unconfirmed app device to show as QR code and secret (the same one until confirmed,
    so reloading the page does not invalidate a code the user already scanned)."""
    _require_active(actor)
    device = app_device(actor, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, as authenticator apps take it for manual entry."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> bytes:
    out = BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=5, border=4, xmldecl=False, title=_("QR-kode til godkendelsesapp")
    )
    return out.getvalue()


def enable(actor: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the unconfirmed app device with a code from the app. Replaces any earlier app
    and recovery codes; returns the device and the new recovery codes (shown once)."""
    _require_active(actor)
    device = app_device(actor, confirmed=False)
    if device is None:
        raise ValidationError({"code": _("Opsætningen er udløbet. Scan den nye QR-kode.")})
    code = normalise_code(code)
    if not code:
        raise ValidationError({"code": _("Skriv koden fra appen.")})
    if verify_token(actor, device.persistent_id, code) is None:
        raise ValidationError(
            {"code": _("Koden passer ikke. Skriv den kode, appen viser lige nu.")}
        )
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=actor, confirmed=True).delete()[0] > 0
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(actor)
        record(
            actor=actor,
            action="twofactor.replace" if replaced else "twofactor.enable",
            obj=actor,
            changes={"two_factor": {"old": replaced, "new": True}},
        )
    return device, codes


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryDevice.objects.filter(user=user).delete()
    device = RecoveryDevice.objects.create(user=user, name="recovery")
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    device.codes.bulk_create(
        [device.codes.model(device=device, code_hash=hash_recovery_code(c)) for c in codes]
    )
    return codes


# Proving it is you: password or a current code


def lock_message(wait: int) -> str:
    minutes = max(1, -(-wait // 60))
    return ngettext(
        "For mange mislykkede forsøg på at logge ind. Prøv igen om %(minutes)d "
        "minut, eller vælg en ny adgangskode med “Glemt adgangskode”.",
        "For mange mislykkede forsøg på at logge ind. Prøv igen om %(minutes)d "
        "minutter, eller vælg en ny adgangskode med “Glemt adgangskode”.",
        minutes,
    ) % {"minutes": minutes}


def check_proof(actor: User, proof: str, request: HttpRequest | None) -> None:
    """The actor's password or a current code from their app, else `ValidationError` on
    `proof`. Failures count as failed logins, and a locked account is refused."""
    _require_active(actor)
    wait = throttle.wait_seconds(actor.email, request)
    if wait:
        raise ValidationError({"proof": lock_message(wait)})
    ok = bool(proof) and check_password(proof, actor.password)
    if not ok and (device := app_device(actor)) is not None:
        ok = verify_token(actor, device.persistent_id, normalise_code(proof)) is not None
    if not ok:
        throttle.failed(actor.email, request)
        raise ValidationError({"proof": _("Adgangskoden eller koden passer ikke. Prøv igen.")})


def regenerate_recovery_codes(actor: User, proof: str, request: HttpRequest | None) -> list[str]:
    check_proof(actor, proof, request)
    if not is_enabled(actor):
        raise ValidationError({"proof": _("Totrinsbekræftelse er ikke slået til.")})
    with transaction.atomic():
        codes = _replace_recovery_codes(actor)
        record(actor=actor, action="twofactor.recovery_codes", obj=actor)
    return codes


def disable(actor: User, proof: str, request: HttpRequest | None) -> None:
    check_proof(actor, proof, request)
    with transaction.atomic():
        _remove_devices(actor)
        record(
            actor=actor,
            action="twofactor.disable",
            obj=actor,
            changes={"two_factor": {"old": True, "new": False}},
        )


def _remove_devices(user: User) -> bool:
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += RecoveryDevice.objects.filter(user=user).delete()[0]
    return removed > 0


def can_reset(actor: Any) -> bool:
    """Superusers (with a verified session: `is_coordinator` is false until then)."""
    return bool(
        getattr(actor, "is_authenticated", False) and actor.is_superuser and actor.is_coordinator
    )


def reset(actor: User, target: User) -> None:
    """A superuser removes another user's second factor (lost phone and recovery codes); the
    user sets it up again at the next login. Audited."""
    if not can_reset(actor):
        raise PermissionDenied(_("Kun en superbruger kan nulstille totrinsbekræftelse."))
    if target.pk == actor.pk:
        raise ValidationError(
            {"two_factor": _("Din egen totrinsbekræftelse ændrer du under Din konto.")}
        )
    _reset(actor, target, source="web")


def reset_by_operator(target: User) -> None:
    """`smartby reset-twofactor EMAIL`: for the last superuser, who has no one to ask."""
    _reset(None, target, source="cli")


def _reset(actor: User | None, target: User, *, source: str) -> None:
    with transaction.atomic():
        if not _remove_devices(target):
            raise ValidationError(
                {"two_factor": _("Brugeren har ikke slået totrinsbekræftelse til.")}
            )
        record(
            actor=actor,
            action="twofactor.reset",
            obj=target,
            changes={"two_factor": {"old": True, "new": False}},
            source=source,
        )


# Logging in


def verify_login_code(user: User, code: str) -> Device | None:
    """The device that accepts `code` (six digits: the app; else a recovery code, which is used
    up), or None. A used recovery code is audited with the number left."""
    code = normalise_code(code)
    if not code:
        return None
    if code.isdigit():
        device = app_device(user)
        if device is None:
            return None
        return verify_token(user, device.persistent_id, code)
    recovery = RecoveryDevice.objects.filter(user=user).first()
    if recovery is None:
        return None
    with transaction.atomic():
        verified = verify_token(user, recovery.persistent_id, code)
        if verified is not None:
            record(
                actor=user,
                action="twofactor.recovery_code_used",
                obj=user,
                changes={"recovery_codes_left": recovery.codes.count()},
            )
    return verified
