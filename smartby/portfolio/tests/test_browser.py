"""Browser test in Chromium: a coordinator follows the strategy to initiative 5.2, adds a status
report (a bad date first: the error is shown, the input kept), sees the traffic lights, and
downloads the status report as PDF whose text is checked; axe-core on each page."""

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from smartby.portfolio.reference import load_reference_strategy

pytestmark = pytest.mark.browser


def test_status_report_and_pdf_download(
    page: Page, live_server, login_page, coordinator, axe_check
):
    load_reference_strategy(django_apps)  # the transactional test flushed the data migration's rows
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_page(page, coordinator)
    page.goto(live_server.url + "/portefoelje/")
    axe_check(page)
    page.get_by_role("link", name="Den fællesoffentlige digitaliseringsstrategi 2016-2020").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Et stærkere og mere trygt")
    axe_check(page)
    page.get_by_role("link", name="5.2 Smart City-partnerskab").click()
    expect(page.get_by_role("table", name="Tabel 1: Stamdata for initiativ 5.2")).to_contain_text(
        "Camilla Hjermind"
    )
    axe_check(page)

    page.get_by_role("link", name="Ny status").click()
    page.get_by_label("Periode").fill("2020 K4")
    page.get_by_label("Statusdato").fill("2020-12-31")
    page.get_by_role("group", name="Tid").get_by_label("Grøn").check()
    page.get_by_role("group", name="Økonomi").get_by_label("Gul").check()
    # Kvalitet/leverancer left out: the error is shown and the rest is kept.
    page.get_by_label("Kommentar").fill("Partnerskabet er afsluttet.")
    page.get_by_role("button", name="Gem status").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Kvalitet/leverancer")
    expect(page.get_by_label("Kommentar")).to_have_value("Partnerskabet er afsluttet.")
    axe_check(page)
    page.get_by_role("group", name="Kvalitet/leverancer").get_by_label("Grøn").check()
    page.get_by_role("button", name="Gem status").click()

    lights = page.get_by_role("list", name="Seneste trafiklys")
    expect(lights).to_contain_text("Økonomi: Gul")
    expect(
        page.get_by_role("table", name="Periodisk status med trafiklys, nyeste først")
    ).to_contain_text("Partnerskabet er afsluttet.")
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent statusrapport (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "statusrapport-initiativ-5-2.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(download.path()).pages)
    assert "Tabel 1: Stamdata for initiativ 5.2: Smart City-partnerskab" in text
    assert "Fællesoffentligt finansieret 4.000.000 kr." in text
    assert "Evaluering af effektmål" in text
    assert "2020 K4" in text
    assert not errors, errors
