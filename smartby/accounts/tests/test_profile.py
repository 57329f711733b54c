from django.urls import reverse

from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD

PROFILE = reverse("accounts:profile")
CHANGE_PASSWORD = reverse("accounts:change_password")
NEW_PASSWORD = "lyseroed-cykel-paa-stroeget-3"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={PROFILE}"


def test_profile_shows_name_email_role_and_organisations(client_a):
    html = client_a.get(PROFILE).content.decode()
    assert "Anna Aarhus" in html
    assert "anna@aarhus.example.org" in html
    assert "Redaktør" in html
    assert "Aarhus Kommune" in html
    assert reverse("accounts:invite") in html
    assert reverse("accounts:user_list") not in html
    assert reverse("privacy:account") in html  # "Mine data": see, export, delete


def test_coordinator_profile_links_to_user_admin(client_coordinator):
    html = client_coordinator.get(PROFILE).content.decode()
    assert "Koordinator" in html
    assert reverse("accounts:user_list") in html


def test_change_name(client_a, editor_a):
    response = client_a.post(PROFILE, {"name": "  Anna B. Aarhus "})
    assert response["Location"] == PROFILE
    editor_a.refresh_from_db()
    assert editor_a.name == "Anna B. Aarhus"
    entry = AuditEntry.objects.get(action="user.update")
    assert entry.actor == editor_a
    assert entry.changes == {"name": {"old": "Anna Aarhus", "new": "Anna B. Aarhus"}}


def test_name_is_required(client_a, editor_a):
    response = client_a.post(PROFILE, {"name": "   "})
    assert response.status_code == 200
    assert "Dette felt er påkrævet." in response.content.decode()
    editor_a.refresh_from_db()
    assert editor_a.name == "Anna Aarhus"


def test_change_password_keeps_the_session(client_a, editor_a):
    response = client_a.post(
        CHANGE_PASSWORD,
        {"old_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert response["Location"] == PROFILE
    editor_a.refresh_from_db()
    assert editor_a.check_password(NEW_PASSWORD)
    assert client_a.get(PROFILE).status_code == 200
    assert AuditEntry.objects.filter(action="user.password_change", actor=editor_a).exists()


def test_change_password_needs_the_current_password(client_a, editor_a):
    response = client_a.post(
        CHANGE_PASSWORD,
        {
            "old_password": "gaet-igen-123",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Den nuværende adgangskode er forkert." in html
    assert 'autofocus required aria-invalid="true" aria-describedby="id_old_password_error"' in html
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)


def test_change_password_uses_djangos_validators_in_danish(client_a, editor_a):
    response = client_a.post(
        CHANGE_PASSWORD,
        {"old_password": PASSWORD, "password": "anna", "password_confirm": "anna"},
    )
    html = response.content.decode()
    assert "Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn." in html
    assert "Din adgangskode minder for meget om din/dit e-mail." in html
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)


def test_change_password_needs_post(client_a):
    assert client_a.get(CHANGE_PASSWORD).status_code == 405
