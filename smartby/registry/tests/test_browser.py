"""Browser tests in Debian's Chromium: the map, the list facets, create/edit, permission denial,
the language switch and an axe-core scan of the main pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.browser


@pytest.fixture
def projects(editor_a, org_b):
    make_project(editor_a, title="Affaldssensorer i Aarhus", status="pilot")
    make_project(
        editor_a,
        title="Fælles gadebelysning",
        municipalities=["751", "461"],
        status="drift",
        technologies=[],
        partners=[{"organisation": str(org_b.pk), "role": "Partner"}],
    )
    return Project.objects.all()


def test_map_loads_and_filters_keep_the_url(page: Page, live_server, projects, axe_check):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/kort/")
    # 98 municipalities drawn as SVG paths, and the table alternative filled from the same data.
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(98, timeout=15000)
    aarhus = page.locator("table tr", has_text="Aarhus").first
    expect(aarhus).to_contain_text("2")
    expect(page.locator("#map-count")).to_contain_text("2")
    page.get_by_label("Status").select_option("drift")
    expect(page).to_have_url(re.compile(r"status=drift"))
    expect(page.locator("#map-count")).to_contain_text("1 projekt")
    expect(page.locator("table tr", has_text="Odense").first).to_contain_text("1")
    # A reload keeps the filter.
    page.reload()
    expect(page.get_by_label("Status")).to_have_value("drift")
    expect(page.locator("#map-count")).to_contain_text("1 projekt")
    axe_check(page)
    assert not errors, errors


def test_list_facets_filter_and_count(page: Page, live_server, projects, axe_check):
    page.goto(live_server.url + "/projekter/")
    expect(page.locator(".result-count")).to_contain_text("2 projekter")
    page.locator("fieldset.facet", has_text="Status").get_by_label(re.compile("Drift")).check()
    expect(page.locator(".result-count")).to_contain_text("1 projekt")
    expect(page).to_have_url(re.compile(r"status=drift"))
    expect(page.locator("#results")).to_contain_text("Fælles gadebelysning")
    expect(page.locator("#results")).not_to_contain_text("Affaldssensorer")
    axe_check(page)


def test_create_edit_and_see_history(page: Page, live_server, login_page, editor_a, axe_check):
    login_page(page, editor_a)
    page.goto(live_server.url + "/projekter/ny/")
    axe_check(page)
    # Submitting an empty form shows Danish errors and keeps what was typed.
    page.get_by_label("Titel").fill("Droner til broinspektion")
    page.get_by_role("button", name="Opret projekt").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv et kort resumé")
    expect(page.get_by_label("Titel")).to_have_value("Droner til broinspektion")
    page.get_by_label("Resumé").fill(
        "Droner fotograferer broerne, så inspektion kræver færre lifte."
    )
    page.get_by_label("Kommuner").select_option(["751"])
    page.get_by_label("Område").select_option(label="Teknik og miljø")
    page.get_by_label("Status").select_option("pilot")
    page.get_by_label("Droner").check()
    # Add a contact person row with the "Tilføj" button.
    page.get_by_role("button", name=re.compile("Tilføj: kontaktpersoner")).click()
    row = page.locator("fieldset[data-formset=contacts] .formset-row").last
    row.get_by_label("Navn").fill("Pia Pilot")
    row.get_by_label("E-mail").fill("pia@example.org")
    page.get_by_role("button", name="Opret projekt").click()
    expect(page.locator("h1")).to_have_text("Droner til broinspektion")
    expect(page.locator(".messages")).to_contain_text("Projektet er oprettet")
    page.get_by_role("link", name="Redigér").click()
    page.get_by_label("Status").select_option("drift")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator(".badge").first).to_have_text("Drift")
    page.get_by_role("link", name="Se ændringshistorik").click()
    expect(page.locator(".history")).to_contain_text("ændrede")
    expect(page.locator(".history")).to_contain_text("drift")
    project = Project.objects.get(title="Droner til broinspektion")
    assert project.contacts.get().email == "pia@example.org"


def test_editor_of_other_organisation_is_refused(
    page: Page, live_server, login_page, editor_b, projects
):
    project = projects.get(title="Affaldssensorer i Aarhus")
    login_page(page, editor_b)
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.get_by_role("link", name="Redigér")).to_have_count(0)
    response = page.goto(live_server.url + f"/projekter/{project.slug}/rediger/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Ingen adgang")


def test_language_switch(page: Page, live_server, projects):
    page.goto(live_server.url + "/projekter/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Projects")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("h1")).to_have_text("Projekter")


@pytest.mark.parametrize(
    "path",
    ["/", "/kommuner/", "/kommuner/751/", "/projekter/{slug}/", "/projekter/{slug}/historik/"],
)
def test_main_pages_have_no_serious_accessibility_violations(
    page: Page, live_server, projects, axe_check, path
):
    slug = projects.first().slug
    page.goto(live_server.url + path.format(slug=slug))
    axe_check(page)
