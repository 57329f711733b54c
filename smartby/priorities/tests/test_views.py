"""Pages: content, filters, counts, refusals per persona on every write path, visibility of
scores and results, and the exports read back (PDF with pypdf, CSV, XLSX)."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from smartby.conftest import assert_refused
from smartby.priorities import operations
from smartby.priorities.models import Evidence, Proposal, Recommendation, Round, StatusEntry
from smartby.priorities.tests.helpers import make_round, score_data

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def url(name: str, *args) -> str:
    return reverse(f"priorities:{name}", args=args)


def test_index_and_list_with_filters_and_counts(client, coordinator):
    r = Recommendation.objects.get(number=29)
    operations.add_status_entry(coordinator, r, {"status": "i_gang", "date": f"{YEAR}-01-02"})
    response = client.get(url("index"))
    assert response.status_code == 200
    assert "Opfølgning på anbefalingerne" in response.content.decode()
    response = client.get(url("recommendation_list"))
    page = response.content.decode()
    assert response.status_code == 200 and "46 anbefalinger" in page
    assert "Ikke påbegyndt: 45" in page and "I gang: 1" in page
    response = client.get(url("recommendation_list"), {"status": "i_gang"})
    page = response.content.decode()
    assert "1 anbefaling" in page and "Mindre trængsel og bedre flow i trafikken" in page
    theme = r.theme.slug
    page = client.get(url("recommendation_list"), {"theme": theme}).content.decode()
    assert "3 anbefalinger" in page and "Nemt fra A til B" in page
    page = client.get(
        url("recommendation_list"), {"theme": theme, "status": "gennemfoert"}
    ).content.decode()
    assert "Ingen anbefalinger matcher dine filtre." in page
    assert client.get(url("recommendation_list"), {"status": "<x>"}).status_code == 400
    page2 = client.get(url("recommendation_list"), {"side": "3"}).content.decode()
    assert "Ansvarlig og etisk digital transformation" in page2  # 46 on pages of 20


def test_detail_shows_history_and_evidence(client, coordinator):
    r = Recommendation.objects.get(number=44)
    operations.add_status_entry(
        coordinator, r, {"status": "i_gang", "date": "2023-02-01", "comment": "Vejviser i drift"}
    )
    operations.add_evidence(
        coordinator,
        r,
        {"title": "Datavejviser", "url": "https://data.example.dk/", "added_on": "2023-02-03"},
    )
    response = client.get(r.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vejviser til flere og bedre offentlige data" in page
    assert "Vejviser i drift" in page and "Kim Koordinator" in page
    assert "https://data.example.dk/" in page
    assert "Registrér ny status" not in page  # anonymous readers see no forms
    assert client.get(url("recommendation_detail", 47)).status_code == 404


def test_coordinator_records_status_and_evidence_through_the_ui(client_coordinator):
    r = Recommendation.objects.get(number=5)
    assert "Registrér ny status" in client_coordinator.get(r.get_absolute_url()).content.decode()
    response = client_coordinator.post(
        url("status_add", 5), {"status": "gennemfoert", "date": "2099-01-01", "comment": "Klar"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Datoen må ikke ligge i fremtiden." in page and ">\nKlar</textarea>" in page
    response = client_coordinator.post(
        url("status_add", 5), {"status": "gennemfoert", "date": "2024-11-05", "comment": "Klar"}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.status == "gennemfoert"
    response = client_coordinator.post(
        url("evidence_add", 5),
        {"title": "Robotbibliotek", "url": "ftp://x", "added_on": "2024-01-01"},
    )
    assert response.status_code == 400 and "Robotbibliotek" in response.content.decode()
    response = client_coordinator.post(
        url("evidence_add", 5),
        {"title": "Robotbibliotek", "url": "https://robot.example.dk/", "added_on": "2024-01-01"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert client_coordinator.get(url("evidence_delete", 5, evidence.pk)).status_code == 200
    assert client_coordinator.post(url("evidence_delete", 5, evidence.pk)).status_code == 302
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_follow_up_writes_refused(persona, as_persona, coordinator):
    c = as_persona(persona)
    r = Recommendation.objects.get(number=5)
    evidence = operations.add_evidence(
        coordinator, r, {"title": "X", "url": "https://x.example.dk/", "added_on": "2024-01-01"}
    )
    assert_refused(
        persona, c.post(url("status_add", 5), {"status": "i_gang", "date": "2024-01-01"})
    )
    assert_refused(
        persona,
        c.post(
            url("evidence_add", 5),
            {"title": "Y", "url": "https://y.example.dk/", "added_on": "2024-01-01"},
        ),
    )
    assert_refused(persona, c.get(url("evidence_delete", 5, evidence.pk)))
    assert_refused(persona, c.post(url("evidence_delete", 5, evidence.pk)))
    assert not StatusEntry.objects.exists() and Evidence.objects.count() == 1


def test_progress_report_page_pdf_and_csv(client, coordinator):
    r = Recommendation.objects.get(number=21)
    operations.add_status_entry(coordinator, r, {"status": "i_gang", "date": "2023-05-01"})
    operations.add_status_entry(
        coordinator,
        r,
        {"status": "delvist_gennemfoert", "date": f"{YEAR}-01-15", "comment": "Fase 1"},
    )
    operations.add_evidence(
        coordinator,
        r,
        {
            "title": "Sundhedsjournalen",
            "url": "https://sj.example.dk/",
            "added_on": f"{YEAR}-01-16",
        },
    )
    response = client.get(url("progress", YEAR))
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 anbefaling skiftede status i året." in page
    assert "Sundhedsjournalen" in page and "Fase 1" in page
    # Distribution: at the start of the year 45 not started, 1 in progress; at the end 1 partly.
    assert '<th scope="row">I gang</th><td class="num">1</td><td class="num">0</td>' in page
    last_year = client.get(url("progress", 2023)).content.decode()
    assert '<th scope="row">I gang</th><td class="num">0</td><td class="num">1</td>' in last_year
    assert client.get(url("progress", 2019)).status_code == 404
    assert client.get(url("progress_latest")).status_code == 302

    pdf = client.get(url("progress_pdf", YEAR))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Fremdrift for Digitaliseringspartnerskabets anbefalinger {YEAR}" in text
    assert "Delvist gennemført" in text and "Sundhedsjournalen" in text and "Fase 1" in text

    body = client.get(url("progress_csv", YEAR)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "nummer" and len(rows) == 47
    row = rows[21]
    assert row[:2] == ["21", "Adgang til samlede sundhedsoplysninger"]
    assert row[3:] == ["I gang", "Delvist gennemført", "1", "1"]


# --- rounds ---------------------------------------------------------------------------------


def test_round_pages_for_the_coordinator(client_coordinator, editor_a):
    response = client_coordinator.post(url("round_create"), {"title": "", "description": "Tekst"})
    assert response.status_code == 400 and "Tekst" in response.content.decode()
    response = client_coordinator.post(url("round_create"), {"title": "Efterår", "description": ""})
    round = Round.objects.get()
    assert response["Location"] == round.get_absolute_url()
    response = client_coordinator.post(
        url("proposal_create", round.slug), {"title": "Fælles IoT-net", "recommendation": "11"}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.recommendation.number == 11
    response = client_coordinator.post(
        url("proposal_create", round.slug), {"title": "fælles iot-net", "description": "Bevar"}
    )
    assert response.status_code == 400 and "Bevar" in response.content.decode()
    response = client_coordinator.post(url("assessor_invite", round.slug), {"email": "nej@x.dk"})
    assert response.status_code == 400
    assert "Der findes ingen aktiv bruger" in response.content.decode()
    client_coordinator.post(url("assessor_invite", round.slug), {"email": editor_a.email})
    page = client_coordinator.get(round.get_absolute_url()).content.decode()
    assert "Anna Aarhus" in page and "0 / 1" in page
    assert client_coordinator.get(url("proposal_edit", round.slug, proposal.pk)).status_code == 200
    client_coordinator.post(
        url("proposal_edit", round.slug, proposal.pk), {"title": "Fælles IoT-netværk"}
    )
    proposal.refresh_from_db()
    assert proposal.title == "Fælles IoT-netværk" and proposal.recommendation is None
    client_coordinator.post(url("round_edit", round.slug), {"title": "Efterår 2026"})
    client_coordinator.post(url("round_state", round.slug), {"action": "close"})
    client_coordinator.post(url("round_state", round.slug), {"action": "publish"})
    round.refresh_from_db()
    assert round.title == "Efterår 2026" and round.published
    assessor = round.assessors.get()
    client_coordinator.post(url("assessor_remove", round.slug, assessor.pk))
    client_coordinator.post(url("proposal_delete", round.slug, proposal.pk))
    assert not round.assessors.exists() and not round.proposals.exists()


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_round_writes_refused(persona, as_persona, coordinator, editor_a):
    round = make_round(coordinator, assessors=[editor_a])
    proposal = round.proposals.first()
    assessor = round.assessors.get()
    c = as_persona(persona)
    posts = [
        (url("round_create"), {"title": "Min"}),
        (url("round_edit", round.slug), {"title": "Ændret"}),
        (url("round_state", round.slug), {"action": "close"}),
        (url("proposal_create", round.slug), {"title": "Mit forslag"}),
        (url("proposal_edit", round.slug, proposal.pk), {"title": "Ændret"}),
        (url("proposal_delete", round.slug, proposal.pk), {}),
        (url("assessor_invite", round.slug), {"email": "bo@odense.example.org"}),
        (url("assessor_remove", round.slug, assessor.pk), {}),
    ]
    for path, data in posts:
        assert_refused(persona, c.post(path, data))
    for path in (url("round_create"), url("round_edit", round.slug)):
        assert_refused(persona, c.get(path))
    round.refresh_from_db()
    assert round.title == "Forår 2026" and round.is_open
    assert round.proposals.count() == 3 and round.assessors.count() == 1


def test_scoring_visibility_and_results(client, client_a, client_b, client_coordinator, round_):
    slug = round_.slug
    # Assessor A scores through the form; an incomplete proposal is an error, input kept.
    data = score_data(round_, {"Chatbot til borgerservice": (4, 3, 5, 2)})
    parking = round_.proposals.get(title="Digital parkeringsvejledning")
    data[f"p{parking.pk}-value_citizens"] = "5"
    response = client_a.post(url("round_score", slug), data)
    assert response.status_code == 400
    assert "Udfyld alle tre kriterier og investeringskategorien." in response.content.decode()
    data[f"p{parking.pk}-value_citizens"] = ""
    assert client_a.post(url("round_score", slug), data).status_code == 302
    client_b.post(
        url("round_score", slug), score_data(round_, {"Chatbot til borgerservice": (2, 3, 3, 2)})
    )
    # Assessor A sees their own scores in the form, not B's and not the results.
    form = client_a.get(url("round_score", slug)).content.decode()
    chat = round_.proposals.get(title="Chatbot til borgerservice")
    assert f'name="p{chat.pk}-value_citizens" id="id_p{chat.pk}-value_citizens"' in form
    select = form[form.index(f'id="id_p{chat.pk}-value_citizens"') :]
    select = select[: select.index("</select>")]
    assert '<option value="4" selected>' in select and "selected" not in select.replace(
        '<option value="4" selected>', ""
    )
    assert client_a.get(url("round_results", slug)).status_code == 403
    assert client_a.get(url("results_csv", slug)).status_code == 403
    assert "Se resultater" not in client_a.get(round_.get_absolute_url()).content.decode()
    # The public sees nothing of an unpublished round.
    assert client.get(url("round_results", slug)).status_code == 302
    assert round_.title not in client.get(url("round_list")).content.decode()
    # The coordinator sees the live results: matrix, table, ranking.
    page = client_coordinator.get(url("round_results", slug)).content.decode()
    assert "Prioriteringsmatrix" in page and 'id="matrix-table"' in page
    assert "<strong>3,00</strong> · 2–4 · σ 1,00" in page  # citizens: 4 and 2
    # Not invited: cannot score.
    assert client_coordinator.get(url("round_score", slug)).status_code == 403
    # Closed: assessors see the results, scoring stops; still not public.
    operations.change_round_state(None, round_, "close")
    assert client_a.get(url("round_results", slug)).status_code == 200
    assert client_a.get(url("round_score", slug)).status_code == 302
    assert client_a.post(url("round_score", slug), data).status_code == 302
    assert client.get(url("round_results", slug)).status_code == 302
    # Published: everyone.
    operations.change_round_state(None, round_, "publish")
    assert round_.title in client.get(url("round_list")).content.decode()
    page = client.get(url("round_results", slug)).content.decode()
    assert "Chatbot til borgerservice" in page


def test_matrix_svg_is_accessible_and_matches_the_table(client_coordinator, round_, editor_a):
    operations.save_scores(
        editor_a,
        round_,
        score_data(
            round_,
            {
                "Chatbot til borgerservice": (4, 2, 5, 2),
                "Fælles sensordata for vandstand": (1, 1, 1, 4),
            },
        ),
    )
    page = client_coordinator.get(url("round_results", round_.slug)).content.decode()
    start = page.index("<svg")
    svg = ET.fromstring(page[start : page.index("</svg>") + 6])  # noqa: S314 - our own output
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.get("role") == "img" and svg.get("aria-labelledby")
    assert svg.find("s:title", ns).text.startswith("Prioriteringsmatrix")
    circles = svg.findall(".//s:circle", ns)
    assert len(circles) == 2
    # Chatbot: value (4 + 2) / 2 = 3 → x at the middle; potential 5 → y at the top.
    chat = next(c for c in circles if "Chatbot" in c.find("s:title", ns).text)
    assert (float(chat.get("cx")), float(chat.get("cy"))) == (345.0, 20.0)
    labels = [t.text for t in svg.findall(".//s:g/s:text", ns)]
    assert sorted(labels) == ["1", "2"]


def test_results_exports(client_coordinator, round_, editor_a, editor_b):
    operations.save_scores(
        editor_a, round_, score_data(round_, {"Chatbot til borgerservice": (4, 3, 5, 2)})
    )
    operations.save_scores(
        editor_b, round_, score_data(round_, {"Chatbot til borgerservice": (2, 3, 3, 1)})
    )
    body = client_coordinator.get(url("results_csv", round_.slug)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:3] == ["rang", "forslag", "antal_bedoemmere"]
    assert rows[1][:7] == ["1", "Chatbot til borgerservice", "2", "3,00", "2", "4", "1,00"]
    assert rows[1][-1] == "Nye initiativer med væsentlige investeringer"  # tie 1/2 → lowest
    assert len(rows) == 4 and rows[2][0] == ""
    response = client_coordinator.get(url("results_xlsx", round_.slug))
    ws = load_workbook(io.BytesIO(response.content))["Resultater"]
    assert ws["B2"].value == "Chatbot til borgerservice" and ws["D2"].value == 3.0
    assert ws["G2"].value == 1.0  # population standard deviation of 4 and 2


def test_round_pages_empty_and_missing(client, client_coordinator):
    assert (
        "Der er endnu ingen prioriteringsrunder" in client.get(url("round_list")).content.decode()
    )
    assert client.get(url("round_detail", "findes-ikke")).status_code == 404
    assert client_coordinator.get(url("round_create")).status_code == 200
