"""Search endpoints of the open API (/api/v1/): mixed search, suggestions, similar projects,
"Hvem har gjort det før?" (match), relevance order of the project list and the OpenAPI
document. Real PostgreSQL; projects made through the registry operations."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from smartby.registry.tests.helpers import make_project
from smartby.search.sources import SOURCES

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Many anonymous requests per test; the limit itself is tested in api/tests."""
    settings.API_ANON_RATE_LIMIT = 0


def get(client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def post(client, url: str, data, status: int = 200):
    body = data if isinstance(data, str) else json.dumps(data)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == status, (url, data, response.content[:500])
    return response


def assert_error_body(body: dict, *fields: str) -> None:
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert all(set(e) == {"field", "message"} for e in body["errors"])
    assert {e["field"] for e in body["errors"]} >= set(fields)


# --- /search ------------------------------------------------------------------------------


def test_search_shape_and_marked_snippets(client, projects):
    body = get(client, f"{API}/search", q="sensor")
    assert set(body) == {"q", "corrections", "relaxed", "groups"}
    assert body["q"] == "sensor" and body["corrections"] == {} and body["relaxed"] is False
    kinds = [g["kind"] for g in body["groups"]]
    assert kinds[:3] == ["project", "organisation", "person"]
    assert [g["label"] for g in body["groups"]][:3] == [
        "Projekter",
        "Organisationer",
        "Fagkolleger",
    ]
    # Then the knowledge base's reference content that mentions sensors, in registration order.
    assert set(kinds[3:]) <= set(SOURCES) and kinds[3:] == [k for k in SOURCES if k in kinds]
    for group in body["groups"]:
        assert set(group) == {"kind", "label", "count", "count_capped", "more_url", "results"}
        assert group["more_url"] == "" or group["more_url"].startswith("http://testserver/")
        assert len(group["results"]) <= group["count"]
        for hit in group["results"]:
            assert set(hit) == {"title", "url", "snippet", "meta"}
            assert hit["url"].startswith("http://testserver/")
            assert "<" not in hit["title"] + hit["snippet"]  # plain text, no HTML
    projects_group = body["groups"][0]
    assert projects_group["count"] == 2
    hits = {h["url"]: h for h in projects_group["results"]}
    affald = hits["http://testserver" + projects["affald"].get_absolute_url()]
    assert affald["title"] == "«Affaldssensorer» i containere"
    assert affald["snippet"].startswith("«Sensorer» «måler» fyldningsgraden")
    assert affald["meta"] == "Aarhus"
    odense = hits["http://testserver" + projects["odense"].get_absolute_url()]
    assert odense["title"] == "Fyldningsmålere på byens containere"
    assert odense["meta"] == "Odense"
    more = urlsplit(projects_group["more_url"])
    assert more.path == "/projekter/" and parse_qs(more.query)["q"] == ["sensor"]
    # People: consenting contacts only.
    people = [h["title"] for h in body["groups"][2]["results"]]
    assert people == ["Mette Hansen", "Sofie Syd"]
    assert "@" not in json.dumps(body) and "Jens" not in json.dumps(body)


def test_more_urls_keep_the_whole_query(client, projects):
    q = "sensor & affald #1 + 2"
    body = get(client, f"{API}/search", q=q)
    for group in body["groups"]:
        more = urlsplit(group["more_url"])
        assert parse_qs(more.query).get("q") == [q], (group["kind"], group["more_url"])


def test_search_limit(client, projects):
    body = get(client, f"{API}/search", q="sensor", limit=1)
    assert body["groups"][0]["count"] == 2 and len(body["groups"][0]["results"]) == 1
    get(client, f"{API}/search", 422, q="sensor", limit=0)
    get(client, f"{API}/search", 422, q="sensor", limit=51)


def test_search_corrections_and_relaxed(client, projects):
    body = get(client, f"{API}/search", q="containre")
    assert body["corrections"] == {"containre": "containere"}
    assert body["groups"][0]["count"] == 2
    assert "«containere»" in " ".join(h["title"] for h in body["groups"][0]["results"])

    # Three words: a match needs two of them; no project has two, so any one will do.
    body = get(client, f"{API}/search", q="droner containere parkering")
    assert body["relaxed"] is True
    assert body["groups"][0]["count"] == 3

    body = get(client, f"{API}/search", q="droner broer")
    assert body["relaxed"] is False and body["groups"][0]["count"] == 1


def test_search_of_only_stop_words_has_no_groups(client, projects):
    body = get(client, f"{API}/search", q="og i på")
    assert body == {"q": "og i på", "corrections": {}, "relaxed": False, "groups": []}


@pytest.mark.parametrize("q", ["sensor\x00", "🚀 sensor", "a" * 200, "'); DROP TABLE x; --"])
def test_search_odd_input(client, projects, q):
    body = get(client, f"{API}/search", q=q)
    assert "\x00" not in body["q"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "q"), ({"q": ""}, "q"), ({"q": "a" * 201}, "q"), ({"q": "x", "limit": "x"}, "limit")],
)
def test_search_invalid_parameters(client, params, field):
    body = get(client, f"{API}/search", 422, **params)
    assert body["detail"] == "Ugyldige data."
    assert_error_body(body, field)


def test_missing_q_has_a_danish_message(client):
    body = get(client, f"{API}/search", 422)
    assert body["errors"] == [{"field": "q", "message": "Feltet skal udfyldes."}]


# --- /search/suggestions --------------------------------------------------------------------


def test_suggestions(client, projects):
    body = get(client, f"{API}/search/suggestions", q="affa")
    assert all(set(s) == {"text", "kind", "url"} for s in body)
    terms = [s for s in body if s["kind"] == "term"]
    found = [s for s in body if s["kind"] == "project"]
    assert terms and all(s["text"].startswith("affald") and s["url"] == "" for s in terms)
    assert found == [
        {
            "text": "Affaldssensorer i containere",
            "kind": "project",
            "url": "http://testserver" + projects["affald"].get_absolute_url(),
        }
    ]


def test_suggestions_of_too_little(client, projects):
    assert get(client, f"{API}/search/suggestions", q="a") == []
    assert get(client, f"{API}/search/suggestions", q="") == []
    assert_error_body(get(client, f"{API}/search/suggestions", 422), "q")
    assert_error_body(get(client, f"{API}/search/suggestions", 422, q="a" * 201), "q")


# --- /projects/{id}/similar ---------------------------------------------------------------


def test_similar_projects(client, projects):
    affald, odense = projects["affald"], projects["odense"]
    body = get(client, f"{API}/projects/{affald.uid}/similar", limit=5)
    assert 1 <= len(body) <= 5
    ids = [s["project"]["id"] for s in body]
    assert affald.uid not in ids
    first = body[0]
    assert set(first) == {"project", "score", "reasons", "matched_terms"}
    assert first["project"] == {
        "id": odense.uid,
        "title": "Fyldningsmålere på byens containere",
        "url": "http://testserver" + odense.get_absolute_url(),
        "area": "Forsyning",
        "municipalities": ["461"],
    }
    assert first["score"] > 0
    assert first["matched_terms"] and all(isinstance(t, str) for t in first["matched_terms"])
    assert "containere" in first["matched_terms"] or "container" in first["matched_terms"]
    assert first["reasons"][0].startswith("Fælles ord: ")
    assert "Samme område: Forsyning" in first["reasons"]
    assert "Fælles teknologier: IoT-sensorer" in first["reasons"]
    assert "En anden kommune" in first["reasons"]
    scores = [s["score"] for s in body]
    assert scores == sorted(scores, reverse=True)
    assert projects["droner"].uid not in ids


def test_similar_limit(client, editor_a, projects):
    for i in range(3):
        make_project(editor_a, title=f"Affaldssensorer i containere {i}", contacts=[])
    for i in range(10):  # terms in more than 30 % of the projects do not count
        make_project(editor_a, title=f"Gadebelysning {i}", summary="Lys efter behov.")
    uid = projects["affald"].uid
    assert len(get(client, f"{API}/projects/{uid}/similar", limit=2)) == 2
    everything = get(client, f"{API}/projects/{uid}/similar", limit=50)
    assert len(everything) >= 3
    assert get(client, f"{API}/projects/{uid}/similar") == everything[:10]
    for limit in (0, -1, 51, "x"):
        body = get(client, f"{API}/projects/{uid}/similar", 422, limit=limit)
        assert_error_body(body, "limit")


def test_similar_is_not_crowded_out_by_the_projects_own_words(client, editor_a, editor_b, org_b):
    shared = "Affaldssensorer måler fyldningsgraden i containerne."
    own = make_project(
        editor_a,
        title="Pilot i midtbyen",
        summary="Vestergade, Nørregade, Frederiksgade, Klostergade, Mejlgade, Badstuegade, "
        "Rosensgade, Skolegade, Studsgade, Borggade, Kannikegade og Volden.",
        description=shared,
        contacts=[],
    )
    other = make_project(
        editor_b,
        title="Forsøg i Odense",
        summary="Tømning efter behov.",
        description=shared,
        lead=org_b,
        municipalities=["461"],
        contacts=[],
    )
    for i in range(10):
        make_project(editor_a, title=f"Gadebelysning {i}", summary="Lys efter behov.")
    body = get(client, f"{API}/projects/{own.uid}/similar")
    assert [s["project"]["id"] for s in body][:1] == [other.uid]


@pytest.mark.parametrize("uid", ["findes-ikke", "00000000-0000-0000-0000-000000000000", "x%00y"])
def test_similar_of_unknown_project_is_404(client, projects, uid):
    body = get(client, f"{API}/projects/{uid}/similar", 404)
    assert_error_body(body)
    assert body["errors"] == [] and "Der findes intet projekt" in body["detail"]


# --- /match -------------------------------------------------------------------------------

CHALLENGE = (
    "Vores containere flyder over i weekenden. Vi vil bruge sensorer til at måle "
    "fyldningsgraden, så tømning kun sker efter behov."
)


def test_match(client, projects):
    response = post(client, f"{API}/match", {"text": CHALLENGE})
    body = response.json()
    assert set(body) == {"terms", "projects", "municipalities", "people"}
    ranked = [s["project"]["title"] for s in body["projects"]]
    assert set(ranked[:2]) == {
        "Affaldssensorer i containere",
        "Fyldningsmålere på byens containere",
    }
    assert "Droner inspicerer broer" not in ranked
    assert all(s["reasons"][0].startswith("Fælles ord: ") for s in body["projects"])
    assert all(s["matched_terms"] for s in body["projects"])
    assert set(body["terms"]) >= {t for s in body["projects"] for t in s["matched_terms"]}
    municipalities = {m["code"]: m for m in body["municipalities"]}
    assert set(municipalities) == {"751", "461"}
    for m in body["municipalities"]:
        assert set(m) == {"code", "name", "score", "projects"}
        assert m["projects"] == 1 and m["score"] > 0
    assert municipalities["751"]["name"] == "Aarhus"
    assert municipalities["461"]["name"] == "Odense"
    people = {p["name"]: p for p in body["people"]}
    assert set(people) == {"Mette Hansen", "Sofie Syd"}
    mette = people["Mette Hansen"]
    assert set(mette) == {"name", "role", "organisation", "project", "contact_url"}
    assert mette["project"] == "Affaldssensorer i containere"
    assert mette["contact_url"].startswith("http://testserver/projekter/")
    # GDPR: the contact without consent is absent, and there are no addresses anywhere.
    text = response.content.decode()
    assert "@" not in text
    assert "Jens" not in text and "Tekniker" not in text and "+45" not in text


def test_match_limit_and_nothing_found(client, projects):
    body = post(client, f"{API}/match", {"text": CHALLENGE, "limit": 1}).json()
    assert len(body["projects"]) == 1
    body = post(client, f"{API}/match", {"text": "Kvantecomputere og rumfart"}).json()
    assert body == {"terms": [], "projects": [], "municipalities": [], "people": []}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "ab"}, "text"),
        ({"text": ""}, "text"),
        ({}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": CHALLENGE, "limit": 0}, "limit"),
        ({"text": 42}, "text"),
    ],
)
def test_match_invalid(client, data, field):
    body = post(client, f"{API}/match", data, status=422).json()
    assert body["detail"] == "Ugyldige data."
    assert_error_body(body, field)


def test_match_invalid_json(client):
    body = post(client, f"{API}/match", "{not json", status=400).json()
    assert_error_body(body)


def test_too_short_text_has_a_danish_message(client):
    body = post(client, f"{API}/match", {"text": "ab"}, status=422).json()
    assert "String should" not in body["errors"][0]["message"]


def test_match_is_open_to_anonymous_clients_without_csrf(projects):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    post(client, f"{API}/match", {"text": CHALLENGE})


# --- /projects?q= relevance ----------------------------------------------------------------


def test_project_list_orders_by_relevance_then_freshness(client, editor_a):
    title = make_project(
        editor_a,
        title="Robot klipper græsset",
        summary="Parkerne plejes automatisk.",
        technologies=[],
        last_verified="2024-01-01",
        contacts=[],
    )
    fresh = make_project(
        editor_a,
        title="Grønne områder i Vest",
        summary="Parkerne plejes bedre.",
        description="Vi afprøver en robot til græsslåning.",
        technologies=[],
        last_verified="2025-06-01",
        contacts=[],
    )
    stale = make_project(
        editor_a,
        title="Grønne områder i Øst",
        summary="Parkerne plejes bedre.",
        description="Vi afprøver en robot til græsslåning.",
        technologies=[],
        last_verified="2023-06-01",
        contacts=[],
    )
    make_project(editor_a, title="Gadebelysning", technologies=[], contacts=[])
    body = get(client, f"{API}/projects", q="robot")
    assert body["count"] == 3
    assert [p["id"] for p in body["results"]] == [title.uid, fresh.uid, stale.uid]
    # The default order without q is the last updated first.
    body = get(client, f"{API}/projects")
    assert body["results"][0]["title"] == "Gadebelysning"
    # An explicit sort wins over relevance.
    body = get(client, f"{API}/projects", q="robot", sort="bekraeftet")
    assert [p["id"] for p in body["results"]] == [fresh.uid, title.uid, stale.uid]


# --- OpenAPI ------------------------------------------------------------------------------


def test_openapi_lists_the_search_operations(client):
    document = get(client, f"{API}/openapi.json")
    paths = document["paths"]
    operations = {
        ("/api/v1/search", "get"): "Søg i alt",
        ("/api/v1/search/suggestions", "get"): "Forslag mens der skrives",
        ("/api/v1/projects/{project_id}/similar", "get"): "Lignende projekter",
        ("/api/v1/match", "post"): "Hvem har gjort det før?",
    }
    for (path, method), summary in operations.items():
        operation = paths[path][method]
        assert operation["summary"] == summary
        assert "Søgning" in operation["tags"]
        responses = operation["responses"]
        assert "200" in responses and "422" in responses and "429" in responses
        error = responses["422"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorOut"}
    assert "404" in paths["/api/v1/projects/{project_id}/similar"]["get"]["responses"]
    schemas = document["components"]["schemas"]
    assert {"SearchOut", "MatchOut", "ScoredOut", "SuggestionOut"} <= set(schemas)
    assert "email" not in json.dumps(schemas["MatchOut"]) + json.dumps(schemas["PersonOut"])


def test_counts_above_the_cap_are_marked(client, projects, monkeypatch):
    from smartby.search import results

    body = get(client, f"{API}/search", q="containere")
    assert body["groups"][0]["count"] == 2 and body["groups"][0]["count_capped"] is False
    monkeypatch.setattr(results, "COUNT_CAP", 1)
    body = get(client, f"{API}/search", q="containerne")  # another query: not cached
    assert body["groups"][0]["count"] == 1 and body["groups"][0]["count_capped"] is True
    page = client.get("/soeg/", {"q": "beholdere containere"}).content.decode()
    assert "(1+)" in page and "Over " in page


def test_people_are_found_by_name_only_when_they_allow_it(client, projects, editor_b):
    from smartby.network.models import PeerProfile

    people = get(client, f"{API}/search", q="mette hansen")["groups"][2]
    assert any("Mette" in h["title"] for h in people["results"])
    private = get(client, f"{API}/search", q="jens privat")["groups"][2]
    assert not any("Jens" in h["title"] for h in private["results"])
    hidden = get(client, f"{API}/search", q=editor_b.name)["groups"][2]
    assert not any(editor_b.name in h["title"] for h in hidden["results"])
    PeerProfile.objects.create(user=editor_b, visible=True, title="Digitaliseringskonsulent")
    shown = get(client, f"{API}/search", q=editor_b.name + " ")["groups"][2]  # not cached
    assert any(editor_b.name.split()[0] in h["title"] for h in shown["results"])


def test_snippets_are_plain_text(client, editor_a):
    make_project(editor_a, title="Lygter", summary='Kommunens "smarte" lygter & bænke\'s lys.')
    hit = get(client, f"{API}/search", q="lygter")["groups"][0]["results"][0]
    assert hit["snippet"] == 'Kommunens "smarte" «lygter» & bænke\'s lys.'
