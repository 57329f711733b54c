"""The invitation flow end to end: a coordinator invites through the UI, the email arrives at a
real SMTP server, and the new user follows its link in Chromium."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from smartby.accounts.models import Invitation, Role, User
from smartby.orgs.models import Organisation

NEW_EMAIL = "mette@aarhus.example.org"
NEW_PASSWORD = "groen-bybus-over-aaen-51"


@pytest.mark.browser
def test_coordinator_invites_new_user_who_accepts_in_the_browser(
    page, live_server, settings, smtp_server, login_page, axe_check, coordinator
):
    settings.SITE_URL = live_server.url
    aarhus = Organisation.objects.get(municipality__code="751")

    # The login page passes axe, before and after a failed attempt.
    page.goto(live_server.url + reverse("accounts:login"))
    axe_check(page)
    page.get_by_label("E-mail", exact=True).fill(coordinator.email)
    page.get_by_label("Adgangskode", exact=True).fill("forkert-adgangskode")
    page.locator("main form").get_by_role("button", name="Log ind").click()
    expect(page.locator("#login-errors")).to_be_focused()
    expect(page.locator("#login-errors")).to_contain_text("E-mail eller adgangskode er forkert.")
    axe_check(page)

    login_page(page, coordinator)
    page.goto(live_server.url + reverse("accounts:invite"))
    axe_check(page)
    page.get_by_label("E-mail", exact=True).fill(NEW_EMAIL)
    page.get_by_label("Organisation", exact=True).select_option(label="Aarhus Kommune")
    page.get_by_label("Rolle", exact=True).select_option(Role.EDITOR)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text(f"Invitationen er sendt til {NEW_EMAIL}.")
    assert Invitation.objects.get().organisation == aarhus

    [message] = smtp_server.wait_for(1)
    assert message["To"] == NEW_EMAIL
    link = smtp_server.links(message)[0]
    assert link.startswith(live_server.url + "/konto/invitation/")

    # The invitee, in a fresh browser context (not the coordinator's session).
    invitee = page.context.browser.new_context(locale="da-DK").new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_have_text("Invitation til Smartby")
    expect(invitee.locator("main")).to_contain_text("Aarhus Kommune")
    axe_check(invitee)

    # A too short password first: the error is announced and focused.
    invitee.get_by_label("Dit navn", exact=True).fill("Mette Madsen")
    invitee.get_by_label("Vælg en adgangskode", exact=True).fill("kort")
    invitee.get_by_label("Gentag adgangskoden", exact=True).fill("kort")
    invitee.get_by_role("button", name="Opret konto").click()
    password = invitee.get_by_label("Vælg en adgangskode", exact=True)
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    axe_check(invitee)

    password.fill(NEW_PASSWORD)
    invitee.get_by_label("Gentag adgangskoden", exact=True).fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Opret konto").click()

    invitee.wait_for_url(live_server.url + reverse("accounts:profile"))
    expect(invitee.get_by_role("status")).to_contain_text("Velkommen til Smartby, Mette Madsen.")
    expect(invitee.locator("main")).to_contain_text(NEW_EMAIL)
    expect(invitee.locator("main")).to_contain_text("Aarhus Kommune")
    user = User.objects.get(email=NEW_EMAIL)
    assert list(user.organisations.all()) == [aarhus]
    assert user.role == Role.EDITOR
    axe_check(invitee)
    invitee.context.close()
