import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from smartby.audit.models import AuditEntry
from smartby.lib.errors import ValidationFailed
from smartby.procurement import operations, placeholders
from smartby.procurement.models import Clause, ClauseVersion, RequirementDocument, VersionStatus
from smartby.procurement.reference import CLAUSES
from smartby.procurement.tests.helpers import clause_data, compose_params, make_clause

pytestmark = pytest.mark.django_db


def test_reference_clauses_are_loaded_and_valid():
    clauses = Clause.objects.filter(slug__in=[c["slug"] for c in CLAUSES])
    assert 12 <= clauses.count() == len(CLAUSES) <= 18
    assert set(clauses.values_list("topic", flat=True)) == {
        "dataejerskab",
        "aabne-standarder",
        "exit",
        "informationssikkerhed",
        "gdpr",
        "opi",
    }
    for clause in clauses.select_related("current_version"):
        version = clause.current_version
        assert version.number == 1 and version.status == VersionStatus.PUBLISHED
        assert placeholders.template_errors(version.text) == []
        assert placeholders.placeholders(version.text), clause.slug
        assert len(version.reason) > 100, clause.slug


def test_coordinator_creates_clause_with_version_1(coordinator):
    clause = make_clause(coordinator)
    assert clause.slug == "adgang-til-maaledata"
    assert clause.current_version.number == 1
    assert clause.current_version.author == coordinator
    assert sorted(t.name for t in clause.tags.all()) == ["IoT", "Måledata"]
    entry = AuditEntry.objects.get(object_type="procurement.clause", object_id=str(clause.pk))
    assert entry.action == "create" and entry.actor == coordinator


@pytest.mark.parametrize("persona", ["anonymous", "editor_a"])
def test_others_cannot_create(persona, editor_a):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if persona == "anonymous" else editor_a
    with pytest.raises(PermissionDenied):
        make_clause(actor)
    assert not Clause.objects.filter(title="Adgang til måledata").exists()


def test_invalid_placeholder_is_a_danish_field_error(coordinator):
    with pytest.raises(ValidationFailed) as exc:
        make_clause(coordinator, text="{{leverandør} skal levere {{Data}}.", title="")
    fields = {e["field"] for e in exc.value.errors}
    assert fields == {"text", "title"}
    messages = " ".join(e["message"] for e in exc.value.errors)
    assert "krøllede parenteser" in messages and "{{Data}}" in messages
    assert not Clause.objects.filter(slug="adgang-til-maaledata").exists()


def test_editing_wording_creates_a_new_version_and_keeps_the_old(coordinator):
    clause = make_clause(coordinator)
    first = clause.current_version
    clause = operations.update_clause(
        coordinator,
        clause,
        clause_data(
            text="{{leverandør}} skal levere data i {{dataformat}}.", change_note="Kortere"
        ),
    )
    assert clause.current_version.number == 2
    assert clause.current_version.based_on == first
    first.refresh_from_db()
    assert first.text.startswith("{{leverandør}} skal give")  # never overwritten
    assert list(clause.versions.values_list("number", flat=True)) == [1, 2]


def test_editing_only_metadata_makes_no_new_version(coordinator):
    clause = make_clause(coordinator)
    clause = operations.update_clause(
        coordinator, clause, clause_data(title="Nyt navn", tags="API")
    )
    assert clause.title == "Nyt navn"
    assert clause.versions.count() == 1
    assert [t.name for t in clause.tags.all()] == ["API"]
    update = AuditEntry.objects.get(object_id=str(clause.pk), action="update")
    assert update.changes["title"] == {"old": "Adgang til måledata", "new": "Nyt navn"}


def test_version_numbers_are_unique_per_clause(coordinator):
    clause = make_clause(coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClauseVersion.objects.create(clause=clause, number=1, text="x", reason="y")


def test_editor_cannot_update_but_can_propose(editor_a, coordinator):
    clause = make_clause(coordinator)
    with pytest.raises(PermissionDenied):
        operations.update_clause(editor_a, clause, clause_data(text="Ny tekst"))
    proposal = operations.propose_version(
        editor_a, clause, clause_data(text="Ny {{leverandør}}-tekst.", change_note="Enklere")
    )
    assert proposal.status == VersionStatus.PROPOSED and proposal.number == 2
    clause.refresh_from_db()
    assert clause.current_version.number == 1  # the proposal is not in use yet


def test_proposal_needs_a_change_note_and_a_change(editor_a, coordinator):
    clause = make_clause(coordinator)
    with pytest.raises(ValidationFailed) as exc:
        operations.propose_version(editor_a, clause, clause_data(text="Ny tekst"))
    assert [e["field"] for e in exc.value.errors] == ["change_note"]
    with pytest.raises(ValidationFailed) as exc:
        operations.propose_version(editor_a, clause, clause_data(change_note="Ingen ændring"))
    assert "magen til" in exc.value.errors[0]["message"]


def test_user_without_organisation_cannot_propose(coordinator):
    from smartby.conftest import make_user

    loner = make_user("solo@example.org")
    with pytest.raises(PermissionDenied):
        operations.propose_version(loner, make_clause(coordinator), clause_data(change_note="x"))


def test_accept_and_reject_are_coordinator_only_and_audited(editor_a, editor_b, coordinator):
    clause = make_clause(coordinator)
    data = clause_data(text="Forslag {{leverandør}}.", change_note="Bedre")
    first = operations.propose_version(editor_a, clause, data)
    second = operations.propose_version(editor_b, clause, data | {"text": "Andet forslag."})
    with pytest.raises(PermissionDenied):
        operations.accept_proposal(editor_a, first)
    operations.accept_proposal(coordinator, first, {"note": "Godt"})
    clause.refresh_from_db()
    assert clause.current_version == first
    first.refresh_from_db()
    assert first.status == VersionStatus.PUBLISHED and first.reviewed_by == coordinator
    # The second proposal was based on version 1: it is stale now.
    with pytest.raises(ValidationFailed) as exc:
        operations.accept_proposal(coordinator, second)
    assert "nyere version" in exc.value.errors[0]["message"]
    operations.reject_proposal(coordinator, second, {"note": "Forældet"})
    second.refresh_from_db()
    assert second.status == VersionStatus.REJECTED
    with pytest.raises(ValidationFailed):
        operations.reject_proposal(coordinator, second)
    actions = list(
        AuditEntry.objects.filter(object_id=str(clause.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["accept", "create", "propose", "propose", "reject"]


def test_retire_hides_from_composer(coordinator, editor_a):
    clause = make_clause(coordinator)
    with pytest.raises(PermissionDenied):
        operations.set_retired(editor_a, clause, True)
    operations.set_retired(coordinator, clause, True)
    clause.refresh_from_db()
    assert clause.retired
    with pytest.raises(ValidationFailed) as exc:
        operations.save_document(
            coordinator, compose_params(clause.slug, leverandør="X", dataformat="CSV"), 1
        )
    assert exc.value.errors[0]["field"] == "klausul"


def test_save_document_pins_versions(editor_a, editor_b, coordinator, org_a, org_b):
    clause = make_clause(coordinator)
    params = compose_params(clause.slug, leverandør="Leverandøren", dataformat="CSV")
    document = operations.save_document(editor_a, params, org_a.pk)
    assert document.organisation == org_a
    assert list(document.clause_versions.all()) == [clause.current_version]
    assert document.values == {"leverandør": "Leverandøren", "dataformat": "CSV"}
    with pytest.raises(PermissionDenied):
        operations.save_document(editor_a, params, org_b.pk)
    with pytest.raises(ValidationFailed):
        operations.save_document(editor_a, params, "ikke-et-tal")
    with pytest.raises(PermissionDenied):
        operations.delete_document(editor_b, document)
    # Coordinators may save for any organisation and delete any document.
    operations.save_document(coordinator, params, org_b.pk)
    operations.delete_document(coordinator, document)
    assert RequirementDocument.objects.count() == 1


def test_save_document_refuses_missing_values(editor_a, org_a, coordinator):
    clause = make_clause(coordinator)
    with pytest.raises(ValidationFailed) as exc:
        operations.save_document(editor_a, compose_params(clause.slug, leverandør="X"), org_a.pk)
    assert exc.value.errors == [{"field": "v-dataformat", "message": "Udfyld „Åbent dataformat“."}]
    assert not RequirementDocument.objects.exists()
