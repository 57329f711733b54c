"""Login brute-force protection (accounts/throttle.py) and the password policy on the forms
that set a password (invitation, password reset)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from smartby.accounts import operations
from smartby.accounts.models import LoginFailure, Role
from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD

LOGIN = reverse("accounts:login")
WRONG = "forkert-hest-99"
LOCKED = "For mange mislykkede forsøg på at logge ind. Prøv igen om 15 minutter"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_IP = 6
    settings.LOGIN_FAILURE_WINDOW = 600
    settings.LOGIN_LOCKOUT_SECONDS = 900


def attempt(client, email, password=WRONG, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_account_is_locked_after_the_limit_even_with_the_right_password(client, editor_a):
    for _ in range(3):
        html = attempt(client, editor_a.email).content.decode()
        assert "E-mail eller adgangskode er forkert." in html
    response = attempt(client, editor_a.email, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert LOCKED in html
    assert "_auth_user_id" not in client.session
    # Refused attempts are not counted; the lock is audited once, without the address.
    assert LoginFailure.objects.count() == 6
    entry = AuditEntry.objects.get(action="login.locked", changes__scope="account")
    assert entry.actor is None
    assert editor_a.email not in entry.object_repr + str(entry.changes)
    # Another client is locked out of the account too (it is the account that is attacked).
    assert LOCKED in attempt(client, editor_a.email, PASSWORD, ip="10.0.0.2").content.decode()


def test_unknown_account_looks_the_same(client, editor_a):
    for _ in range(3):
        html = attempt(client, "ingen@example.org").content.decode()
        assert "E-mail eller adgangskode er forkert." in html
    assert LOCKED in attempt(client, "ingen@example.org").content.decode()
    assert LOCKED in attempt(client, "INGEN@example.org ").content.decode()
    # Other accounts from a different client are not affected.
    assert attempt(client, editor_a.email, PASSWORD, ip="10.0.0.9").status_code == 302


def test_client_is_locked_after_failures_on_many_accounts(client, editor_a):
    for n in range(6):
        attempt(client, f"gaet{n}@example.org")
    assert LOCKED in attempt(client, editor_a.email, PASSWORD).content.decode()
    assert AuditEntry.objects.filter(action="login.locked", changes__scope="ip").count() == 1
    # The same account from another client still works.
    assert attempt(client, editor_a.email, PASSWORD, ip="10.0.0.7").status_code == 302


def test_lock_ends_after_the_lockout_and_old_failures_do_not_count(client, editor_a):
    for _ in range(3):
        attempt(client, editor_a.email)
    assert LOCKED in attempt(client, editor_a.email, PASSWORD).content.decode()
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=901))
    assert attempt(client, editor_a.email, PASSWORD).status_code == 302


def test_failures_spread_over_more_than_the_window_do_not_lock(client, editor_a):
    attempt(client, editor_a.email)
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=700))
    attempt(client, editor_a.email)
    attempt(client, editor_a.email)
    assert attempt(client, editor_a.email, PASSWORD).status_code == 302


def test_success_clears_the_accounts_failures(client, editor_a):
    attempt(client, editor_a.email)
    attempt(client, editor_a.email)
    assert attempt(client, editor_a.email, PASSWORD).status_code == 302
    client.logout()
    attempt(client, editor_a.email)
    attempt(client, editor_a.email)
    assert attempt(client, editor_a.email, PASSWORD).status_code == 302


def test_limit_zero_turns_it_off(client, editor_a, settings):
    settings.LOGIN_FAILURE_LIMIT = 0
    settings.LOGIN_FAILURE_LIMIT_IP = 0
    for _ in range(5):
        attempt(client, editor_a.email)
    assert attempt(client, editor_a.email, PASSWORD).status_code == 302
    assert not LoginFailure.objects.exists()


# Password policy: length 12, common passwords, similarity to the e-mail/name, not all digits.


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-ord-11", "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn."),
        ("password1234", "Denne adgangskode er for almindelig."),
        ("839201746512", "Denne adgangskode er udelukkende numerisk."),
        ("mette.hansen@aarhus", "Din adgangskode minder for meget om din/dit e-mail."),
    ],
)
def test_invitation_form_enforces_the_password_policy(
    client, coordinator, org_a, password, message
):
    invitation = operations.invite_user(
        coordinator, "mette.hansen@aarhus.example.org", org_a, Role.EDITOR
    )
    response = client.post(
        reverse("accounts:accept_invitation", args=[invitation.token]),
        {"name": "Mette Hansen", "password": password, "password_confirm": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_change_password_form_enforces_the_policy(client_a, editor_a):
    response = client_a.post(
        reverse("accounts:change_password"),
        {
            "old_password": PASSWORD,
            "password": "qwertyuiop123",
            "password_confirm": "qwertyuiop123",
        },
    )
    assert "Denne adgangskode er for almindelig." in response.content.decode()
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)
