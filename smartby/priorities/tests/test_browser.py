"""Browser test in Chromium: two assessors score a round independently, then the coordinator
sees the matrix and the ranked list; axe-core on each page."""

import pytest
from playwright.sync_api import Page, expect

from smartby.priorities.models import Round
from smartby.priorities.tests.helpers import make_round

pytestmark = pytest.mark.browser

SCORES = {
    "editor_a": {
        "Chatbot til borgerservice": ("4", "3", "5", "2"),
        "Digital parkeringsvejledning": ("2", "2", "3", "1"),
    },
    "editor_b": {
        "Chatbot til borgerservice": ("2", "3", "3", "2"),
        "Fælles sensordata for vandstand": ("3", "4", "2", "3"),
    },
}
LABELS = (
    "Værdi for mange borgere og virksomheder",
    "Værdi i forhold til regeringens fire mål",
    "Hvor stor en positiv forskel øget digitalisering kan gøre",
    "Investeringskategori",
)


def score_as(page: Page, live_server, login_page, user, round: Round, scores, axe_check) -> None:
    page.context.clear_cookies()
    login_page(page, user)
    page.goto(live_server.url + round.get_absolute_url())
    expect(page.locator("#my-progress")).to_contain_text("Du har vurderet 0 af 3 forslag.")
    page.get_by_role("link", name="Vurdér forslagene").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vurdér forslagene")
    axe_check(page)
    for proposal in round.proposals.all():
        values = scores.get(proposal.title)
        if values is None:
            continue
        box = page.locator(f"#proposal-{proposal.pk}")
        for label, value in zip(LABELS, values, strict=True):
            box.get_by_label(label, exact=True).select_option(value)
    page.get_by_role("button", name="Gem vurderinger").click()
    expect(page.locator("#my-progress")).to_contain_text("Du har vurderet 2 af 3 forslag.")
    # The round is open: an assessor sees no results.
    expect(page.get_by_role("link", name="Se resultater")).to_have_count(0)


def test_two_assessors_score_and_the_coordinator_sees_matrix_and_ranking(
    page: Page, live_server, login_page, editor_a, editor_b, coordinator, axe_check
):
    round = make_round(coordinator, assessors=[editor_a, editor_b])
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    score_as(page, live_server, login_page, editor_a, round, SCORES["editor_a"], axe_check)

    # Assessor B first sends an incomplete proposal: the error is shown and the input kept.
    page.context.clear_cookies()
    login_page(page, editor_b)
    page.goto(live_server.url + round.get_absolute_url() + "vurder/")
    chat = round.proposals.get(title="Chatbot til borgerservice")
    box = page.locator(f"#proposal-{chat.pk}")
    box.get_by_label(LABELS[0], exact=True).select_option("2")
    page.get_by_role("button", name="Gem vurderinger").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(box.locator(".errorlist").first).to_contain_text("Udfyld alle tre kriterier")
    expect(box.get_by_label(LABELS[0], exact=True)).to_have_value("2")
    axe_check(page)
    score_as(page, live_server, login_page, editor_b, round, SCORES["editor_b"], axe_check)

    page.context.clear_cookies()
    login_page(page, coordinator)
    page.goto(live_server.url + round.get_absolute_url())
    expect(page.get_by_role("table", name="Bedømmere og hvor mange forslag de har vurderet"))
    axe_check(page)
    page.get_by_role("link", name="Se resultater").click()
    matrix = page.get_by_role("img", name="Prioriteringsmatrix: værdi og digitaliseringspotentiale")
    expect(matrix).to_be_visible()
    expect(matrix.locator("circle")).to_have_count(3)
    # Chatbot: citizens 3, goals 3, difference 4 → total 3.33 (first); vandstand: 3, 4, 2 → 3.00;
    # parking: 2, 2, 3 → 2.33.
    rows = page.get_by_role("table", name="Forslag i prioriteret rækkefølge").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Chatbot til borgerservice")
    expect(rows.nth(0)).to_contain_text("3,33")
    expect(rows.nth(0)).to_contain_text("2–4")
    expect(rows.nth(1)).to_contain_text("Fælles sensordata for vandstand")
    expect(rows.nth(2)).to_contain_text("Digital parkeringsvejledning")
    table = page.get_by_role("table", name="Matrixens punkter som tabel")
    expect(table.locator("tbody tr").first).to_contain_text("3,00")  # chatbot's value
    axe_check(page)
    assert not errors, errors
