"""The privacy policy and the accessibility statement: reachable from every page's footer,
with the facts that come from the settings."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db


def test_privacy_page_states_retention_and_contact(client, settings):
    settings.CONTACT_RETENTION_DAYS = 45
    settings.CATALOG_CONTACT_EMAIL = "persondata@smartby.example.org"
    html = client.get("/privatliv/").content.decode()
    assert "<h1>Privatlivspolitik</h1>" in html
    assert "slettes efter 45 dage" in html
    assert 'href="mailto:persondata@smartby.example.org"' in html
    assert "Datatilsynet" in html


def test_privacy_page_names_the_replica_cookie_only_when_replicas_are_used(client, settings):
    settings.DATABASE_REPLICA_URLS = []
    assert "smartby_primary" not in client.get("/privatliv/").content.decode()
    settings.DATABASE_REPLICA_URLS = ["postgres://replica.example.org/smartby"]
    settings.REPLICA_PIN_SECONDS = 12
    html = client.get("/privatliv/").content.decode()
    assert "i 12 sekunder en cookie (smartby_primary)" in html


def test_accessibility_statement_has_status_known_issues_and_enforcement(client):
    html = client.get("/tilgaengelighed/").content.decode()
    for text in ("Overholdelsesstatus", "Kendte mangler", "PDF/UA", "Digitaliseringsstyrelsen"):
        assert text in html, text


def test_every_page_links_both_from_its_footer(client):
    for path in ("/", "/projekter/", "/viden/", "/findes-ikke/"):
        html = client.get(path).content.decode()
        footer = html.split('class="site-footer"', 1)[1]
        assert 'href="/privatliv/"' in footer and 'href="/tilgaengelighed/"' in footer, path


@pytest.mark.browser
def test_both_pages_pass_axe(page: Page, live_server, axe_check):
    for path in ("/privatliv/", "/tilgaengelighed/"):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        axe_check(page)
