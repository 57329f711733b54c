"""API: the preview computation (200 and 422 with field errors), collaborations and their
allocations (reads are anonymous)."""

import pytest

from smartby.costs.tests.helpers import make_budget_year, make_scenario

pytestmark = pytest.mark.django_db

PREVIEW = "/api/v1/cost-allocations/preview"


def post(client, body):
    return client.post(PREVIEW, body, content_type="application/json")


def test_preview_computes_like_the_cli(client) -> None:
    body = {
        "budget": 1000,
        "contributions": [{"name": "Regionen", "amount": 100}],
        "equal_percent": 25,
        "members": [
            {"name": "A", "population": 100},
            {"name": "B", "population": 200},
            {"name": "C", "population": 300},
        ],
    }
    response = post(client, body)
    assert response.status_code == 200
    data = response.json()
    assert data["to_allocate"] == data["sum"] == 900
    assert [m["total"] for m in data["members"]] == [187, 300, 413]
    assert set(data) == {"budget", "contributions", "to_allocate", "members", "sum"}


def test_preview_with_municipality_codes(client) -> None:
    body = {
        "budget": 2_900_000,
        "contributions": [{"name": "Region Midtjylland", "amount": 500_000}],
        "equal_percent": 25,
        "members": [{"code": "751"}, {"code": "741", "population": 4000}],
    }
    data = post(client, body).json()
    assert [(m["name"], m["population"]) for m in data["members"]] == [
        ("Aarhus", 367000),
        ("Samsø", 4000),
    ]
    assert data["sum"] == 2_400_000


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"budget": -1}, "budget", "Beløbet må ikke være negativt."),
        (
            {"contributions": [{"name": "R", "amount": 5000}]},
            "contributions",
            "De faste bidrag (5.000 kr.) er større end budgettet (1.000 kr.).",
        ),
        (
            {"contributions": [{"name": "R", "amount": -1}]},
            "contributions[0].amount",
            "Beløbet må ikke være negativt.",
        ),
        (
            {"equal_percent": 100.5},
            "equal_percent",
            "Den ligelige andel skal være mellem 0 og 100 %.",
        ),
        ({"members": []}, "members", "Der skal være mindst ét medlem at fordele udgiften på."),
        (
            {"members": [{"name": "A", "population": 0}]},
            "members[0].population",
            "Befolkningstallet skal være større end 0.",
        ),
        (
            {"members": [{"name": "A", "population": 1}, {"name": "a", "population": 2}]},
            "members[1].name",
            "a er med mere end én gang.",
        ),
        ({"members": [{"code": "999"}]}, "members[0].code", "Ukendt kommunekode „999“."),
        (
            {"members": [{"name": "A"}]},
            "members[0].population",
            "Angiv befolkningstallet eller en kommunekode.",
        ),
        ({"budget": "mange"}, "budget", "Skal være et heltal."),
    ],
)
def test_preview_422(client, change, field, message) -> None:
    body = {
        "budget": 1000,
        "contributions": [],
        "equal_percent": 25,
        "members": [{"name": "A", "population": 1}],
        **change,
    }
    response = post(client, body)
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Ugyldige data."
    assert {"field": field, "message": message} in data["errors"]


def test_preview_bad_json(client) -> None:
    response = client.post(PREVIEW, "{", content_type="application/json")
    assert response.status_code == 400


def test_collaborations_and_allocations(client) -> None:
    by = make_budget_year()
    scenario = make_scenario(by)
    data = client.get("/api/v1/collaborations", {"limit": 50}).json()
    slugs = [c["slug"] for c in data["results"]]
    assert by.collaboration.slug in slugs and "govtech-midtjylland" in slugs
    detail = client.get(f"/api/v1/collaborations/{by.collaboration.slug}").json()
    assert [m["name"] for m in detail["members"]] == [
        "Aarhus",
        "Lemvig",
        "Odder",
        "Randers",
        "Samsø",
    ]
    assert detail["budget_years"][0]["year"] == 2026
    url = detail["budget_years"][0]["allocation_url"]
    allocation = client.get(url).json()
    assert allocation["allocation"]["sum"] == 800_000
    assert allocation["population_date"] == "2024-01-01"
    [s] = allocation["scenarios"]
    assert (s["id"], s["leaving"], s["joining"]) == (scenario.pk, ["Samsø"], ["Lemvig"])
    assert s["allocation"]["sum"] == 800_000 and s["errors"] == []


def test_govtech_reference_allocation(client) -> None:
    data = client.get("/api/v1/collaborations/govtech-midtjylland/allocations/2021").json()
    assert data["allocation"]["to_allocate"] == data["allocation"]["sum"] == 2_400_000
    assert len(data["allocation"]["members"]) == 19
    [s] = data["scenarios"]
    assert s["name"] == "Viborg og Samsø træder ud" and len(s["allocation"]["members"]) == 17


def test_not_found_and_bad_parameters(client) -> None:
    assert client.get("/api/v1/collaborations/findes-ikke").status_code == 404
    assert (
        client.get("/api/v1/collaborations/govtech-midtjylland/allocations/2030").status_code == 404
    )
    assert (
        client.get("/api/v1/collaborations/govtech-midtjylland/allocations/1800").status_code == 422
    )
    assert client.get("/api/v1/collaborations", {"limit": 1000}).status_code == 422
