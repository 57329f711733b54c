"""Browser tests in Chromium: answer some questions and save a draft, resume through the link,
see skip logic hide and show a question, submit with an error and then for real, the receipt;
and the coordinator's progress map. Each page is scanned with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from smartby.surveys import answering
from smartby.surveys.models import Response, ResponseStatus
from smartby.surveys.tests.answer_helpers import COMPLETE, issue_link, make_round

pytestmark = pytest.mark.browser


def test_answer_save_draft_resume_and_submit(page: Page, live_server, axe_check):
    round = make_round()
    token = issue_link(round, "751")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    link = f"{live_server.url}/undersoegelser/svar/{token}/"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Smart City i kommunerne")
    axe_check(page)

    # Skip logic: the motivation question appears only for those who work with smart city.
    motivation = page.locator("#q-motivation")
    expect(motivation).to_be_hidden()
    page.get_by_label("Overordnet eller koordineret arbejde").check()
    expect(motivation).to_be_visible()
    page.get_by_role("radio", name="Forbedre miljø og klima I høj grad").check()
    page.get_by_role("radio", name="Energibesparelser i bygninger Har", exact=True).check()
    page.get_by_label("Hvor mange medarbejdere arbejder med det?").fill("3,5")
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.locator(".messages")).to_contain_text("Kladden er gemt")

    # Resume later through the same link (a fresh browser context: nothing but the link).
    context = page.context.browser.new_context(locale="da-DK")
    later = context.new_page()
    later.goto(link)
    expect(later.get_by_label("Overordnet eller koordineret arbejde")).to_be_checked()
    expect(later.get_by_role("radio", name="Forbedre miljø og klima I høj grad")).to_be_checked()
    expect(later.get_by_label("Hvor mange medarbejdere arbejder med det?")).to_have_value("3,5")
    expect(later.locator("#q-motivation")).to_be_visible()

    # Submitting with a required answer missing: errors per question, the rest kept.
    later.get_by_role("button", name="Indsend besvarelse").click()
    summary = later.locator("#error-summary")
    expect(summary).to_contain_text("Bedre service for borgerne: Delspørgsmålet skal besvares.")
    expect(later.get_by_label("Hvor mange medarbejdere arbejder med det?")).to_have_value("3,5")
    axe_check(later)
    later.get_by_role("radio", name="Bedre service for borgerne I lav grad").check()
    later.get_by_role("radio", name="Intelligent parkering Planlægger inden for 12 måneder").check()
    later.get_by_role("button", name="Indsend besvarelse").click()
    expect(later.get_by_role("heading", level=1)).to_have_text(
        "Kvittering: besvarelsen er indsendt"
    )
    expect(later.locator("main")).to_contain_text("Intelligent parkering")
    axe_check(later)
    context.close()

    response = Response.objects.get(round=round)
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers["motivation"] == {"climate": "high", "service": "low"}
    assert response.answers["employees"] == 3.5
    assert not errors, errors


def test_changing_the_screening_answer_drops_the_hidden_answers(page: Page, live_server):
    round = make_round()
    token = issue_link(round, "751")
    page.goto(f"{live_server.url}/undersoegelser/svar/{token}/")
    page.get_by_label("Enkeltstående aktiviteter").check()
    page.get_by_role("radio", name="Forbedre miljø og klima I lav grad").check()
    page.get_by_label("Hverken initiativer eller planer").check()
    expect(page.locator("#q-motivation")).to_be_hidden()
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.locator(".messages")).to_contain_text("Kladden er gemt")
    assert Response.objects.get(round=round).answers == {"smart_city": "none"}


def test_progress_map(page: Page, live_server, login_page, coordinator, axe_check):
    round = make_round(codes=("751", "461"))
    answering.submit(issue_link(round, "751"), COMPLETE)
    login_page(page, coordinator)
    page.goto(f"{live_server.url}/undersoegelser/runder/{round.key}/status/")
    expect(page.locator("#progress-map path.leaflet-interactive")).to_have_count(98, timeout=15000)
    expect(page.locator("#progress-map")).to_have_attribute("data-loaded", "true")
    expect(page.locator("table.progress-table tr", has_text="Aarhus")).to_contain_text("Indsendt")
    axe_check(page)
