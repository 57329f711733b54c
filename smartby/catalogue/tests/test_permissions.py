"""Every write page refuses the wrong persona (anonymous → login, others → 403)."""

import pytest
from django.test import Client

from smartby.catalogue import operations
from smartby.catalogue.models import Proposal, Solution, Standard, Supplier
from smartby.conftest import assert_refused

pytestmark = pytest.mark.django_db

QUEUE = "/markedsoverblik/forslag/"
CURATOR_PAGES = [
    "/markedsoverblik/loesninger/ny/",
    "/markedsoverblik/loesninger/fyldningssensor/rediger/",
    "/markedsoverblik/loesninger/fyldningssensor/slet/",
    "/markedsoverblik/leverandoerer/ny/",
    "/markedsoverblik/leverandoerer/sensorvaerket-aps-test/rediger/",
    "/markedsoverblik/leverandoerer/sensorvaerket-aps-test/slet/",
    "/markedsoverblik/standarder/ny/",
    "/markedsoverblik/standarder/mqtt/rediger/",
    "/markedsoverblik/standarder/mqtt/slet/",
    QUEUE,
]
PROPOSAL_PAGES = [
    "/markedsoverblik/loesninger/fyldningssensor/foreslaa/",
    "/markedsoverblik/leverandoerer/sensorvaerket-aps-test/foreslaa/",
    "/markedsoverblik/leverandoerer/sensorvaerket-aps-test/ny-loesning/",
]


def member_client(catalogue) -> Client:
    client = Client()
    client.force_login(catalogue["member"])
    return client


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b", "member"])
def test_curator_pages_refuse_others(as_persona, catalogue, persona):
    client = member_client(catalogue) if persona == "member" else as_persona(persona)
    shown_as = "editor_a" if persona == "member" else persona
    for url in CURATOR_PAGES:
        assert_refused(shown_as, client.get(url))
        if url != QUEUE:
            assert_refused(shown_as, client.post(url, {"name": "X", "decision": "godkend"}))
    assert Solution.objects.count() == 3
    assert Supplier.objects.count() == 2
    assert Standard.objects.filter(slug="mqtt").exists()
    assert Solution.objects.filter(name="X").count() == 0


@pytest.mark.parametrize("persona", ["coordinator", "superuser"])
def test_curator_pages_open_for_coordinators(as_persona, catalogue, persona):
    client = as_persona(persona)
    for url in CURATOR_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b", "coordinator"])
def test_only_supplier_members_propose(as_persona, catalogue, persona):
    client = as_persona(persona)
    for url in PROPOSAL_PAGES:
        assert_refused(persona, client.get(url))
        assert_refused(persona, client.post(url, {"name": "Nyt navn"}))
    assert not Proposal.objects.exists()


def test_supplier_members_may_open_the_proposal_forms(catalogue):
    client = member_client(catalogue)
    for url in PROPOSAL_PAGES:
        assert client.get(url).status_code == 200, url


def test_members_of_one_supplier_cannot_propose_for_another(catalogue):
    client = member_client(catalogue)
    response = client.get("/markedsoverblik/loesninger/lysstyring/foreslaa/")
    assert response.status_code == 403
    response = client.post("/markedsoverblik/leverandoerer/lysvaerket-as-test/ny-loesning/", {})
    assert response.status_code == 403


def test_supplier_detail_offers_proposals_only_to_members(client, catalogue):
    url = catalogue["supplier"].get_absolute_url()
    assert "Foreslå ændringer til profilen" in member_client(catalogue).get(url).content.decode()
    assert "Foreslå ændringer til profilen" not in client.get(url).content.decode()


def test_proposal_is_visible_to_its_proposer_and_coordinators_only(as_persona, catalogue):
    proposal = operations.propose_supplier_change(
        catalogue["member"], catalogue["supplier"], {"size": "stor"}
    )
    url = proposal.get_absolute_url()
    decide = f"/markedsoverblik/forslag/{proposal.pk}/behandl/"
    for persona in ("anonymous", "editor_a", "editor_b"):
        assert_refused(persona, as_persona(persona).get(url))
        assert_refused(persona, as_persona(persona).post(decide, {"decision": "godkend"}))
    assert member_client(catalogue).get(url).status_code == 200
    assert member_client(catalogue).post(decide, {"decision": "godkend"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "afventer"
    assert as_persona("coordinator").get(url).status_code == 200


def test_uses_are_edited_only_by_project_editors(as_persona, catalogue):
    use = catalogue["sensor"].uses.get(project=catalogue["aarhus"])
    for persona in ("anonymous", "editor_b"):
        client = as_persona(persona)
        for url in (
            f"/markedsoverblik/brug/{use.pk}/rediger/",
            f"/markedsoverblik/brug/{use.pk}/slet/",
        ):
            assert_refused(persona, client.get(url))
            assert_refused(persona, client.post(url, {"experience": "Hacket"}))
    use.refresh_from_db()
    assert use.experience == "Husk rådata i kontrakten."


def test_project_editor_registers_a_use(client_a, client_b, catalogue):
    url = "/markedsoverblik/loesninger/lysstyring/brug/ny/"
    page = client_a.get(url).content.decode()
    assert "Affaldssensorer i Aarhus" in page and "Affald i Odense" not in page
    response = client_b.post(url, {"project": catalogue["aarhus"].slug, "experience": "X"})
    assert response.status_code == 403  # a project editor_b may not edit
    assert not catalogue["light"].uses.exists()
    response = client_a.post(
        url, {"project": catalogue["aarhus"].slug, "experience": "Godt lys.", "since": "2024-01-01"}
    )
    assert response.status_code == 302
    assert catalogue["light"].uses.get().experience == "Godt lys."


def test_project_editor_edits_and_removes_a_use(client_a, catalogue):
    use = catalogue["sensor"].uses.get(project=catalogue["aarhus"])
    url = f"/markedsoverblik/brug/{use.pk}/rediger/"
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, {"experience": "Ny læring", "since": "2023-02-01"})
    assert response.status_code == 302
    use.refresh_from_db()
    assert use.experience == "Ny læring" and use.since.isoformat() == "2023-02-01"
    bad = client_a.post(url, {"experience": "Ny læring", "since": "ikke en dato"})
    assert bad.status_code == 400 and "Ny læring" in bad.content.decode()
    assert client_a.post(f"/markedsoverblik/brug/{use.pk}/slet/").status_code == 302
    assert not catalogue["sensor"].uses.filter(pk=use.pk).exists()
