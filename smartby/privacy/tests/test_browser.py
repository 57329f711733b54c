""" "Mine data" in Chromium: ask for a link, follow it from the real e-mail, see the data, and
delete it with the confirm step; each page passes axe."""

import pytest
from playwright.sync_api import expect

from smartby.privacy.tests.helpers import METTE, METTE_NAME, contact_names, person_everywhere


@pytest.mark.browser
def test_mine_data_by_link(page, live_server, settings, smtp_server, axe_check, editor_a):
    settings.SITE_URL = live_server.url
    person = person_everywhere(editor_a)

    page.goto(live_server.url + "/privatliv/mine-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine data")
    axe_check(page)
    # An empty form: the error is tied to the field and focused.
    page.get_by_role("button", name="Send mig et link").click()
    expect(page.get_by_label("E-mail")).to_be_focused()
    expect(page.locator("#request-errors")).to_contain_text("Skriv din e-mailadresse.")
    axe_check(page)

    page.get_by_label("E-mail").fill(METTE)
    page.get_by_role("button", name="Send mig et link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    [message] = smtp_server.wait_for(1)
    link = next(u for u in smtp_server.links(message) if "/mine-data/" in u)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine data i Smartby")
    expect(page.locator("main")).to_contain_text(METTE_NAME)
    expect(page.get_by_role("heading", name="Kontaktperson på projekter (1)")).to_be_visible()
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent alle data (JSON)").click()
    assert download.value.suggested_filename == "smartby-mine-data.json"

    page.get_by_role("link", name="Slet mine data …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slet mine data")
    axe_check(page)
    page.get_by_label("Ja, slet mine oplysninger – det kan ikke fortrydes").check()
    page.get_by_role("button", name="Slet mine data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine data er slettet")
    axe_check(page)
    assert contact_names(person.project) == ["Jens Privat"]
