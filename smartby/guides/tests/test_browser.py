"""Browser tests in Chromium: complete the kompetencetjek (with a missing answer first), save it
for the organisation and see it there; read a pitch with its live cases and a version diff."""

import pytest
from playwright.sync_api import Page, expect

from smartby.guides.models import Guide, Result
from smartby.guides.tests.helpers import assessment, edit_data
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.browser


def test_complete_save_and_see_the_kompetencetjek(
    page: Page, live_server, login_page, editor_a, org_a, axe_check
):
    login_page(page, editor_a)
    page.goto(live_server.url + "/kompetencetjek/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kompetencetjek")
    axe_check(page)
    questions = [q for d in assessment().dimensions.all() for q in d.questions.all()]
    first, rest = questions[0], questions[1:]
    for q in rest:
        group = page.get_by_role("group", name=q.text)
        group.get_by_label("I høj grad").check()
    page.get_by_role("button", name="Se mit resultat").click()

    # The missing answer is named in the summary and beside the question; the rest is kept.
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("1 spørgsmål mangler et svar")
    expect(summary.get_by_role("link")).to_contain_text(first.text)
    group = page.get_by_role("group", name=first.text)
    expect(group).to_contain_text("Vælg et svar på spørgsmålet.")
    expect(page.get_by_role("group", name=rest[0].text).get_by_label("I høj grad")).to_be_checked()
    axe_check(page)
    summary.get_by_role("link").first.click()
    group.get_by_label("I meget høj grad").check()
    page.get_by_role("button", name="Se mit resultat").click()

    # Scores per dimension: chart and table.
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeres resultat")
    table = page.get_by_role("table", name="Score pr. dimension")
    first_dimension = first.dimension.name
    expect(table.get_by_role("row", name=first_dimension)).to_contain_text("Høj")
    expect(table.get_by_role("row", name="Data")).to_contain_text("75,0")
    expect(page.get_by_role("img", name="Score pr. dimension")).to_be_visible()
    axe_check(page)

    page.get_by_label("Organisation", exact=True).select_option(label="Aarhus Kommune")
    page.get_by_role("button", name="Gem for organisationen").click()
    expect(page.locator(".messages")).to_contain_text("Resultatet er gemt for Aarhus Kommune")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aarhus Kommune")
    over_time = page.get_by_role("table", name="Score pr. dimension ved hvert gemt resultat")
    expect(over_time.locator("tbody tr")).to_have_count(1)
    expect(over_time.locator("tbody tr")).to_contain_text("75,0")
    expect(page.locator("body")).to_contain_text("Sammenligningen vises, når mindst 3")
    axe_check(page)
    result = Result.objects.get()
    assert result.organisation == org_a and result.created_by == editor_a


def test_pitch_with_live_cases_and_version_diff(page: Page, live_server, editor_a, axe_check):
    make_project(editor_a, title="Fjernaflæste vandmålere", status="drift")
    guide = Guide.objects.get(area__slug="forsyning")
    page.goto(live_server.url + guide.get_absolute_url())
    cases = page.get_by_role("complementary", name="Levende eksempler")
    expect(cases.get_by_role("link", name="Fjernaflæste vandmålere")).to_be_visible()
    axe_check(page)
    cases.get_by_role("link", name="Se 1 projekt i drift eller pilot").click()
    expect(page.locator("body")).to_contain_text("Fjernaflæste vandmålere")

    from smartby.guides import operations

    operations.update_guide(
        editor_a, guide, edit_data(guide, body=guide.body.replace("spild", "vandspild"))
    )
    page.goto(live_server.url + f"/vejledninger/{guide.slug}/historik/2/")
    expect(page.locator(".diff ins").first).to_be_visible()
    axe_check(page)
