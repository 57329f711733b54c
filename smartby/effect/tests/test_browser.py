import datetime as dt

import pytest
from playwright.sync_api import expect

from smartby.effect.models import PageView, SearchTerm
from smartby.geo.models import Municipality
from smartby.network.models import ContactRequest
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project


@pytest.mark.browser
def test_dashboard_period_charts_and_tables(page, live_server, axe_check):
    for i, code in enumerate(["751", "461", "101", "851"]):
        p = make_project(None, title=f"Projekt {i}", municipalities=[code])
        Project.objects.filter(pk=p.pk).update(
            created_at=dt.datetime(2025, 2 * i + 1, 15, 12, tzinfo=dt.UTC),
            last_verified=dt.date(2025, 2 * i + 1, 15),
        )
    SearchTerm.objects.create(day=dt.date(2025, 3, 3), term="affaldssensorer", count=4)
    PageView.objects.create(day=dt.date(2025, 3, 3), section="kort", count=40)
    aarhus, odense = Municipality.objects.get(code="751"), Municipality.objects.get(code="461")
    contact = ContactRequest.objects.create(
        topic="samarbejde", from_municipality=aarhus, to_municipality=odense
    )
    ContactRequest.objects.filter(pk=contact.pk).update(
        created_at=dt.datetime(2025, 3, 4, 12, tzinfo=dt.UTC)
    )

    page.goto(live_server.url + "/effekt/")
    expect(page.get_by_role("heading", level=1, name="Effekt")).to_be_visible()
    expect(page.get_by_role("link", name="Effekt", exact=True)).to_have_attribute(
        "aria-current", "page"
    )

    form = page.get_by_role("form", name="Periode")
    form.get_by_label("Fra").fill("2025-01-01")
    form.get_by_label("Til").fill("2025-12-31")
    form.get_by_role("button", name="Vis tallene").click()
    page.wait_for_url("**/effekt/?from=2025-01-01&to=2025-12-31")
    expect(page.locator("#effect-current")).to_contain_text(
        "Tallene gælder perioden 1. januar 2025 – 31. december 2025."
    )

    projects = page.locator("section#projekter")
    expect(
        projects.get_by_role("heading", name="Nye og opdaterede projekter pr. måned")
    ).to_be_visible()
    expect(
        projects.get_by_role("img", name="Nye og opdaterede projekter pr. måned")
    ).to_be_visible()
    expect(projects.locator("svg rect > title")).to_have_count(2 * 12)  # two series, 12 months
    expect(projects.locator("tfoot")).to_contain_text("4")

    searches = page.locator("section#soegninger")
    expect(searches.get_by_role("img")).to_be_visible()
    expect(searches.get_by_role("table")).to_contain_text("affaldssensorer")
    assert page.locator("main svg[role='img']").count() == 10
    regions = page.locator("section#kontakter-regioner")
    midtjylland = regions.get_by_role("row", name="Region Midtjylland")
    expect(midtjylland.get_by_role("cell")).to_have_text(["0", "0", "1", "0", "0", "1"])
    axe_check(page)

    page.get_by_label("Til", exact=True).fill("2024-01-01")
    page.get_by_role("button", name="Vis tallene").click()
    expect(page.get_by_role("alert")).to_contain_text("Til-datoen må ikke ligge før fra-datoen.")
    assert page.locator("main svg").count() == 0
    axe_check(page)
