"""Browser tests in Debian's Chromium: the DK2020 map draws all 98 municipalities coloured by
phase, with a legend and the table equivalent; the region overview; a member of the
municipality updates the phase and sees it in the timeline. Each page passes axe-core."""

import pytest
from playwright.sync_api import Page, expect

from smartby.climate import demo
from smartby.climate.models import ClimatePlan

pytestmark = pytest.mark.browser


def test_map_table_and_region_overview(page: Page, live_server, axe_check):
    demo.load(seed=2026)
    page.goto(live_server.url + "/dk2020/")
    expect(page.locator("h1")).to_have_text("DK2020-klimaplaner")
    expect(page.locator("#dk2020-map")).to_have_attribute("data-loaded", "98")
    areas = page.locator("#dk2020-map path.dk2020-area")
    expect(areas).to_have_count(98)
    fills = areas.evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    assert all(f and f.startswith("#") for f in fills)
    assert len(set(fills)) >= 5  # several phases, each its own colour
    aarhus = page.locator('#dk2020-map path[data-kode="751"]')
    expect(aarhus).to_have_attribute("data-fase", "optagelse")
    legend = page.locator(".dk2020-legend")
    expect(legend).to_contain_text("Optagelse i fase 1 eller 2")
    expect(legend).to_contain_text("Ikke tilmeldt / ingen fase")
    # The accessible equivalent: one row per municipality, with the same phase.
    expect(page.locator("#dk2020-table tbody tr")).to_have_count(98)
    row = page.locator('#dk2020-table tr[data-kode="751"]')
    expect(row).to_contain_text("Optagelse i fase 1 eller 2")
    expect(row).to_have_attribute("data-fase", "optagelse")
    expect(page.locator("#dk2020-demo-note")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Se overblikket pr. region og beskrivelsen af faserne").click()
    expect(page.locator("h1")).to_have_text("DK2020 pr. region")
    expect(page.locator("svg.dk2020-chart")).to_be_visible()
    expect(page.locator("#dk2020-overview tbody tr")).to_have_count(5)
    expect(
        page.locator('#dk2020-overview tr[data-region="region-midtjylland"] td').last
    ).to_have_text("19")
    expect(page.locator("#dk2020-overview tfoot td").last).to_have_text("98")
    axe_check(page)


def test_member_updates_the_phase(page: Page, live_server, login_page, editor_a, axe_check):
    login_page(page, editor_a)
    page.goto(live_server.url + "/dk2020/751/")
    expect(page.locator("#dk2020-phase")).to_have_text("3. Optagelse i fase 1 eller 2")
    axe_check(page)
    page.get_by_role("link", name="Opdatér fase og status").click()
    form = page.locator("main form")
    form.get_by_label("Nuværende fase").select_option("vedtagelse")
    form.get_by_label("Status").select_option("vedtaget")
    form.get_by_label("Kommentar til historikken").fill("Byrådet vedtog planen.")
    form.get_by_role("button", name="Gem").click()
    # Adopted without a date: refused with the input kept.
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Skriv datoen, hvor klimaplanen blev vedtaget.")
    expect(form.get_by_label("Kommentar til historikken")).to_have_value("Byrådet vedtog planen.")
    axe_check(page)
    form.get_by_label("Vedtaget den").fill("2024-04-18")
    form.get_by_label("Dato for ændringen").fill("2024-04-18")
    form.get_by_role("button", name="Gem").click()
    expect(page.locator(".messages")).to_contain_text("Klimaplanens status er opdateret.")
    expect(page.locator("#dk2020-status")).to_have_text("Vedtaget")
    expect(page.locator('.dk2020-step[aria-current="step"]')).to_contain_text("Politisk vedtagelse")
    expect(page.locator("#dk2020-history tbody tr").first).to_contain_text("Byrådet vedtog planen.")
    plan = ClimatePlan.objects.get(municipality__code="751")
    assert plan.status == "vedtaget" and plan.events.count() == 2
    axe_check(page)
