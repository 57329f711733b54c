import csv
import io
import xml.etree.ElementTree as ET  # parses our own output only

import pytest

from smartby.audit.models import AuditEntry
from smartby.conftest import assert_refused
from smartby.radar.models import Blip, Edition
from smartby.radar.tests.helpers import make_edition
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

NON_COORDINATORS = ["anonymous", "editor_a", "editor_b"]


@pytest.fixture
def draft():
    return make_edition(
        2030,
        [("LoRaWAN", "netvaerk", "afproev"), ("AI", "anvendelser", "undersoeg")],
        published=False,
        introduction="Kladdens **intro**",
    )


def test_index_shows_the_latest_published_edition(client):
    response = client.get("/teknologiradar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Teknologiradar 2026" in page
    assert "<svg" in page and 'class="radar-blip"' in page
    assert '<caption id="radar-table-caption">' in page
    assert page.count('scope="col"') == 8
    assert "/teknologiradar/2026/teknologiradar.svg" in page
    assert "/api/v1/radar/editions/2026" in page
    assert "radar/radar.js" in page


def test_drafts_are_visible_to_coordinators_only(client, client_a, client_coordinator, draft):
    for c in (client, client_a):
        assert c.get("/teknologiradar/2030/").status_code == 404
        assert c.get("/teknologiradar/2030/teknologiradar.csv").status_code == 404
        assert c.get("/teknologiradar/2030/teknologiradar.svg").status_code == 404
        assert "2030" not in c.get("/teknologiradar/").content.decode()
        history = c.get("/teknologiradar/teknologi/lorawan/").content.decode()
        assert "står i afproev" not in history
    response = client_coordinator.get("/teknologiradar/2030/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kladde" in page and "Kladdens <strong>intro</strong>" in page
    assert (
        "står i afproev"
        in client_coordinator.get("/teknologiradar/teknologi/lorawan/").content.decode()
    )


def test_unknown_years_and_technologies_are_404(client):
    assert client.get("/teknologiradar/1850/").status_code == 404
    assert client.get("/teknologiradar/99999999999/").status_code == 404
    assert client.get("/teknologiradar/teknologi/findes-ikke/").status_code == 404


def test_quadrant_filter_without_javascript(client):
    page = client.get("/teknologiradar/2026/?kvadrant=netvaerk").content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr ") == Blip.objects.filter(edition__year=2026).count()
    visible = [r for r in rows.split("<tr ")[1:] if " hidden>" not in r.split(">")[0] + ">"]
    assert len(visible) == Blip.objects.filter(edition__year=2026, quadrant="netvaerk").count()
    assert 'aria-current="true">Netværk og forbindelse' in page
    # Junk is ignored.
    assert client.get("/teknologiradar/2026/?kvadrant=%00x").status_code == 200


def test_moves_and_left_technologies_are_shown(client):
    make_edition(2030, [("LoRaWAN", "netvaerk", "afproev"), ("Blockchain", "netvaerk", "afvent")])
    make_edition(2031, [("LoRaWAN", "netvaerk", "anvend")])
    page = client.get("/teknologiradar/2031/").content.decode()
    assert "Rykket ind" in page
    assert "Ude af radaren siden 2030" in page and "Blockchain" in page


def test_evidence_columns_link_to_the_filtered_project_list(client, editor_a):
    make_project(editor_a, status="drift")
    page = client.get("/teknologiradar/2026/").content.decode()
    assert 'href="/projekter/?technology=iot-sensorer&amp;status=drift"' in page
    assert 'href="/projekter/?technology=lorawan&amp;status=pilot"' in page
    assert "1 kommune med IoT-sensorer i drift" in page


def test_csv_export(client, editor_a):
    make_project(editor_a, status="pilot")
    response = client.get("/teknologiradar/2026/teknologiradar.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="teknologiradar-2026.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == Blip.objects.filter(edition__year=2026).count()
    iot = next(r for r in rows if r["teknologi"] == "IoT-sensorer")
    assert iot["kvadrant"] == "Sensorer og enheder"
    assert iot["ring"] == "Anvend"
    assert iot["kommuner_pilot"] == "1" and iot["kommuner_drift"] == "0"
    assert iot["begrundelse"].startswith("Sensorer, der måler")
    assert [r["nummer"] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]


def test_svg_download_is_a_standalone_document(client):
    response = client.get("/teknologiradar/2026/teknologiradar.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    root = ET.fromstring(response.content)  # noqa: S314
    links = root.findall(".//{http://www.w3.org/2000/svg}a")
    assert len(links) == Blip.objects.filter(edition__year=2026).count()
    assert all(
        a.get("href").startswith("http://testserver/teknologiradar/teknologi/") for a in links
    )


def test_technology_page(client, editor_a):
    make_project(editor_a, status="pilot")
    page = client.get("/teknologiradar/teknologi/iot-sensorer/").content.decode()
    assert "<h1>IoT-sensorer</h1>" in page
    assert "Sensorer, der måler fyldning" in page
    assert "1</strong> kommune i pilot" in page
    empty = client.get("/teknologiradar/teknologi/telemedicin/").content.decode()
    assert "har endnu ikke været på teknologiradaren" in empty


def test_empty_state_without_editions(client):
    Edition.objects.all().delete()
    page = client.get("/teknologiradar/").content.decode()
    assert "Der er endnu ikke udgivet nogen teknologiradar." in page


# Editing


def write_requests(year: int) -> list[tuple[str, dict]]:
    return [
        ("/teknologiradar/ny/", {"year": "2031", "title": "Radar 2031"}),
        (f"/teknologiradar/{year}/rediger/", {"title": "Hacket", "introduction": ""}),
        (f"/teknologiradar/{year}/udgiv/", {}),
        (f"/teknologiradar/{year}/slet/", {}),
        (
            f"/teknologiradar/{year}/placeringer/ny/",
            {"technology": "droner", "quadrant": "sensorer", "ring": "anvend", "rationale": "x"},
        ),
        (
            f"/teknologiradar/{year}/placeringer/ai/",
            {"quadrant": "anvendelser", "ring": "anvend", "rationale": "y"},
        ),
        (f"/teknologiradar/{year}/placeringer/ai/fjern/", {"reason": "z"}),
    ]


@pytest.mark.parametrize("persona", NON_COORDINATORS)
def test_write_pages_refuse_non_coordinators(as_persona, persona, draft):
    c = as_persona(persona)
    published = make_edition(2029, [("AI", "anvendelser", "afvent")])
    for year in (draft.year, published.year):
        for url, data in write_requests(year):
            assert_refused(persona, c.get(url))
            assert_refused(persona, c.post(url, data))
    draft.refresh_from_db()
    assert (draft.title, draft.published, draft.blips.count()) == ("Teknologiradar 2030", False, 2)
    assert not Edition.objects.filter(year=2031).exists()
    assert not AuditEntry.objects.exists()
    assert "Redigér udgaven" not in c.get("/teknologiradar/").content.decode()


def test_coordinator_edits_a_new_edition_end_to_end(client_coordinator, client):
    c = client_coordinator
    form = c.get("/teknologiradar/ny/").content.decode()
    assert 'value="2027"' in form
    response = c.post("/teknologiradar/ny/", {"year": "2027", "title": "Teknologiradar 2027"})
    assert response.status_code == 302 and response["Location"] == "/teknologiradar/2027/rediger/"
    edition = Edition.objects.get(year=2027)
    assert edition.blips.count() == Blip.objects.filter(edition__year=2026).count()
    assert client.get("/teknologiradar/2027/").status_code == 404

    # Move LoRaWAN out, with a rationale.
    response = c.post(
        "/teknologiradar/2027/placeringer/lorawan/",
        {"quadrant": "netvaerk", "ring": "afproev", "rationale": "NB-IoT tager over."},
    )
    assert response.status_code == 302
    # Add one, remove one.
    response = c.post(
        "/teknologiradar/2027/placeringer/ny/",
        {
            "technology": "telemedicin",
            "quadrant": "anvendelser",
            "ring": "undersoeg",
            "rationale": "Video i hjemmeplejen.",
        },
    )
    assert response.status_code == 302
    response = c.post("/teknologiradar/2027/placeringer/robotter/fjern/", {"reason": "Udgår."})
    assert response.status_code == 302
    response = c.post(
        "/teknologiradar/2027/rediger/", {"title": "Teknologiradar 2027", "introduction": "Ny"}
    )
    assert response.status_code == 302
    assert c.post("/teknologiradar/2027/udgiv/").status_code == 302

    page = client.get("/teknologiradar/").content.decode()
    assert "Teknologiradar 2027" in page
    assert "Rykket ud" in page and "Ny" in page
    assert "Ude af radaren siden 2026" in page and "Robotter" in page
    actions = set(
        AuditEntry.objects.filter(object_type__startswith="radar.").values_list("action", flat=True)
    )
    assert actions == {"create", "move", "delete", "update", "publish"}


def test_form_errors_keep_the_input(client_coordinator, draft):
    c = client_coordinator
    response = c.post(
        "/teknologiradar/2030/placeringer/lorawan/",
        {"quadrant": "netvaerk", "ring": "anvend", "rationale": "LoRaWAN står i afproev."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "skriv en ny begrundelse for flytningen" in page
    assert '<option value="anvend" selected>' in page

    response = c.post(
        "/teknologiradar/2030/placeringer/ny/",
        {"technology": "droner", "quadrant": "sensorer", "ring": "anvend", "rationale": ""},
    )
    assert response.status_code == 400
    assert "Skriv en begrundelse." in response.content.decode()
    assert '<option value="droner" selected>' in response.content.decode()

    response = c.post("/teknologiradar/ny/", {"year": "2030", "title": "Igen"})
    assert response.status_code == 400
    assert "Der findes allerede en udgave for 2030." in response.content.decode()
    assert 'value="Igen"' in response.content.decode()

    response = c.post("/teknologiradar/2030/placeringer/ai/fjern/", {"reason": ""})
    assert response.status_code == 400

    empty = make_edition(2031, published=False)
    response = c.post(f"/teknologiradar/{empty.year}/udgiv/")
    assert response.status_code == 400
    assert "Placér mindst én teknologi" in response.content.decode()
    assert c.post("/teknologiradar/2026/slet/").status_code == 400
