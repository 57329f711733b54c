"""Browser tests in Debian's Chromium: the organisation pages, scanned by axe-core."""

import pytest
from playwright.sync_api import Page, expect

from smartby.orgs.models import Organisation

pytestmark = pytest.mark.browser


def test_editor_creates_a_partner_company(page: Page, live_server, login_page, axe_check, editor_a):
    login_page(page, editor_a)
    page.goto(live_server.url + "/organisationer/")
    axe_check(page)
    page.get_by_role("link", name="Opret organisation").click()
    page.get_by_role("textbox", name="Navn", exact=True).fill("Sensorfirmaet ApS")
    page.get_by_label("Type").select_option("virksomhed")
    page.get_by_label("CVR-nummer").fill("12345678")
    page.get_by_role("button", name="Opret organisation").click()
    expect(page.locator("main")).to_contain_text(
        "CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen."
    )
    axe_check(page)
    page.get_by_label("CVR-nummer").fill("10150817")
    page.get_by_role("button", name="Opret organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sensorfirmaet ApS")
    expect(page.locator(".messages")).to_contain_text("er oprettet")
    axe_check(page)
    assert Organisation.objects.get(name="Sensorfirmaet ApS").cvr == "10150817"
