import json

import pytest

from smartby.api.models import ApiToken
from smartby.audit.models import AuditEntry
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def record(**overrides):
    base = {
        "id": "api-1",
        "title": "Vandsensorer i kloakken",
        "summary": "Sensorer varsler oversvømmelse.",
        "municipalities": ["751"],
        "lead_organisation": "Aarhus Kommune",
        "area": "Forsyning",
        "technologies": ["IoT-sensorer"],
        "status": "pilot",
        "contacts": [
            {"name": "Offentlig", "email": "o@example.org", "public": True},
            {"name": "Skjult", "email": "s@example.org", "public": False},
        ],
        "location": {"lat": 56.15, "lon": 10.2},
    }
    base.update(overrides)
    return base


def post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def send(client, method, url, data=None, **headers):
    return getattr(client, method)(
        url,
        json.dumps(data) if data is not None else "",
        content_type="application/json",
        **headers,
    )


def test_list_filters_pagination_and_format(api_client, editor_a):
    for i in range(5):
        make_project(editor_a, title=f"P{i}", status="drift" if i < 2 else "pilot")
    r = api_client.get("/api/v1/projects?status=drift&page_size=1")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 2 and body["pages"] == 2 and len(body["results"]) == 1
    assert body["next"].endswith("page=2") and body["previous"] is None
    item = body["results"][0]
    for key in (
        "id",
        "title",
        "municipalities",
        "lead_organisation",
        "area",
        "technologies",
        "status",
        "funding",
        "partners",
        "benefits",
        "contacts",
        "links",
        "location",
        "last_verified",
    ):
        assert key in item
    # Contacts only where they allow publication.
    assert [c["name"] for c in item["contacts"]] == ["Mette Hansen"]
    page2 = api_client.get(body["next"]).json()
    assert {page2["results"][0]["id"], item["id"]} == set(
        Project.objects.filter(status="drift").values_list("uid", flat=True)
    )
    assert r["Access-Control-Allow-Origin"] == "*"


def test_list_search_ranks_by_relevance(api_client, editor_a):
    make_project(editor_a, title="Parkering", summary="Sensorer i parkeringshuse")
    make_project(editor_a, title="Sensorer til affald", summary="Sensorer, sensorer")
    r = api_client.get("/api/v1/projects?q=sensorer").json()
    assert [p["title"] for p in r["results"]] == ["Sensorer til affald", "Parkering"]


def test_page_size_limit_and_bad_params(api_client):
    assert api_client.get("/api/v1/projects?page_size=201").status_code == 422
    r = api_client.get("/api/v1/projects?page=abc")
    assert r.status_code == 422
    assert r.json()["errors"][0] == {"field": "page", "message": "Skal være et heltal."}
    assert api_client.get("/api/v1/projects?updated_since=igår").status_code == 422


def test_read_with_etag_and_304(api_client, editor_a):
    p = make_project(editor_a)
    r = api_client.get(f"/api/v1/projects/{p.uid}")
    assert r.status_code == 200 and r.json()["title"] == p.title
    etag = r["ETag"]
    assert (
        api_client.get(f"/api/v1/projects/{p.uid}", headers={"If-None-Match": etag}).status_code
        == 304
    )
    assert (
        api_client.get(
            f"/api/v1/projects/{p.uid}", headers={"If-Modified-Since": r["Last-Modified"]}
        ).status_code
        == 304
    )
    missing = api_client.get("/api/v1/projects/findes-ikke")
    assert missing.status_code == 404 and "findes-ikke" in missing.json()["detail"]


def test_create_needs_a_write_token(api_client, read_a, write_a):
    r = post(api_client, "/api/v1/projects", record())
    assert r.status_code == 401 and r.json()["detail"].startswith("Skrivning kræver")
    r = post(read_a, "/api/v1/projects", record())
    assert r.status_code == 403
    r = post(api_client, "/api/v1/projects", record(), HTTP_AUTHORIZATION="Bearer sb_forkert")
    assert Project.objects.count() == 0
    r = post(write_a, "/api/v1/projects", record())
    assert r.status_code == 201, r.json()
    assert r["Location"] == "/api/v1/projects/api-1" and r["ETag"]
    p = Project.objects.get(uid="api-1")
    assert p.contacts.count() == 2
    assert AuditEntry.objects.get(action="create").source == "api"


def test_create_validation_errors_are_danish_and_write_nothing(write_a):
    r = post(
        write_a, "/api/v1/projects", record(municipalities=["999"], area="Rumfart", status="x")
    )
    assert r.status_code == 422
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert errors["area"] == "Ukendt område: Rumfart."
    assert "999" in errors["municipalities"] and "Ukendt status" in errors["status"]
    r = post(write_a, "/api/v1/projects", {"title": 5})
    assert r.status_code == 422
    assert {"field": "summary", "message": "Feltet skal udfyldes."} in r.json()["errors"]
    r = write_a.post("/api/v1/projects", "{ikke json", content_type="application/json")
    assert (
        r.status_code == 400 and r.json()["detail"] == "Forespørgslens indhold er ikke gyldig JSON."
    )
    assert Project.objects.count() == 0


def test_create_for_other_organisation_is_refused(write_b):
    r = post(write_b, "/api/v1/projects", record())
    assert r.status_code in (403, 422)
    assert Project.objects.count() == 0


def test_duplicate_id_conflicts(write_a):
    assert post(write_a, "/api/v1/projects", record()).status_code == 201
    r = post(write_a, "/api/v1/projects", record())
    assert r.status_code == 409 and Project.objects.count() == 1


def test_put_patch_with_if_match(write_a, api_client):
    post(write_a, "/api/v1/projects", record())
    etag = api_client.get("/api/v1/projects/api-1")["ETag"]
    r = send(write_a, "patch", "/api/v1/projects/api-1", {"status": "drift"}, HTTP_IF_MATCH=etag)
    assert r.status_code == 200 and r.json()["status"] == "drift"
    # The old ETag is stale now: 409 and nothing overwritten.
    r = send(write_a, "patch", "/api/v1/projects/api-1", {"status": "stoppet"}, HTTP_IF_MATCH=etag)
    assert r.status_code == 409
    assert Project.objects.get(uid="api-1").status == "drift"
    # PATCH keeps what it does not name (including non-public contacts).
    assert Project.objects.get(uid="api-1").contacts.count() == 2
    r = send(write_a, "put", "/api/v1/projects/api-1", record(title="Ny titel", contacts=[]))
    assert r.status_code == 200 and r.json()["title"] == "Ny titel"
    assert Project.objects.get(uid="api-1").contacts.count() == 0
    assert send(write_a, "put", "/api/v1/projects/findes-ikke", record()).status_code == 404


def test_other_organisation_cannot_change_or_delete(write_a, write_b):
    post(write_a, "/api/v1/projects", record())
    assert send(write_b, "patch", "/api/v1/projects/api-1", {"title": "Kapret"}).status_code == 403
    assert send(write_b, "put", "/api/v1/projects/api-1", record(title="Kapret")).status_code == 403
    assert write_b.delete("/api/v1/projects/api-1").status_code == 403
    assert Project.objects.get(uid="api-1").title == "Vandsensorer i kloakken"


def test_delete(write_a, write_coordinator):
    post(write_a, "/api/v1/projects", record())
    assert write_coordinator.delete("/api/v1/projects/api-1").status_code == 204
    assert not Project.objects.exists()
    assert write_coordinator.delete("/api/v1/projects/api-1").status_code == 404


def test_revoked_token_is_refused(editor_a, write_a):
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert post(write_a, "/api/v1/projects", record()).status_code == 401


def test_reference_endpoints(api_client, editor_a):
    make_project(editor_a)
    municipalities = api_client.get("/api/v1/municipalities").json()
    assert len(municipalities) == 98
    aarhus = api_client.get("/api/v1/municipalities/751").json()
    assert aarhus["antal_projekter"] == 1 and aarhus["befolkning"] > 300000
    assert api_client.get("/api/v1/municipalities/999").status_code == 404
    regions = api_client.get("/api/v1/regions").json()
    assert sum(r["antal_kommuner"] for r in regions) == 98
    orgs = api_client.get("/api/v1/organisations?kind=kommune&page_size=200").json()
    assert orgs["count"] == 98
    tax = api_client.get("/api/v1/taxonomies").json()
    assert len(tax["areas"]) == 7 and {s["code"] for s in tax["statuses"]} >= {"ide", "drift"}


def test_anonymous_rate_limit(api_client, settings):
    settings.API_ANON_RATE_LIMIT = 3
    codes = [api_client.get("/api/v1/regions").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = api_client.get("/api/v1/regions")
    assert int(r["Retry-After"]) >= 1 and "For mange" in r.json()["detail"]


def test_cors_preflight(api_client):
    r = api_client.options("/api/v1/projects", headers={"Origin": "https://example.org"})
    assert r.status_code == 204 and r["Access-Control-Allow-Origin"] == "*"


def test_openapi_and_offline_docs(api_client):
    spec = api_client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Smartby API"
    assert "/api/v1/projects" in spec["paths"]
    docs = api_client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/" in docs


def test_schema_names_are_unique_across_apps():
    """OpenAPI names each response schema by its class name: two apps' classes with the same
    name would describe one app's response with the other's schema."""
    from ninja import Schema

    import smartby.api.api  # noqa: F401  (imports every app's router and schemas)

    def subclasses(cls: type) -> list[type]:
        return [c for s in cls.__subclasses__() for c in (s, *subclasses(s))]

    ours = {c for c in subclasses(Schema) if c.__module__.startswith("smartby.")}
    by_name: dict[str, set[str]] = {}
    for cls in ours:
        by_name.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {n: m for n, m in by_name.items() if len(m) > 1} == {}
