"""Every write path of the pages, for each persona: anonymous visitors go to the login page,
the wrong user gets 403 and nothing changes."""

import pytest

from smartby.audit.models import AuditEntry
from smartby.conftest import assert_refused
from smartby.procurement import operations
from smartby.procurement.models import Clause, ClauseVersion, RequirementDocument, VersionStatus
from smartby.procurement.tests.helpers import clause_data, compose_params, make_clause

pytestmark = pytest.mark.django_db

CURATORS = ["coordinator", "superuser"]
REFUSED_CURATION = ["anonymous", "editor_a", "editor_b"]


@pytest.mark.parametrize("persona", CURATORS + REFUSED_CURATION)
def test_create_clause(persona, as_persona):
    client = as_persona(persona)
    get = client.get("/udbud/klausuler/ny/")
    response = client.post("/udbud/klausuler/ny/", clause_data())
    created = Clause.objects.filter(title="Adgang til måledata").first()
    if persona in CURATORS:
        assert get.status_code == 200
        assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    else:
        assert_refused(persona, get)
        assert_refused(persona, response)
        assert created is None


def test_create_clause_form_errors_keep_input(client_coordinator):
    response = client_coordinator.post(
        "/udbud/klausuler/ny/", clause_data(text="Krav til {{Leverandør}}.", reason="")
    )
    assert response.status_code == 400
    assert "Pladsholderen „{{Leverandør}}“ er ugyldig" in response.text
    assert "Skriv begrundelsen bag kravet." in response.text
    assert 'value="Adgang til måledata"' in response.text


@pytest.mark.parametrize("persona", CURATORS + REFUSED_CURATION)
def test_edit_clause(persona, as_persona, coordinator):
    clause = make_clause(coordinator)
    client = as_persona(persona)
    response = client.post(
        f"/udbud/klausuler/{clause.slug}/rediger/", clause_data(text="Ny tekst.")
    )
    if persona in CURATORS:
        assert response.status_code == 302
        assert clause.versions.count() == 2
    else:
        assert_refused(persona, client.get(f"/udbud/klausuler/{clause.slug}/rediger/"))
        assert_refused(persona, response)
        assert clause.versions.count() == 1


@pytest.mark.parametrize("persona", CURATORS + REFUSED_CURATION)
def test_retire_clause(persona, as_persona, coordinator):
    clause = make_clause(coordinator)
    response = as_persona(persona).post(f"/udbud/klausuler/{clause.slug}/udfas/", {"retired": "1"})
    clause.refresh_from_db()
    if persona in CURATORS:
        assert response.status_code == 302 and clause.retired
    else:
        assert_refused(persona, response)
        assert not clause.retired


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b", "coordinator"])
def test_propose_version(persona, as_persona, coordinator):
    clause = make_clause(coordinator)
    client = as_persona(persona)
    response = client.post(
        f"/udbud/klausuler/{clause.slug}/foreslaa/",
        clause_data(text="Foreslået {{leverandør}}.", change_note="Kortere"),
    )
    proposals = clause.versions.filter(status=VersionStatus.PROPOSED)
    if persona == "anonymous":
        assert_refused(persona, response)
        assert not proposals.exists()
    else:
        assert response.status_code == 302
        assert response["Location"] == proposals.get().get_absolute_url()
        assert "Foreslå en ændring" in client.get(f"/udbud/klausuler/{clause.slug}/foreslaa/").text


def test_member_without_organisation_cannot_propose(client, coordinator):
    from smartby.conftest import make_user

    client.force_login(make_user("solo@example.org"))
    clause = make_clause(coordinator)
    response = client.post(
        f"/udbud/klausuler/{clause.slug}/foreslaa/", clause_data(change_note="x", text="y")
    )
    assert response.status_code == 403


def test_proposal_errors_keep_input(client_a, coordinator):
    clause = make_clause(coordinator)
    response = client_a.post(
        f"/udbud/klausuler/{clause.slug}/foreslaa/", clause_data(text="Ny {{x tekst")
    )
    assert response.status_code == 400
    assert "Skriv kort, hvad du foreslår ændret og hvorfor." in response.text
    assert "krøllede parenteser" in response.text
    assert "Ny {{x tekst" in response.text


@pytest.mark.parametrize("persona", CURATORS + REFUSED_CURATION)
@pytest.mark.parametrize("decision", ["godkend", "afvis"])
def test_review_proposal(persona, decision, as_persona, editor_a, coordinator):
    clause = make_clause(coordinator)
    proposal = operations.propose_version(
        editor_a, clause, clause_data(text="Forslag.", change_note="Kortere")
    )
    response = as_persona(persona).post(
        f"/udbud/klausuler/{clause.slug}/versioner/{proposal.number}/{decision}/", {"note": "OK"}
    )
    proposal.refresh_from_db()
    if persona in CURATORS:
        assert response.status_code == 302
        expected = VersionStatus.PUBLISHED if decision == "godkend" else VersionStatus.REJECTED
        assert proposal.status == expected
        assert AuditEntry.objects.filter(
            object_id=str(clause.pk), action="accept" if decision == "godkend" else "reject"
        ).exists()
    else:
        assert_refused(persona, response)
        assert proposal.status == VersionStatus.PROPOSED


def test_stale_proposal_shows_a_message(client_coordinator, editor_a, coordinator):
    clause = make_clause(coordinator)
    proposal = operations.propose_version(
        editor_a, clause, clause_data(text="Forslag.", change_note="Kortere")
    )
    operations.update_clause(coordinator, clause, clause_data(text="Koordinatorens tekst."))
    response = client_coordinator.post(
        f"/udbud/klausuler/{clause.slug}/versioner/{proposal.number}/godkend/", follow=True
    )
    assert "nyere version" in response.text
    assert ClauseVersion.objects.get(pk=proposal.pk).status == VersionStatus.PROPOSED


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("editor_a", True),
        ("editor_b", False),
        ("coordinator", True),
        ("superuser", True),
    ],
)
def test_save_document_for_org_a(persona, allowed, as_persona, org_a):
    params = compose_params("ejerskab-til-data", leverandør="L", løsning="løsningen")
    response = as_persona(persona).post(
        "/udbud/kravdokument/gem/", params | {"organisation": org_a.pk}
    )
    if allowed:
        assert response.status_code == 302
        assert RequirementDocument.objects.get().organisation == org_a
    else:
        assert_refused(persona, response)
        assert not RequirementDocument.objects.exists()


@pytest.mark.parametrize(
    "persona,allowed",
    [
        ("anonymous", False),
        ("editor_a", True),
        ("editor_b", False),
        ("coordinator", True),
    ],
)
def test_view_and_delete_document(persona, allowed, as_persona, editor_a, org_a):
    document = operations.save_document(
        editor_a,
        compose_params("ejerskab-til-data", leverandør="L", løsning="løsningen"),
        org_a.pk,
    )
    client = as_persona(persona)
    for path in ["", "kravdokument.docx", "kravdokument.pdf", "slet/"]:
        response = client.get(f"/udbud/kravdokumenter/{document.pk}/{path}")
        if allowed:
            assert response.status_code == 200, path
        else:
            assert_refused(persona, response)
    response = client.post(f"/udbud/kravdokumenter/{document.pk}/slet/")
    if allowed:
        assert response.status_code == 302
        assert not RequirementDocument.objects.exists()
    else:
        assert_refused(persona, response)
        assert RequirementDocument.objects.exists()


def test_document_list_needs_login(client):
    assert_refused("anonymous", client.get("/udbud/kravdokumenter/"))
