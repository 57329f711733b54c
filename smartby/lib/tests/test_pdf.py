import io

from pypdf import PdfReader

from smartby.lib.pdf import Document


def test_document_keeps_danish_text_and_tables():
    doc = Document("Kravspecifikation – ejerskab til data", footer="Smartby")
    doc.heading("Æbler, øl og ål")
    doc.paragraph("Leverandøren må ikke låse kommunen fast (€ 1.000).")
    doc.bullets(["Åbne standarder", "Rådata på forlangende"])
    doc.table(["År", "Beløb"], [["2027", "1.000"], ["2028", "2.500"]], align_right_from=1)
    data = doc.bytes()
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Æbler, øl og ål" in text
    assert "låse kommunen fast (€ 1.000)" in text
    assert "Rådata på forlangende" in text
    assert "2.500" in text
    assert "Side 1/1" in text
