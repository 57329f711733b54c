"""API: guides, the kompetencetjek, scoring, saving results and peer averages."""

import json

import pytest
from django.test import Client

from smartby.api.operations import create_token
from smartby.guides.models import Guide, Result
from smartby.guides.tests.helpers import answers, assessment
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def post(client: Client, url: str, body) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_list_guides_paginated_and_filtered(client):
    data = client.get("/api/v1/guides?limit=3").json()
    assert data["count"] == Guide.objects.count() == 10
    assert len(data["results"]) == 3 and data["limit"] == 3
    rest = client.get("/api/v1/guides?limit=100&offset=3").json()
    assert len(rest["results"]) == 7
    pitches = client.get("/api/v1/guides?kind=elevatortale").json()
    assert pitches["count"] == 7
    assert {g["area"] for g in pitches["results"]} >= {"forsyning", "borgerinddragelse"}
    assert client.get("/api/v1/guides?kind=findes-ikke").status_code == 422
    assert client.get("/api/v1/guides?limit=1000").status_code == 422


def test_read_guide_with_html_markdown_and_live_projects(client, editor_a):
    make_project(editor_a, title="Fjernaflæste vandmålere", status="drift")
    data = client.get("/api/v1/guides/elevatortale-forsyning").json()
    assert data["kind"] == "elevatortale" and data["version"] == 1
    assert "## Hvad kan vi vinde?" in data["body_markdown"]
    assert "<h2>Hvad kan vi vinde?</h2>" in data["body_html"]
    assert [p["title"] for p in data["live_projects"]] == ["Fjernaflæste vandmålere"]
    assert data["live_projects"][0]["municipalities"] == ["Aarhus"]
    assert data["live_projects_url"].endswith(
        "/projekter/?area=forsyning&status=drift&status=pilot"
    )
    plain = client.get("/api/v1/guides/udbudstips").json()
    assert plain["live_projects"] == [] and plain["live_projects_url"] is None
    assert client.get("/api/v1/guides/findes-ikke").status_code == 404
    assert client.get("/api/v1/guides/" + "x" * 200).status_code == 422


def test_read_assessment(client):
    data = client.get("/api/v1/competence-check").json()
    assert [s["label"] for s in data["scale"]] == [
        "Slet ikke",
        "I mindre grad",
        "I nogen grad",
        "I høj grad",
        "I meget høj grad",
    ]
    assert len(data["dimensions"]) == 7
    assert data["dimensions"][0]["slug"] == "strategi-og-ledelse"
    assert all(q["weight"] >= 1 for d in data["dimensions"] for q in d["questions"])


def test_score_anonymously_without_saving(client):
    r = post(client, "/api/v1/competence-check/score", {"answers": answers(2, data=4)})
    assert r.status_code == 200
    data = r.json()
    by_slug = {d["slug"]: d for d in data["dimensions"]}
    assert by_slug["data"]["score"] == 100.0 and by_slug["data"]["level"] == "hoej"
    assert by_slug["strategi-og-ledelse"]["level"] == "middel"
    assert by_slug["data"]["advice"]
    assert data["total"] == 57.1
    assert not Result.objects.exists()


def test_score_incomplete_or_invalid_is_422(client):
    raw = answers(2)
    first = next(iter(raw))
    raw.pop(first)
    r = post(client, "/api/v1/competence-check/score", {"answers": raw})
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": f"answers.{first}", "message": "Vælg et svar på spørgsmålet."}
    ]
    r = post(client, "/api/v1/competence-check/score", {"answers": answers(5)})
    assert r.status_code == 422
    assert post(client, "/api/v1/competence-check/score", {"answers": "x"}).status_code == 422
    assert post(client, "/api/v1/competence-check/score", {}).status_code == 422


def test_save_result_with_write_token(editor_a, org_a):
    r = post(
        token_client(editor_a),
        "/api/v1/competence-check/results",
        {"organisation": org_a.slug, "answers": answers(3)},
    )
    assert r.status_code == 201, r.content
    data = r.json()
    result = Result.objects.get()
    assert data["id"] == result.pk and data["organisation"] == org_a.slug
    assert data["total"] == 75.0 and result.created_by == editor_a
    assert r["Location"] == f"/kompetencetjek/resultater/{result.pk}/"


def test_save_result_refusals(client, editor_a, coordinator, org_a, org_b):
    body = {"organisation": org_b.slug, "answers": answers(3)}
    url = "/api/v1/competence-check/results"
    assert post(client, url, body).status_code == 401
    assert post(token_client(editor_a, "read"), url, body).status_code == 403
    assert post(token_client(editor_a), url, body).status_code == 403  # not a member
    assert post(token_client(coordinator), url, body).status_code == 403
    unknown = post(token_client(editor_a), url, body | {"organisation": "findes-ikke"})
    assert unknown.status_code == 422
    incomplete = post(token_client(editor_a), url, {"organisation": org_a.slug, "answers": {}})
    assert incomplete.status_code == 422
    assert not Result.objects.exists()


def test_peers_only_aggregates_from_three_organisations(client, editor_a):
    from smartby.conftest import make_user
    from smartby.guides import operations
    from smartby.orgs.models import Organisation

    empty = client.get("/api/v1/competence-check/peers").json()
    assert empty == {"count": 0, "minimum": 3, "total": None, "dimensions": []}
    orgs = list(Organisation.objects.filter(kind="kommune").order_by("name")[:3])
    for org, value in zip(orgs, (0, 2, 4), strict=True):
        member = make_user(f"p{org.pk}@example.org", orgs=(org.municipality.code,))
        operations.save_result(member, assessment(), org, answers(value))
        data = client.get("/api/v1/competence-check/peers").json()
        if org is not orgs[-1]:
            assert data["dimensions"] == [] and data["total"] is None
    assert data["count"] == 3 and data["total"] == 50.0
    assert {d["average"] for d in data["dimensions"]} == {50.0}
    assert set(data) == {"count", "minimum", "total", "dimensions"}
    assert not any(org.slug in json.dumps(data) or org.name in json.dumps(data) for org in orgs)
