"""The open API: kits, their booked periods, booking requests (409 on overlap, 422 on bad
dates), decisions, and the årshjul's events."""

import json

import pytest
from django.test import Client

from smartby.api.operations import create_token
from smartby.kits.models import Booking, BookingStatus
from smartby.kits.tests.helpers import book, day, make_event, make_kit

pytestmark = pytest.mark.django_db


def token_client(user, scope: str = "write") -> Client:
    _, secret = create_token(user, name=f"test-{scope}", scope=scope)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def post(client: Client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def payload(start: int, end: int, **extra) -> dict:
    return {
        "start_date": day(start).isoformat(),
        "end_date": day(end).isoformat(),
        "purpose": "Afprøvning",
        **extra,
    }


@pytest.fixture
def kit(org_a):
    return make_kit(org_a)


def test_list_and_read_kits(client, kit, org_a, editor_b, org_b):
    make_kit(org_a, name="Inaktivt kit", active="")
    book(editor_b, kit, org_b, 0, 2)
    body = client.get("/api/v1/kits?limit=10").json()
    assert body["count"] == 1 and body["limit"] == 10 and body["offset"] == 0
    [row] = body["results"]
    assert row["slug"] == kit.slug and row["owner"] == "Aarhus Kommune"
    assert row["available_today"] is False
    assert row["ical_url"].endswith(f"/iot-kits/{kit.slug}/kalender.ics")
    detail = client.get(f"/api/v1/kits/{kit.slug}").json()
    assert [i["name"] for i in detail["items"]] == ["LoRaWAN-gateway", "Feltmåler"]
    assert detail["booked"] == [
        {
            "start_date": day(0).isoformat(),
            "end_date": day(2).isoformat(),
            "status": "afventer",
            "borrower": "Odense Kommune",
        }
    ]
    assert "Bo Odense" not in json.dumps(detail) and editor_b.email not in json.dumps(detail)
    assert client.get("/api/v1/kits/findes-ikke").status_code == 404
    assert client.get("/api/v1/kits?limit=0").status_code == 422
    assert client.get("/api/v1/kits?limit=201").status_code == 422
    assert client.get("/api/v1/kits?offset=5").json()["results"] == []


def test_request_a_booking(kit, editor_b, org_b):
    response = post(token_client(editor_b), f"/api/v1/kits/{kit.slug}/bookings", payload(1, 3))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "afventer" and body["borrower"] == "Odense Kommune"
    booking = Booking.objects.get()
    assert body["id"] == booking.pk and booking.requested_by == editor_b
    assert response["Location"].endswith(booking.get_absolute_url())


def test_overlap_is_409_in_danish(kit, editor_a, org_a, editor_b):
    book(editor_a, kit, org_a, 2, 4)
    response = post(token_client(editor_b), f"/api/v1/kits/{kit.slug}/bookings", payload(4, 5))
    assert response.status_code == 409
    assert "Kittet er allerede reserveret i en del af perioden" in response.json()["detail"]
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (payload(5, 4), "end_date"),
        (payload(-2, 1), "start_date"),
        ({"start_date": "2026-02-30", "end_date": "2026-03-01", "purpose": "x"}, "start_date"),
        ({"start_date": "2030-01-01", "purpose": "x"}, "end_date"),
    ],
)
def test_invalid_dates_are_422(kit, editor_b, body, field):
    response = post(token_client(editor_b), f"/api/v1/kits/{kit.slug}/bookings", body)
    assert response.status_code == 422
    assert field in {e["field"].split(".")[-1] for e in response.json()["errors"]}
    assert not Booking.objects.exists()


def test_booking_auth(client, kit, editor_a, editor_b, org_a, org_b, coordinator):
    path = f"/api/v1/kits/{kit.slug}/bookings"
    assert post(client, path, payload(1, 2)).status_code == 401
    assert post(token_client(editor_b, "read"), path, payload(1, 2)).status_code == 403
    # Not for another organisation; an editor of several organisations must name one.
    assert post(token_client(editor_b), path, payload(1, 2, borrower=org_a.slug)).status_code == 403
    assert post(token_client(coordinator), path, payload(1, 2)).status_code == 422
    response = post(token_client(coordinator), path, payload(1, 2, borrower=org_b.slug))
    assert response.status_code == 201
    assert (
        post(token_client(editor_b), "/api/v1/kits/findes-ikke/bookings", payload(5, 6)).status_code
        == 404
    )


def test_decision(client, kit, editor_a, editor_b, org_b, coordinator):
    booking = book(editor_b, kit, org_b, 1, 2)
    path = f"/api/v1/bookings/{booking.pk}/decision"
    assert post(client, path, {"decision": "godkendt"}).status_code == 401
    assert post(token_client(editor_b), path, {"decision": "godkendt"}).status_code == 403
    missing_note = post(token_client(editor_a), path, {"decision": "afvist"})
    assert missing_note.status_code == 422
    assert missing_note.json()["errors"][0]["field"] == "note"
    assert post(token_client(editor_a), path, {"decision": "maaske"}).status_code == 422
    ok = post(token_client(editor_a), path, {"decision": "godkendt", "note": "Velkommen"})
    assert ok.status_code == 200 and ok.json()["status"] == "godkendt"
    assert ok.json()["decision_note"] == "Velkommen"
    again = post(token_client(coordinator), path, {"decision": "afvist", "note": "x"})
    assert (
        again.status_code == 409 and again.json()["detail"] == "Reservationen er allerede afgjort."
    )
    assert Booking.objects.get().status == BookingStatus.APPROVED
    assert (
        post(
            token_client(editor_a), "/api/v1/bookings/999999/decision", {"decision": "godkendt"}
        ).status_code
        == 404
    )


def test_events(client, editor_a, org_a):
    make_event(editor_a, org_a, title="Marts", start_date="2026-03-12")
    make_event(
        editor_a,
        org_a,
        title="Oktober",
        kind="deadline",
        start_date="2026-10-21",
        start_time="",
        end_time="",
    )
    make_event(editor_a, org_a, title="Næste år", start_date="2027-03-02")
    body = client.get("/api/v1/events?year=2026").json()
    assert body["count"] == 2
    assert [e["title"] for e in body["results"]] == ["Marts", "Oktober"]
    march = body["results"][0]
    assert march["start_time"] == "13:00:00" and march["organiser"] == "Aarhus Kommune"
    assert march["ical_url"].endswith(".ics")
    assert [
        e["title"] for e in client.get("/api/v1/events?year=2026&month=10").json()["results"]
    ] == ["Oktober"]
    assert client.get("/api/v1/events?kind=deadline").json()["count"] == 1
    page = client.get("/api/v1/events?limit=1&offset=1").json()
    assert page["count"] == 3 and [e["title"] for e in page["results"]] == ["Oktober"]
    assert client.get("/api/v1/events?month=13").status_code == 422
    assert client.get("/api/v1/events?year=99999").status_code == 422
    assert client.get("/api/v1/events?limit=500").status_code == 422


@pytest.mark.parametrize(
    "persona", ["anonymous", "editor_a", "editor_b", "coordinator", "superuser"]
)
def test_write_paths_per_persona(
    persona, kit, org_a, org_b, editor_a, editor_b, coordinator, superuser
):
    users = {
        "editor_a": editor_a,
        "editor_b": editor_b,
        "coordinator": coordinator,
        "superuser": superuser,
    }
    client = Client() if persona == "anonymous" else token_client(users[persona])
    # Booking for Odense: its members and coordinators may.
    created = post(client, f"/api/v1/kits/{kit.slug}/bookings", payload(1, 2, borrower=org_b.slug))
    expected = {
        "anonymous": 401,
        "editor_a": 403,
        "editor_b": 201,
        "coordinator": 201,
        "superuser": 201,
    }
    assert created.status_code == expected[persona]
    # Deciding Odense's request for Aarhus' kit: Aarhus' members and coordinators may.
    booking = book(editor_b, kit, org_b, 10, 11)
    decided = post(client, f"/api/v1/bookings/{booking.pk}/decision", {"decision": "godkendt"})
    expected = {
        "anonymous": 401,
        "editor_a": 200,
        "editor_b": 403,
        "coordinator": 200,
        "superuser": 200,
    }
    assert decided.status_code == expected[persona]
    booking.refresh_from_db()
    assert (booking.status == BookingStatus.APPROVED) == (expected[persona] == 200)
