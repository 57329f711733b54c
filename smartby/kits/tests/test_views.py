"""Pages: the kit list, the calendar, booking through the form, decisions, kit and event
editing — and every write path refusing the wrong persona."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from smartby.conftest import PERSONAS, assert_refused
from smartby.kits import operations
from smartby.kits.models import Booking, BookingStatus, Event, Kit
from smartby.kits.tests.helpers import (
    book,
    booking_data,
    day,
    event_data,
    kit_data,
    make_event,
    make_kit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kit(org_a):
    return make_kit(org_a)


def test_list_shows_availability_today(client, kit, org_a, editor_a):
    free = make_kit(org_a, name="Støjsensorer")
    book(editor_a, kit, org_a, 0, 1)
    html = client.get("/iot-kits/").content.decode()
    rows = {
        m[0]: m[1]
        for m in re.findall(r'<a href="/iot-kits/([^/]+)/">.*?kit-state-(\w+)', html, re.S)
    }
    assert rows == {kit.slug: "optaget", free.slug: "ledig"}
    assert "Nyt kit" not in html


def test_list_empty_state(client):
    assert "Der er endnu ingen IoT-kits til udlån." in client.get("/iot-kits/").content.decode()


def test_calendar_marks_booked_days_with_text(client, kit, org_a, editor_a, editor_b, org_b):
    approved = book(editor_a, kit, org_a, 1, 2)
    operations.decide_booking(editor_a, approved, {"decision": "godkendt", "note": ""})
    book(editor_b, kit, org_b, 3, 3)
    month = day(1).strftime("%Y-%m")
    html = client.get(f"/iot-kits/{kit.slug}/?maaned={month}").content.decode()
    assert "<caption>Ledighed i" in html
    assert html.count('<th scope="col">') >= 8  # week + seven days
    cell = re.compile(r'<td class="day day-(\w+)[^"]*"[^>]*>\s*<span class="day-number">(\d+)\.')
    states = {}
    for state, number in cell.findall(html):
        states.setdefault(int(number), set()).add(state)
    for offset, state in ((1, "optaget"), (2, "optaget"), (3, "afventer")):
        d = day(offset)
        if d.strftime("%Y-%m") == month:
            assert state in states[d.day]
    assert ">Optaget</span>" in html and ">Ledig</span>" in html
    # Previous/next month links, and junk months fall back to this month.
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert client.get(f"/iot-kits/{kit.slug}/?maaned=2026-13").status_code == 200
    assert client.get(f"/iot-kits/{kit.slug}/?maaned=x").status_code == 200


def test_calendar_month_navigation(client, kit):
    html = client.get(f"/iot-kits/{kit.slug}/?maaned=2030-01").content.decode()
    assert "Ledighed i januar 2030" in html
    assert "?maaned=2029-12" in html and "?maaned=2030-02" in html
    # Monday first: 1 January 2030 is a Tuesday, so the first row starts with 31 December.
    first_row = html.split("<tbody>", 2)[2].split("</tr>")[0]
    assert re.search(r"day-outside[^>]*>\s*<span class=\"day-number\">31\.", first_row)


def test_anonymous_sees_no_booking_form_and_no_purpose(client, kit, editor_b, org_b):
    book(editor_b, kit, org_b, 1, 2)
    html = client.get(f"/iot-kits/{kit.slug}/").content.decode()
    assert "Log ind for at reservere kittet" in html
    assert "Send reservation" not in html
    assert "Odense Kommune" in html  # the borrowing organisation is public
    assert "Dækningsmåling før indkøb" not in html  # the purpose is not
    assert "Bo Odense" not in html


def test_book_through_the_form(client_b, kit, org_b):
    page = client_b.get(f"/iot-kits/{kit.slug}/").content.decode()
    assert "Send reservation" in page
    assert 'value="odense-kommune" selected' in page  # the only organisation is preselected
    response = client_b.post(f"/iot-kits/{kit.slug}/reserver/", booking_data(org_b, 2, 4))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    detail = client_b.get(booking.get_absolute_url()).content.decode()
    assert "Afventer godkendelse" in detail and "Annullér reservationen" in detail
    assert "Gem afgørelse" not in detail


def test_overlapping_booking_is_refused_with_a_clear_error(client_a, client_b, kit, org_a, org_b):
    client_a.post(f"/iot-kits/{kit.slug}/reserver/", booking_data(org_a, 2, 4))
    response = client_b.post(
        f"/iot-kits/{kit.slug}/reserver/", booking_data(org_b, 4, 6, purpose="Min måling")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kittet er allerede reserveret i en del af perioden" in html
    assert "Min måling" in html  # input kept
    assert Booking.objects.count() == 1


def test_invalid_dates_show_form_errors(client_b, kit, org_b):
    response = client_b.post(f"/iot-kits/{kit.slug}/reserver/", booking_data(org_b, 5, 3))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Slutdatoen skal være samme dag som eller efter startdatoen." in html
    assert 'id="error-summary"' in html
    assert not Booking.objects.exists()


def test_owner_decides_through_the_page(client_a, kit, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 1, 2)
    page = client_a.get(booking.get_absolute_url()).content.decode()
    assert "Gem afgørelse" in page and "Bo Odense" in page
    missing_note = client_a.post(
        f"/iot-kits/reservationer/{booking.pk}/afgoer/", {"decision": "afvist"}
    )
    assert missing_note.status_code == 400
    assert "Skriv en begrundelse, når du afviser." in missing_note.content.decode()
    client_a.post(f"/iot-kits/reservationer/{booking.pk}/afgoer/", {"decision": "godkendt"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED
    again = client_a.post(
        f"/iot-kits/reservationer/{booking.pk}/afgoer/", {"decision": "afvist", "note": "x"}
    )
    assert again.status_code == 302
    assert "allerede afgjort" in client_a.get(again["Location"]).content.decode()
    client_a.post(f"/iot-kits/reservationer/{booking.pk}/afleveret/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.RETURNED


def test_booking_list(client_a, client_b, kit, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 1, 2)
    assert kit.name in client_a.get("/iot-kits/reservationer/").content.decode()
    own = client_b.get("/iot-kits/reservationer/").content.decode()
    assert booking.get_absolute_url() in own and "Ingen reservationer venter på jer." in own


# --- every write path refuses the wrong persona ---------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_booking_request_refusals(as_persona, persona, kit, org_a, org_b):
    """Only logged-in members book, and only for their own organisation (coordinators for any)."""
    response = as_persona(persona).post(
        f"/iot-kits/{kit.slug}/reserver/", booking_data(org_b, 1, 2)
    )
    if persona in ("editor_b", "coordinator", "superuser"):
        assert response.status_code == 302
    else:
        assert_refused(persona, response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_decision_refusals(as_persona, persona, kit, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 1, 2)
    client = as_persona(persona)
    response = client.post(
        f"/iot-kits/reservationer/{booking.pk}/afgoer/", {"decision": "godkendt"}
    )
    booking.refresh_from_db()
    if persona in ("editor_a", "coordinator", "superuser"):
        assert response.status_code == 302 and booking.status == BookingStatus.APPROVED
    else:
        assert_refused(persona, response)
        assert booking.status == BookingStatus.PENDING


@pytest.mark.parametrize("persona", PERSONAS)
def test_cancel_refusals(as_persona, persona, kit, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 1, 2)
    response = as_persona(persona).post(f"/iot-kits/reservationer/{booking.pk}/annuller/")
    booking.refresh_from_db()
    if persona in ("editor_b", "coordinator", "superuser"):
        assert booking.status == BookingStatus.CANCELLED
    else:
        assert_refused(persona, response)
        assert booking.status == BookingStatus.PENDING


@pytest.mark.parametrize("persona", PERSONAS)
def test_return_refusals(as_persona, persona, kit, editor_a, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 0, 2)
    operations.decide_booking(editor_a, booking, {"decision": "godkendt", "note": ""})
    response = as_persona(persona).post(f"/iot-kits/reservationer/{booking.pk}/afleveret/")
    booking.refresh_from_db()
    if persona in ("editor_a", "coordinator", "superuser"):
        assert booking.status == BookingStatus.RETURNED
    else:
        assert_refused(persona, response)
        assert booking.status == BookingStatus.APPROVED


@pytest.mark.parametrize("persona", PERSONAS)
def test_booking_detail_is_for_the_two_organisations(as_persona, persona, kit, editor_b, org_b):
    """The page shows the purpose and the requester's name: not for outsiders."""
    booking = book(editor_b, kit, org_b, 1, 2)
    response = as_persona(persona).get(booking.get_absolute_url())
    if persona == "anonymous":
        assert_refused(persona, response)
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_kit_create_refusals(as_persona, persona, org_a):
    client = as_persona(persona)
    response = client.post("/iot-kits/nyt/", kit_data(org_a, name="Nyt kit"))
    if persona in ("coordinator", "superuser"):
        kit = Kit.objects.get(name="Nyt kit")
        assert response.status_code == 302 and response["Location"] == kit.get_absolute_url()
        assert [i.name for i in kit.items.all()] == ["LoRaWAN-gateway", "Feltmåler"]
    else:
        assert_refused(persona, response)
        assert_refused(persona, client.get("/iot-kits/nyt/"))
        assert not Kit.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_kit_edit_refusals(as_persona, persona, kit, org_a):
    client = as_persona(persona)
    data = kit_data(org_a, name="Omdøbt kit", **{"items-TOTAL_FORMS": "0"})
    response = client.post(f"/iot-kits/{kit.slug}/rediger/", data)
    kit.refresh_from_db()
    if persona in ("editor_a", "coordinator", "superuser"):  # owner members edit their own
        assert response.status_code == 302 and kit.name == "Omdøbt kit"
    else:
        assert_refused(persona, response)
        assert kit.name == "LoRaWAN-gateway-kit"


def test_kit_form_errors_keep_input(client_coordinator, org_a):
    data = kit_data(org_a, name="", **{"items-0-quantity": "0"})
    response = client_coordinator.post("/iot-kits/nyt/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Giv kittet et navn." in html and "Antallet skal være mindst 1." in html
    assert 'value="Dokk1, Aarhus"' in html
    assert not Kit.objects.exists()


def test_kit_edit_keeps_and_removes_items(client_a, kit, org_a):
    items = list(kit.items.all())
    data = kit_data(
        org_a,
        **{
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "2",
            "items-0-id": str(items[0].pk),
            "items-0-quantity": "3",
            "items-1-id": str(items[1].pk),
            "items-1-DELETE": "on",
        },
    )
    assert client_a.post(f"/iot-kits/{kit.slug}/rediger/", data).status_code == 302
    assert [(i.name, i.quantity) for i in kit.items.all()] == [("LoRaWAN-gateway", 3)]


def test_editor_cannot_move_a_kit_to_another_organisation(client_a, kit, org_b):
    response = client_a.post(f"/iot-kits/{kit.slug}/rediger/", kit_data(org_b))
    assert response.status_code == 400
    kit.refresh_from_db()
    assert kit.owner.name == "Aarhus Kommune"


def test_reserved_slugs(org_a):
    assert make_kit(org_a, name="Nyt").slug == "nyt-kit"
    assert make_kit(org_a, name="Nyt").slug == "nyt-kit-2"


# --- årshjul --------------------------------------------------------------------------------


def test_year_view_lists_events_per_month(client, editor_a, org_a):
    year = timezone.localdate().year
    make_event(
        editor_a, org_a, title="Følgegruppemøde", start_date=dt.date(year, 3, 12).isoformat()
    )
    make_event(
        editor_a,
        org_a,
        title="Ansøgningsfrist",
        kind="deadline",
        start_time="",
        end_time="",
        start_date=dt.date(year, 10, 1).isoformat(),
    )
    make_event(editor_a, org_a, title="Næste år", start_date=dt.date(year + 1, 1, 5).isoformat())
    html = client.get("/aarshjul/").content.decode()
    assert f"Årshjulet {year}" in html
    assert html.count('class="year-month') == 12
    march = html.split('id="maaned-3"')[1].split('id="maaned-4"')[0]
    assert "Følgegruppemøde" in march and "13:00" in march
    october = html.split('id="maaned-10"')[1].split('id="maaned-11"')[0]
    assert "Ansøgningsfrist" in october and "Deadline" in october
    assert "Næste år" not in html
    assert "2 begivenheder i" in html
    assert "Næste år" in client.get(f"/aarshjul/?aar={year + 1}").content.decode()
    only_deadlines = client.get(f"/aarshjul/?aar={year}&type=deadline").content.decode()
    assert "Ansøgningsfrist" in only_deadlines and "Følgegruppemøde" not in only_deadlines
    assert client.get("/aarshjul/?aar=abc&type=<x>").status_code == 200


def test_event_detail(client, editor_a, org_a):
    event = make_event(editor_a, org_a)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Følgegruppemøde i GovTech Midtjylland" in html and "Aarhus Kommune" in html
    assert "<strong>fællesprojekter</strong>" in html
    assert f"/aarshjul/{event.pk}.ics" in html
    assert "Redigér" not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_event_create_refusals(as_persona, persona, org_a):
    client = as_persona(persona)
    response = client.post("/aarshjul/ny/", event_data(org_a))
    if persona in ("editor_a", "coordinator", "superuser"):
        assert response.status_code == 302
        assert Event.objects.get().created_by is not None
    elif persona == "editor_b":  # a member of another organisation than the organiser
        assert response.status_code in (400, 403)
        assert not Event.objects.exists()
    else:
        assert_refused(persona, response)
        assert not Event.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_event_edit_and_delete_refusals(as_persona, persona, editor_a, org_a):
    event = make_event(editor_a, org_a)
    client = as_persona(persona)
    response = client.post(f"/aarshjul/{event.pk}/rediger/", event_data(org_a, title="Nyt navn"))
    event.refresh_from_db()
    allowed = persona in ("editor_a", "coordinator", "superuser")
    if allowed:
        assert event.title == "Nyt navn"
    else:
        assert_refused(persona, response)
        assert event.title != "Nyt navn"
    response = client.post(f"/aarshjul/{event.pk}/slet/")
    if allowed:
        assert response.status_code == 302 and not Event.objects.exists()
    else:
        assert_refused(persona, response)
        assert Event.objects.exists()


def test_coordinator_curates_events_without_organiser(client_coordinator):
    response = client_coordinator.post("/aarshjul/ny/", event_data(None, title="KL-konference"))
    assert response.status_code == 302
    assert Event.objects.get().organiser is None


def test_event_form_errors(client_a, org_a):
    response = client_a.post(
        "/aarshjul/ny/",
        event_data(
            org_a, title="", start_date="2026-05-10", end_date="2026-05-01", end_time="25:00"
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Giv begivenheden en titel." in html
    assert "Slutdatoen skal være samme dag som eller efter datoen." in html
    assert "Skriv tidspunktet som TT:MM." in html
    same_day = client_a.post(
        "/aarshjul/ny/", event_data(org_a, start_time="15:00", end_time="13:00")
    )
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in same_day.content.decode()
    no_start = client_a.post("/aarshjul/ny/", event_data(org_a, start_time=""))
    assert "Angiv et starttidspunkt" in no_start.content.decode()
    assert not Event.objects.exists()


def test_editor_cannot_organise_for_another_organisation(editor_a, org_b):
    from django.core.exceptions import PermissionDenied

    from smartby.lib.errors import ValidationFailed

    with pytest.raises((PermissionDenied, ValidationFailed)):
        operations.create_event(editor_a, event_data(org_b))
    with pytest.raises(ValidationFailed):  # an editor must name one of their organisations
        operations.create_event(editor_a, event_data(None))
