"""Find en fagkollega: consent, grouping, filters, search, facets, paging, query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartby.network import directory
from smartby.network.tests.helpers import contact, opt_in, project_with

pytestmark = pytest.mark.django_db

URL = "/fagkolleger/"


def names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<h2 class="h3" id="peer-\d+">([^<]+)</h2>', response.content.decode())


@pytest.fixture
def registry(editor_a, editor_b, org_b):
    """Three projects: Aarhus (bykommune, Region Midtjylland), Odense (bykommune, Syddanmark)
    and Hjørring (landkommune, Nordjylland)."""
    aarhus = project_with(
        editor_a,
        "Affaldssensorer i containere",
        [
            contact("Mette Hansen", "Mette@Example.org"),
            contact("Jens Privat", "jens@example.org", public=False, role="Tekniker"),
        ],
    )
    odense = project_with(
        editor_b,
        "Droner inspicerer broer",
        [
            contact("Mette Hansen", "mette@EXAMPLE.org", role="Dataansvarlig"),
            contact("Ole Uden Mail", "", organisation="Odense Kommune", role="Droneoperatør"),
        ],
        lead=org_b,
        municipalities=["461"],
        summary="Droner fotograferer broerne, så revner findes tidligt.",
    )
    hjoerring = project_with(
        None,
        "Digital tvilling af landsbyen",
        [contact("Ole Uden Mail", "", organisation="Odense Kommune", role="Rådgiver")],
        municipalities=["860"],
        summary="En 3D-model af landsbyen bruges i borgerinddragelse.",
    )
    return aarhus, odense, hjoerring


def test_lists_consenting_contacts_grouped_per_person(client, registry):
    response = client.get(URL)
    assert names(response) == ["Mette Hansen", "Ole Uden Mail"]
    html = response.content.decode()
    assert "2 fagkolleger" in html
    # Mette is one person (email compared case- and space-insensitively) on two projects.
    card = html.split('id="peer-1"')[1].split("</article>")[0]
    assert "Affaldssensorer i containere" in card and "Droner inspicerer broer" in card
    assert "Dataansvarlig, Projektleder" in card  # newest project first
    # Ole has no email: grouped by name and organisation, and not reachable through a form.
    ole = html.split('id="peer-2"')[1].split("</article>")[0]
    assert "Digital tvilling af landsbyen" in ole and "Droner inspicerer broer" in ole
    assert "Skriv til" not in ole
    assert "Hjørring" in ole and "landkommune" in ole


def results(response) -> str:
    return response.content.decode().split('id="results"')[1]


def test_never_shows_a_contact_without_consent_or_any_email(client, registry):
    assert "Jens" not in client.get(URL).content.decode()
    for query in ["q=Jens", "q=Privat", "q=Tekniker", "q=jens%40example.org"]:
        response = client.get(f"{URL}?{query}")
        assert names(response) == [], query
        assert "Jens" not in results(response) and "Tekniker" not in results(response)
    html = client.get(URL).content.decode()
    assert "@example.org" not in html
    assert "mailto:" not in html


def test_search_uses_the_danish_full_text_search(client, registry):
    assert names(client.get(URL + "?q=Mette")) == ["Mette Hansen"]
    assert names(client.get(URL + "?q=dataansvarlig")) == ["Mette Hansen"]
    assert names(client.get(URL + "?q=drone")) == ["Mette Hansen", "Ole Uden Mail"]
    assert names(client.get(URL + "?q=landsbyerne")) == ["Ole Uden Mail"]
    assert names(client.get(URL + "?q=rådgiver")) == ["Ole Uden Mail"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("area=forsyning", ["Mette Hansen", "Ole Uden Mail"]),
        ("municipality=751", ["Mette Hansen"]),
        ("municipality=860", ["Ole Uden Mail"]),
        ("region=region-syddanmark", ["Mette Hansen", "Ole Uden Mail"]),
        ("region=region-nordjylland", ["Ole Uden Mail"]),
        ("kind=landkommune", ["Ole Uden Mail"]),
        ("kind=bykommune", ["Mette Hansen", "Ole Uden Mail"]),
        ("kind=yderkommune", []),
        ("technology=iot-sensorer&municipality=461", ["Mette Hansen", "Ole Uden Mail"]),
        ("q=drone&kind=landkommune", []),
    ],
)
def test_filters(client, registry, query, expected):
    assert names(client.get(f"{URL}?{query}")) == expected


def test_facet_counts_count_people_with_the_other_filters_applied(registry):
    facets = directory.facets(directory.PeerFilters(kind=("landkommune",)))
    kinds = {v.value: (v.count, v.selected) for v in facets["kind"]}
    assert kinds["bykommune"] == (2, False)
    assert kinds["landkommune"] == (1, True)
    regions = {v.value: v.count for v in facets["region"]}
    assert regions == {
        "region-hovedstaden": 0,
        "region-midtjylland": 0,
        "region-nordjylland": 1,
        "region-syddanmark": 0,
        "region-sjaelland": 0,
    }
    municipalities = {v.value: v.count for v in facets["municipality"] if v.count}
    assert municipalities == {"860": 1}


def test_opted_in_user_is_listed_with_profile_and_is_one_person_with_own_contacts(
    client, registry, editor_b
):
    editor_b.email = "mette@example.org"
    editor_b.name = "Mette Hansen"
    editor_b.save()
    opt_in(
        editor_b,
        title="Digitaliseringskonsulent",
        about="Jeg arbejder med klimatilpasning og skybrud.",
        areas=["Teknik og miljø"],
        technologies=["Droner"],
    )
    response = client.get(URL)
    assert names(response) == ["Mette Hansen", "Ole Uden Mail"]
    card = response.content.decode().split('id="peer-1"')[1].split("</article>")[0]
    assert "Digitaliseringskonsulent" in card
    assert "Odense Kommune" in card
    assert "Teknik og miljø" in card and "Affaldssensorer i containere" in card
    assert "/fagkolleger/" in card and "/kontakt/" in card
    assert names(client.get(URL + "?q=skybrud")) == ["Mette Hansen"]
    assert names(client.get(URL + "?area=teknik-og-miljoe")) == ["Mette Hansen"]


def test_opt_in_shows_own_non_public_contacts_and_opt_out_hides_everything(
    client, registry, editor_a
):
    editor_a.email = "jens@example.org"
    editor_a.name = "Jens Privat"
    editor_a.save()
    assert "Jens" not in client.get(URL).content.decode()

    opt_in(editor_a, title="Tekniker")
    assert names(client.get(URL + "?q=tekniker")) == ["Jens Privat"]
    card = client.get(URL + "?q=jens").content.decode()
    assert "Affaldssensorer i containere" in card and "Aarhus Kommune" in card

    opt_in(editor_a, visible=False)
    assert "Jens" not in client.get(URL).content.decode()
    assert names(client.get(URL + "?q=tekniker")) == []


def test_opt_out_also_hides_the_users_public_project_contacts(client, registry, editor_a):
    editor_a.email = "mette@example.org"
    editor_a.save()
    opt_in(editor_a, visible=False)
    assert names(client.get(URL)) == ["Ole Uden Mail"]


def test_profile_without_projects_matches_on_its_organisation(client, editor_b):
    opt_in(editor_b, title="Klimakoordinator")
    assert names(client.get(URL + "?municipality=461")) == ["Bo Odense"]
    assert names(client.get(URL + "?region=region-syddanmark&kind=bykommune")) == ["Bo Odense"]
    assert names(client.get(URL + "?municipality=751")) == []


def test_inactive_user_is_not_listed(client, editor_b):
    opt_in(editor_b, title="Klimakoordinator")
    editor_b.is_active = False
    editor_b.save()
    assert names(client.get(URL)) == []


def test_empty_states(client, registry):
    assert "Ingen fagkolleger matcher" in client.get(URL + "?q=ubåd").content.decode()


def test_empty_directory(client, db):
    html = client.get(URL).content.decode()
    assert "0 fagkolleger" in html
    assert "Der er endnu ingen fagkolleger" in html


def test_paging(client, editor_a, monkeypatch):
    monkeypatch.setattr("smartby.network.views.PAGE_SIZE", 2)
    project_with(
        editor_a,
        "Fem kolleger",
        [contact(f"Person {i}", f"p{i}@example.org") for i in range(5)],
    )
    assert names(client.get(URL)) == ["Person 0", "Person 1"]
    assert names(client.get(URL + "?side=3")) == ["Person 4"]
    html = client.get(URL + "?side=2").content.decode()
    assert "Side 2 af 3" in html


def test_htmx_request_gets_the_results_only(client, registry):
    response = client.get(URL + "?q=drone", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Mette Hansen" in html


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "query",
    ["", "?q=projektleder", "?area=forsyning&kind=bykommune", "?region=region-midtjylland"],
)
def test_query_count_is_constant(client, editor_a, editor_b, coordinator, query):
    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            project_with(
                editor_a,
                f"Projekt {i}",
                [
                    contact(f"Kollega {i}", f"k{i}@example.org"),
                    contact("Fælles Person", "faelles@example.org"),
                    contact(f"Uden Mail {i}", ""),
                ],
                municipalities=["751", "461"],
            )

    add(0, 2)
    opt_in(editor_a, title="Projektleder", areas=["Forsyning"], technologies=["AI"])
    few = query_count(client, URL + query)
    add(2, 8)
    opt_in(editor_b, title="Projektleder", areas=["Forsyning"])
    opt_in(coordinator, title="Projektleder", areas=["Forsyning"], technologies=["AI"])
    assert query_count(client, URL + query) == few
