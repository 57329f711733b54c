"""`smartby personal-data export|delete EMAIL`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartby.audit.models import AuditEntry
from smartby.privacy.operations import AUDIT_OBJECT_TYPE, FORMAT
from smartby.privacy.tests.helpers import METTE, METTE_NAME, contact_names, person_everywhere
from smartby.registry.models import Contact

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("personal_data", *args, stdout=out)
    return out.getvalue()


def test_export_prints_the_document(editor_a):
    person_everywhere(editor_a)
    data = json.loads(run("export", "METTE@example.org"))
    assert data["format"] == FORMAT
    assert data["records"]["project_contacts"][0]["name"] == METTE_NAME
    entry = AuditEntry.objects.get(object_type=AUDIT_OBJECT_TYPE)
    assert entry.action == "personal_data.exported" and entry.source == "cli"
    assert "mette" not in json.dumps(entry.changes).lower()


def test_delete_needs_yes_then_deletes(editor_a):
    person = person_everywhere(editor_a)
    with pytest.raises(CommandError, match="--yes"):
        run("delete", METTE)
    assert Contact.objects.filter(email=METTE).exists()
    out = run("delete", METTE, "--yes")
    assert "project_contacts: 1" in out
    assert contact_names(person.project) == ["Jens Privat"]
    assert AuditEntry.objects.filter(action="personal_data.deleted", source="cli").exists()


def test_a_bad_address_is_refused():
    with pytest.raises(CommandError, match="gyldig e-mailadresse"):
        run("export", "ikke-en-adresse")


def test_delete_anonymises_a_user_with_history_and_their_bookings(editor_a, org_a):
    import datetime as dt

    from smartby.accounts.models import User
    from smartby.kits.models import Booking, Kit
    from smartby.registry.tests.helpers import make_project

    make_project(editor_a)  # authored history: the project's audit entry
    kit = Kit.objects.create(
        name="Sensorkit",
        slug="sensorkit",
        owner=org_a,
        location="Rådhuset",
        contact_email="iot@x.dk",
    )
    booking = Booking.objects.create(
        kit=kit,
        borrower=org_a,
        requested_by=editor_a,
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2026, 12, 5),
        purpose="Måling af luftkvalitet",
    )
    AuditEntry.objects.create(
        actor=None,
        action="user.role",
        object_type="accounts.user",
        object_id=str(editor_a.pk),
        object_repr="Anna Aarhus",
        changes={"name": {"old": "", "new": "Anna Aarhus"}},
    )
    run("delete", editor_a.email, "--yes")
    booking.refresh_from_db()
    assert booking.requested_by is None and booking.purpose == "Måling af luftkvalitet"
    user = User.objects.get(pk=editor_a.pk)
    assert user.name == f"Slettet bruger #{user.pk}" and not user.is_active
    entry = AuditEntry.objects.get(action="user.role")
    assert entry.object_repr == "[slettet]"
    assert entry.changes == {"name": {"old": "", "new": "[slettet]"}}
    assert AuditEntry.objects.filter(actor=user, action="create").exists()
