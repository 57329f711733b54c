"""Browser round trip: follow a technology from the project list, see it on /abonnementer/, run
the digest, read the email from the SMTP server and follow its links."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.registry.tests.helpers import make_project
from smartby.subscriptions.digests import send_digests
from smartby.subscriptions.models import Subscription

pytestmark = pytest.mark.browser


def test_follow_a_technology_and_get_the_digest(
    page: Page, live_server, login_page, axe_check, editor_a, editor_b, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    make_project(editor_a, title="Affaldssensorer i Aarhus")
    make_project(editor_a, title="Droner over Aarhus Å", technologies=[])
    login_page(page, editor_b)

    page.goto(live_server.url + "/projekter/")
    box = page.locator("#follow-box")
    expect(box.get_by_role("button")).to_have_count(0)
    page.locator("fieldset.facet", has_text="Teknologi").get_by_label(
        re.compile("IoT-sensorer")
    ).check()
    expect(page).to_have_url(re.compile(r"technology=iot-sensorer"))
    follow = box.get_by_role("button", name="Følg teknologien IoT-sensorer")
    expect(follow).to_be_visible()
    follow.click()
    expect(box.get_by_role("status")).to_contain_text("Du følger nu teknologien IoT-sensorer.")
    expect(
        box.get_by_role("button", name="Stop med at følge teknologien IoT-sensorer")
    ).to_be_visible()
    assert Subscription.objects.get().subscriber.user == editor_b
    axe_check(page)

    box.get_by_role("link", name="Mine abonnementer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine abonnementer")
    expect(page.get_by_role("heading", name="Teknologi: IoT-sensorer")).to_be_visible()
    axe_check(page)

    run = send_digests()
    assert run.sent == 1
    [message] = smtp_server.wait_for(1)
    assert message["To"] == editor_b.email
    assert message["Subject"] == "Smartby: 1 nyt eller opdateret projekt"
    text = smtp_server.text(message)
    assert "Affaldssensorer i Aarhus (nyt)" in text
    assert "Droner over Aarhus Å" not in text
    links = smtp_server.links(message)

    [project_link] = [u for u in links if "/projekter/" in u]
    page.goto(project_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Affaldssensorer i Aarhus")

    # Running again the same week sends nothing.
    assert send_digests().already_sent == 1

    [unsubscribe] = [u for u in links if "/afmeld/" in u]
    page.goto(unsubscribe)
    expect(page.get_by_role("listitem").filter(has_text="Teknologi: IoT-sensorer")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Afmeld alle nyhedsbreve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er afmeldt")
    assert not Subscription.objects.exists()

    page.goto(live_server.url + "/abonnementer/")
    expect(page.get_by_text("Du følger ikke noget endnu.")).to_be_visible()


def test_follow_without_javascript(browser, live_server, login_page, editor_b, axe_check):
    """The button is a plain form: it works with JavaScript turned off."""
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    try:
        login_page(page, editor_b)
        page.goto(live_server.url + "/kommuner/751/")
        page.get_by_role("button", name="Følg Aarhus Kommune").click()
        expect(page).to_have_url(live_server.url + "/kommuner/751/")
        expect(page.locator(".messages")).to_contain_text("Du følger nu Aarhus Kommune.")
        expect(page.get_by_role("button", name="Stop med at følge Aarhus Kommune")).to_be_visible()
        assert Subscription.objects.get().municipality.code == "751"
    finally:
        context.close()
