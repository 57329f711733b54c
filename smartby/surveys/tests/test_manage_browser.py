"""Browser test in Chromium: a coordinator creates a round (an error first, the input kept),
and the survey and round pages pass axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.surveys import cedi2014
from smartby.surveys.models import Round

pytestmark = pytest.mark.browser


@pytest.fixture
def template() -> None:
    """The flush after an earlier transactional test removes what the data migration loaded."""
    from django.apps import apps

    cedi2014.install(apps)


def test_coordinator_creates_a_round(
    page: Page, live_server, login_page, coordinator, template, axe_check
):
    login_page(page, coordinator)
    page.goto(live_server.url + "/undersoegelser/skemaer/cedi-2014/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Smart City i de danske kommuner")
    axe_check(page)
    page.get_by_role("link", name="Ny runde").click()
    page.get_by_label("Navn").fill("Smart city-undersøgelsen 2027")
    page.get_by_label("Åbner").fill("2027-03-01")
    page.get_by_label("Lukker").fill("2027-02-01")
    page.get_by_role("button", name="Opret runden").click()
    expect(page.get_by_role("alert")).to_contain_text("Formularen har fejl")
    expect(page.locator("#field-closes_on")).to_contain_text(
        "Lukkedatoen skal ligge efter åbningsdatoen."
    )
    expect(page.get_by_label("Navn")).to_have_value("Smart city-undersøgelsen 2027")
    axe_check(page)
    page.get_by_label("Lukker").fill("2027-04-01")
    page.get_by_role("button", name="Opret runden").click()
    expect(page).to_have_url(re.compile(r"/undersoegelser/runder/smart-city-undersoegelsen-2027/$"))
    expect(page.locator("dl.facts")).to_contain_text("98")
    axe_check(page)
    assert Round.objects.get(key="smart-city-undersoegelsen-2027").population.count() == 98
