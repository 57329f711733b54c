"""Two-factor authentication (accounts/twofactor.py, twofactor_views.py, middleware.py): setup,
the login's code step with real TOTP codes, recovery codes, the throttle, and the coordinators'
requirement on a coordinator page, a coordinator write and the user administration."""

import logging
import re
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartby.accounts import twofactor
from smartby.accounts.models import LoginFailure, RecoveryCode, Role, User
from smartby.api.models import ApiToken
from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD, verified_client
from smartby.registry.models import Area

LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login_code")
SETUP = reverse("accounts:twofactor")


@pytest.fixture(autouse=True)
def _no_device_backoff(settings):
    """django-otp's own per-device back-off (1 s after a wrong code, doubling) is on in
    production; here the account throttle (LOGIN_FAILURE_LIMIT) is what is tested."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_RECOVERY_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` × 30 s from now)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def enable(user: User) -> tuple[TOTPDevice, list[str]]:
    """Set up two-factor authentication through the operations, as the setup page does. The
    code of the current time step is used up; logins use the next one (`steps_ahead=1`)."""
    device = twofactor.start_setup(user)
    return twofactor.enable(user, code_for(device))


def password_step(client: Client, user: User, next_url: str = ""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# Setup


def test_setup_shows_qr_and_secret_and_a_code_confirms(client_a, editor_a):
    page = client_a.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor_a, confirmed=False)
    assert twofactor.secret_text(device) in page.content.decode()
    qr = client_a.get(reverse("accounts:twofactor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<svg")
    # reloading keeps the same secret (the app may already have scanned it)
    client_a.get(SETUP)
    assert TOTPDevice.objects.get(user=editor_a).pk == device.pk

    response = client_a.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 200
    codes = re.findall(
        r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>", response.content.decode()
    )
    assert len(set(codes)) == 10
    assert "no-store" in response["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    assert client_a.session["otp_device_id"] == device.persistent_id  # this session is verified
    # only hashes are stored
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10 and not stored & set(codes)
    entry = AuditEntry.objects.get(action="twofactor.enable")
    assert entry.actor == editor_a and entry.object_id == str(editor_a.pk)
    # the page now manages the second factor; the QR code is gone
    assert "Lav nye gendannelseskoder" in client_a.get(SETUP).content.decode()
    assert client_a.get(reverse("accounts:twofactor_qr")).status_code == 404


def test_setup_refuses_a_wrong_code(client_a, editor_a):
    client_a.get(SETUP)
    device = TOTPDevice.objects.get(user=editor_a)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client_a.post(SETUP, {"code": wrong})
    assert response.status_code == 400
    assert "Koden passer ikke" in response.content.decode()
    assert not twofactor.is_enabled(editor_a)
    assert not RecoveryCode.objects.exists()


def test_setup_needs_login(client):
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


# Login with a code


def test_login_asks_for_a_code_before_the_session_is_authenticated(client, editor_a):
    device, _codes = enable(editor_a)
    response = password_step(client, editor_a, next_url="/konto/")
    assert response.status_code == 302 and response["Location"] == LOGIN_CODE
    assert not logged_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 302  # still anonymous

    page = client.get(LOGIN_CODE)
    assert page.status_code == 200
    response = client.post(LOGIN_CODE, {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 302 and response["Location"] == "/konto/"
    assert logged_in(client)
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_code_step_without_password_step_goes_back_to_login(client, editor_a):
    enable(editor_a)
    response = client.post(LOGIN_CODE, {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not logged_in(client)


def test_wrong_code_is_refused_and_counted_as_a_failed_login(client, editor_a):
    device, _codes = enable(editor_a)
    password_step(client, editor_a)
    wrong = f"{(int(code_for(device, 1)) + 500_000) % 1_000_000:06d}"
    response = client.post(LOGIN_CODE, {"code": wrong})
    assert response.status_code == 400
    assert "Koden passer ikke" in response.content.decode()
    assert not logged_in(client)
    assert LoginFailure.objects.filter(key__startswith="account:").count() == 1


def test_a_used_code_cannot_be_replayed(client, editor_a):
    device, _codes = enable(editor_a)
    code = code_for(device, steps_ahead=1)
    password_step(client, editor_a)
    assert client.post(LOGIN_CODE, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))

    other = Client()
    password_step(other, editor_a)
    response = other.post(LOGIN_CODE, {"code": code})
    assert response.status_code == 400
    assert not logged_in(other)


def test_lock_after_too_many_wrong_codes_even_for_the_right_code(client, editor_a, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    device, _codes = enable(editor_a)
    wrong = f"{(int(code_for(device, 1)) + 500_000) % 1_000_000:06d}"
    for _ in range(3):
        password_step(client, editor_a)  # a right password does not clear the failures
        client.post(LOGIN_CODE, {"code": wrong})
    response = client.post(LOGIN_CODE, {"code": code_for(device, steps_ahead=1)})
    assert response.status_code == 400
    assert "For mange mislykkede forsøg" in response.content.decode()
    assert not logged_in(client)
    # the password step is locked too
    response = password_step(client, editor_a)
    assert (
        response.status_code == 200 and "For mange mislykkede forsøg" in response.content.decode()
    )
    assert AuditEntry.objects.filter(action="login.locked").exists()


def test_recovery_code_logs_in_once(client, editor_a):
    _device, codes = enable(editor_a)
    password_step(client, editor_a)
    response = client.post(LOGIN_CODE, {"code": codes[0].upper().replace("-", " ")})
    assert response.status_code == 302
    assert logged_in(client)
    entry = AuditEntry.objects.get(action="twofactor.recovery_code_used")
    assert entry.changes == {"recovery_codes_left": 9}
    assert twofactor.remaining_recovery_codes(editor_a) == 9

    other = Client()
    password_step(other, editor_a)
    assert other.post(LOGIN_CODE, {"code": codes[0]}).status_code == 400
    assert not logged_in(other)
    assert other.post(LOGIN_CODE, {"code": codes[1]}).status_code == 302


def test_no_codes_or_secrets_in_logs_or_audit(client, editor_a, caplog):
    caplog.set_level(logging.DEBUG)
    device, codes = enable(editor_a)
    password_step(client, editor_a)
    client.post(LOGIN_CODE, {"code": codes[0]})
    secrets = [device.key, twofactor.secret_text(device).replace(" ", ""), *codes]
    logged = caplog.text + " ".join(
        str(e.changes) + e.object_repr for e in AuditEntry.objects.all()
    )
    assert not [s for s in secrets if s.lower() in logged.lower()]


# Managing: new recovery codes, disable (password or current code)


def test_regenerate_recovery_codes_with_a_current_code(editor_a):
    device, old_codes = enable(editor_a)
    client = verified_client(editor_a)
    response = client.post(
        reverse("accounts:twofactor_regenerate_codes"), {"proof": code_for(device, 1)}
    )
    assert response.status_code == 200
    new_codes = re.findall(r"<code>([a-z0-9-]{14})</code>", response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert twofactor.verify_login_code(editor_a, old_codes[0]) is None
    assert twofactor.verify_login_code(editor_a, new_codes[0]) is not None
    assert AuditEntry.objects.filter(action="twofactor.recovery_codes").exists()


def test_disable_needs_the_password(editor_a):
    enable(editor_a)
    client = verified_client(editor_a)
    url = reverse("accounts:twofactor_disable")
    response = client.post(url, {"proof": "forkert-adgangskode"})
    assert response.status_code == 400
    assert "passer ikke" in response.content.decode()
    assert twofactor.is_enabled(editor_a)
    assert LoginFailure.objects.filter(key__startswith="account:").count() == 1

    response = client.post(url, {"proof": PASSWORD})
    assert response.status_code == 302 and response["Location"] == SETUP
    assert not twofactor.is_enabled(editor_a)
    assert not RecoveryCode.objects.exists()
    assert AuditEntry.objects.filter(action="twofactor.disable", actor=editor_a).exists()
    # logging in needs only the password again
    other = Client()
    assert password_step(other, editor_a)["Location"] == reverse("registry:home")
    assert logged_in(other)


# A superuser resets another user's second factor


def test_superuser_resets_a_users_second_factor(superuser, coordinator, require_2fa):
    enable(coordinator)
    url = reverse("accounts:user_twofactor_reset", args=[coordinator.pk])
    # a (verified) coordinator who is not a superuser may not
    refused = verified_client(coordinator).post(url)
    assert refused.status_code == 403
    assert twofactor.is_enabled(coordinator)

    client = verified_client(superuser)
    assert (
        "Nulstil totrinsbekræftelse"
        in client.get(reverse("accounts:user_detail", args=[coordinator.pk])).content.decode()
    )
    response = client.post(url)
    assert response.status_code == 302
    assert not twofactor.is_enabled(coordinator)
    entry = AuditEntry.objects.get(action="twofactor.reset")
    assert entry.actor == superuser and entry.object_id == str(coordinator.pk)


# The coordinators' requirement (REQUIRE_2FA_FOR_COORDINATORS; off for other tests)


@pytest.fixture
def unverified_coordinator(coordinator, client_coordinator, require_2fa) -> Client:
    """A coordinator without a second factor, logged in (possible: they must then set it up)."""
    return client_coordinator


def _is_setup_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(SETUP)


def test_coordinator_page_sends_an_unverified_coordinator_to_setup(unverified_coordinator):
    response = unverified_coordinator.get(reverse("accounts:user_list"))
    assert _is_setup_redirect(response)
    assert "next=%2Fkonto%2Fbrugere%2F" in response["Location"]
    page = unverified_coordinator.get(response["Location"])
    assert "Som koordinator skal du bruge totrinsbekræftelse" in page.content.decode()
    # a registry coordinator page too (taxonomies)
    response = unverified_coordinator.get(reverse("registry:taxonomy_list"))
    assert _is_setup_redirect(response)


def test_coordinator_write_is_refused_until_verified(unverified_coordinator, coordinator):
    url = reverse("registry:taxonomy_create", args=["omraader"])
    response = unverified_coordinator.post(url, {"name": "Havne"})
    assert _is_setup_redirect(response)
    assert not Area.objects.filter(name="Havne").exists()

    client = verified_client(coordinator)
    response = client.post(url, {"name": "Havne"})
    assert response.status_code == 302
    assert Area.objects.filter(name="Havne").exists()


def test_user_administration_write_is_refused_until_verified(
    unverified_coordinator, coordinator, editor_a
):
    url = reverse("accounts:user_role", args=[editor_a.pk])
    response = unverified_coordinator.post(url, {"role": Role.COORDINATOR})
    assert _is_setup_redirect(response)
    editor_a.refresh_from_db()
    assert editor_a.role == Role.EDITOR

    assert verified_client(coordinator).post(url, {"role": Role.COORDINATOR}).status_code == 302
    editor_a.refresh_from_db()
    assert editor_a.role == Role.COORDINATOR


def test_unverified_coordinator_cannot_create_an_api_key(unverified_coordinator, coordinator):
    response = unverified_coordinator.post(
        reverse("api_tokens:list"), {"name": "Script", "scope": "write"}
    )
    assert _is_setup_redirect(response)
    assert not ApiToken.objects.filter(user=coordinator).exists()


def test_unverified_superuser_is_sent_to_setup(client_superuser, require_2fa):
    assert _is_setup_redirect(client_superuser.get(reverse("accounts:user_list")))


def test_editors_are_not_affected(client_a, editor_a, require_2fa):
    assert client_a.get(reverse("accounts:profile")).status_code == 200
    response = client_a.post(reverse("accounts:profile"), {"name": "Anna A."})
    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert editor_a.name == "Anna A."


def test_coordinator_without_device_logs_in_and_is_sent_to_setup(client, coordinator, require_2fa):
    response = password_step(client, coordinator, next_url="/konto/brugere/")
    assert logged_in(client)
    assert _is_setup_redirect(response)
    assert "next=%2Fkonto%2Fbrugere%2F" in response["Location"]

    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    response = client.post(SETUP, {"code": code_for(device), "next": "/konto/brugere/"})
    assert response.status_code == 200
    assert 'href="/konto/brugere/"' in response.content.decode()
    assert page.status_code == 200
    assert client.get(reverse("accounts:user_list")).status_code == 200


def test_coordinator_with_device_logs_in_with_a_code(client, coordinator, require_2fa):
    device, _codes = enable(coordinator)
    password_step(client, coordinator)
    client.post(LOGIN_CODE, {"code": code_for(device, 1)})
    assert client.get(reverse("accounts:user_list")).status_code == 200


def test_unverified_session_of_a_coordinator_with_device_is_logged_out(
    client_coordinator, coordinator, require_2fa
):
    enable(coordinator)
    response = client_coordinator.get(reverse("accounts:user_list"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not logged_in(client_coordinator)


def test_requirement_off_leaves_coordinators_as_before(client_coordinator):
    assert client_coordinator.get(reverse("accounts:user_list")).status_code == 200


def test_reset_command_for_the_last_superuser(superuser):
    enable(superuser)
    out = StringIO()
    call_command("reset_twofactor", superuser.email.upper(), stdout=out)
    assert "nulstillet" in out.getvalue()
    assert not twofactor.is_enabled(superuser)
    entry = AuditEntry.objects.get(action="twofactor.reset")
    assert entry.actor is None and entry.source == "cli"
    with pytest.raises(CommandError, match="ikke slået totrinsbekræftelse til"):
        call_command("reset_twofactor", superuser.email)
    with pytest.raises(CommandError, match="ingen bruger"):
        call_command("reset_twofactor", "ukendt@example.org")


def test_unverified_coordinator_may_log_out_and_choose_language(unverified_coordinator):
    response = unverified_coordinator.post(reverse("set_language"), {"language": "en"})
    assert not _is_setup_redirect(response)
    assert unverified_coordinator.post(reverse("accounts:logout")).status_code == 302
    assert not logged_in(unverified_coordinator)
