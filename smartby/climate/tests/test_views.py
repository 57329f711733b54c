"""Pages: the map page with its table of all 98 municipalities, the GeoJSON layer, the region
overview (its counts checked against an independent count), a municipality's plan page, the
update form per persona (refusals, errors kept), and the include for the geo app."""

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from smartby.climate import demo
from smartby.climate.models import ClimatePlan, PhaseEvent, PlanStatus
from smartby.climate.tests.helpers import set_plan, update_data
from smartby.conftest import PERSONAS, assert_refused
from smartby.geo.models import Municipality, Region

pytestmark = pytest.mark.django_db


class TableParser(HTMLParser):
    """The cells of the table with `id`, as rows of text."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(html: str, table_id: str) -> list[list[str]]:
    parser = TableParser(table_id)
    parser.feed(html)
    return parser.rows


def test_map_page_lists_all_98_municipalities(client):
    demo.load(seed=1)
    response = client.get("/dk2020/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = table(html, "dk2020-table")
    assert rows[0] == ["Kommune", "Region", "Runde", "Fase", "Status", "Vedtaget"]
    body = rows[1:]
    assert len(body) == 98
    aarhus = next(r for r in body if r[0] == "Aarhus")
    assert aarhus[1:5] == [
        "Region Midtjylland",
        "Med før 1. runde",
        "3. Optagelse i fase 1 eller 2",
        "I gang",
    ]
    assert 'id="dk2020-demo-note"' in html  # demo statuses are labelled as such
    assert "vendor/leaflet/leaflet.js" in html and "climate/dk2020-map.js" in html
    assert "<script>" not in html and ' style="' not in html


def test_map_page_without_demo_shows_no_demo_note(client):
    html = client.get("/dk2020/").content.decode()
    assert "dk2020-demo-note" not in html
    assert "4 kommuner har en registreret DK2020-plan." in html
    assert html.count('data-fase="ingen"') >= 94


def test_geojson_has_98_coloured_features(client, coordinator):
    set_plan(coordinator, "461", phase="vedtagelse", status="vedtaget", adopted_date="2024-02-01")
    response = client.get("/dk2020/kommuner.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    features = data["features"]
    assert len(features) == 98 and "DAGI" in data["attribution"]
    props = {f["properties"]["kode"]: f["properties"] for f in features}
    assert props["461"]["fase"] == "vedtagelse" and props["461"]["status"] == "vedtaget"
    assert props["751"]["fase"] == "optagelse" and props["101"]["fase"] == "ingen"
    assert props["101"]["status"] == "ikke_startet" and props["101"]["url"] == "/dk2020/101/"
    assert all(re.fullmatch(r"#[0-9a-f]{6}", p["farve"]) for p in props.values())
    assert props["461"]["farve"] != props["751"]["farve"] != props["101"]["farve"]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)


def independent_counts() -> dict[str, Counter]:
    """Per region name, municipalities per phase code ('ingen' without a plan or phase)."""
    phase_of = dict(ClimatePlan.objects.values_list("municipality_id", "phase__code"))
    counts: dict[str, Counter] = {r.name: Counter() for r in Region.objects.all()}
    for m in Municipality.objects.select_related("region"):
        counts[m.region.name][phase_of.get(m.pk) or "ingen"] += 1
    return counts


def test_region_overview_counts_match_an_independent_count(client):
    demo.load(seed=7)
    response = client.get("/dk2020/regioner/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = table(html, "dk2020-overview")
    header = rows[0]
    assert header[0] == "Region" and header[-2:] == ["Vedtaget eller godkendt", "I alt"]
    codes = ["ingen", "tilslutning", "ansoegning", "optagelse", "igangsaettelse",
             "udarbejdelse", "vedtagelse", "godkendelse", "implementering"]  # fmt: skip
    assert len(header) == 1 + len(codes) + 2
    expected = independent_counts()
    adopted = Counter(
        ClimatePlan.objects.filter(status__in=["vedtaget", "godkendt"]).values_list(
            "municipality__region__name", flat=True
        )
    )
    body = {r[0]: r[1:] for r in rows[1:]}
    assert set(body) == set(expected) | {"Hele landet"}
    for region, counter in expected.items():
        numbers = [int(x) for x in body[region]]
        assert numbers[: len(codes)] == [counter[c] for c in codes], region
        assert numbers[-2] == adopted[region]
        assert numbers[-1] == sum(counter.values())
    assert int(body["Hele landet"][-1]) == 98
    assert sum(expected["Region Midtjylland"].values()) == 19

    # The SVG chart: one labelled segment per non-zero count, parseable, with title and desc.
    svg = re.search(r"<svg[^>]*dk2020-chart.*?</svg>", html, re.S).group(0)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.find(f"{ns}title").text == "DK2020-faser pr. region"
    titles = [t.text for t in root.iter(f"{ns}title")][1:]
    nonzero = sum(1 for c in expected.values() for n in c.values() if n)
    assert len(titles) == nonzero
    assert any(t.startswith("Region Midtjylland – ") for t in titles)
    # The phases with the seed's wording, and the added ones marked as such.
    assert "Kommunalbestyrelserne drøfter og behandler tilslutning" in html
    assert html.count("Ikke beskrevet i KD-Net-materialet.") == 3


def test_municipality_page_shows_plan_timeline_and_history(client, editor_a):
    set_plan(editor_a, "751", comment="Kortlægningen er i gang.")
    response = client.get("/dk2020/751/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "DK2020-klimaplan: Aarhus" in html
    assert 'aria-current="step"' in html and "Udarbejdelse af klimaplan efter C40-metoden" in html
    history = table(html, "dk2020-history")
    assert [r[1] for r in history[1:]] == [
        "5. Udarbejdelse af klimaplan efter C40-metoden",
        "3. Optagelse i fase 1 eller 2",
    ]
    assert history[1][3] == "Kortlægningen er i gang." and history[1][4] == "Anna Aarhus"
    assert editor_a.email not in html
    assert "Opdatér fase og status" not in html  # anonymous
    empty = client.get("/dk2020/101/").content.decode()
    assert "Der er endnu ikke registreret noget" in empty and "Ikke startet" in empty
    assert client.get("/dk2020/999/").status_code == 404
    assert client.get("/dk2020/abc/").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_update_page_per_persona(as_persona, persona):
    c = as_persona(persona)
    allowed = persona in ("editor_a", "coordinator", "superuser")
    get = c.get("/dk2020/751/opdater/")
    post = c.post("/dk2020/751/opdater/", update_data())
    if allowed:
        assert get.status_code == 200 and "Opdatér DK2020-status for Aarhus" in get.content.decode()
        assert post.status_code == 302 and post["Location"] == "/dk2020/751/"
        plan = ClimatePlan.objects.get(municipality__code="751")
        assert plan.phase.code == "udarbejdelse"
        detail = c.get("/dk2020/751/").content.decode()
        assert "Opdatér fase og status" in detail and "Klimaplanens status er opdateret." in detail
    else:
        assert_refused(persona, get)
        assert_refused(persona, post)
        assert ClimatePlan.objects.get(municipality__code="751").phase.code == "optagelse"
        assert PhaseEvent.objects.count() == 4


def test_update_form_shows_errors_and_keeps_input(client_a):
    response = client_a.post(
        "/dk2020/751/opdater/",
        update_data(status="vedtaget", comment="Min kommentar bevares", event_date="2099-01-01"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Skriv datoen, hvor klimaplanen blev vedtaget." in html
    assert "Datoen kan ikke ligge i fremtiden." in html
    assert "Min kommentar bevares" in html
    assert ClimatePlan.objects.get(municipality__code="751").status == PlanStatus.IN_PROGRESS


def test_update_form_preselects_the_current_phase(client_a):
    html = client_a.get("/dk2020/751/opdater/").content.decode()
    assert re.search(r'<option value="optagelse" selected>', html)


def test_include_for_the_municipality_page(editor_a):
    aarhus = Municipality.objects.get(code="751")
    html = render_to_string("climate/_municipality_plan.html", {"municipality": aarhus})
    assert "3. Optagelse i fase 1 eller 2" in html and "I gang" in html
    assert 'href="/dk2020/751/"' in html
    odense = Municipality.objects.get(code="461")
    html = render_to_string("climate/_municipality_plan.html", {"municipality": odense})
    assert "Der er ikke registreret nogen DK2020-klimaplan" in html


def test_pages_run_a_constant_number_of_queries(client, django_assert_max_num_queries):
    demo.load(seed=3)
    with django_assert_max_num_queries(12):
        assert client.get("/dk2020/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/dk2020/regioner/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/dk2020/kommuner.geojson").status_code == 200
