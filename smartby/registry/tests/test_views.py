import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartby.registry.models import Technology
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def many(editor_a, org_b):
    def add(n: int, start: int = 0) -> None:
        for i in range(start, start + n):
            make_project(
                editor_a,
                title=f"Projekt {i}",
                municipalities=["751", "461"] if i % 2 else ["751"],
                partners=[{"organisation": str(org_b.pk), "role": "Partner"}],
            )

    return add


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/projekter/",
        "/projekter/?q=affald&area=forsyning&sortering=titel",
        "/projekter/?technology=iot-sensorer&region=region-midtjylland&status=pilot",
        "/kort/",
        "/kort/kommuner.geojson",
        "/kort/kommuner.geojson?area=forsyning&q=sensorer",
        "/kort/projekter.json?status=pilot",
        "/kommuner/",
        "/kommuner/751/",
    ],
)
def test_query_count_is_constant_in_the_number_of_projects(client, many, url):
    many(3)
    few = query_count(client, url)
    many(12, start=3)
    assert query_count(client, url) == few


def test_detail_query_count_is_constant_in_the_number_of_children(client, editor_a):
    small = make_project(editor_a)
    big = make_project(
        editor_a,
        title="Stort projekt",
        municipalities=["751", "461", "101", "147"],
        contacts=[
            {"name": f"P{i}", "email": f"p{i}@example.org", "public": "on"} for i in range(8)
        ],
        links=[
            {"kind": "link", "title": f"L{i}", "url": f"https://example.org/{i}"} for i in range(8)
        ],
    )
    assert query_count(client, big.get_absolute_url()) == query_count(
        client, small.get_absolute_url()
    )


def test_geojson_has_98_municipalities_with_counts_and_honours_filters(client, editor_a):
    make_project(editor_a, municipalities=["751", "461"])
    make_project(editor_a, title="Drift i Aarhus", status="drift")
    data = json.loads(client.get("/kort/kommuner.geojson").content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 98
    props = {f["properties"]["kode"]: f["properties"] for f in data["features"]}
    assert props["751"]["antal_projekter"] == 2
    assert props["461"]["antal_projekter"] == 1
    assert props["101"]["antal_projekter"] == 0
    assert props["751"]["navn"] == "Aarhus" and props["751"]["region"] == "Region Midtjylland"
    assert set(props["751"]) >= {"kode", "navn", "region", "antal_projekter"}
    filtered = json.loads(client.get("/kort/kommuner.geojson?status=drift").content)
    props = {f["properties"]["kode"]: f["properties"] for f in filtered["features"]}
    assert props["751"]["antal_projekter"] == 1 and props["461"]["antal_projekter"] == 0
    by_region = json.loads(client.get("/kort/kommuner.geojson?region=region-syddanmark").content)
    props = {f["properties"]["kode"]: f["properties"] for f in by_region["features"]}
    assert props["751"]["antal_projekter"] == 1  # the joint project touches Syddanmark


def test_text_filter_uses_danish_stemming(client, editor_a):
    make_project(editor_a, title="Sensorer i containerne", summary="Måler affald.")
    make_project(
        editor_a,
        title="Robotplæneklipper",
        summary="Græsset klippes.",
        technologies=[str(Technology.objects.get(name="Robotter").pk)],
    )
    data = json.loads(client.get("/kort/projekter.json?q=sensor").content)
    assert [p[3] for p in data["projects"]] == ["Sensorer i containerne"]
    page = client.get("/projekter/?q=containere").content.decode()
    assert "Sensorer i containerne" in page and "Robotplæneklipper" not in page


def test_markers(client, editor_a):
    make_project(editor_a)
    data = json.loads(client.get("/kort/projekter.json").content)
    assert data["count"] == 1 and data["truncated"] is False
    lat, lon, _slug, _title, status, label = data["projects"][0]
    assert (round(lat, 2), round(lon, 2), status, label) == (56.16, 10.21, "pilot", "Pilot")


def test_list_facets_counts_and_pagination(client, editor_a):
    for i in range(27):
        make_project(editor_a, title=f"P{i:02}", status="drift" if i < 5 else "pilot")
    page = client.get("/projekter/?sortering=titel").content.decode()
    assert "27 projekter" in page
    assert "Side 1 af 2" in page
    assert "P00" in page and "P26" not in page
    assert 'value="drift"' in page and "(5)" in page
    page2 = client.get("/projekter/?sortering=titel&side=2").content.decode()
    assert "P26" in page2
    only = client.get("/projekter/?status=drift").content.decode()
    assert "5 projekter" in only
    empty = client.get("/projekter/?q=xyzzy").content.decode()
    assert "Ingen projekter matcher" in empty


def test_htmx_request_gets_only_the_results(client, editor_a):
    make_project(editor_a)
    html = client.get("/projekter/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "1 projekt" in html


def test_detail_shows_only_consenting_contacts_to_the_public(client, client_a, editor_a):
    project = make_project(editor_a)
    public = client.get(project.get_absolute_url()).content.decode()
    assert "Mette Hansen" in public and "mette@example.org" in public
    assert "Jens Privat" not in public and "jens@example.org" not in public
    assert "1 kontaktperson vises ikke offentligt" in public
    own = client_a.get(project.get_absolute_url()).content.decode()
    assert "jens@example.org" in own


def test_municipality_profile(client, editor_a):
    make_project(editor_a)
    page = client.get("/kommuner/751/").content.decode()
    assert "Aarhus" in page and "Affaldssensorer" in page and "Mette Hansen" in page
    assert "Jens Privat" not in page
    assert client.get("/kommuner/999/").status_code == 404
    # Aarhus's DK2020 climate plan (reference data: in DK2020 before the first round).
    assert "DK2020-klimaplan" in page and 'href="/dk2020/751/"' in page
    assert (
        "Der er ikke registreret nogen DK2020-klimaplan"
        in client.get("/kommuner/461/").content.decode()
    )


def test_history_page_shows_changes(client, client_a, editor_a):
    from smartby.registry.tests.helpers import edit_data

    project = make_project(editor_a)
    client_a.post(f"/projekter/{project.slug}/rediger/", edit_data(project, status="drift"))
    page = client.get(f"/projekter/{project.slug}/historik/").content.decode()
    assert "Anna Aarhus" in page and "oprettede projektet" in page and "ændrede" in page
    assert "pilot" in page and "drift" in page


def test_form_errors_are_shown_in_danish_and_input_is_kept(client_a):
    from smartby.registry.tests.helpers import project_data

    response = client_a.post(
        "/projekter/ny/", project_data(title="Beholdt titel", status="", budget_dkk="-1")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vælg projektets status." in html and "negativt" in html
    assert 'value="Beholdt titel"' in html
    assert "Mette Hansen" in html  # formset rows kept


def test_bad_filter_values_do_not_crash(client):
    for url in [
        "/projekter/?side=abc",
        "/projekter/?side=99999",
        "/projekter/?sortering=hack",
        "/projekter/?area=findes-ikke",
        "/kort/kommuner.geojson?updated_since=igår",
        "/projekter/?q=" + "x" * 5000,
        "/kort/projekter.json?q=%00",
    ]:
        assert client.get(url).status_code in (200, 400), url


def test_cached_counts_follow_every_change(client, client_a, editor_a):
    from smartby.registry import operations
    from smartby.registry.tests.helpers import edit_data

    project = make_project(editor_a)

    def drift_count() -> int:
        facets = client.get("/projekter/").context["facets"]
        return next(v.count for v in facets["status"] if v.value == "drift")

    def aarhus_count() -> int:
        data = json.loads(client.get("/kort/kommuner.geojson").content)
        return next(
            f["properties"]["antal_projekter"]
            for f in data["features"]
            if f["properties"]["kode"] == "751"
        )

    assert (drift_count(), aarhus_count()) == (0, 1)
    client_a.post(f"/projekter/{project.slug}/rediger/", edit_data(project, status="drift"))
    assert drift_count() == 1
    operations.delete_project(editor_a, project)
    assert (drift_count(), aarhus_count()) == (0, 0)


def test_other_processes_changes_show_after_registry_state_seconds(client, editor_a, settings):
    """A change this process did not make (here: a bulk UPDATE, which sends no signal and
    re-indexes nothing, as another app server's write looks from here) shows in the cached
    counts once REGISTRY_STATE_SECONDS have passed; this process's own writes show at once."""
    from django.utils import timezone

    from smartby.registry import operations
    from smartby.registry.models import Project, Status

    project = make_project(editor_a)

    def drift_count() -> int:
        facets = client.get("/projekter/").context["facets"]
        return next(v.count for v in facets["status"] if v.value == "drift")

    settings.REGISTRY_STATE_SECONDS = 3600
    assert drift_count() == 0
    Project.objects.filter(pk=project.pk).update(status=Status.OPERATION, updated_at=timezone.now())
    assert drift_count() == 0  # another server's change: not seen within the period
    settings.REGISTRY_STATE_SECONDS = 0
    assert drift_count() == 1  # the period is over: read again
    settings.REGISTRY_STATE_SECONDS = 3600
    operations.delete_project(editor_a, Project.objects.get(pk=project.pk))
    assert drift_count() == 0  # this process's own write: at once
