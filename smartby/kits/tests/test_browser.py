"""Browser tests in Debian's Chromium: book a kit, then be refused an overlapping booking with a
clear error; the calendar and the årshjul pass axe-core."""

import pytest
from playwright.sync_api import Page, expect

from smartby.kits.models import Booking, BookingStatus
from smartby.kits.tests.helpers import day, make_event, make_kit

pytestmark = pytest.mark.browser


def test_book_a_kit_then_be_refused_an_overlap(
    page: Page, live_server, login_page, editor_b, org_a, axe_check
):
    kit = make_kit(org_a)
    login_page(page, editor_b)
    page.goto(live_server.url + kit.get_absolute_url())
    expect(page.locator("h1")).to_have_text("LoRaWAN-gateway-kit")
    expect(page.locator("table.kit-calendar caption")).to_contain_text("Ledighed i")
    axe_check(page)

    form = page.locator("form", has=page.get_by_role("button", name="Send reservation"))
    expect(form.get_by_label("Lånende organisation")).to_have_value("odense-kommune")
    form.get_by_label("Fra og med").fill(day(3).isoformat())
    form.get_by_label("Til og med").fill(day(5).isoformat())
    form.get_by_label("Formål").fill("Dækningsmåling ved tre skoler")
    form.get_by_role("button", name="Send reservation").click()
    expect(page.locator(".messages")).to_contain_text("Din reservation er sendt til Aarhus Kommune")
    expect(page.locator("h1")).to_have_text("Reservation af LoRaWAN-gateway-kit")
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING and booking.end_date == day(5)

    # The days are now marked in the calendar with text, and an overlapping request is refused.
    page.goto(live_server.url + kit.get_absolute_url() + f"?maaned={day(5):%Y-%m}")
    expect(page.locator("td.day-afventer").first).to_contain_text("Afventer")
    form = page.locator("form", has=page.get_by_role("button", name="Send reservation"))
    form.get_by_label("Fra og med").fill(day(5).isoformat())
    form.get_by_label("Til og med").fill(day(7).isoformat())
    form.get_by_label("Formål").fill("En måling mere")
    form.get_by_role("button", name="Send reservation").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Kittet er allerede reserveret i en del af perioden")
    expect(page.get_by_label("Formål")).to_have_value("En måling mere")
    assert Booking.objects.count() == 1
    axe_check(page)

    # The day after the last day is free (inclusive end dates).
    form = page.locator("form", has=page.get_by_role("button", name="Send reservation"))
    form.get_by_label("Fra og med").fill(day(6).isoformat())
    form.get_by_label("Til og med").fill(day(7).isoformat())
    form.get_by_role("button", name="Send reservation").click()
    expect(page.locator(".messages")).to_contain_text("Din reservation er sendt")
    assert Booking.objects.count() == 2


def test_aarshjul_and_kit_list_pass_axe(page: Page, live_server, editor_a, org_a, axe_check):
    make_kit(org_a)
    make_event(editor_a, org_a)
    page.goto(live_server.url + "/iot-kits/")
    expect(page.locator("table.kit-table")).to_contain_text("LoRaWAN-gateway-kit")
    axe_check(page)
    page.goto(live_server.url + "/aarshjul/")
    expect(page.locator("#maaned-3 + ul")).to_contain_text("Følgegruppemøde i GovTech Midtjylland")
    axe_check(page)
    page.get_by_role("link", name="Følgegruppemøde i GovTech Midtjylland").click()
    expect(page.locator("h1")).to_have_text("Følgegruppemøde i GovTech Midtjylland")
    axe_check(page)
