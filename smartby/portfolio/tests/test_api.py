"""API: reading strategies and initiatives, writing status reports and measurements with a
write token (401 without, 403 for the wrong user, 422 for bad input)."""

import pytest
from django.test import Client

from smartby.portfolio.models import Measurement, StatusReport
from smartby.portfolio.tests.helpers import make_goal, make_initiative, smart_city

pytestmark = pytest.mark.django_db

STATUS = {
    "period": "2020 K4",
    "report_date": "2020-12-31",
    "time": "groen",
    "economy": "gul",
    "quality": "groen",
    "comment": "Afsluttet til tiden.",
}


def test_list_and_read_strategy(client: Client, coordinator):
    from smartby.portfolio.tests.helpers import add_status

    add_status(coordinator, smart_city(), time="roed")
    data = client.get("/api/v1/strategies?limit=5").json()
    assert data["count"] == 1 and data["limit"] == 5
    strategy = data["results"][0]
    assert strategy["focus_areas"] == 9 and strategy["initiatives"] == 33
    detail = client.get(f"/api/v1/strategies/{strategy['slug']}").json()
    fa5 = next(fa for fa in detail["focus_areas"] if fa["number"] == "5")
    item = next(i for i in fa5["initiatives"] if i["number"] == "5.2")
    assert item["budget_dkk"] == 4_000_000
    assert item["latest_status"]["time"] == "roed"
    assert client.get("/api/v1/strategies/findes-ikke").status_code == 404
    assert client.get("/api/v1/strategies?limit=1000").status_code == 422


def test_read_initiative(client: Client):
    initiative = smart_city()
    data = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert data["stamdata"]["project_owner"] == "Camilla Hjermind"
    assert data["stamdata"]["start_date"] == "2016-01-01"
    assert data["stamdata"]["variance_dkk"] is None
    assert [g["number"] for g in data["effect_goals"]] == [1, 2, 3, 4]
    assert data["report_pdf_url"].endswith("/initiativer/5.2/statusrapport.pdf")
    assert client.get("/api/v1/initiatives/999999").status_code == 404
    assert client.get("/api/v1/initiatives/0").status_code == 422


def test_write_status_report(client: Client, token_for, coordinator, editor_b):
    initiative = smart_city()
    url = f"/api/v1/initiatives/{initiative.pk}/status-reports"
    assert client.post(url, STATUS, content_type="application/json").status_code == 401
    response = token_for(editor_b).post(url, STATUS, content_type="application/json")
    assert response.status_code == 403
    response = token_for(coordinator).post(
        url, {**STATUS, "time": "lilla"}, content_type="application/json"
    )
    assert response.status_code == 422
    response = token_for(coordinator).post(
        url, {**STATUS, "period": ""}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"
    response = token_for(coordinator).post(url, STATUS, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["economy"] == "gul"
    assert StatusReport.objects.get().initiative == initiative
    history = client.get(f"/api/v1/initiatives/{initiative.pk}").json()["status_reports"]
    assert [r["period"] for r in history] == ["2020 K4"]


def test_write_measurement(client: Client, token_for, coordinator, editor_a, editor_b, org_a):
    initiative = make_initiative(coordinator, responsible_organisation=str(org_a.pk))
    goal = make_goal(coordinator, initiative)
    url = f"/api/v1/effect-goals/{goal.pk}/measurements"
    body = {"date": "2024-01-01", "value": 33.5, "note": "Optalt"}
    assert client.post(url, body, content_type="application/json").status_code == 401
    assert token_for(editor_b).post(url, body, content_type="application/json").status_code == 403
    response = token_for(editor_a).post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json()["value"] == 33.5
    again = token_for(editor_a).post(url, body, content_type="application/json")
    assert again.status_code == 422
    assert Measurement.objects.filter(goal=goal).count() == 1
    missing = "/api/v1/effect-goals/999999/measurements"
    assert (
        token_for(editor_a).post(missing, body, content_type="application/json").status_code == 404
    )
    read = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert read["effect_goals"][0]["measurements"][0]["value"] == 33.5


def test_junk_slug_is_refused_not_a_server_error(client: Client):
    assert client.get("/api/v1/strategies/%00").status_code == 422
