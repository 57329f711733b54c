"""Browser flow in Chromium: pick three solutions on the list and compare them side by side."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.catalogue.models import Standard
from smartby.catalogue.reference import load_reference_standards

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _standards(transactional_db):
    """The flush after other transactional tests removes the migration's standards."""
    load_reference_standards(Standard)


def test_compare_three_solutions(page: Page, live_server, catalogue, axe_check):
    page.goto(live_server.url + "/markedsoverblik/")
    expect(page.locator(".result-count")).to_contain_text("3 løsninger")
    axe_check(page)
    # Too few first: a clear message, and a way back.
    page.get_by_label("Sammenlign Fyldningssensor").check()
    page.get_by_role("button", name="Sammenlign valgte").click()
    expect(page.get_by_role("alert")).to_contain_text("Vælg mindst 2 løsninger")
    page.get_by_role("link", name="Tilbage til løsningerne").click()

    for name in ("Fyldningssensor", "Indeklimasensor", "Lysstyring"):
        page.get_by_label(f"Sammenlign {name}").check()
    page.get_by_role("button", name="Sammenlign valgte").click()
    expect(page).to_have_url(re.compile(r"/markedsoverblik/sammenlign/\?l=fyldningssensor"))
    table = page.locator("table#comparison")
    expect(table.locator("caption")).to_have_text("3 løsninger side om side")
    expect(table.locator("thead th")).to_have_text(
        ["Egenskab", "Fyldningssensor", "Indeklimasensor", "Lysstyring"]
    )
    hosting = table.locator("tbody tr", has=page.locator("th", has_text="Hosting"))
    expect(hosting.locator("td")).to_have_text(
        ["Dansk datacenter", "EU/EØS-cloud", "Uden for EU/EØS"]
    )
    supplier = table.locator("tbody tr", has=page.locator("th", has_text="Leverandør"))
    expect(supplier.locator("td")).to_have_text(
        ["Sensorværket ApS (test)", "Sensorværket ApS (test)", "Lysværket A/S (test)"]
    )
    used = table.locator("tbody tr", has=page.locator("th", has_text="Bruges af kommuner"))
    expect(used.locator("td")).to_have_text(["Aarhus, Odense", "–", "–"])
    axe_check(page)
    # From the table to a solution: its municipalities and what they learned.
    table.get_by_role("link", name="Fyldningssensor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fyldningssensor")
    expect(page.locator("main")).to_contain_text("Husk rådata i kontrakten.")
    axe_check(page)
    # The standards catalogue the guides link to.
    page.goto(live_server.url + "/markedsoverblik/standarder/")
    expect(page.locator("table caption")).to_contain_text(
        "standarder og interoperabilitetsløsninger"
    )
    expect(page.get_by_role("link", name="OS2iot")).to_be_visible()
    axe_check(page)
