""" "Mine data" for a logged-in user's own account (deletion asks for the password) and for a
coordinator acting on a person's request; who is refused."""

import json

import pytest
from django.test import Client

from smartby.accounts.models import User
from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD, assert_refused, make_user
from smartby.network.models import PeerProfile
from smartby.privacy.operations import AUDIT_OBJECT_TYPE
from smartby.privacy.tests.helpers import METTE, METTE_NAME, contact_names, person_everywhere
from smartby.registry.models import Contact, Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def test_own_page_shows_own_data_only(client_a, editor_a, editor_b):
    PeerProfile.objects.create(user=editor_b, title="Bo's stilling", visible=True)
    PeerProfile.objects.create(user=editor_a, title="Annas stilling", visible=True)
    html = client_a.get("/konto/mine-data/").content.decode()
    assert "Annas stilling" in html and "anna@aarhus.example.org" in html
    assert "Bo&#x27;s stilling" not in html and "bo@odense.example.org" not in html
    data = json.loads(client_a.get("/konto/mine-data/eksport/").content)
    assert data["email"] == "anna@aarhus.example.org"
    assert data["records"]["account"][0]["name"] == "Anna Aarhus"


@pytest.mark.parametrize("path", ["/konto/mine-data/", "/konto/mine-data/slet/"])
def test_own_pages_need_login(client, path):
    assert_refused("anonymous", client.get(path))


def test_deleting_own_account_asks_for_the_password_and_anonymises_authors(client_a, editor_a):
    project = make_project(editor_a, contacts=[])
    Contact.objects.create(project=project, name="Anna Aarhus", email=editor_a.email, public=True)
    Contact.objects.create(project=project, name="Ole Anden", email="ole@example.org")
    wrong = client_a.post("/konto/mine-data/slet/", {"confirm": "on", "password": "forkert"})
    assert wrong.status_code == 400
    assert "Adgangskoden er forkert." in wrong.content.decode()
    assert User.objects.get(pk=editor_a.pk).is_active

    done = client_a.post("/konto/mine-data/slet/", {"confirm": "on", "password": PASSWORD})
    assert done.status_code == 200
    user = User.objects.get(pk=editor_a.pk)  # authored history: kept, anonymised
    assert not user.is_active and not user.has_usable_password()
    assert user.name == f"Slettet bruger #{user.pk}"
    assert user.email == f"slettet-{user.pk}@slettet.invalid"
    assert not user.memberships.exists()
    assert contact_names(Project.objects.get(pk=project.pk)) == ["Ole Anden"]
    created = AuditEntry.objects.filter(action="project.create", object_id=str(project.pk)).first()
    assert created is None or str(created.actor) == f"Slettet bruger #{user.pk}"
    assert not [
        e
        for e in AuditEntry.objects.all()
        if "anna" in (e.object_repr + json.dumps(e.changes)).lower()
    ]
    # Logged out: the session is gone.
    assert client_a.get("/konto/mine-data/").status_code == 302


def test_a_user_without_history_is_deleted(editor_b):
    client = Client()
    client.force_login(editor_b)
    client.post("/konto/mine-data/slet/", {"confirm": "on", "password": PASSWORD})
    assert not User.objects.filter(pk=editor_b.pk).exists()
    entry = AuditEntry.objects.get(object_type=AUDIT_OBJECT_TYPE)
    assert entry.actor is None and entry.changes["account"] == "deleted"
    assert "bo@" not in json.dumps(entry.changes)


@pytest.mark.parametrize("persona", ["anonymous", "editor_a"])
def test_only_coordinators_handle_requests(as_persona, persona):
    assert_refused(persona, as_persona(persona).get("/privatliv/mine-data/koordinator/"))


def test_coordinator_finds_exports_and_deletes_a_person(client_coordinator, coordinator, editor_a):
    person = person_everywhere(editor_a)
    page = client_coordinator.post(
        "/privatliv/mine-data/koordinator/", {"email": METTE, "action": "find"}
    )
    assert page.status_code == 200 and METTE_NAME in page.content.decode()
    export = client_coordinator.post(
        "/privatliv/mine-data/koordinator/", {"email": METTE, "action": "export"}
    )
    assert json.loads(export.content)["records"]["project_contacts"][0]["name"] == METTE_NAME
    unconfirmed = client_coordinator.post(
        "/privatliv/mine-data/koordinator/", {"email": METTE, "action": "delete"}
    )
    assert unconfirmed.status_code == 400
    assert Contact.objects.filter(email=METTE).exists()
    client_coordinator.post(
        "/privatliv/mine-data/koordinator/",
        {"email": METTE, "action": "delete", "confirm": "on"},
    )
    assert contact_names(person.project) == ["Jens Privat"]
    entries = AuditEntry.objects.filter(object_type=AUDIT_OBJECT_TYPE, actor=coordinator)
    assert sorted(entries.values_list("action", flat=True)) == [
        "personal_data.deleted",
        "personal_data.exported",
    ]


def test_coordinator_lookup_of_an_unknown_address(client_coordinator):
    page = client_coordinator.post(
        "/privatliv/mine-data/koordinator/", {"email": "ingen@x.dk", "action": "find"}
    )
    assert "Smartby har ingen oplysninger om ingen@x.dk." in page.content.decode()


def test_a_peer_profile_and_subscriptions_of_a_user_go_with_the_account(editor_b):
    user = make_user("solo@example.org")
    PeerProfile.objects.create(user=user, visible=True, title="Solo")
    client = Client()
    client.force_login(user)
    client.post("/konto/mine-data/slet/", {"confirm": "on", "password": PASSWORD})
    assert not PeerProfile.objects.exists()
    assert not User.objects.filter(email="solo@example.org").exists()


def test_two_factor_devices_are_exported_and_deleted_with_the_account():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("totp@example.org")
    TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    client = Client()
    client.force_login(user)
    data = json.loads(client.get("/konto/mine-data/eksport/").content)
    assert data["records"]["two_factor_devices"] == [{"name": "Telefon", "confirmed": True}]
    client.post("/konto/mine-data/slet/", {"confirm": "on", "password": PASSWORD})
    assert not TOTPDevice.objects.exists()
    assert not User.objects.filter(pk=user.pk).exists()
