"""The markedsoverblik's API: reads, filters, pagination, proposals and coordinator writes."""

import pytest
from django.test import Client

from smartby.api.operations import create_token
from smartby.catalogue.models import Proposal, Solution

pytestmark = pytest.mark.django_db

API = "/api/v1"


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_list_and_read_suppliers(client, catalogue):
    body = client.get(f"{API}/suppliers").json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["name"] == "Lysværket A/S (test)" and first["solutions"] == 1
    assert first["size"] == "stor" and len(first["cvr"]) == 8
    detail = client.get(f"{API}/suppliers/{catalogue['supplier'].pk}").json()
    assert [s["name"] for s in detail["solution_list"]] == ["Fyldningssensor", "Indeklimasensor"]
    assert client.get(f"{API}/suppliers/999999").status_code == 404
    assert client.get(f"{API}/suppliers/0").status_code == 422
    assert client.get(f"{API}/suppliers", {"limit": 1000}).status_code == 422


def test_solutions_filter_and_paginate(client, catalogue):
    body = client.get(f"{API}/solutions", {"limit": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2
    assert body["previous"] is None and "offset=2" in body["next"]
    rest = client.get(body["next"]).json()
    assert [s["name"] for s in rest["results"]] == ["Lysstyring"]
    assert rest["next"] is None and rest["previous"]

    def names(**params):
        return [s["name"] for s in client.get(f"{API}/solutions", params).json()["results"]]

    assert names(category="iot-platform") == ["Lysstyring"]
    assert names(technology="lorawan") == ["Fyldningssensor"]
    assert names(standard="ngsi-ld") == ["Indeklimasensor"]
    assert names(area="forsyning") == ["Fyldningssensor", "Indeklimasensor", "Lysstyring"]
    assert names(area="kultur-og-fritid") == []
    assert names(technology=["lorawan", "smart-belysning"]) == ["Fyldningssensor", "Lysstyring"]
    assert names(q="x\x00") == []


def test_solution_detail_lists_uses(client, catalogue):
    sensor = catalogue["sensor"]
    body = client.get(f"{API}/solutions/{sensor.pk}").json()
    assert body["municipalities"] == ["Aarhus", "Odense"]
    assert {s["slug"] for s in body["standards"]} == {"lorawan", "mqtt"}
    uses = {u["project_title"]: u for u in body["uses"]}
    assert uses["Affaldssensorer i Aarhus"]["municipalities"] == ["Aarhus"]
    assert uses["Affaldssensorer i Aarhus"]["experience"] == "Husk rådata i kontrakten."
    assert uses["Affald i Odense"]["project_id"] == catalogue["odense"].uid
    assert uses["Affald i Odense"]["project_url"].endswith(catalogue["odense"].get_absolute_url())
    assert client.get(f"{API}/solutions/{2**31}").status_code == 422
    assert client.get(f"{API}/solutions/abc").status_code == 422


def test_standards(client, catalogue):
    body = client.get(f"{API}/standards", {"limit": 200}).json()
    by_slug = {s["slug"]: s for s in body["results"]}
    assert by_slug["lorawan"]["solutions"] == 1 and by_slug["os2iot"]["kind"] == "interoperabilitet"
    detail = client.get(f"{API}/standards/{by_slug['ngsi-ld']['id']}").json()
    assert [s["name"] for s in detail["solution_list"]] == ["Indeklimasensor"]
    assert client.get(f"{API}/standards/99999").status_code == 404


def test_proposals_need_a_write_token_of_a_supplier_member(
    client, catalogue, editor_a, coordinator
):
    url = f"{API}/solutions/{catalogue['sensor'].pk}/proposals"
    payload = {"price_note": "Nu billigere", "standards": ["lorawan", "os2iot"]}
    assert client.post(url, payload, content_type="application/json").status_code == 401
    read = token_client(catalogue["member"], "read")
    assert read.post(url, payload, content_type="application/json").status_code == 403
    for outsider in (editor_a, coordinator):
        response = token_client(outsider).post(url, payload, content_type="application/json")
        assert response.status_code == 403
    assert not Proposal.objects.exists()
    member = token_client(catalogue["member"])
    bad = member.post(url, {"hosting": "månen"}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "hosting"
    response = member.post(url, payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "afventer"
    assert response.json()["data"] == {
        "price_note": "Nu billigere",
        "standards": ["lorawan", "os2iot"],
    }
    assert Solution.objects.get(pk=catalogue["sensor"].pk).price_note != "Nu billigere"
    other = f"{API}/solutions/{catalogue['light'].pk}/proposals"
    assert member.post(other, payload, content_type="application/json").status_code == 403
    nul = member.post(url, {"name": "a\x00b"}, content_type="application/json")
    assert nul.status_code == 422


def test_coordinator_writes(catalogue, coordinator, editor_a):
    api = token_client(coordinator)
    payload = {
        "supplier": catalogue["other"].pk,
        "name": "Lyssensor",
        "category": "sensorer",
        "description": "Måler lys.",
        "hosting": "egen-drift",
        "price_model": "open-source",
        "standards": ["lorawan"],
    }
    response = api.post(f"{API}/solutions", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["slug"] == "lyssensor" and created["standards"][0]["slug"] == "lorawan"
    pk = created["id"]
    response = api.patch(
        f"{API}/solutions/{pk}", {"hosting": "eu-cloud"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["hosting"] == "eu-cloud"
    assert response.json()["standards"][0]["slug"] == "lorawan"
    bad = api.patch(f"{API}/solutions/{pk}", {"supplier": 999999}, content_type="application/json")
    assert bad.status_code == 422
    editor = token_client(editor_a)
    assert (
        editor.post(f"{API}/solutions", payload, content_type="application/json").status_code == 403
    )
    assert (
        editor.patch(f"{API}/solutions/{pk}", {}, content_type="application/json").status_code
        == 403
    )
    assert editor.delete(f"{API}/solutions/{pk}").status_code == 403
    assert Client().delete(f"{API}/solutions/{pk}").status_code == 401
    assert api.delete(f"{API}/solutions/{pk}").status_code == 204
    assert api.delete(f"{API}/solutions/{pk}").status_code == 404
