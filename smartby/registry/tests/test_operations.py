import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.orgs.models import Organisation
from smartby.registry import operations
from smartby.registry.models import Project
from smartby.registry.tests.helpers import edit_data, make_project, project_data

pytestmark = pytest.mark.django_db


def test_create_saves_project_children_and_audit(editor_a):
    project = make_project(editor_a)
    assert project.slug == "affaldssensorer-i-kommunale-containere"
    assert [m.code for m in project.municipalities.all()] == ["751"]
    assert project.contacts.count() == 2
    assert project.benefits.get().unit == "ton CO2"
    assert project.locations.get().lat == pytest.approx(56.1567)
    entry = AuditEntry.objects.get(object_type="registry.project", object_id=str(project.pk))
    assert entry.action == "create" and entry.actor == editor_a
    assert entry.changes["title"]["new"] == project.title
    # Personal data never goes into the audit trail.
    assert "mette@example.org" not in str(entry.changes)
    assert "+45" not in str(entry.changes)


def test_slugs_are_unique_and_stable(editor_a):
    first = make_project(editor_a)
    second = make_project(editor_a)
    assert second.slug == first.slug + "-2"
    updated = operations.update_project(editor_a, first, edit_data(first, title="Nyt navn"))
    assert updated.slug == first.slug


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Projektet skal have en titel."),
        ({"municipalities": []}, "municipalities", "Vælg mindst én kommune."),
        ({"municipalities": ["999"]}, "municipalities", "Ukendt kommunekode"),
        ({"status": "hemmelig"}, "status", "Ukendt status"),
        (
            {"start_date": "2025-01-01", "end_date": "2024-01-01"},
            "end_date",
            "Slutdatoen skal ligge efter",
        ),
        ({"budget_dkk": "-5"}, "budget_dkk", "negativt"),
        ({"last_verified": "2999-01-01"}, "last_verified", "fremtiden"),
        ({"locations": [{"lat": "40.0", "lon": "10.0"}]}, "locations[0].lat", "Danmark"),
        ({"contacts": [{"name": "Uden kontakt"}]}, "contacts[0].email", "e-mail eller telefon"),
        ({"contacts": [{"name": "X", "email": "ikke-en-mail"}]}, "contacts[0].email", "e-mail"),
    ],
)
def test_invalid_input_gives_danish_field_errors_and_writes_nothing(
    editor_a, overrides, field, message
):
    with pytest.raises(operations.ValidationFailed) as exc:
        make_project(editor_a, **overrides)
    assert any(
        e["field"] == field and message.lower() in e["message"].lower() for e in exc.value.errors
    ), exc.value.errors
    assert Project.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_editor_cannot_create_for_other_organisation(editor_a, org_b):
    with pytest.raises((PermissionDenied, operations.ValidationFailed)):
        operations.create_project(editor_a, project_data(lead=org_b))
    assert Project.objects.count() == 0


def test_update_records_only_changed_fields(editor_a):
    project = make_project(editor_a)
    operations.update_project(
        editor_a, project, edit_data(project, status="drift", budget_dkk="1500000")
    )
    entry = AuditEntry.objects.filter(action="update").get()
    assert set(entry.changes) == {"status", "budget_dkk"}
    assert entry.changes["status"] == {"old": "pilot", "new": "drift"}


def test_update_without_changes_writes_no_audit_entry(editor_a):
    project = make_project(editor_a)
    operations.update_project(editor_a, project, edit_data(project))
    assert not AuditEntry.objects.filter(action="update").exists()
    assert project.contacts.count() == 2


def test_update_by_outsider_is_refused_and_changes_nothing(editor_a, editor_b):
    project = make_project(editor_a)
    with pytest.raises(PermissionDenied):
        operations.update_project(editor_b, project, edit_data(project, title="Overtaget"))
    project.refresh_from_db()
    assert project.title == "Affaldssensorer i kommunale containere"


def test_partner_organisation_may_edit(editor_a, editor_b, org_b):
    project = make_project(
        editor_a, partners=[{"organisation": str(org_b.pk), "role": "Medfinansiering"}]
    )
    operations.update_project(
        editor_b, project, edit_data(project, summary="Opdateret af partner.")
    )
    project.refresh_from_db()
    assert project.summary == "Opdateret af partner."


def test_invalid_update_keeps_the_stored_record(editor_a):
    project = make_project(editor_a)
    with pytest.raises(operations.ValidationFailed):
        operations.update_project(editor_a, project, edit_data(project, title="", status="drift"))
    project.refresh_from_db()
    assert project.title and project.status == "pilot"


def test_verify_sets_today(editor_a):
    project = make_project(editor_a, last_verified="2020-01-01")
    operations.verify_project(editor_a, project)
    assert project.last_verified == timezone.localdate()
    assert AuditEntry.objects.filter(action="verify").exists()


def test_delete_only_by_lead_or_coordinator(editor_a, editor_b, org_b, coordinator):
    project = make_project(editor_a, partners=[{"organisation": str(org_b.pk), "role": ""}])
    with pytest.raises(PermissionDenied):
        operations.delete_project(editor_b, project)
    operations.delete_project(coordinator, project)
    assert not Project.objects.exists()
    assert AuditEntry.objects.filter(action="delete").exists()


def test_merge_moves_children_and_deletes_duplicate(editor_a, coordinator, org_b):
    keep = make_project(editor_a)
    dup = make_project(
        editor_a,
        title="Affaldssensorer (dublet)",
        municipalities=["751", "461"],
        partners=[{"organisation": str(org_b.pk), "role": "Partner"}],
        last_verified=timezone.localdate().isoformat(),
    )
    with pytest.raises(PermissionDenied):
        operations.merge_projects(editor_a, keep, dup)
    operations.merge_projects(coordinator, keep, dup)
    keep.refresh_from_db()
    assert not Project.objects.filter(pk=dup.pk).exists()
    assert sorted(m.code for m in keep.municipalities.all()) == ["461", "751"]
    assert keep.contacts.count() == 4
    assert keep.partners.get().organisation == org_b
    assert keep.last_verified == timezone.localdate()
    assert AuditEntry.objects.filter(action="merge", object_id=str(keep.pk)).exists()


def test_description_markdown_is_sanitised(client, editor_a):
    project = make_project(
        editor_a, description="Hej <script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html


def test_organisation_reference_data():
    assert Organisation.objects.filter(kind="kommune").count() == 98
    assert Organisation.objects.get(municipality__code="101").name == "Københavns Kommune"
