"""The surveys API: the list of surveys and rounds, a round's (suppressed) results."""

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from smartby.surveys import cedi2014
from smartby.surveys.tests.test_results_views import make_closed_round, submitted

pytestmark = pytest.mark.django_db

BASE = "/api/v1/surveys"


def test_list_surveys_with_rounds(client) -> None:
    round_ = make_closed_round()
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1
    survey = next(s for s in body["results"] if s["key"] == "cedi-2014")
    rounds = {r["key"]: r for r in survey["rounds"]}
    assert rounds[round_.key]["respondents"] == 40  # drafts do not count
    assert rounds[round_.key]["status"] == "closed"
    assert rounds[round_.key]["results_api"].endswith(
        f"/api/v1/surveys/rounds/{round_.key}/results"
    )
    baseline = rounds[cedi2014.BASELINE_ROUND_KEY]
    assert baseline["is_baseline"] and baseline["respondents"] == 54
    assert client.get(BASE, {"limit": 0}).status_code == 422
    assert client.get(BASE, {"limit": 1, "offset": 5}).json()["results"] == []


def test_round_results_suppressed(client) -> None:
    round_ = make_closed_round()
    response = client.get(f"{BASE}/rounds/{round_.key}/results")
    assert response.status_code == 200
    doc = response.json()
    assert doc["round"] == round_.key and doc["respondents"] == 40
    q = next(q for q in doc["questions"] if q["key"] == "smart_city")
    rs = submitted(round_)
    answered = [r for r in rs if "smart_city" in r.answers]
    assert q["n"] == len(answered)
    for option, cell in q["options"].items():
        count = sum(1 for r in answered if r.answers["smart_city"] == option)
        if cell["suppressed"]:
            assert cell["count"] is None and cell["pct"] is None
        else:
            assert cell["count"] == count
    # No published count is 1 or 2, in any group or matrix item.
    for question in doc["questions"]:
        for block in [question, *question["groups"].values()]:
            cells = list((block["options"] or {}).values())
            for item in block["items"] or []:
                cells += item["options"].values()
            assert all(c["count"] is None or c["count"] == 0 or c["count"] >= 3 for c in cells)
    assert q["groups"]["yderkommune"]["n"] == sum(
        1 for r in answered if r.municipality.kind == "yderkommune"
    )


def test_baseline_results_are_the_published_figures(client) -> None:
    cedi2014.install(apps)
    response = client.get(f"{BASE}/rounds/{cedi2014.BASELINE_ROUND_KEY}/results")
    assert response.status_code == 200
    doc = response.json()
    assert doc["respondents"] == 54
    screening = next(q for q in doc["questions"] if q["key"] == "smart_city")
    assert screening["options"]["coordinated"] == {"count": None, "pct": 17.0, "suppressed": False}
    assert screening["n"] == 54
    matrix = next(q for q in doc["questions"] if q["key"] == "initiatives")
    energy = next(i for i in matrix["items"] if i["key"] == "energy_public_buildings")
    assert energy["options"]["have"]["pct"] == 78.0
    assert matrix["groups"]["smart_city"]["items"][0]["options"]["have"]["pct"] == 93.0


def test_open_round_unknown_round_and_bad_key(client) -> None:
    round_ = make_closed_round()
    round_.closes_on = timezone.localdate() + dt.timedelta(days=2)
    round_.save()
    response = client.get(f"{BASE}/rounds/{round_.key}/results")
    assert response.status_code == 403
    assert "lukket" in response.json()["detail"]
    assert client.get(f"{BASE}/rounds/findes-ikke/results").status_code == 404
    assert client.get(f"{BASE}/rounds/{'x' * 81}/results").status_code == 422
    assert client.get(f"{BASE}/rounds/a%00b/results").status_code in (404, 422)
