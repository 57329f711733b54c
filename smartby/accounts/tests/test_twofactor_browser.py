"""Two-factor authentication in Chromium: a coordinator who must use it logs in, is sent to the
setup page, adds Smartby to an "app" (the code is computed from the secret shown in text, as an
authenticator app would), keeps the recovery codes, and logs in again with a code."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from smartby.accounts import twofactor
from smartby.conftest import PASSWORD


def app_code(secret_text: str, steps_ahead: int = 0) -> str:
    from base64 import b32decode

    secret = secret_text.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


@pytest.mark.browser
def test_coordinator_sets_up_two_factor_and_logs_in_with_a_code(
    page, live_server, require_2fa, settings, axe_check, coordinator
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    # Password: logged in, but sent to the setup page, with the reason.
    page.goto(live_server.url + reverse("accounts:login") + "?next=/konto/brugere/")
    page.get_by_label("E-mail", exact=True).fill(coordinator.email)
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slå totrinsbekræftelse til")
    expect(page.locator("body")).to_contain_text("Som koordinator skal du bruge totrinsbekræftelse")
    qr = page.get_by_role("img", name=re.compile("QR-kode"))
    expect(qr).to_be_visible()
    # The SVG loads (CSP allows it): waited for, as the image may still be on its way.
    page.wait_for_function(
        "() => { const img = document.querySelector('img.qr-code');"
        " return img.complete && img.naturalWidth > 0; }",
        timeout=15_000,
    )
    axe_check(page)

    # A wrong code first: the error is announced and focused.
    secret = page.locator("#totp-secret").inner_text()
    code_field = page.get_by_label("Kode fra appen", exact=True)
    code_field.fill("000000" if app_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Slå totrinsbekræftelse til").click()
    expect(page.get_by_label("Kode fra appen", exact=True)).to_be_focused()
    expect(page.locator("#setup-errors")).to_contain_text("Koden passer ikke")
    axe_check(page)

    page.get_by_label("Kode fra appen", exact=True).fill(app_code(secret))
    page.get_by_role("button", name="Slå totrinsbekræftelse til").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine gendannelseskoder")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    axe_check(page)
    page.get_by_role("link", name="Jeg har gemt koderne – fortsæt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brugere")
    assert twofactor.is_enabled(coordinator)

    # Log out and in again: password, then a code from the app.
    page.locator("form[action='/konto/log-ud/'] button").first.click()
    page.goto(live_server.url + reverse("accounts:login") + "?next=/konto/brugere/")
    page.get_by_label("E-mail", exact=True).fill(coordinator.email)
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indtast kode")
    axe_check(page)
    page.get_by_label("Kode fra appen eller gendannelseskode", exact=True).fill(
        app_code(secret, steps_ahead=1)  # the setup used up the current time step's code
    )
    page.locator("main form").get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brugere")

    # The management page (new codes, switch off) passes axe too.
    page.goto(live_server.url + reverse("accounts:twofactor"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Totrinsbekræftelse")
    axe_check(page)
