"""Plain tests for the bugs the schemathesis run (test_schemathesis.py) found, so that they stay
fixed even where the fuzzer is not run, or would not hit them again."""

import json

import pytest
from django.test import Client

from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

NUL = "%00"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_ANON_RATE_LIMIT = 0


@pytest.fixture
def document(api_client) -> dict:
    return api_client.get("/api/v1/openapi.json").json()


def assert_error_body(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert isinstance(body["detail"], str) and isinstance(body["errors"], list)
    return body


def send(client, method: str, url: str, data: dict | None = None):
    if method == "get":
        return client.get(url)
    body = json.dumps(data if data is not None else record())
    return getattr(client, method)(url, body, content_type="application/json")


def record(**overrides) -> dict:
    return {
        "title": "Vandsensorer i kloakken",
        "summary": "Sensorer varsler oversvømmelse.",
        "municipalities": ["751"],
        "lead_organisation": "Aarhus Kommune",
        "area": "Forsyning",
        "status": "pilot",
        **overrides,
    }


# Undocumented status codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("/api/v1/projects", "/api/v1/projects?updated_since=AAA"),
        ("/api/v1/organisations", "/api/v1/organisations?q=" + "x" * 201),
    ],
)
def test_list_endpoints_document_their_422(api_client, document, path, url):
    assert_error_body(api_client.get(url), 422)
    assert "422" in document["paths"][path]["get"]["responses"]


def test_rate_limit_429_is_documented_for_every_operation(api_client, document, settings):
    settings.API_ANON_RATE_LIMIT = 1
    api_client.get("/api/v1/regions")
    response = api_client.get("/api/v1/regions")
    assert_error_body(response, 429)
    assert int(response["Retry-After"]) >= 1
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "429" in operation["responses"], f"{method.upper()} {path}"


# Responses that broke their documented schema -----------------------------------------------


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/api/v1/projects.geojson", "application/geo+json"),
        ("/api/v1/municipalities.geojson", "application/geo+json"),
        ("/api/v1/catalog.jsonld", "application/ld+json"),
    ],
)
def test_json_files_are_documented_as_json_objects(
    api_client, document, editor_a, path, media_type
):
    """They were documented as binary strings, which a JSON response can never be."""
    make_project(editor_a)
    content = document["paths"][path]["get"]["responses"]["200"]["content"]
    assert content[media_type]["schema"]["type"] == "object"
    response = api_client.get(path)
    assert response.status_code == 200
    body = json.loads(b"".join(response) if response.streaming else response.content)
    assert isinstance(body, dict)
    for key in content[media_type]["schema"].get("required", []):
        assert key in body


# NUL bytes reaching PostgreSQL (500 before) --------------------------------------------------


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("project_id", [NUL, f"a{NUL}b"])
def test_project_id_with_nul_is_not_found(write_coordinator, editor_a, method, project_id):
    make_project(editor_a)
    response = send(write_coordinator, method, f"/api/v1/projects/{project_id}")
    assert_error_body(response, 404)


def test_municipality_code_with_nul_is_not_found(api_client):
    assert_error_body(api_client.get(f"/api/v1/municipalities/7{NUL}51"), 404)


def test_organisation_kind_with_nul_matches_nothing(api_client):
    response = api_client.get(f"/api/v1/organisations?kind={NUL}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


# Paths outside the API's routes (HTML 404, or a 403 CSRF page for writes, before) ------------


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "post"])
def test_unknown_api_path_is_a_json_404(write_coordinator, method):
    # %2F is a slash once decoded, so this is /api/v1/projects/a/b: no route.
    response = send(write_coordinator, method, "/api/v1/projects/a%2Fb")
    assert_error_body(response, 404)


def test_unknown_api_path_without_token_is_a_json_404():
    assert_error_body(Client().get("/api/v1/findes-ikke"), 404)


# An own id that cannot be a URL path segment (500 after the project was saved, before) -------


@pytest.mark.parametrize("own_id", ["a/b", "a\x00b", "a\nb"])
def test_own_id_must_fit_in_a_url(write_coordinator, own_id):
    response = write_coordinator.post(
        "/api/v1/projects", json.dumps(record(id=own_id)), content_type="application/json"
    )
    body = assert_error_body(response, 422)
    assert [e["field"] for e in body["errors"]] == ["id"]
    assert not Project.objects.exists()


def test_own_id_with_odd_but_harmless_characters_works(write_coordinator):
    response = write_coordinator.post(
        "/api/v1/projects",
        json.dumps(record(id="KL 2024:17 (æøå)")),
        content_type="application/json",
    )
    assert response.status_code == 201
    read = write_coordinator.get(response["Location"])
    assert read.status_code == 200 and read.json()["id"] == "KL 2024:17 (æøå)"


# Error messages in English (pydantic's own) --------------------------------------------------


def test_too_big_number_has_a_danish_message(write_coordinator, editor_a):
    project = make_project(editor_a)
    response = write_coordinator.patch(
        f"/api/v1/projects/{project.uid}",
        json.dumps({"budget_dkk": "9" * 5000}),
        content_type="application/json",
    )
    body = assert_error_body(response, 422)
    assert body["errors"] == [{"field": "budget_dkk", "message": "Tallet er for stort."}]
