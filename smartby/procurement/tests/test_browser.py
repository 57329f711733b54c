"""Browser tests in Debian's Chromium: compose a clause document (choose clauses, fill the
placeholders, see a validation error, fix it, preview, download the DOCX and read it back) and
an axe-core scan of the library's pages."""

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from smartby.procurement import operations
from smartby.procurement.models import Clause, ClauseVersion, Tag
from smartby.procurement.reference import load_reference_clauses
from smartby.procurement.tests.helpers import clause_data

pytestmark = pytest.mark.browser


@pytest.fixture
def clauses(db):
    """The flush after a transactional test removes the migration's clauses: load them again."""
    load_reference_clauses(Clause, ClauseVersion, Tag)
    return Clause.objects.all()


def test_compose_and_download_a_clause_document(page: Page, live_server, clauses, axe_check):
    page.goto(live_server.url + "/udbud/kravdokument/")
    axe_check(page)
    page.get_by_label("Dokumentets titel").fill("Krav til indeklimasensorer")
    page.get_by_role("textbox", name="Ordregiver", exact=True).fill("Horsens Kommune")
    page.get_by_label("Exitplan fra kontraktens start").check()
    page.get_by_label("Løbende adgang til rådata i et åbent format").check()
    page.get_by_role("button", name="Videre: udfyld pladsholdere").click()

    expect(page.locator("h1")).to_have_text("Udfyld kravdokumentet")
    axe_check(page)
    page.get_by_label("Leverandørens betegnelse").fill("Leverandøren")
    page.get_by_label("Løsningens navn").fill("indeklimaløsningen")
    page.get_by_label("Åbent dataformat").fill("JSON")
    page.get_by_label("Frist (arbejdsdage)").fill("tyve")  # not a number
    # "Største forsinkelse …" is left empty.
    page.get_by_role("button", name="Videre: se dokumentet").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("2 felter skal rettes")
    expect(summary).to_contain_text("skal være et helt tal fra 1 til 365")
    expect(summary).to_contain_text("Udfyld „Største forsinkelse fra måling til data“")
    expect(page.get_by_label("Åbent dataformat")).to_have_value("JSON")  # the rest is kept
    axe_check(page)
    page.get_by_label("Frist (arbejdsdage)").fill("20")
    page.get_by_label("Største forsinkelse fra måling til data").fill("1 time")
    page.get_by_role("button", name="Videre: se dokumentet").click()

    expect(page.locator("h1")).to_have_text("Se og hent kravdokumentet")
    preview = page.locator(".document-preview")
    expect(preview).to_contain_text("1.1 Løbende adgang til rådata i et åbent format")
    expect(preview).to_contain_text("Leverandøren skal give Horsens Kommune løbende")
    expect(preview).not_to_contain_text("{{")
    axe_check(page)

    # Back and forward keep every step (the state is in the URL): back is the attempt with
    # the errors, as it was.
    page.go_back()
    expect(page.get_by_label("Frist (arbejdsdage)")).to_have_value("tyve")
    expect(page.get_by_label("Åbent dataformat")).to_have_value("JSON")
    page.go_forward()
    expect(page.locator("h1")).to_have_text("Se og hent kravdokumentet")

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent som Word (DOCX)").click()
    download = info.value
    assert download.suggested_filename == "krav-til-indeklimasensorer.docx"
    doc = Document(str(download.path()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Dataejerskab og adgang til rådata" in headings
    assert "2.1 Exitplan fra kontraktens start" in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "senest 20 arbejdsdage efter kontraktens indgåelse" in body
    assert "{{" not in body
    assert "exitplan v1" in doc.sections[0].footer.paragraphs[0].text


def test_library_pages_are_accessible(
    page: Page, live_server, login_page, clauses, coordinator, editor_a, axe_check
):
    clause = clauses.get(slug="exitplan")
    operations.update_clause(
        coordinator,
        clause,
        clause_data(
            title=clause.title,
            topic=clause.topic,
            text=clause.current_version.text.replace("én gang om året", "hvert halve år"),
            reason=clause.current_version.reason,
            guidance=clause.current_version.guidance,
            change_note="Hyppigere opdatering",
        ),
    )
    page.goto(live_server.url + "/udbud/klausuler/")
    axe_check(page)
    page.get_by_label("Tema").select_option("exit")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.locator(".result-count")).to_contain_text("4 klausuler")
    page.get_by_role("link", name="Exitplan fra kontraktens start").click()
    expect(page.locator("h1")).to_have_text("Exitplan fra kontraktens start")
    axe_check(page)
    page.get_by_role("link", name="Versioner og ændringer").click()
    expect(page.locator(".version-list del").first).to_contain_text("én gang om året")
    expect(page.locator(".version-list ins").first).to_contain_text("hvert halve år")
    axe_check(page)
    # An editor proposes a change; the proposal page is accessible too.
    login_page(page, editor_a)
    page.goto(live_server.url + "/udbud/klausuler/exitplan/foreslaa/")
    axe_check(page)
    page.get_by_label("Ændringsnote").fill("Kortere frist")
    page.get_by_label("Kravtekst").fill("{{leverandør}} skal levere en exitplan.")
    page.get_by_role("button", name="Send forslag").click()
    expect(page.locator(".messages")).to_contain_text("venter på en koordinators godkendelse")
    axe_check(page)
