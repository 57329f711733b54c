import json

import pytest
from django.test import Client

from smartby.api.operations import create_token
from smartby.audit.models import AuditEntry
from smartby.radar.models import Blip
from smartby.radar.tests.helpers import make_edition
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"radar-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def post(c: Client, url: str, data: dict):
    return c.post(url, json.dumps(data), content_type="application/json")


def patch(c: Client, url: str, data: dict):
    return c.patch(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def draft():
    return make_edition(2030, [("LoRaWAN", "netvaerk", "afproev")], published=False)


def test_list_editions_published_only(client, draft):
    make_edition(2029, [("AI", "anvendelser", "afvent")])
    body = client.get("/api/v1/radar/editions").json()
    assert body["count"] == 2
    years = [e["year"] for e in body["results"]]
    assert years == [2029, 2026]
    first = body["results"][0]
    assert first["blip_count"] == 1
    assert first["api_url"] == "http://testserver/api/v1/radar/editions/2029"
    page = client.get("/api/v1/radar/editions?limit=1&offset=1").json()
    assert [e["year"] for e in page["results"]] == [2026] and page["count"] == 2
    assert client.get("/api/v1/radar/editions?limit=1000").status_code == 422
    assert client.get("/api/v1/radar/editions?offset=-1").status_code == 422


def test_read_an_edition_with_moves_and_evidence(client, editor_a):
    make_project(editor_a, status="drift")
    make_edition(
        2030, [("IoT-sensorer", "sensorer", "afproev"), ("Robotter", "sensorer", "afvent")]
    )
    make_edition(2031, [("IoT-sensorer", "sensorer", "anvend")])
    body = client.get("/api/v1/radar/editions/2031").json()
    assert body["previous_year"] == 2030
    (blip,) = body["blips"]
    assert blip["technology"] == {"name": "IoT-sensorer", "slug": "iot-sensorer"}
    assert (blip["ring"], blip["ring_label"], blip["quadrant"]) == ("anvend", "Anvend", "sensorer")
    assert blip["move"] == "ind" and blip["previous_ring"] == "afproev"
    assert blip["evidence"]["operation_municipalities"] == 1
    assert blip["evidence"]["pilot_municipalities"] == 0
    assert blip["evidence"]["operation_projects_url"].endswith(
        "/projekter/?technology=iot-sensorer&status=drift"
    )
    assert blip["url"] == "http://testserver/teknologiradar/teknologi/iot-sensorer/"
    assert body["left"] == [
        {
            "technology": {"name": "Robotter", "slug": "robotter"},
            "quadrant": "sensorer",
            "ring": "afvent",
        }
    ]


def test_read_errors(client, draft):
    assert client.get("/api/v1/radar/editions/2030").status_code == 404  # a draft
    assert client.get("/api/v1/radar/editions/2099").status_code == 404
    assert client.get("/api/v1/radar/editions/1999").status_code == 422
    assert client.get("/api/v1/radar/editions/abc").status_code == 422


BLIP = {"technology": "droner", "quadrant": "sensorer", "ring": "afproev", "rationale": "Test."}


def test_write_needs_a_write_token_of_a_coordinator(client, editor_a, draft):
    url = "/api/v1/radar/editions/2030/blips"
    assert post(client, url, BLIP).status_code == 401
    assert post(token_client(editor_a), url, BLIP).status_code == 403
    assert post(token_client(editor_a, "read"), url, BLIP).status_code == 403
    lora = "/api/v1/radar/editions/2030/blips/lorawan"
    assert patch(client, lora, {"rationale": "x"}).status_code == 401
    assert patch(token_client(editor_a), lora, {"rationale": "x"}).status_code == 403
    assert draft.blips.count() == 1
    assert draft.blips.get().rationale == "LoRaWAN står i afproev."
    assert not AuditEntry.objects.filter(object_type__startswith="radar.").exists()


def test_coordinator_adds_and_moves_blips(coordinator, draft):
    c = token_client(coordinator)
    response = post(c, "/api/v1/radar/editions/2030/blips", BLIP)
    assert response.status_code == 201, response.content
    assert response.json()["technology"]["slug"] == "droner"
    assert AuditEntry.objects.get(object_type="radar.blip").source == "api"

    response = patch(
        c,
        "/api/v1/radar/editions/2030/blips/lorawan",
        {"ring": "anvend", "rationale": "Fælles net."},
    )
    assert response.status_code == 200
    assert response.json()["ring"] == "anvend"
    assert Blip.objects.get(edition=draft, technology__slug="lorawan").ring == "anvend"


def test_write_validation_and_not_found(coordinator, draft):
    c = token_client(coordinator)
    response = post(c, "/api/v1/radar/editions/2030/blips", {**BLIP, "rationale": " "})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "rationale", "message": "Skriv en begrundelse."}]
    response = post(c, "/api/v1/radar/editions/2030/blips", {**BLIP, "technology": "lorawan"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "technology"
    response = patch(c, "/api/v1/radar/editions/2030/blips/lorawan", {"ring": "anvend"})
    assert response.status_code == 422
    assert post(c, "/api/v1/radar/editions/2099/blips", BLIP).status_code == 404
    assert patch(c, "/api/v1/radar/editions/2030/blips/ai", {"rationale": "x"}).status_code == 404
    assert (
        patch(c, "/api/v1/radar/editions/2030/blips/a%00b", {"rationale": "x"}).status_code == 404
    )
    assert post(c, "/api/v1/radar/editions/2030/blips", {"technology": "x"}).status_code == 422
    assert draft.blips.count() == 1
