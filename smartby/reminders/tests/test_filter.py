"""The freshness filter: project list (facet and badge), map, API, and the map's filter form."""

import json

import pytest

from smartby.registry.filters import ProjectFilters
from smartby.registry.freshness import Freshness
from smartby.registry.queries import facets

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(due_project):
    return {
        "frisk": due_project(months=1, title="Frisk projekt"),
        "boer-bekraeftes": due_project(
            months=8, title="Halvgammelt projekt", municipalities=["461"]
        ),
        "foraeldet": due_project(months=None, title="Glemt projekt"),
    }


def titles(html: str, three) -> set[str]:
    return {p.title for p in three.values() if p.title in html}


@pytest.mark.parametrize("value", [v.value for v in Freshness])
def test_list_filters_by_freshness(client, three, value):
    html = client.get(f"/projekter/?freshness={value}").content.decode()
    assert titles(html, three) == {three[value].title}


def test_list_combines_freshness_values_and_shows_badges_and_facet(client, three):
    response = client.get("/projekter/?freshness=frisk&freshness=foraeldet")
    html = response.content.decode()
    assert titles(html, three) == {"Frisk projekt", "Glemt projekt"}
    assert 'class="badge freshness-frisk">Frisk<' in html
    assert 'class="badge freshness-foraeldet">Forældet<' in html
    assert 'name="freshness" value="foraeldet" checked' in html
    assert "<legend>Friskhed</legend>" in html


def test_unknown_value_matches_nothing(client, three):
    html = client.get("/projekter/?freshness=gammel").content.decode()
    assert titles(html, three) == set()


def test_facet_counts_ignore_their_own_filter(three):
    counts = {v.value: v.count for v in facets(ProjectFilters(freshness=("frisk",)))["freshness"]}
    assert counts == {"frisk": 1, "boer-bekraeftes": 1, "foraeldet": 1}
    counts = {v.value: v.count for v in facets(ProjectFilters(status=("drift",)))["freshness"]}
    assert counts == {"frisk": 0, "boer-bekraeftes": 0, "foraeldet": 0}


def test_filter_round_trips_through_the_query_string(three):
    f = ProjectFilters.from_query(ProjectFilters(freshness=("foraeldet", "frisk")).as_query())
    assert f.freshness == ("foraeldet", "frisk")
    assert f.without("freshness").freshness == ()


def test_map_layers_honour_freshness(client, three):
    geojson = json.loads(client.get("/kort/kommuner.geojson?freshness=boer-bekraeftes").content)
    counts = {
        f["properties"]["kode"]: f["properties"]["antal_projekter"] for f in geojson["features"]
    }
    assert counts["461"] == 1 and counts["751"] == 0
    markers = json.loads(client.get("/kort/projekter.json?freshness=foraeldet").content)
    assert markers["count"] == 1
    assert [m[2] for m in markers["projects"]] == [three["foraeldet"].slug]


def test_map_filter_form_has_a_freshness_select(client, three):
    html = client.get("/kort/?freshness=foraeldet").content.decode()
    assert '<select name="freshness"' in html
    assert '<option value="foraeldet" selected>Forældet</option>' in html
    assert "<strong>1</strong> projekt" in html


def test_api_filters_by_freshness(client, three):
    data = client.get("/api/v1/projects?freshness=boer-bekraeftes").json()
    assert [r["title"] for r in data["results"]] == ["Halvgammelt projekt"]
    data = client.get("/api/v1/projects?freshness=frisk&freshness=foraeldet").json()
    assert {r["title"] for r in data["results"]} == {"Frisk projekt", "Glemt projekt"}


def test_api_documents_the_values_and_refuses_others(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/projects"]["get"]["parameters"]}
    assert params["freshness"]["schema"]["items"]["enum"] == [v.value for v in Freshness]
    assert client.get("/api/v1/projects?freshness=gammel").status_code == 422
    response = client.get("/api/v1/projects.csv?freshness=foraeldet")
    assert response.status_code == 200


def test_project_page_shows_freshness(client, three):
    html = client.get(three["boer-bekraeftes"].get_absolute_url()).content.decode()
    assert 'class="badge freshness-boer-bekraeftes">Bør bekræftes<' in html
    assert "(bør bekræftes)" in html
