"""Browser test in Chromium: the radar renders, keyboard focus on a blip highlights its table
row, the quadrant filter works without reloading, and axe finds no serious violations."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.radar.tests.helpers import make_edition
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.browser


@pytest.fixture
def editions(editor_a):
    make_project(editor_a, status="pilot")
    make_edition(2030, [("LoRaWAN", "netvaerk", "afproev"), ("Blockchain", "netvaerk", "afvent")])
    return make_edition(
        2031,
        [
            ("IoT-sensorer", "sensorer", "anvend"),
            ("LoRaWAN", "netvaerk", "anvend"),
            ("Åbne data", "data", "anvend"),
            ("AI", "anvendelser", "undersoeg"),
        ],
    )


def test_radar_keyboard_highlight_and_quadrant_filter(page: Page, live_server, editions, axe_check):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/teknologiradar/")
    expect(page.locator("svg.radar-svg a.radar-blip")).to_have_count(4)
    expect(page.locator(".radar-table tbody tr")).to_have_count(4)
    expect(page.locator("#blip-row-1")).to_contain_text("IoT-sensorer")
    expect(page.locator("#blip-row-1")).to_contain_text("1")  # municipalities in pilot
    axe_check(page)

    # Tab from the last quadrant filter link onto the first blip.
    page.get_by_role("link", name="Analyse og anvendelser", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.locator("#blip-1")).to_be_focused()
    expect(page.locator("#blip-row-1")).to_have_class(re.compile("is-highlighted"))
    page.keyboard.press("Tab")
    expect(page.locator("#blip-2")).to_be_focused()
    expect(page.locator("#blip-row-1")).not_to_have_class(re.compile("is-highlighted"))
    expect(page.locator("#blip-row-2")).to_have_class(re.compile("is-highlighted"))
    # Hovering a row highlights its blip.
    page.locator("#blip-row-3").hover()
    expect(page.locator("#blip-3")).to_have_class(re.compile("is-highlighted"))

    # Quadrant filter: no reload, the URL keeps it.
    page.get_by_role("link", name="Netværk og forbindelse", exact=True).click()
    expect(page).to_have_url(re.compile(r"kvadrant=netvaerk"))
    expect(page.locator(".radar-table tbody tr:visible")).to_have_count(1)
    expect(page.locator(".radar-table tbody tr:visible")).to_contain_text("LoRaWAN")
    expect(page.locator("#blip-1")).to_have_class(re.compile("is-dimmed"))
    expect(page.locator("#blip-2")).not_to_have_class(re.compile("is-dimmed"))
    page.get_by_role("link", name="Alle kvadranter", exact=True).click()
    expect(page.locator(".radar-table tbody tr:visible")).to_have_count(4)

    # The blip is a link to the technology's history.
    page.locator("#blip-2").click()
    expect(page).to_have_url(re.compile(r"/teknologiradar/teknologi/lorawan/$"))
    expect(page.locator("h1")).to_have_text("LoRaWAN")
    expect(page.locator("table")).to_contain_text("Rykket ind")
    axe_check(page)
    assert not errors, errors


def test_radar_works_without_javascript(browser, live_server, editions):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    page.goto(live_server.url + "/teknologiradar/")
    page.get_by_role("link", name="Sensorer og enheder", exact=True).click()
    expect(page).to_have_url(re.compile(r"kvadrant=sensorer"))
    expect(page.locator(".radar-table tbody tr:visible")).to_have_count(1)
    page.get_by_role("link", name=re.compile("^1. IoT-sensorer")).click()
    expect(page.locator("h1")).to_have_text("IoT-sensorer")
    context.close()


def test_coordinator_moves_a_blip(
    page: Page, live_server, login_page, coordinator, editions, axe_check
):
    login_page(page, coordinator)
    page.goto(live_server.url + "/teknologiradar/2031/rediger/")
    axe_check(page)
    page.get_by_role("link", name="Flyt eller ret AI").click()
    page.get_by_label("Ring").select_option("anvend")
    page.get_by_role("button", name="Gem placeringen").click()
    # Same rationale: refused, input kept.
    expect(page.locator(".field.has-error")).to_contain_text("skriv en ny begrundelse")
    expect(page.get_by_label("Ring")).to_have_value("anvend")
    axe_check(page)
    page.get_by_label("Begrundelse").fill("Bruges nu i drift i flere kommuner.")
    page.get_by_role("button", name="Gem placeringen").click()
    expect(page).to_have_url(re.compile(r"/teknologiradar/2031/rediger/$"))
    expect(page.locator("table")).to_contain_text("Anvend")
