"""The generated reports, read back: the end-of-initiative status report (PDF with pypdf, DOCX
with python-docx) in the layout of the real one, and the strategy's portfolio overview."""

import io

import docx
import pytest
from pypdf import PdfReader

from smartby.portfolio import operations, reports
from smartby.portfolio.tests.helpers import (
    add_status,
    make_goal,
    make_initiative,
    reference_strategy,
    smart_city,
)

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Tabel 1: Stamdata for initiativ 5.2: Smart City-partnerskab",
    "Formål og resultater",
    "Effektmål",
    "Kapabiliteter",
    "Adfærd",
    "Evaluering af effektmål",
    "Fremtidigt ejerskab",
    "Økonomi",
]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_status_report_pdf_has_every_section_and_the_stamdata(coordinator):
    initiative = smart_city()
    add_status(coordinator, initiative, period="2020 K4", report_date="2020-12-31")
    text = flat(pdf_text(reports.status_report_pdf(initiative)))
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions), "sections in the order of the real report"
    for expected in [
        "Styregruppen for teknologi og data",
        "Camilla Hjermind",
        "Josefine Due",
        "01.01.2016",
        "31.12.2020",
        "Samlet budget (2016-2020) Fællesoffentligt finansieret 4.000.000 kr.",
        "Samlet mer- eller mindreforbrug Budgettet er holdt",
        "Effektmål 1: Kommuner og virksomheder opnår via Danmarkskortet overblik",
        "Ad 4: Kommuner udbygger sine netværk",
        "Evaluering: Danmarkskortet indeholder smart city-cases fra ca. 2/3 af kommunerne.",
        "Smart City Partnerskabet (FODS5.2) blev afsluttet ved strategiperiodens ophør.",
        "Initiativet er fællesoffentligt finansieret.",
        "Statushistorik",
        "2020 K4",
    ]:
        assert expected in text, expected


def test_status_report_docx_has_sections_table_and_figures(coordinator):
    initiative = make_initiative(coordinator)
    goal = make_goal(coordinator, initiative)
    operations.add_measurement(coordinator, goal, {"date": "2023-06-30", "value": "27"})
    document = docx.Document(io.BytesIO(reports.status_report_docx(initiative)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Tabel 1: Stamdata for initiativ 1.1: Sensorer i byrummet" in headings
    for section in ["Formål og resultater", "Evaluering af effektmål", "Økonomi"]:
        assert section in headings
    stamdata = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert stamdata["Ministerium"] == "Indenrigs- og Boligministeriet"
    assert stamdata["Samlet budget (2022-2025)"] == "Fællesoffentligt finansieret 2.500.000 kr."
    assert stamdata["Samlet mer- eller mindreforbrug"] == "+250.000 kr."
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Et netværk", "En guide"]
    cells = [[c.text for c in row.cells] for t in document.tables[1:] for row in t.rows]
    assert ["30.06.2023", "27", ""] in cells
    assert ["01.01.2022", "10", "Udgangspunkt"] in cells
    assert ["Mer- (+) eller mindreforbrug (−)", "+250.000 kr."] in cells


def test_portfolio_overview_lists_initiatives_lights_and_money(coordinator):
    strategy = reference_strategy()
    add_status(coordinator, smart_city(), time="groen", economy="gul", quality="roed")
    text = flat(pdf_text(reports.overview_pdf(strategy)))
    assert "Porteføljeoverblik: Den fællesoffentlige digitaliseringsstrategi 2016-2020" in text
    assert "Initiativer 33" in text
    assert "Initiativer med status 1" in text
    assert "Samlet budget 4.000.000 kr." in text
    assert "Lys: Grøn 1" in text and "Lys: Rød 1" in text
    assert "5.2 Smart City-partnerskab" in text
    assert "9.3 Højt kendskab til informationssikkerhed" in text
    assert "Ingen status" in text
