"""Find en fagkollega and the contact form in Chromium: find a colleague, write to them, see the
confirmation, and the email arrives at a real SMTP server."""

import pytest
from playwright.sync_api import expect

from smartby.network.models import ContactRequest
from smartby.network.tests.helpers import contact, project_with

MESSAGE = "Hej Mette. Vi overvejer affaldssensorer i Odense – hvordan har jeres pilot været?"


@pytest.mark.browser
def test_find_a_colleague_and_write_to_them(
    page, live_server, settings, smtp_server, axe_check, editor_a
):
    settings.SITE_URL = live_server.url
    settings.CONTACT_MIN_FILL_SECONDS = 1
    project = project_with(
        editor_a,
        "Affaldssensorer i containere",
        [
            contact("Mette Hansen", "mette@aarhus.example.org"),
            contact("Jens Privat", "jens@aarhus.example.org", public=False),
        ],
    )

    page.goto(live_server.url + "/fagkolleger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find en fagkollega")
    axe_check(page)
    page.get_by_label("Søg efter navn, rolle eller emne").fill("affaldssensorer")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("status").first).to_have_text("1 fagkollega")
    card = page.locator("article.peer-card")
    expect(card).to_contain_text("Mette Hansen")
    expect(page.locator("main")).not_to_contain_text("Jens")
    card.get_by_role("link", name="Skriv til Mette Hansen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakt projektet")
    expect(page.get_by_label("Modtager")).to_have_value(
        str(project.contacts.get(name="Mette Hansen").pk)
    )
    expect(page.locator("main")).not_to_contain_text("@aarhus.example.org")
    axe_check(page)

    # Sending the empty form: the error summary is shown and focused, and passes axe.
    page.get_by_role("button", name="Send besked").click()
    summary = page.locator("#contact-errors")
    expect(page.get_by_label("Dit navn")).to_be_focused()
    expect(summary).to_contain_text("Dit navn: Dette felt er påkrævet.")
    axe_check(page)

    page.get_by_label("Dit navn").fill("Bo Odense")
    page.get_by_label("Din e-mail").fill("bo@odense.example.org")
    page.get_by_label("Din organisation").select_option(label="Odense Kommune")
    page.get_by_label("Emne").select_option(label="Erfaringsudveksling")
    page.get_by_label("Besked").fill(MESSAGE)
    page.wait_for_timeout(1100)  # at least CONTACT_MIN_FILL_SECONDS after the form was shown
    page.get_by_role("button", name="Send besked").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tak – din besked er sendt")
    expect(page.locator("main")).not_to_contain_text("@aarhus.example.org")
    axe_check(page)

    messages = {m["To"]: m for m in smtp_server.wait_for(2)}
    assert set(messages) == {"mette@aarhus.example.org", "bo@odense.example.org"}
    assert messages["mette@aarhus.example.org"]["Reply-To"] == "Bo Odense <bo@odense.example.org>"
    assert MESSAGE in smtp_server.text(messages["mette@aarhus.example.org"])
    assert "aarhus.example.org" not in smtp_server.text(messages["bo@odense.example.org"])
    assert ContactRequest.objects.get().project == project
