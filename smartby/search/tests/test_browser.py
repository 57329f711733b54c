"""Search in Chromium: the suggestion combobox on /soeg/ (keyboard only), "Hvem har gjort det
før?" on /match/, and axe-core scans of the result pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.browser


@pytest.fixture
def projects(editor_a, editor_b, org_b):
    affald = make_project(
        editor_a,
        title="Affaldssensorer i containere",
        summary="Sensorer måler fyldningsgraden, så containerne kun tømmes efter behov.",
    )
    odense = make_project(
        editor_b,
        title="Fyldningsmålere på byens containere",
        summary="Sensorer melder, når containerne er fulde, så tømning sker efter behov.",
        lead=org_b,
        municipalities=["461"],
        contacts=[],
    )
    return affald, odense


def test_suggestions_are_a_keyboard_combobox(page: Page, live_server, projects, axe_check):
    affald, _ = projects
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/soeg/")
    box = page.get_by_role("combobox", name="Søg i projekter, organisationer og fagkolleger")
    listbox = page.get_by_role("listbox", name="Forslag")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()

    box.press_sequentially("affald", delay=60)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(listbox.locator(".suggestion-term").first).to_have_attribute(
        "data-value", re.compile("^affald")
    )
    expect(listbox.locator(".suggestion-project")).to_contain_text("Affaldssensorer i containere")
    axe_check(page)  # with the list open

    # ArrowDown selects the first option; Escape closes the list.
    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    # Closing the list keeps what was typed (a search field clears itself on Escape).
    expect(box).to_have_value("affald")
    page.wait_for_timeout(300)  # no late request empties the list
    expect(page.locator("#q-suggestions [role=option]").first).to_be_attached()

    # ArrowDown opens it again; Enter on a word searches for it.
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(first).to_have_attribute("aria-selected", "true")
    word = first.get_attribute("data-value")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/soeg/\?q=" + re.escape(word) + "$"))
    expect(page.locator("#kind-project")).to_contain_text("Affaldssensorer i containere")
    expect(page.locator("#kind-project mark").first).to_be_visible()
    axe_check(page)

    # Enter on a project title opens the project.
    box = page.get_by_role("combobox")
    box.fill("")
    box.press_sequentially("affaldss", delay=60)
    project_option = page.locator("#q-suggestions .suggestion-project")
    expect(project_option).to_have_count(1)
    expect(box).to_have_attribute("aria-expanded", "true")
    count = page.locator("#q-suggestions [role=option]").count()
    for _ in range(count):
        box.press("ArrowDown")
        if project_option.get_attribute("aria-selected") == "true":
            break
    expect(project_option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(live_server.url + affald.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Affaldssensorer i containere")
    # The project page loads its similar projects with htmx.
    expect(page.locator("section.similar")).to_contain_text("Fyldningsmålere på byens containere")
    expect(page.locator("section.similar")).to_contain_text("En anden kommune")
    assert not errors, errors


def test_match_finds_who_did_it_before(page: Page, live_server, projects, axe_check):
    page.goto(live_server.url + "/match/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvem har gjort det før?")
    axe_check(page)
    page.get_by_label("Din udfordring").fill(
        "Vores containere flyder over. Vi vil bruge sensorer til at måle fyldningsgraden."
    )
    page.get_by_role("button", name="Find dem").click()
    expect(page.get_by_role("status")).to_contain_text("projekter ligner")
    found = page.locator("section", has=page.get_by_role("heading", name="Projekter"))
    expect(found.locator(".hit-title")).to_have_count(2)
    expect(found).to_contain_text("Affaldssensorer i containere")
    expect(found.locator(".reasons").first).to_contain_text("Fælles ord:")
    others = page.locator("section", has=page.get_by_role("heading", name="Kontaktpersoner"))
    expect(others).to_contain_text("Aarhus")
    expect(others).to_contain_text("Odense")
    expect(others).to_contain_text("Mette Hansen")
    expect(page.locator("main")).not_to_contain_text("Jens Privat")
    expect(page.locator("main")).not_to_contain_text("@example.org")
    expect(page.get_by_label("Din udfordring")).to_have_value(re.compile("^Vores containere"))
    axe_check(page)

    # Too little text: the error is tied to the field.
    page.get_by_label("Din udfordring").fill("ok")
    page.get_by_role("button", name="Find dem").click()
    expect(page.locator("#tekst-error")).to_have_text("Beskriv udfordringen med mindst et par ord.")
    expect(page.get_by_label("Din udfordring")).to_have_attribute("aria-invalid", "true")
    axe_check(page)
