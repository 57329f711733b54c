"""Browser tests in Chromium: a coordinator builds a scenario and sees the comparison per member
(kroner and percent); a reader picks a scenario, downloads the PDF (text checked with pypdf)
and the XLSX; axe-core on each page."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from smartby.costs.tests.helpers import make_budget_year, make_scenario

pytestmark = pytest.mark.browser


def test_coordinator_builds_a_scenario_and_compares(
    page: Page, live_server, login_page, coordinator, axe_check
) -> None:
    by = make_budget_year()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login_page(page, coordinator)
    page.goto(live_server.url + by.get_absolute_url())
    expect(page.locator("#allocation-caption-table tfoot")).to_contain_text("800.000")
    axe_check(page)

    page.get_by_role("link", name="Nyt scenarie").click()
    page.get_by_role("textbox", name="Navn", exact=True).fill("Samsø ud, Lemvig ind")
    page.get_by_role("group", name="Udtræder").get_by_label("Samsø").check()
    page.get_by_role("group", name="Indtræder").get_by_label("Lemvig").check()
    # A bad budget first: the error is summarised and focused, the input kept.
    page.get_by_label("Andet budget (kr.)").fill("en million")
    page.get_by_role("button", name="Gem og sammenlign").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Skriv et helt antal kroner")
    expect(page.get_by_role("textbox", name="Navn", exact=True)).to_have_value(
        "Samsø ud, Lemvig ind"
    )
    axe_check(page)
    page.get_by_label("Andet budget (kr.)").fill("")
    page.get_by_role("button", name="Gem og sammenlign").click()

    table = page.locator("#comparison-table")
    expect(table.locator("caption")).to_contain_text("side om side")
    aarhus = table.get_by_role("row", name="Aarhus")
    expect(aarhus).to_contain_text("496.020")
    expect(aarhus).to_contain_text("482.188")
    expect(aarhus).to_contain_text("−13.832")
    expect(aarhus).to_contain_text("−2,8 %")
    expect(table.get_by_role("row", name="Samsø")).to_contain_text("−100,0 %")
    expect(table.get_by_role("row", name="Lemvig")).to_contain_text("ikke med")
    axe_check(page)
    assert not errors, errors


def test_reader_compares_and_downloads_reports(page: Page, live_server, axe_check) -> None:
    by = make_budget_year()
    make_scenario(by, name="Samsø træder ud", joining=[])
    make_scenario(by, name="Halvdelen ligeligt", leaving=[], joining=[], equal_percent="50")
    page.goto(live_server.url + by.collaboration.get_absolute_url())
    expect(page.get_by_role("table", name="Udgiftsfordeling 2026 pr. medlem")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Scenarier, sammenligning og eksport for 2026").click()
    page.get_by_label("Sammenlign med scenarie").select_option(label="Halvdelen ligeligt")
    page.get_by_role("button", name="Sammenlign").click()
    row = page.locator("#comparison-table").get_by_role("row", name="Samsø")
    expect(row).to_contain_text("+")  # the smallest member pays more with a larger equal part
    axe_check(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent som PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert "Udgiftsfordeling Fælles IoT-sekretariat 2026" in text
    assert "Til fordeling: 800.000 kr." in text
    assert "Sammenligning med scenariet Halvdelen ligeligt" in text
    assert "496.020" in text

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent som XLSX").click()
    with open(info.value.path(), "rb") as f:
        wb = load_workbook(io.BytesIO(f.read()))
    assert wb.sheetnames == ["Fordeling", "Sammenligning"]
