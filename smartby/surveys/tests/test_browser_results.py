"""Browser test in Chromium: the results of a round — chart, table equivalent, group switch,
suppressed cells — and an axe-core scan."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.surveys.tests.test_results_views import make_closed_round, submitted

pytestmark = pytest.mark.browser


def test_view_results_switch_group(page: Page, live_server, axe_check) -> None:
    round_ = make_closed_round(count=30)
    rs = submitted(round_)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/undersoegelser/runder/{round_.key}/resultater/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(round_.name)
    # The screening question: its chart and its table equivalent.
    section = page.locator("#q-smart_city")
    expect(section.locator("svg[role=img]")).to_have_count(1)
    expect(section.locator("table caption")).to_contain_text("tabel")
    expect(section.locator("tbody tr")).to_have_count(4)
    expect(page.locator("#mest-udbredte svg[role=img]")).to_have_count(1)
    axe_check(page)

    smart = [r for r in rs if r.answers.get("smart_city") in ("coordinated", "activities")]
    page.get_by_label("Vis tal for").select_option("smart_city")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page).to_have_url(re.compile(r"gruppe=smart_city"))
    expect(page.locator("#results-current")).to_contain_text(
        f"Kommuner med Smart City – {len(smart)} besvarelse"
    )
    # Only the group's own screening answers are left: "planning" and "none" are 0.
    rows = section.locator("tbody tr")
    expect(rows.nth(2).locator("td").last).to_have_text("0,0")
    expect(rows.nth(3).locator("td").last).to_have_text("0,0")

    page.get_by_label("Vis tal for").select_option("yderkommune")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("#results-current")).to_contain_text("Yderkommuner")
    expect(page.locator("#results-current")).to_contain_text("færre end 3 kommuner")
    axe_check(page)
    assert errors == []
