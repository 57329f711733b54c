import io

import pytest
from django.test import Client
from docx import Document

from smartby.procurement import operations
from smartby.procurement.models import Clause, VersionStatus
from smartby.procurement.reference import CLAUSES
from smartby.procurement.tests.helpers import clause_data, make_clause

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_list_clauses_paginated_and_filtered(client):
    body = client.get(f"{API}/clauses", {"limit": 5}).json()
    assert body["count"] == len(CLAUSES) and len(body["results"]) == 5
    assert body["limit"] == 5 and body["offset"] == 0
    rest = client.get(f"{API}/clauses", {"limit": 100, "offset": 5}).json()
    assert len(rest["results"]) == len(CLAUSES) - 5
    gdpr = client.get(f"{API}/clauses", {"topic": "gdpr"}).json()
    assert {c["topic"] for c in gdpr["results"]} == {"gdpr"} and gdpr["count"] == 3
    tagged = client.get(f"{API}/clauses", {"tag": "lorawan"}).json()
    assert [c["slug"] for c in tagged["results"]] == ["genbrug-af-enheder"]
    found = client.get(f"{API}/clauses", {"q": "Schrems"}).json()
    assert [c["slug"] for c in found["results"]] == ["behandling-i-eu"]
    first = found["results"][0]
    assert first["placeholders"][0] == {"name": "løsning", "label": "Løsningens navn"}
    assert first["url"].endswith("/udbud/klausuler/behandling-i-eu/")


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"topic": "x"},
        {"q": "x" * 201},
        {"q": "a\x00"},
    ],
)
def test_list_refuses_bad_parameters(client, params):
    response = client.get(f"{API}/clauses", params)
    assert response.status_code == 422
    assert response.json()["detail"] == "Ugyldige data."


def test_read_clause_with_versions(client, coordinator):
    clause = make_clause(coordinator)
    operations.update_clause(coordinator, clause, clause_data(text="Ny tekst om {{leverandør}}."))
    body = client.get(f"{API}/clauses/{clause.slug}").json()
    assert body["version"] == 2 and body["text"] == "Ny tekst om {{leverandør}}."
    assert [v["number"] for v in body["versions"]] == [2, 1]
    assert client.get(f"{API}/clauses/findes-ikke").status_code == 404
    assert client.get(f"{API}/clauses/a%00b").status_code == 404


def test_compose_returns_filled_text_and_file_urls(client):
    response = client.post(
        f"{API}/clauses/compose",
        {
            "title": "Krav til affaldssensorer",
            "buyer": "Randers Kommune",
            "clauses": ["exitplan", "ejerskab-til-data"],
            "values": {
                "leverandør": "Leverandøren",
                "løsning": "affaldsløsningen",
                "frist_arbejdsdage": "20",
            },
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    [data, exit_] = body["sections"]
    assert data["label"] == "Dataejerskab og adgang til rådata"
    clause = data["clauses"][0]
    assert clause["number"] == "1.1" and clause["version"] == 1
    assert clause["text"].startswith("Alle data, som affaldsløsningen indsamler")
    assert "Randers Kommune" in exit_["clauses"][0]["text"]
    assert "{{" not in str(body["sections"])
    docx = Client().get(body["docx_url"].removeprefix("http://testserver"))
    assert docx.status_code == 200
    assert "Krav til affaldssensorer" in Document(io.BytesIO(docx.content)).paragraphs[0].text
    assert Client().get(body["pdf_url"].removeprefix("http://testserver")).status_code == 200


def test_compose_missing_placeholders_is_422_per_field(client):
    response = client.post(
        f"{API}/clauses/compose",
        {"title": "T", "buyer": "B", "clauses": ["exitplan"], "values": {"leverandør": "L"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "values.frist_arbejdsdage", "message": "Udfyld „Frist (arbejdsdage)“."}
    ]


def test_compose_unknown_clause_is_422(client):
    response = client.post(
        f"{API}/clauses/compose",
        {"title": "", "buyer": "B", "clauses": ["findes-ikke"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"title", "clauses"}


# --- writes ----------------------------------------------------------------------------------

NEW = {
    "title": "Åbne API'er for trafikdata",
    "topic": "aabne-standarder",
    "tags": ["Trafik", "API"],
    "text": "{{leverandør}} skal udstille trafikdata via {{api_standard}}.",
    "reason": "Trafikdata skal kunne genbruges.",
}


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 401), ("editor_a", 403), ("editor_b", 403), ("coordinator", 201)],
)
def test_create_clause(api_tokens, persona, status):
    response = api_tokens[persona].post(f"{API}/clauses", NEW, content_type="application/json")
    assert response.status_code == status
    assert Clause.objects.filter(title=NEW["title"]).exists() == (status == 201)
    if status == 201:
        body = response.json()
        assert body["slug"] == "aabne-apier-for-trafikdata"
        assert sorted(body["tags"]) == ["API", "Trafik"]
        assert response["Location"] == f"{API}/clauses/{body['slug']}"


def test_create_clause_422_on_bad_placeholder(api_tokens):
    response = api_tokens["coordinator"].post(
        f"{API}/clauses", NEW | {"text": "{{leverandør} skal"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "text"


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 401), ("editor_a", 403), ("coordinator", 200)],
)
def test_update_clause(api_tokens, coordinator, persona, status):
    clause = make_clause(coordinator)
    response = api_tokens[persona].put(
        f"{API}/clauses/{clause.slug}",
        NEW | {"text": "Ny tekst.", "change_note": "API"},
        content_type="application/json",
    )
    assert response.status_code == status
    assert clause.versions.count() == (2 if status == 200 else 1)
    if status == 200:
        assert response.json()["version"] == 2


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 401), ("editor_a", 201), ("editor_b", 201), ("coordinator", 201)],
)
def test_propose(api_tokens, coordinator, persona, status):
    clause = make_clause(coordinator)
    response = api_tokens[persona].post(
        f"{API}/clauses/{clause.slug}/proposals",
        {"text": "Forslag.", "reason": "Fordi.", "change_note": "Kortere"},
        content_type="application/json",
    )
    assert response.status_code == status
    assert clause.versions.filter(status=VersionStatus.PROPOSED).exists() == (status == 201)


@pytest.mark.parametrize(
    "persona,status",
    [("anonymous", 401), ("editor_a", 403), ("coordinator", 200)],
)
@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_review(api_tokens, coordinator, editor_a, persona, status, decision):
    clause = make_clause(coordinator)
    proposal = operations.propose_version(
        editor_a, clause, clause_data(text="Forslag.", change_note="Kortere")
    )
    response = api_tokens[persona].post(
        f"{API}/clauses/{clause.slug}/versions/{proposal.number}/{decision}",
        {"note": "Tak"},
        content_type="application/json",
    )
    assert response.status_code == status
    proposal.refresh_from_db()
    if status == 200:
        assert response.json()["status"] == proposal.status
        assert proposal.status == ("udgivet" if decision == "accept" else "afvist")
    else:
        assert proposal.status == VersionStatus.PROPOSED
    missing = api_tokens["coordinator"].post(
        f"{API}/clauses/{clause.slug}/versions/99/{decision}", {}, content_type="application/json"
    )
    assert missing.status_code == 404
