"""The PDF (read back with pypdf) and the CSV of the yearly table."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smartby.cases.tests.helpers import NPV_TEXT, make_business_case

pytestmark = pytest.mark.django_db


def test_pdf_holds_summary_assumptions_years_results_and_sensitivity(client, editor_a):
    bc = make_business_case(editor_a)
    r = client.get(reverse("cases:businesscase_pdf", args=[bc.use_case.slug, bc.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert (
        'filename="business-case-affaldssensorer-i-kuber-basisscenarie.pdf"'
        in r["Content-Disposition"]
    )
    reader = PdfReader(io.BytesIO(r.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Business case: Affaldssensorer i kuber" in text
    assert "Kuberne tømmes efter fast rute" in text  # the use case
    assert "Diskonteringsrente: 10 %" in text and "Sensorer og montering" in text
    assert f"Nettonutidsværdi: {NPV_TEXT} kr." in text
    assert "Tilbagebetaling: 2028" in text
    assert "Følsomhed" in text and "Gevinster -20 %" in text
    assert "Mindre affald på gaden" in text
    assert reader.metadata.title == "Business case: Affaldssensorer i kuber"


def test_csv_of_the_yearly_table(client, editor_a):
    bc = make_business_case(editor_a)
    r = client.get(reverse("cases:businesscase_csv", args=[bc.use_case.slug, bc.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row["aar"] for row in rows] == ["2026", "2027", "2028"]
    assert [row["netto_kr"] for row in rows] == ["-100000.00", "50000.00", "50000.00"]
    assert rows[1]["nutidsvaerdi_netto_kr"] == "45454.55"
    assert rows[2]["akkumuleret_nutidsvaerdi_kr"] == "-13223.14"
