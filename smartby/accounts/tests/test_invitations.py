import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartby.accounts import operations
from smartby.accounts.models import Invitation, Membership, Role, User
from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD, make_user

INVITE = reverse("accounts:invite")
NEW_EMAIL = "mette@aarhus.example.org"
NEW_PASSWORD = "groen-bybus-over-aaen-51"


def accept_url(token: str) -> str:
    return reverse("accounts:accept_invitation", args=[token])


def post_invite(client, capture, **data):
    with capture(execute=True):
        return client.post(INVITE, {"role": Role.EDITOR, **data})


# Who may invite whom


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(INVITE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(INVITE, {"email": NEW_EMAIL})["Location"].startswith(
        reverse("accounts:login")
    )
    assert not Invitation.objects.exists()


def test_editor_without_organisation_is_refused(db):
    loner = make_user("solo@example.org", name="Solo")
    client_loner = Client()
    client_loner.force_login(loner)
    assert client_loner.get(INVITE).status_code == 403


def test_editor_invites_colleague_to_own_organisation(
    client_a, editor_a, org_a, smtp_server, django_capture_on_commit_callbacks
):
    form = client_a.get(INVITE).content.decode()
    assert "Aarhus Kommune" in form
    assert "Odense Kommune" not in form  # only the editor's own organisations are offered
    assert 'value="coordinator"' not in form

    response = post_invite(
        client_a, django_capture_on_commit_callbacks, email=NEW_EMAIL, organisation=org_a.pk
    )
    assert response["Location"] == INVITE
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.role) == (
        NEW_EMAIL,
        org_a,
        Role.EDITOR,
    )
    assert invitation.invited_by == editor_a
    [message] = smtp_server.wait_for(1)
    assert message["To"] == NEW_EMAIL


def test_editor_cannot_invite_to_other_organisation(
    client_a, editor_a, org_b, smtp_server, django_capture_on_commit_callbacks
):
    response = post_invite(
        client_a, django_capture_on_commit_callbacks, email=NEW_EMAIL, organisation=org_b.pk
    )
    assert response.status_code == 200
    assert 'aria-describedby="id_organisation_error"' in response.content.decode()
    with pytest.raises(PermissionDenied, match="organisationer, du selv er medlem af"):
        operations.invite_user(editor_a, NEW_EMAIL, org_b, Role.EDITOR)
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_editor_cannot_invite_a_coordinator(
    client_a, editor_a, org_a, smtp_server, django_capture_on_commit_callbacks
):
    response = post_invite(
        client_a,
        django_capture_on_commit_callbacks,
        email=NEW_EMAIL,
        organisation=org_a.pk,
        role=Role.COORDINATOR,
    )
    assert response.status_code == 200
    assert 'aria-describedby="id_role_helptext id_role_error"' in response.content.decode()
    with pytest.raises(PermissionDenied, match="Kun koordinatorer"):
        operations.invite_user(editor_a, NEW_EMAIL, org_a, Role.COORDINATOR)
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


@pytest.mark.parametrize("persona", ["client_coordinator", "client_superuser"])
def test_coordinators_invite_anyone_anywhere_with_any_role(
    request, persona, org_b, smtp_server, django_capture_on_commit_callbacks
):
    client = request.getfixturevalue(persona)
    response = post_invite(
        client,
        django_capture_on_commit_callbacks,
        email="Ny.Koordinator@Odense.example.org",
        organisation=org_b.pk,
        role=Role.COORDINATOR,
    )
    assert response["Location"] == INVITE
    invitation = Invitation.objects.get()
    assert invitation.email == "ny.koordinator@odense.example.org"
    assert invitation.role == Role.COORDINATOR
    assert invitation.organisation == org_b
    smtp_server.wait_for(1)


def test_coordinator_may_invite_a_coordinator_without_organisation(coordinator):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, None, Role.COORDINATOR)
    assert invitation.organisation is None
    with pytest.raises(ValidationError) as e:
        operations.invite_user(coordinator, "x@example.org", None, Role.EDITOR)
    assert "organisation" in e.value.message_dict


# What an invitation is


def test_invitation_stores_only_a_hash_expires_in_14_days_and_is_audited(
    coordinator, org_a, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://smartby.example.dk/"
    with django_capture_on_commit_callbacks(execute=True):
        invitation = operations.invite_user(coordinator, f" {NEW_EMAIL.upper()} ", org_a, "editor")
    token = invitation.token
    assert len(token) >= 40
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=14), abs=timedelta(seconds=5)
    )
    entry = AuditEntry.objects.get(action="invitation.create")
    assert entry.actor == coordinator
    assert entry.changes["email"]["new"] == NEW_EMAIL
    assert token not in str(entry.changes)

    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Du er inviteret til Smartby for Aarhus Kommune"
    text = smtp_server.text(message)
    assert "Kim Koordinator har inviteret dig til Smartby som Redaktør for Aarhus Kommune." in text
    link = f"https://smartby.example.dk{accept_url(token)}"
    assert smtp_server.links(message)[0] == link
    assert f'href="{link}"' in smtp_server.text(message, "html")


def test_no_email_when_the_invitation_is_rolled_back(coordinator, org_a, smtp_server, db):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
        raise RuntimeError
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_new_invitation_replaces_open_one(coordinator, org_a):
    first = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    second = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    with pytest.raises(operations.InvitationExpired):
        operations.get_invitation(first.token)
    assert operations.get_invitation(second.token).pk == second.pk


def test_invalid_email_is_refused_in_danish(coordinator, org_a):
    with pytest.raises(ValidationError) as e:
        operations.invite_user(coordinator, "ikke-en-mail", org_a, Role.EDITOR)
    assert e.value.message_dict == {"email": ["Indtast en gyldig e-mailadresse."]}


def test_existing_member_is_not_invited_again(coordinator, editor_a, org_a):
    with pytest.raises(ValidationError) as e:
        operations.invite_user(coordinator, "ANNA@aarhus.example.org", org_a, Role.EDITOR)
    assert e.value.message_dict == {
        "email": ["anna@aarhus.example.org er allerede medlem af Aarhus Kommune."]
    }


def test_deactivated_user_is_not_invited(coordinator, editor_a, org_b):
    operations.set_active(coordinator, editor_a, False)
    with pytest.raises(ValidationError, match="deaktiveret"):
        operations.invite_user(coordinator, editor_a.email, org_b, Role.EDITOR)


# Accepting


def test_accept_creates_user_with_membership_and_logs_in(client, coordinator, org_a):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    url = accept_url(invitation.token)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Aarhus Kommune" in html
    assert NEW_EMAIL in html
    assert page["Cache-Control"].startswith("max-age=0")

    response = client.post(
        url, {"name": "Mette Madsen", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:profile")
    user = User.objects.get(email=NEW_EMAIL)
    assert user.name == "Mette Madsen"
    assert user.role == Role.EDITOR
    assert user.check_password(NEW_PASSWORD)
    assert list(user.organisations.all()) == [org_a]
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    actions = set(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert actions == {"user.create", "user.add_membership", "invitation.accept"}


def test_accept_as_coordinator(client, coordinator):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, None, Role.COORDINATOR)
    client.post(
        accept_url(invitation.token),
        {"name": "Mette", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert User.objects.get(email=NEW_EMAIL).is_coordinator


def test_accept_checks_name_and_password_in_danish(client, coordinator, org_a):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    response = client.post(
        accept_url(invitation.token),
        {"name": "Mette", "password": "mette12", "password_confirm": "mette12"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn." in html
    assert 'aria-describedby="id_password_helptext id_password_error"' in html
    assert "autofocus" in html.split('id="id_password"')[0].rsplit("<input", 1)[1]

    response = client.post(
        accept_url(invitation.token),
        {"name": "", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD + "x"},
    )
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert "De to adgangskoder er ikke ens." in html
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_user_just_gets_the_membership(client, coordinator, editor_a, org_a, org_b):
    invitation = operations.invite_user(coordinator, editor_a.email, org_b, Role.EDITOR)
    url = accept_url(invitation.token)
    html = client.get(url).content.decode()
    assert "Der findes allerede en konto" in html
    assert 'name="password"' not in html

    response = client.post(url)
    assert response["Location"] == reverse("accounts:login")
    assert set(editor_a.organisations.all()) == {org_a, org_b}
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == 2


def test_existing_editor_invited_as_coordinator_is_promoted(client_a, coordinator, editor_a):
    invitation = operations.invite_user(coordinator, editor_a.email, None, Role.COORDINATOR)
    response = client_a.post(accept_url(invitation.token))
    assert response["Location"] == reverse("accounts:profile")
    editor_a.refresh_from_db()
    assert editor_a.role == Role.COORDINATOR


def _state():
    return (
        list(User.objects.order_by("pk").values_list("pk", "email", "role", "password")),
        list(Membership.objects.order_by("pk").values_list("pk", "user", "organisation")),
        list(Invitation.objects.order_by("pk").values_list("pk", "accepted_at", "expires_at")),
        AuditEntry.objects.count(),
    )


def _post_accept(client, token):
    return client.post(
        accept_url(token),
        {"name": "Mette", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )


def test_expired_invitation_changes_nothing(client, coordinator, org_a):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    before = _state()
    for response in (
        client.get(accept_url(invitation.token)),
        _post_accept(client, invitation.token),
    ):
        assert response.status_code == 410
        assert "Invitationen er udløbet." in response.content.decode()
    assert _state() == before
    assert "_auth_user_id" not in client.session


def test_used_invitation_changes_nothing(client, coordinator, org_a):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    _post_accept(client, invitation.token)
    client.logout()
    before = _state()
    for response in (
        client.get(accept_url(invitation.token)),
        _post_accept(client, invitation.token),
    ):
        assert response.status_code == 410
        assert "Invitationen er allerede brugt." in response.content.decode()
    assert _state() == before
    with pytest.raises(operations.InvitationUsed):
        operations.accept_invitation(invitation.token, name="X", password=NEW_PASSWORD)


@pytest.mark.parametrize("tamper", ["flip", "truncate", "unknown", "long"])
def test_tampered_or_unknown_token_changes_nothing(client, coordinator, org_a, tamper):
    invitation = operations.invite_user(coordinator, NEW_EMAIL, org_a, Role.EDITOR)
    token = invitation.token
    token = {
        "flip": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "truncate": token[:-3],
        "unknown": "ikke-et-rigtigt-token",
        "long": token * 10,
    }[tamper]
    before = _state()
    for response in (client.get(accept_url(token)), _post_accept(client, token)):
        assert response.status_code == 404
        assert "Linket findes ikke." in response.content.decode()
    assert _state() == before
