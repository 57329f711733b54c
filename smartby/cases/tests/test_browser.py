"""Browser test in Chromium: edit a business case (add a line with the keyboard-accessible
"Tilføj linje"), see NPV and payback change, download the PDF; axe-core on each page."""

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from smartby.cases.tests.helpers import NPV_TEXT, make_business_case

pytestmark = pytest.mark.browser


def test_edit_business_case_and_download_pdf(
    page: Page, live_server, login_page, editor_a, axe_check
):
    bc = make_business_case(editor_a)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_page(page, editor_a)
    page.goto(live_server.url + bc.get_absolute_url())
    expect(page.locator("#npv")).to_contain_text(NPV_TEXT)
    expect(page.locator("#payback")).to_contain_text("2028 (efter 3 år)")
    axe_check(page)

    page.get_by_role("link", name="Redigér", exact=True).click()
    expect(page.get_by_role("heading", name="Redigér business case")).to_be_visible()
    axe_check(page)
    # "Tilføj linje" adds a row without a round trip and moves focus into it.
    page.get_by_role("button", name="Tilføj linje").click()
    row = page.locator("fieldset#line-6")
    expect(row.get_by_label("Type")).to_be_focused()
    row.get_by_label("Type").select_option("gevinst")
    row.get_by_label("Beskrivelse").fill("Salg af gamle containere")
    row.get_by_label("År").fill("0")
    # A bad amount first: the error is shown at the line, and the input is kept.
    row.get_by_label("Beløb (kr.)").fill("50 tusind")
    page.get_by_role("button", name="Gem og beregn").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Linje 7: Beløb (kr.)")
    row = page.locator("fieldset#line-6")
    expect(row.get_by_label("Beskrivelse")).to_have_value("Salg af gamle containere")
    expect(row.locator(".errorlist")).to_contain_text("Skriv beløbet som et tal")
    axe_check(page)
    row.get_by_label("Beløb (kr.)").fill("50.000")
    page.get_by_role("button", name="Gem og beregn").click()

    # Nets -50,000, 50,000, 50,000 at 10 %: -50,000 + 86,776.86; cumulative reaches 0 in 2027.
    expect(page.locator("#npv")).to_contain_text("36.776,86")
    expect(page.locator("#payback")).to_contain_text("2027 (efter 2 år)")
    expect(page.locator("#sensitivity caption")).to_be_visible()
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent som PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert "Nettonutidsværdi: 36.776,86 kr." in text
    assert "Salg af gamle containere" in text
    assert not errors, errors
