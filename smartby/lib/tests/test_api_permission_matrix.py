"""The permission matrix of every operation of the API (/api/v1/, issue 10, Security).

API_OPERATIONS names every operation of the OpenAPI schema ("METHOD /path") with who may call
it. Reads are open to everybody; writes need a write token (anonymous: 401) and follow the UI's
permissions, object by object: editor_b's token never changes organisation A's objects. A new
operation without an entry fails test_every_operation_is_in_the_matrix.

Each refused write must leave every table unchanged. Write bodies are valid-looking (BODIES) so
that a refusal is the permission check, not input validation.
"""

import json
from typing import Any, NamedTuple

import pytest

from smartby.lib.tests.matrix_world import (
    ACCESS,
    PERSONAS,
    World,
    changed_tables,
    snapshot,
    world_fixture,
)


class A(NamedTuple):
    access: str
    params: dict[str, str] = {}
    refusal_field: str = ""


def a(access: str, refusal_field: str = "", **params: str) -> A:
    """`refusal_field`: a logged-in persona acting as another organisation is refused by that
    field's choices (422 naming the field: the organisation is "unknown" to them), not 403."""
    return A(access, params, refusal_field)


API_OPERATIONS: dict[str, A] = {
    "GET /api/v1/projects": a("public"),
    "POST /api/v1/projects": a("owner", refusal_field="lead_organisation"),
    "GET /api/v1/projects/{project_id}": a("public", project_id="project_uid"),
    "PUT /api/v1/projects/{project_id}": a("owner", project_id="project_uid"),
    "PATCH /api/v1/projects/{project_id}": a("owner", project_id="project_uid"),
    "DELETE /api/v1/projects/{project_id}": a("owner", project_id="project_uid"),
    "GET /api/v1/municipalities": a("public"),
    "GET /api/v1/municipalities/{kode}": a("public", kode="=751"),
    "GET /api/v1/regions": a("public"),
    "GET /api/v1/organisations": a("public"),
    "GET /api/v1/taxonomies": a("public"),
    "GET /api/v1/projects.csv": a("public"),
    "GET /api/v1/projects.xlsx": a("public"),
    "GET /api/v1/projects.geojson": a("public"),
    "GET /api/v1/municipalities.geojson": a("public"),
    "GET /api/v1/catalog.ttl": a("public"),
    "GET /api/v1/catalog.jsonld": a("public"),
    "GET /api/v1/search": a("public", query="q=sensor"),
    "GET /api/v1/search/suggestions": a("public", query="q=sens"),
    "GET /api/v1/projects/{project_id}/similar": a("public", project_id="project_uid"),
    "POST /api/v1/match": a("public"),
    "GET /api/v1/suppliers": a("public"),
    "GET /api/v1/suppliers/{supplier_id}": a("public", supplier_id="supplier_pk"),
    "GET /api/v1/solutions": a("public"),
    "POST /api/v1/solutions": a("coord"),
    "GET /api/v1/solutions/{solution_id}": a("public", solution_id="solution_pk"),
    "PATCH /api/v1/solutions/{solution_id}": a("coord", solution_id="solution_pk"),
    "DELETE /api/v1/solutions/{solution_id}": a("coord", solution_id="solution_pk"),
    # Only the supplier's own staff propose changes (none of the personas).
    "POST /api/v1/solutions/{solution_id}/proposals": a("nobody", solution_id="solution_pk"),
    "GET /api/v1/standards": a("public"),
    "GET /api/v1/standards/{standard_id}": a("public", standard_id="standard_pk"),
    "GET /api/v1/radar/editions": a("public"),
    "GET /api/v1/radar/editions/{year}": a("public", year="=2026"),  # the published reference
    "POST /api/v1/radar/editions/{year}/blips": a("coord", year="year"),
    "PATCH /api/v1/radar/editions/{year}/blips/{technology}": a(
        "coord", year="year", technology="blip"
    ),
    "GET /api/v1/use-cases": a("public"),
    "POST /api/v1/use-cases": a("owner"),
    "GET /api/v1/use-cases/{use_case_id}": a("public", use_case_id="use_case_pk"),
    "PATCH /api/v1/use-cases/{use_case_id}": a("owner", use_case_id="use_case_pk"),
    "POST /api/v1/use-cases/{use_case_id}/business-cases": a("owner", use_case_id="use_case_pk"),
    "GET /api/v1/business-cases/{business_case_id}": a("public", business_case_id="business_case"),
    "PUT /api/v1/business-cases/{business_case_id}": a("owner", business_case_id="business_case"),
    "GET /api/v1/clauses": a("public"),
    "POST /api/v1/clauses": a("coord"),
    "POST /api/v1/clauses/compose": a("public"),
    "GET /api/v1/clauses/{slug}": a("public", slug="clause"),
    "PUT /api/v1/clauses/{slug}": a("coord", slug="clause"),
    "POST /api/v1/clauses/{slug}/proposals": a("login", slug="clause"),
    "POST /api/v1/clauses/{slug}/versions/{number}/accept": a(
        "coord", slug="clause", number="version"
    ),
    "POST /api/v1/clauses/{slug}/versions/{number}/reject": a(
        "coord", slug="clause", number="version"
    ),
    "GET /api/v1/guides": a("public"),
    "GET /api/v1/guides/{slug}": a("public", slug="guide"),
    "GET /api/v1/competence-check": a("public"),
    "POST /api/v1/competence-check/score": a("public"),
    "POST /api/v1/competence-check/results": a("a_only"),
    "GET /api/v1/competence-check/peers": a("public"),
    "GET /api/v1/kits": a("public"),
    "GET /api/v1/kits/{slug}": a("public", slug="kit"),
    "POST /api/v1/kits/{slug}/bookings": a("owner", slug="kit"),
    "POST /api/v1/bookings/{booking_id}/decision": a("owner", booking_id="booking"),
    "GET /api/v1/events": a("public"),
    "GET /api/v1/surveys": a("public"),
    "GET /api/v1/surveys/rounds/{key}/results": a("public", key="survey_round"),
    "GET /api/v1/strategies": a("public"),
    "GET /api/v1/strategies/{slug}": a("public", slug="strategy"),
    "GET /api/v1/initiatives/{initiative_id}": a("public", initiative_id="initiative_pk"),
    "POST /api/v1/initiatives/{initiative_id}/status-reports": a(
        "owner", initiative_id="initiative_pk"
    ),
    "POST /api/v1/effect-goals/{goal_id}/measurements": a("owner", goal_id="goal"),
    "GET /api/v1/recommendations": a("public"),
    "GET /api/v1/recommendations/{number}": a("public", number="recommendation"),
    "GET /api/v1/prioritisation-rounds": a("public"),
    # The world's round is not published: its results are hidden from everybody (reads carry no
    # token, so not even a coordinator sees them here).
    "GET /api/v1/prioritisation-rounds/{slug}/results": a("nobody", slug="round"),
    "GET /api/v1/dk2020/faser": a("public"),
    "GET /api/v1/dk2020": a("public"),
    "GET /api/v1/dk2020/{code}": a("public", code="=751"),
    "PUT /api/v1/dk2020/{code}": a("owner", code="=751"),
    "POST /api/v1/cost-allocations/preview": a("public"),
    "GET /api/v1/collaborations": a("public"),
    "GET /api/v1/collaborations/{slug}": a("public", slug="collaboration"),
    "GET /api/v1/collaborations/{slug}/allocations/{year}": a(
        "public", slug="collaboration", year="budget_year"
    ),
}


def api_operations() -> set[str]:
    from smartby.api.api import api

    schema = api.get_openapi_schema()
    return {f"{m.upper()} {path}" for path, item in schema["paths"].items() for m in item}


def api_url(world: World, key: str) -> tuple[str, str]:
    method, path = key.split(" ", 1)
    params = dict(API_OPERATIONS[key].params)
    query = params.pop("query", "")
    for name, source in params.items():
        value = source[1:] if source.startswith("=") else world.ids[source]
        path = path.replace("{" + name + "}", str(value))
    return method.lower(), path + (f"?{query}" if query else "")


def bodies(world: World) -> dict[str, Any]:
    """Valid bodies for the writes, on behalf of organisation A (so a refusal comes from the
    permission check, not from input validation)."""
    ids = world.ids
    project = {
        "id": "matrix-api-1",
        "title": "Matrix: vandsensorer",
        "summary": "Sensorer varsler oversvømmelse.",
        "municipalities": ["751"],
        "lead_organisation": "Aarhus Kommune",
        "area": "Forsyning",
        "technologies": ["IoT-sensorer"],
        "status": "pilot",
    }
    use_case = {
        "title": "Matrix: use case",
        "problem": "Kuberne tømmes efter fast rute.",
        "target_group": "Renovationen",
        "area": "forsyning",
        "owner_organisation": world.org_a.slug,
    }
    business_case = {"title": "Matrix", "first_year": 2026, "horizon_years": 3, "discount_rate": 4}
    clause = {
        "title": "Matrix-klausul via API",
        "topic": "dataejerskab",
        "text": "{{leverandør}} leverer data.",
        "reason": "Kommunen skal eje data.",
    }
    return {
        "POST /api/v1/projects": project,
        "PUT /api/v1/projects/{project_id}": {**project, "id": ids["project_uid"]},
        "PATCH /api/v1/projects/{project_id}": {"title": "Kapret"},
        "POST /api/v1/solutions": {
            "supplier": ids["supplier_pk"],
            "name": "Matrix-løsning",
            "category": "sensorer",
            "description": "Måler.",
            "hosting": "dansk-datacenter",
            "price_model": "pr-enhed",
        },
        "PATCH /api/v1/solutions/{solution_id}": {"name": "Kapret"},
        "POST /api/v1/solutions/{solution_id}/proposals": {"name": "Kapret"},
        "POST /api/v1/radar/editions/{year}/blips": {
            "technology": "ai",
            "quadrant": "anvendelser",
            "ring": "afvent",
            "rationale": "Matrix.",
        },
        "PATCH /api/v1/radar/editions/{year}/blips/{technology}": {"rationale": "Kapret"},
        "POST /api/v1/use-cases": use_case,
        "PATCH /api/v1/use-cases/{use_case_id}": {"title": "Kapret"},
        "POST /api/v1/use-cases/{use_case_id}/business-cases": business_case,
        "PUT /api/v1/business-cases/{business_case_id}": business_case,
        "POST /api/v1/clauses": clause,
        "PUT /api/v1/clauses/{slug}": {**clause, "title": "Matrix-klausul"},
        "POST /api/v1/clauses/{slug}/proposals": {
            **clause,
            "text": "{{ordregiver}} ejer data.",
            "change_note": "Kortere.",
        },
        "POST /api/v1/clauses/{slug}/versions/{number}/accept": {"note": ""},
        "POST /api/v1/clauses/{slug}/versions/{number}/reject": {"note": "Nej"},
        "POST /api/v1/competence-check/results": {
            "answers": ids["answers"],
            "organisation": world.org_a.slug,
        },
        "POST /api/v1/kits/{slug}/bookings": {
            "borrower": world.org_a.slug,
            "start_date": ids["booking_start"],
            "end_date": ids["booking_start"],
            "purpose": "Matrix.",
        },
        "POST /api/v1/bookings/{booking_id}/decision": {"decision": "godkendt"},
        "POST /api/v1/initiatives/{initiative_id}/status-reports": {
            "period": "2026 K4",
            "report_date": "2026-11-01",
            "time": "groen",
            "economy": "groen",
            "quality": "groen",
        },
        "POST /api/v1/effect-goals/{goal_id}/measurements": {"date": "2026-11-01", "value": 12},
        "PUT /api/v1/dk2020/{code}": {"status": "i_gang", "comment": "Kapret"},
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from world_fixture(django_db_setup, django_db_blocker)


@pytest.fixture
def in_world(world, db):
    return world


def test_every_operation_is_in_the_matrix():
    operations = api_operations()
    missing = sorted(operations - set(API_OPERATIONS))
    stale = sorted(set(API_OPERATIONS) - operations)
    assert not missing, f"API operations without a permission-matrix entry: {missing}"
    assert not stale, f"permission-matrix entries without an API operation: {stale}"
    for key, entry in API_OPERATIONS.items():
        assert entry.access in ACCESS, (key, entry.access)


def _send(world: World, persona: str, method: str, path: str, body: Any) -> Any:
    client = world.api_client(persona)
    if method == "get":
        return client.get(path)
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json"
    )


@pytest.mark.parametrize("key", sorted(API_OPERATIONS))
def test_operation(in_world, key):
    entry = API_OPERATIONS[key]
    method, path = api_url(in_world, key)
    body = bodies(in_world).get(key)
    allowed = ACCESS[entry.access]
    problems = []
    before = snapshot() if method != "get" else None
    for persona in PERSONAS:
        if persona in allowed:
            continue
        response = _send(in_world, persona, method, path, body)
        # No token on a write: 401. A hidden object on a read: 404 for everybody.
        expected = (401,) if persona == "anonymous" and method != "get" else (403, 404)
        refused = response.status_code in expected or (
            persona != "anonymous"
            and entry.refusal_field
            and response.status_code == 422
            and [e["field"] for e in response.json()["errors"]] == [entry.refusal_field]
        )
        if not refused:
            problems.append(f"{key} as {persona}: {response.status_code} {response.content[:200]}")
    if before is not None:
        changed = changed_tables(before, snapshot())
        if changed:
            problems.append(f"refused {key} changed the database: {changed}")
    for persona in allowed if method == "get" else allowed[:1]:
        response = _send(in_world, persona, method, path, body)
        # A read must succeed; a write may fail validation (409/422) but not be refused.
        failed = response.status_code >= 400 if method == "get" else response.status_code >= 500
        if failed or response.status_code in (401, 403):
            problems.append(
                f"{key} as {persona} (allowed): {response.status_code} {response.content[:200]}"
            )
    assert not problems, "\n".join(problems)


def test_read_token_cannot_write(in_world):
    """A read-scope token is refused on every write (403) and changes nothing."""
    from django.test import Client

    from smartby.api.operations import create_token

    _, secret = create_token(in_world.users["superuser"], name="read", scope="read")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    all_bodies = bodies(in_world)
    before = snapshot()
    for key in sorted(k for k in API_OPERATIONS if not k.startswith("GET ")):
        if API_OPERATIONS[key].access == "public":
            continue
        method, path = api_url(in_world, key)
        body = json.dumps(all_bodies.get(key) or {})
        response = getattr(client, method)(path, data=body, content_type="application/json")
        assert response.status_code == 403, (key, response.status_code)
    assert changed_tables(before, snapshot()) == []


def test_api_ignores_the_session(in_world):
    """The API is CSRF-exempt because it never authenticates by the session cookie: a logged-in
    browser session (even the superuser's, without a CSRF token) cannot write through it."""
    all_bodies = bodies(in_world)
    client = in_world.client("superuser", enforce_csrf_checks=True)
    before = snapshot()
    for key in sorted(k for k in API_OPERATIONS if not k.startswith("GET ")):
        if API_OPERATIONS[key].access == "public":
            continue
        method, path = api_url(in_world, key)
        body = json.dumps(all_bodies.get(key) or {})
        response = getattr(client, method)(path, data=body, content_type="application/json")
        assert response.status_code == 401, (key, response.status_code)
    assert changed_tables(before, snapshot()) == []
