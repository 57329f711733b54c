"""The open API: all municipalities with phase and status (filters, pagination), one with its
history, the phases, and updates with a write token (401/403/404/422 and the audit source)."""

import json

import pytest
from django.test import Client

from smartby.api.operations import create_token
from smartby.audit.models import AuditEntry
from smartby.climate import demo
from smartby.climate.models import ClimatePlan, PhaseEvent
from smartby.climate.tests.helpers import set_plan

pytestmark = pytest.mark.django_db


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def put(client: Client, path: str, body: dict):
    return client.put(path, json.dumps(body), content_type="application/json")


def test_list_all_municipalities_with_filters(client, coordinator):
    set_plan(coordinator, "461")
    body = client.get("/api/v1/dk2020").json()
    assert body["count"] == 98 and body["limit"] == 100 and len(body["results"]) == 98
    by_code = {r["code"]: r for r in body["results"]}
    assert by_code["751"]["phase"] == "optagelse" and by_code["751"]["cohort"] == "foer_1_runde"
    assert by_code["101"]["phase"] is None and by_code["101"]["status"] == "ikke_startet"
    assert by_code["461"]["status_label"] == "I gang" and by_code["461"]["demo"] is False
    assert by_code["751"]["url"].endswith("/dk2020/751/")

    mid = client.get("/api/v1/dk2020?region=region-midtjylland").json()
    assert mid["count"] == 19
    assert {r["region"] for r in mid["results"]} == {"Region Midtjylland"}
    phase = client.get("/api/v1/dk2020?phase=optagelse").json()
    assert sorted(r["municipality"] for r in phase["results"]) == [
        "Aarhus",
        "Lemvig",
        "Randers",
        "Samsø",
    ]
    none = client.get("/api/v1/dk2020?phase=ingen").json()
    assert none["count"] == 98 - 5
    started = client.get("/api/v1/dk2020?status=i_gang&region=region-syddanmark").json()
    assert [r["code"] for r in started["results"]] == ["461"]
    not_started = client.get("/api/v1/dk2020?status=ikke_startet").json()
    assert not_started["count"] == 98 - 5
    page = client.get("/api/v1/dk2020?limit=10&offset=95").json()
    assert page["count"] == 98 and len(page["results"]) == 3


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "offset=-1", "status=faerdig", "region=Region%20X", "phase=%00"],
)
def test_bad_list_parameters_are_422(client, query):
    assert client.get(f"/api/v1/dk2020?{query}").status_code == 422


def test_read_one_with_history_and_phases(client, editor_a):
    set_plan(editor_a, "751", comment="Kortlægning i gang.")
    body = client.get("/api/v1/dk2020/751").json()
    assert body["municipality"] == "Aarhus" and body["phase"] == "udarbejdelse"
    assert [(e["phase"], e["status"]) for e in body["history"]] == [
        ("optagelse", "i_gang"),
        ("udarbejdelse", "i_gang"),
    ]
    assert body["history"][1]["actor"] == "Anna Aarhus" and "@" not in json.dumps(body)
    assert "allerede med" in client.get("/api/v1/dk2020/730").json()["notes"]
    assert client.get("/api/v1/dk2020/999").status_code == 404
    assert client.get("/api/v1/dk2020/12").status_code == 422
    phases = client.get("/api/v1/dk2020/faser").json()
    assert [p["position"] for p in phases] == list(range(1, 9))
    assert phases[0]["from_seed"] is True and phases[-1]["from_seed"] is False


def test_demo_plans_are_marked_in_the_api(client):
    demo.load(seed=5)
    results = client.get("/api/v1/dk2020").json()["results"]
    assert {r["code"] for r in results if not r["demo"] and r["phase"]} >= {"751", "730"}
    assert sum(r["demo"] for r in results) >= 80


def test_update_needs_a_write_token(client, editor_a):
    body = {"phase": "udarbejdelse", "status": "i_gang", "date": "2024-01-10"}
    assert put(client, "/api/v1/dk2020/751", body).status_code == 401
    read_only = token_client(editor_a, scope="read")
    assert put(read_only, "/api/v1/dk2020/751", body).status_code == 403
    assert ClimatePlan.objects.get(municipality__code="751").phase.code == "optagelse"


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [
        ("editor_a", "751", 200),
        ("editor_b", "751", 403),
        ("editor_a", "461", 403),
        ("coordinator", "461", 200),
        ("coordinator", "999", 404),
    ],
)
def test_update_per_persona(request, persona, code, status):
    c = token_client(request.getfixturevalue(persona))
    events = PhaseEvent.objects.count()
    response = put(
        c,
        f"/api/v1/dk2020/{code}",
        {"phase": "udarbejdelse", "status": "i_gang", "date": "2024-01-10", "comment": "API"},
    )
    assert response.status_code == status, response.content
    if status == 200:
        body = response.json()
        assert body["phase"] == "udarbejdelse" and body["history"][-1]["comment"] == "API"
        entry = AuditEntry.objects.filter(object_type="climate.climateplan").latest("id")
        assert entry.source == "api"
        assert PhaseEvent.objects.count() == events + 1
    else:
        assert PhaseEvent.objects.count() == events


def test_update_keeps_fields_left_out_and_validates(coordinator):
    c = token_client(coordinator)
    ok = put(
        c,
        "/api/v1/dk2020/751",
        {"phase": "vedtagelse", "status": "vedtaget", "adopted_date": "2024-03-01"},
    )
    assert ok.status_code == 200
    plan = ClimatePlan.objects.get(municipality__code="751")
    assert plan.cohort == "foer_1_runde" and "allerede med" in plan.notes  # kept
    bad = put(c, "/api/v1/dk2020/751", {"status": "godkendt", "adopted_date": None})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "adopted_date"
    for body in (
        {"phase": "findes-ikke"},
        {"status": "x"},
        {"date": "2099-01-01"},
        {"plan_url": "ftp:/x"},
        {"comment": "x" * 2001},
        {"joined_year": 1990},
    ):
        assert put(c, "/api/v1/dk2020/751", body).status_code == 422, body
    plan.refresh_from_db()
    assert plan.status == "vedtaget" and plan.events.count() == 2
