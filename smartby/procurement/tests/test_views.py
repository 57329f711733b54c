import html
import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from smartby.procurement import operations
from smartby.procurement.models import Clause, RequirementDocument
from smartby.procurement.tests.helpers import clause_data, compose_params, make_clause

pytestmark = pytest.mark.django_db

VALUES = {"leverandør": "Leverandøren", "løsning": "løsningen"}


def test_list_shows_reference_clauses_with_filters(client):
    response = client.get("/udbud/klausuler/")
    assert response.status_code == 200
    assert "Ordregiver ejer data" in response.text
    response = client.get("/udbud/klausuler/", {"tema": "gdpr"})
    assert "Databehandleraftale" in response.text
    assert "Ordregiver ejer data" not in response.text
    response = client.get("/udbud/klausuler/", {"emneord": "lorawan"})
    assert "Sensorer og enheder kan bruges på andre platforme" in response.text
    assert "1 klausul" in response.text
    response = client.get("/udbud/klausuler/", {"q": "Schrems"})
    assert "Personoplysninger behandles i EU/EØS" in response.text
    assert "1 klausul" in response.text
    response = client.get("/udbud/klausuler/", {"q": "zzzyx"})
    assert "Ingen klausuler matcher" in response.text


def test_list_refuses_bad_filter_without_crashing(client):
    assert client.get("/udbud/klausuler/", {"tema": "ukendt"}).status_code == 400
    assert client.get("/udbud/klausuler/", {"q": "a\x00b"}).status_code == 400


def test_list_is_paginated(client, coordinator):
    for i in range(5):
        make_clause(coordinator, title=f"Ekstra klausul {i}")
    first = client.get("/udbud/klausuler/")
    assert 'rel="next"' in first.text
    second = client.get("/udbud/klausuler/", {"side": 2})
    assert second.status_code == 200 and 'rel="prev"' in second.text


def test_retired_clauses_are_hidden_unless_asked(client, coordinator):
    clause = Clause.objects.get(slug="exitplan")
    operations.set_retired(coordinator, clause, True)
    assert "Exitplan fra kontraktens start" not in client.get("/udbud/klausuler/").text
    shown = client.get("/udbud/klausuler/", {"udfasede": "on"}).text
    assert "Exitplan fra kontraktens start" in shown and "Udfaset" in shown


def test_detail_shows_text_reason_placeholders_and_versions(client):
    response = client.get("/udbud/klausuler/exitplan/")
    assert response.status_code == 200
    html = response.text
    assert (
        '<span class="placeholder" title="Frist (arbejdsdage)">{{frist_arbejdsdage}}</span>' in html
    )
    assert "Hvorfor" in html and "forhandlingsposition" in html
    assert "Version 1" in html
    assert "/udbud/kravdokument/?klausul=exitplan" in html
    assert client.get("/udbud/klausuler/findes-ikke/").status_code == 404


def test_history_shows_diff_and_compare(client, coordinator):
    clause = make_clause(coordinator)
    operations.update_clause(
        coordinator, clause, clause_data(text="{{leverandør}} skal levere data i {{dataformat}}.")
    )
    html = client.get(f"/udbud/klausuler/{clause.slug}/historik/").text
    assert "<del>" in html and "<ins>" in html
    assert "Sammenlign to versioner" in html
    compared = client.get(f"/udbud/klausuler/{clause.slug}/historik/", {"fra": 1, "til": 2})
    assert "Version 1 sammenlignet med version 2" in compared.text
    assert client.get(f"/udbud/klausuler/{clause.slug}/historik/", {"fra": "x"}).status_code == 200


def test_proposals_are_hidden_from_anonymous(client, client_b, editor_a, coordinator):
    clause = make_clause(coordinator)
    proposal = operations.propose_version(
        editor_a, clause, clause_data(text="Forslag.", change_note="Kortere")
    )
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert client_b.get(proposal.get_absolute_url()).status_code == 200
    assert "Forslag." not in client.get(f"/udbud/klausuler/{clause.slug}/historik/").text


def test_compose_step_one_lists_clauses_grouped_by_theme(client):
    html = client.get("/udbud/kravdokument/").text
    assert "<legend>Åbne standarder og API&#x27;er</legend>" in html
    assert 'value="databehandleraftale"' in html
    back = client.get("/udbud/kravdokument/", {"klausul": "exitplan", "titel": "T", "v-x": "1"})
    assert (
        'value="exitplan" id="klausul-exitplan" aria-describedby="klausul-exitplan-help" checked'
        in back.text
    )
    assert '<input type="hidden" name="v-x" value="1">' in back.text


def test_step_two_without_clauses_shows_errors_and_keeps_input(client):
    response = client.get("/udbud/kravdokument/udfyld/", {"titel": "Mit udbud", "ordregiver": ""})
    assert response.status_code == 400
    assert "Vælg mindst én klausul." in response.text
    assert "Skriv ordregiverens navn." in response.text
    assert 'value="Mit udbud"' in response.text


def test_step_two_asks_for_each_placeholder_with_a_label(client):
    params = compose_params("ejerskab-til-data", "exitplan")
    response = client.get("/udbud/kravdokument/udfyld/", params)
    assert response.status_code == 200
    assert 'for="id_v-leverandør">Leverandørens betegnelse' in response.text
    assert "Frist (arbejdsdage)" in response.text
    assert "id_v-ordregiver" not in response.text  # asked in step 1


def test_preview_with_missing_values_keeps_the_rest(client):
    params = compose_params("ejerskab-til-data", "exitplan", leverandør="Leverandøren")
    response = client.get("/udbud/kravdokument/forhaandsvisning/", params)
    assert response.status_code == 400
    assert "Udfyld „Løsningens navn“." in response.text
    assert 'value="Leverandøren"' in response.text


def test_preview_and_downloads(client):
    params = compose_params("ejerskab-til-data", "exitplan", frist_arbejdsdage="15", **VALUES)
    preview = client.get("/udbud/kravdokument/forhaandsvisning/", params)
    assert preview.status_code == 200
    assert "Løsningen skal" not in preview.text
    assert "<p>Alle data, som løsningen indsamler" in preview.text
    assert "Log ind" in preview.text and "Gem dokumentet" not in preview.text
    docx = client.get("/udbud/kravdokument/kravdokument.docx", params)
    assert docx.status_code == 200
    assert docx["Content-Disposition"] == 'attachment; filename="krav-til-parkeringssensorer.docx"'
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "senest 15 arbejdsdage" in body and "{{" not in body
    pdf = client.get("/udbud/kravdokument/kravdokument.pdf", params)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Ordregiver ejer data" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_download_with_missing_values_is_400(client):
    response = client.get(
        "/udbud/kravdokument/kravdokument.docx", compose_params("exitplan", leverandør="X")
    )
    assert response.status_code == 400
    assert "Udfyld „Frist (arbejdsdage)“." in response.text


def test_member_saves_and_reexports_a_document(client_a, client_b, client_coordinator, org_a):
    params = compose_params("ejerskab-til-data", **VALUES)
    preview = client_a.get("/udbud/kravdokument/forhaandsvisning/", params)
    assert "Gem dokumentet" in preview.text and org_a.name in preview.text
    response = client_a.post("/udbud/kravdokument/gem/", params | {"organisation": org_a.pk})
    document = RequirementDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.title in client_a.get("/udbud/kravdokumenter/").text
    assert document.title not in client_b.get("/udbud/kravdokumenter/").text
    assert document.title in client_coordinator.get("/udbud/kravdokumenter/").text
    assert client_a.get(document.get_absolute_url()).status_code == 200
    assert client_b.get(document.get_absolute_url()).status_code == 403
    assert client_b.get(f"/udbud/kravdokumenter/{document.pk}/kravdokument.docx").status_code == 403
    docx = client_a.get(f"/udbud/kravdokumenter/{document.pk}/kravdokument.docx")
    assert "Leverandøren må kun bruge data" in "\n".join(
        p.text for p in Document(io.BytesIO(docx.content)).paragraphs
    )
    pdf = client_coordinator.get(f"/udbud/kravdokumenter/{document.pk}/kravdokument.pdf")
    assert pdf.status_code == 200


def test_saved_document_keeps_its_pinned_version(client_a, editor_a, coordinator, org_a):
    clause = Clause.objects.get(slug="ejerskab-til-data")
    document = operations.save_document(editor_a, compose_params(clause.slug, **VALUES), org_a.pk)
    data = clause_data(
        title=clause.title, topic=clause.topic, text="Helt ny tekst om {{leverandør}}."
    )
    operations.update_clause(coordinator, clause, data)
    html = client_a.get(document.get_absolute_url()).text
    assert "version 1 i dokumentet, version 2 gælder nu" in html
    assert "Alle data, som løsningen indsamler" in html
    docx = client_a.get(f"/udbud/kravdokumenter/{document.pk}/kravdokument.docx")
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Helt ny tekst" not in body


def test_save_with_invalid_data_is_400_and_nothing_saved(client_a, org_a):
    response = client_a.post(
        "/udbud/kravdokument/gem/", compose_params("exitplan") | {"organisation": org_a.pk}
    )
    assert response.status_code == 400
    assert "Udfyld" in response.text
    assert not RequirementDocument.objects.exists()


def test_links_of_the_preview_reproduce_the_document(client):
    """The whole state is in the URL: the preview's links open the other steps and the
    downloads with everything filled in."""
    params = compose_params("ejerskab-til-data", **VALUES)
    preview = client.get("/udbud/kravdokument/forhaandsvisning/", params).text
    links = {
        name: html.unescape(re.search(rf'href="(/udbud/kravdokument/{name}[^"]*)"', preview)[1])
        for name in ("kravdokument.docx", "udfyld/")
    }
    docx = client.get(links["kravdokument.docx"])
    assert docx.status_code == 200
    assert "Alle data, som løsningen indsamler" in "\n".join(
        p.text for p in Document(io.BytesIO(docx.content)).paragraphs
    )
    fill = client.get(links["udfyld/"])
    assert 'value="Leverandøren"' in fill.text
