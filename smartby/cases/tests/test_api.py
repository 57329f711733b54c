"""The API: reads (anonymous, paginated, filtered), writes with a write token, 401/403/404/422."""

import json

import pytest
from django.test import Client

from smartby.cases.models import BusinessCase, UseCase
from smartby.cases.tests.helpers import make_business_case, make_use_case
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

USE_CASE = {
    "title": "Smart parkering",
    "problem": "Bilister leder efter ledige pladser og skaber trafik.",
    "target_group": "Bilister og handlende i midtbyen",
    "area": "teknik-og-miljoe",
    "owner_organisation": "aarhus-kommune",
}
BUSINESS_CASE = {
    "title": "Pilot i midtbyen",
    "first_year": 2026,
    "horizon_years": 3,
    "discount_rate": 10,
    "lines": [
        {"kind": "investering", "label": "Sensorer", "year": 0, "amount": 1000},
        {"kind": "gevinst", "label": "P-indtægter", "year": 1, "amount": 550},
        {"kind": "gevinst", "label": "P-indtægter", "year": 2, "amount": 550},
        {"kind": "ikke_oekonomisk", "label": "Mindre søgetrafik"},
    ],
}


def send(client: Client, method: str, url: str, body: dict) -> object:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_list_and_read_anonymously(client, editor_a):
    project = make_project(editor_a, title="Sensorer i kuber")
    bc = make_business_case(editor_a, make_use_case(editor_a, projects=project.slug))
    make_use_case(editor_a, title="Gadebelysning med dæmpning")
    r = client.get("/api/v1/use-cases", {"limit": 1})
    data = r.json()
    assert r.status_code == 200 and data["count"] == 2 and len(data["results"]) == 1
    assert data["results"][0]["title"] == "Affaldssensorer i kuber"
    r = client.get("/api/v1/use-cases", {"q": "gadebelysning", "area": "forsyning"})
    assert [u["title"] for u in r.json()["results"]] == ["Gadebelysning med dæmpning"]
    assert client.get("/api/v1/use-cases", {"limit": 1000}).status_code == 422
    one = client.get(f"/api/v1/use-cases/{bc.use_case_id}").json()
    assert one["projects"][0]["id"] == project.uid
    assert one["business_cases"][0]["npv"] == -13223.14
    assert one["business_cases"][0]["payback_year"] == 2028
    assert client.get("/api/v1/use-cases/999999").status_code == 404
    assert client.get("/api/v1/use-cases/0").status_code == 422
    figures = client.get(f"/api/v1/business-cases/{bc.pk}").json()
    assert len(figures["lines"]) == 6
    assert figures["figures"]["npv"] == -13223.14
    assert [y["net"] for y in figures["figures"]["years"]] == [-100000, 50000, 50000]
    assert figures["figures"]["sensitivity"]["benefit_changes"] == [-20, -10, 0, 10]
    assert client.get("/api/v1/business-cases/999999").status_code == 404


def test_writes_need_a_write_token(client, editor_a, token_for):
    assert send(client, "post", "/api/v1/use-cases", USE_CASE).status_code == 401
    read_only = token_for(editor_a, "read")
    assert send(read_only, "post", "/api/v1/use-cases", USE_CASE).status_code == 403
    assert not UseCase.objects.exists()


def test_create_patch_and_business_cases(editor_a, token_for):
    api = token_for(editor_a)
    r = send(api, "post", "/api/v1/use-cases", USE_CASE)
    assert r.status_code == 201, r.content
    use_case = r.json()
    assert use_case["owner_organisation"] == "aarhus-kommune"
    assert r["Location"] == f"/api/v1/use-cases/{use_case['id']}"
    r = send(api, "patch", f"/api/v1/use-cases/{use_case['id']}", {"risks": "Hærværk"})
    assert r.status_code == 200 and r.json()["risks"] == "Hærværk"
    assert r.json()["title"] == "Smart parkering"
    r = send(api, "post", f"/api/v1/use-cases/{use_case['id']}/business-cases", BUSINESS_CASE)
    assert r.status_code == 201, r.content
    bc = r.json()
    assert bc["figures"]["npv"] == -45.45 and bc["figures"]["payback_year"] == 2028
    replaced = {**BUSINESS_CASE, "discount_rate": 0, "lines": BUSINESS_CASE["lines"][:2]}
    r = send(api, "put", f"/api/v1/business-cases/{bc['id']}", replaced)
    assert r.status_code == 200
    assert r.json()["figures"]["npv"] == -450 and len(r.json()["lines"]) == 2
    assert BusinessCase.objects.get().lines.count() == 2


def test_validation_errors_are_422_in_the_standard_shape(editor_a, token_for):
    api = token_for(editor_a)
    r = send(
        api, "post", "/api/v1/use-cases", {**USE_CASE, "area": "findes-ikke", "projects": ["x"]}
    )
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] == "Ugyldige data."
    assert {e["field"] for e in body["errors"]} == {"area", "projects"}
    use_case = make_use_case(editor_a)
    bad = {**BUSINESS_CASE, "lines": [{"kind": "gevinst", "label": "Uden beløb", "year": 5}]}
    r = send(api, "post", f"/api/v1/use-cases/{use_case.pk}/business-cases", bad)
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"lines[0].year", "lines[0].amount"}
    r = send(api, "post", f"/api/v1/use-cases/{use_case.pk}/business-cases", {"title": "x"})
    assert r.status_code == 422 and r.json()["errors"]
    assert not BusinessCase.objects.exists()


@pytest.mark.parametrize("persona", ["editor_b"])
def test_other_organisations_are_refused(persona, request, editor_a, token_for):
    api = token_for(request.getfixturevalue(persona))
    bc = make_business_case(editor_a)
    use_case = bc.use_case
    assert send(api, "post", "/api/v1/use-cases", USE_CASE).status_code == 403
    r = send(api, "patch", f"/api/v1/use-cases/{use_case.pk}", {"title": "Kapret"})
    assert r.status_code == 403
    r = send(api, "post", f"/api/v1/use-cases/{use_case.pk}/business-cases", BUSINESS_CASE)
    assert r.status_code == 403
    r = send(api, "put", f"/api/v1/business-cases/{bc.pk}", BUSINESS_CASE)
    assert r.status_code == 403
    assert UseCase.objects.get().title == "Affaldssensorer i kuber"
    assert BusinessCase.objects.get().title == "Basisscenarie"


def test_coordinator_curates_everything(coordinator, editor_a, token_for):
    api = token_for(coordinator)
    use_case = make_use_case(editor_a)
    r = send(
        api, "patch", f"/api/v1/use-cases/{use_case.pk}", {"owner_organisation": "odense-kommune"}
    )
    assert r.status_code == 200 and r.json()["owner_organisation"] == "odense-kommune"
    r = send(api, "post", "/api/v1/use-cases", {**USE_CASE, "owner_organisation": "odense-kommune"})
    assert r.status_code == 201
