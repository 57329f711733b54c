"""Browser tests (Chromium) of the upload page and of a conflicting edit in two browsers."""

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from smartby.audit.models import AuditEntry
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project
from smartby.registry.tests.test_upload import document, record

pytestmark = pytest.mark.browser


def _file(doc: dict) -> dict:
    return {
        "name": "projekter.json",
        "mimeType": "application/json",
        "buffer": json.dumps(doc).encode(),
    }


def test_upload_check_then_import(page: Page, live_server, login_page, editor_a, axe_check):
    login_page(page, editor_a)
    page.goto(live_server.url + "/projekter/importer/")
    axe_check(page)
    # A half-invalid file: the check lists the errors per record, nothing is stored.
    bad = document(record(1), record(2, title=""))
    page.get_by_label("Fil").set_input_files(_file(bad))
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.locator("#import-result")).to_contain_text("Filen har 1 fejl – intet er importeret")
    expect(page.locator("#import-result")).to_contain_text("Post 2")
    expect(page.locator("#import-result")).to_contain_text("Projektet skal have en titel.")
    axe_check(page)
    assert not Project.objects.filter(uid__startswith="upload-").exists()
    # A good file: the check (htmx, same page) shows the plan and keeps the chosen file ...
    good = document(record(1), record(2))
    page.get_by_label("Fil").set_input_files(_file(good))
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.locator("#import-result")).to_contain_text("Kontrol: filen kan importeres")
    expect(page.locator("#import-result")).to_contain_text("Sensorer i parker nr. 2")
    assert not Project.objects.filter(uid__startswith="upload-").exists()
    # ... so "Importér" imports it without choosing it again.
    page.get_by_role("button", name="Importér").click()
    expect(page.locator(".messages")).to_contain_text("2 oprettet, 0 opdateret, 0 uændret")
    assert Project.objects.filter(uid__startswith="upload-").count() == 2
    assert AuditEntry.objects.filter(source="upload", action="create").count() == 2
    axe_check(page)


def test_not_json_is_refused_with_a_clear_error(page: Page, live_server, login_page, editor_a):
    login_page(page, editor_a)
    page.goto(live_server.url + "/projekter/importer/")
    page.get_by_label("Fil").set_input_files(
        {"name": "billede.json", "mimeType": "application/json", "buffer": b"\x89PNG\r\n\x00\x00"}
    )
    page.get_by_role("button", name="Importér").click()
    expect(page.locator("#error-summary")).to_contain_text("Filen er ikke en tekstfil")
    assert not Project.objects.filter(uid__startswith="upload-").exists()


def test_two_browsers_edit_the_same_project(
    browser: Browser, live_server, login_page, editor_a, editor_b, org_b, axe_check
):
    project = make_project(editor_a, partners=[{"organisation": str(org_b.pk), "role": "Partner"}])
    url = live_server.url + f"/projekter/{project.slug}/rediger/"
    first = browser.new_context(locale="da-DK").new_page()
    second = browser.new_context(locale="da-DK").new_page()
    login_page(first, editor_a)
    login_page(second, editor_b)
    first.goto(url)
    second.goto(url)
    first.locator("#id_title").fill("Annas titel")
    first.get_by_role("button", name="Gem ændringer").click()
    expect(first.locator("h1")).to_have_text("Annas titel")
    second.locator("#id_title").fill("Bents titel")
    second.get_by_role("button", name="Gem ændringer").click()
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text("Projektet er ændret af en anden, siden du åbnede det")
    expect(conflict).to_contain_text("Titel – gemt nu: Annas titel")
    expect(second.locator("#id_title")).to_have_value("Bents titel")
    axe_check(second)
    project.refresh_from_db()
    assert project.title == "Annas titel"
    # Saving again, having seen the conflict, replaces the saved title deliberately.
    second.get_by_role("button", name="Gem ændringer").click()
    expect(second.locator("h1")).to_have_text("Bents titel")
