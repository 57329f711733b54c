import io

import pytest
from django.http import QueryDict
from docx import Document
from pypdf import PdfReader

from smartby.lib.errors import ValidationFailed
from smartby.procurement import composer
from smartby.procurement.tests.helpers import compose_params

pytestmark = pytest.mark.django_db

VALUES = {
    "leverandør": "Leverandøren",
    "løsning": "parkeringsløsningen",
    "dataformat": "CSV",
    "forsinkelse": "15 minutter",
    "frist_arbejdsdage": "20",
    "exit_frist_arbejdsdage": "30",
    "opbevaring_dage": "90",
}
SLUGS = ("exitplan", "adgang-til-raadata", "dataudlevering-ved-ophoer", "ejerskab-til-data")


def as_query(params: dict) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, list):
            q.setlist(key, value)
        else:
            q[key] = value
    return q


def test_composition_orders_by_theme_and_numbers_requirements():
    comp = composer.composition(as_query(compose_params(*SLUGS, **VALUES)))
    sections = comp.sections()
    assert [s.label for s in sections] == [
        "Dataejerskab og adgang til rådata",
        "Exit og ingen leverandørbinding",
    ]
    assert [i.number for s in sections for i in s.items] == ["1.1", "1.2", "2.1", "2.2"]
    assert [i.version.clause.title for i in sections[0].items] == [
        "Løbende adgang til rådata i et åbent format",
        "Ordregiver ejer data",
    ]
    text = sections[0].items[0].text
    assert text.startswith("Leverandøren skal give Aarhus Kommune løbende")
    assert "{{" not in text and "senest 15 minutter" in text
    assert comp.missing() == []


def test_placeholder_names_are_the_union_without_the_buyer():
    versions = composer.current_versions(SLUGS)
    assert composer.placeholder_names(versions) == [
        "leverandør",
        "løsning",
        "dataformat",
        "forsinkelse",
        "frist_arbejdsdage",
        "exit_frist_arbejdsdage",
        "opbevaring_dage",
    ]


def test_every_missing_or_invalid_value_is_reported_per_field():
    values = VALUES | {"dataformat": "", "frist_arbejdsdage": "tyve", "løsning": "x" * 400}
    with pytest.raises(ValidationFailed) as exc:
        composer.composition(as_query(compose_params(*SLUGS, **values)))
    errors = {e["field"]: e["message"] for e in exc.value.errors}
    assert set(errors) == {"v-dataformat", "v-frist_arbejdsdage", "v-løsning"}
    assert errors["v-dataformat"] == "Udfyld „Åbent dataformat“."
    assert "helt tal" in errors["v-frist_arbejdsdage"]


def test_step_one_errors():
    with pytest.raises(ValidationFailed) as exc:
        composer.composition(as_query({"titel": "", "ordregiver": "", "klausul": ["findes-ikke"]}))
    fields = sorted(e["field"] for e in exc.value.errors)
    assert fields == ["klausul", "ordregiver", "titel"]


def docx_of(params: dict) -> Document:
    body = composer.to_docx(composer.composition(as_query(params)))
    return Document(io.BytesIO(body))


def test_docx_has_headings_filled_values_appendix_and_footer():
    doc = docx_of(compose_params(*SLUGS, **VALUES))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Krav til parkeringssensorer")
    assert ("Heading 1", "1. Dataejerskab og adgang til rådata") in headings
    assert ("Heading 2", "2.1 Exitplan fra kontraktens start") in headings
    assert ("Heading 1", "Bilag: Begrundelser for kravene") in headings
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "{{" not in body and "}}" not in body
    assert "Ordregiver: Aarhus Kommune" in body
    assert "senest 30 arbejdsdage efter ophøret" in body
    assert "Det er ved kontraktens ophør" in body  # a reason in the appendix
    footer = doc.sections[0].footer.paragraphs[0].text
    assert "adgang-til-raadata v1" in footer and "exitplan v1" in footer
    assert doc.core_properties.title == "Krav til parkeringssensorer"


def test_docx_without_appendix():
    params = compose_params(*SLUGS, **VALUES)
    del params["bilag"]
    body = "\n".join(p.text for p in docx_of(params).paragraphs)
    assert "Bilag" not in body


def test_pdf_reads_back_with_danish_letters():
    comp = composer.composition(as_query(compose_params(*SLUGS, **VALUES)))
    reader = PdfReader(io.BytesIO(composer.to_pdf(comp)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert reader.metadata.title == "Krav til parkeringssensorer"
    assert "1. Dataejerskab og adgang til rådata" in text
    assert "Leverandøren skal give Aarhus Kommune" in text
    assert "{{" not in text
    assert "exitplan" in text and "Klausuler og versioner" in text
