"""The reminder round trip in Chromium: the job mails a contact person over real SMTP, the
"Stadig korrekt" link from that mail opens a confirmation page, and confirming marks the
project verified today. Also the freshness select on Danmarkskortet."""

import re

import pytest
from django.utils import dateformat, timezone
from playwright.sync_api import Page, expect

from smartby.registry.freshness import months_before
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project
from smartby.reminders import operations

pytestmark = pytest.mark.browser


def test_reminder_round_trip(page: Page, live_server, smtp_server, settings, axe_check):
    settings.SITE_URL = live_server.url
    project = make_project(
        None, contacts=[{"name": "Mette Hansen", "email": "mette@example.org", "phone": ""}]
    )
    Project.objects.filter(pk=project.pk).update(
        last_verified=months_before(timezone.localdate(), 14)
    )

    result = operations.run_reminders()
    assert result.emails == 1

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "mette@example.org"
    verify = next(link for link in smtp_server.links(message) if "/stadig-korrekt/" in link)
    assert verify.startswith(live_server.url)

    page.goto(verify)
    expect(page.get_by_role("heading", level=1)).to_have_text("Er oplysningerne stadig korrekte?")
    expect(page.locator("main")).to_contain_text("Forældet")
    axe_check(page)
    project.refresh_from_db()
    assert project.last_verified != timezone.localdate()  # opening the link changed nothing

    page.get_by_role("button", name="Ja, oplysningerne er stadig korrekte").click()
    expect(page).to_have_url(re.compile(re.escape(project.get_absolute_url()) + "$"))
    expect(page.get_by_role("status")).to_contain_text("bekræftet i dag")
    today = dateformat.format(timezone.localdate(), "j. F Y")
    facts = page.get_by_role("complementary", name="Fakta om projektet")
    expect(facts).to_contain_text(f"{today} (frisk)")
    expect(page.locator("article.project header .badge.freshness-frisk")).to_have_text("Frisk")
    axe_check(page)

    # The same link again: a clear page, nothing changes.
    page.goto(verify)
    expect(page.get_by_role("heading", level=1)).to_have_text("Linket er allerede brugt")
    axe_check(page)


def test_map_freshness_select_filters_the_map(page: Page, live_server, axe_check):
    fresh = make_project(None, title="Frisk projekt")
    stale = make_project(None, title="Glemt projekt", municipalities=["461"])
    Project.objects.filter(pk=stale.pk).update(last_verified=None)
    Project.objects.filter(pk=fresh.pk).update(last_verified=timezone.localdate())
    page.goto(live_server.url + "/kort/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(98, timeout=15000)
    expect(page.locator("#map-count")).to_contain_text("2")
    page.get_by_label("Friskhed").select_option("foraeldet")
    expect(page).to_have_url(re.compile(r"freshness=foraeldet"))
    expect(page.locator("#map-count")).to_contain_text("1 projekt")
    expect(page.locator("#map-table tr", has_text="Odense").first).to_contain_text("1")
    expect(page.locator("#map-table tr", has_text="Aarhus").first).to_contain_text("0")
    axe_check(page)


def test_freshness_overview_is_accessible(
    page: Page, live_server, login_page, coordinator, axe_check
):
    project = make_project(None, title="Glemt projekt")
    Project.objects.filter(pk=project.pk).update(last_verified=None)
    login_page(page, coordinator)
    page.goto(live_server.url + "/friskhed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Friskhed")
    expect(page.get_by_role("table", name="Projekter, ældste bekræftelse først")).to_contain_text(
        "Glemt projekt"
    )
    page.get_by_label("Region", exact=True).select_option("region-midtjylland")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"region=region-midtjylland"))
    axe_check(page)
