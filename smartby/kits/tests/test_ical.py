"""The iCal feeds, parsed back with icalendar: approved loans with the borrowing organisation
only (no people, no purpose), and the årshjul's events."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from smartby.kits import operations
from smartby.kits.tests.helpers import book, day, make_event, make_kit

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def kit(org_a):
    return make_kit(org_a)


def test_kit_feed_has_approved_loans_without_personal_data(
    client, kit, org_a, editor_a, editor_b, org_b
):
    approved = book(editor_b, kit, org_b, 2, 4)
    operations.decide_booking(editor_a, approved, {"decision": "godkendt", "note": "Hent hos Jens"})
    book(editor_a, kit, org_a, 6, 7)  # pending: not in the feed
    rejected = book(editor_b, kit, org_b, 9, 9)
    operations.decide_booking(editor_a, rejected, {"decision": "afvist", "note": "Nej"})
    response = client.get(f"/iot-kits/{kit.slug}/kalender.ics")
    cal = parse(response)
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Udlånt til Odense Kommune"
    assert event.decoded("DTSTART") == day(2)
    assert event.decoded("DTEND") == day(5)  # exclusive: the day after the last day
    assert str(event["UID"]) == f"kit-booking-{approved.pk}@smartby"
    assert str(cal["X-WR-CALNAME"]) == "LoRaWAN-gateway-kit"
    body = response.content.decode()
    for private in (editor_b.email, "Bo Odense", editor_b.name, "Dækningsmåling", "Hent hos Jens"):
        assert private not in body


def test_all_kits_feed(client, kit, org_a, editor_a, editor_b, org_b):
    other = make_kit(org_a, name="Støjsensorer")
    for k, start in ((kit, 1), (other, 1)):
        b = book(editor_b, k, org_b, start, start + 1)
        operations.decide_booking(editor_a, b, {"decision": "godkendt", "note": ""})
    cal = parse(client.get("/iot-kits/kalender.ics"))
    summaries = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert summaries == [
        "LoRaWAN-gateway-kit: udlånt til Odense Kommune",
        "Støjsensorer: udlånt til Odense Kommune",
    ]
    assert editor_b.email not in client.get("/iot-kits/kalender.ics").content.decode()


def test_empty_feeds_are_valid(client, kit):
    assert parse(client.get(f"/iot-kits/{kit.slug}/kalender.ics")).walk("VEVENT") == []
    assert parse(client.get("/aarshjul/kalender.ics")).walk("VEVENT") == []
    assert client.get("/iot-kits/findes-ikke/kalender.ics").status_code == 404


def test_events_feed_and_single_event(client, editor_a, org_a):
    meeting = make_event(editor_a, org_a, start_date="2026-03-12")
    deadline = make_event(
        editor_a,
        org_a,
        title="DK2020: ansøgningsfrist",
        kind="deadline",
        start_date="2026-10-21",
        start_time="",
        end_time="",
        url="",
    )
    conference = make_event(
        editor_a,
        org_a,
        title="KL's Digitaliseringskonference",
        kind="konference",
        start_date="2026-03-18",
        end_date="2026-03-19",
        start_time="",
        end_time="",
    )
    cal = parse(client.get("/aarshjul/kalender.ics"))
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {meeting.title, deadline.title, conference.title}
    timed = events[meeting.title]
    start = timed.decoded("DTSTART")
    copenhagen = ZoneInfo("Europe/Copenhagen")
    assert start == dt.datetime(2026, 3, 12, 13, 0, tzinfo=copenhagen)
    assert start.utcoffset() == dt.timedelta(hours=1)  # winter time
    assert timed.decoded("DTEND") == dt.datetime(2026, 3, 12, 15, 30, tzinfo=copenhagen)
    assert str(timed["LOCATION"]) == "Dokk1, Aarhus"
    assert "Arrangør: Aarhus Kommune" in str(timed["DESCRIPTION"])
    assert str(timed["URL"]) == "https://example.org/moede"
    all_day = events[deadline.title]
    assert all_day.decoded("DTSTART") == dt.date(2026, 10, 21)
    assert all_day.decoded("DTEND") == dt.date(2026, 10, 22)
    assert str(all_day["URL"]).endswith(f"/aarshjul/{deadline.pk}/")
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    two_days = events[conference.title]
    assert two_days.decoded("DTEND") == dt.date(2026, 3, 20)
    single = parse(client.get(f"/aarshjul/{meeting.pk}.ics"))
    assert [str(e["SUMMARY"]) for e in single.walk("VEVENT")] == [meeting.title]
    assert editor_a.email not in client.get("/aarshjul/kalender.ics").content.decode()
