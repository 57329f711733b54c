"""The open API: recommendations (filters, detail with history) and published results only."""

import pytest

from smartby.priorities import operations
from smartby.priorities.models import Recommendation
from smartby.priorities.tests.helpers import make_round, score_data

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_recommendations_list_and_filters(client, coordinator):
    r = Recommendation.objects.get(number=30)
    operations.add_status_entry(coordinator, r, {"status": "opgivet", "date": "2024-04-04"})
    body = client.get(f"{API}/recommendations").json()
    assert body["count"] == 46 and len(body["results"]) == 46
    assert body["results"][0]["number"] == 1
    body = client.get(f"{API}/recommendations", {"status": "opgivet"}).json()
    assert [x["number"] for x in body["results"]] == [30]
    assert body["results"][0]["status_label"] == "Opgivet"
    body = client.get(f"{API}/recommendations", {"theme": r.theme.slug, "limit": 2}).json()
    assert body["count"] == 3 and [x["number"] for x in body["results"]] == [29, 30]
    assert client.get(f"{API}/recommendations", {"status": "x"}).status_code == 422
    assert client.get(f"{API}/recommendations", {"theme": "nope"}).status_code == 422
    assert client.get(f"{API}/recommendations", {"limit": 1000}).status_code == 422


def test_recommendation_detail_with_history(client, coordinator):
    r = Recommendation.objects.get(number=17)
    operations.add_status_entry(
        coordinator, r, {"status": "i_gang", "date": "2022-01-10", "comment": "Pilot"}
    )
    operations.add_status_entry(coordinator, r, {"status": "gennemfoert", "date": "2024-01-10"})
    operations.add_evidence(
        coordinator,
        r,
        {"title": "Videomøder", "url": "https://video.example.dk/", "added_on": "2024-01-11"},
    )
    body = client.get(f"{API}/recommendations/17").json()
    assert body["title"] == "Virtuelle møder som den nye offentlige kommunikationskanal"
    assert body["status"] == "gennemfoert" and body["status_date"] == "2024-01-10"
    assert [e["status"] for e in body["status_history"]] == ["gennemfoert", "i_gang"]
    assert body["status_history"][1]["comment"] == "Pilot"
    assert body["status_history"][1]["by"] == "Kim Koordinator"
    assert body["evidence"][0]["url"] == "https://video.example.dk/"
    assert body["evidence_count"] == 1 and body["prerequisites"]
    assert client.get(f"{API}/recommendations/99").status_code == 404
    assert client.get(f"{API}/recommendations/0").status_code == 422


def test_only_published_results(client, coordinator, editor_a, editor_b):
    round = make_round(coordinator, assessors=[editor_a, editor_b])
    operations.save_scores(
        editor_a, round, score_data(round, {"Chatbot til borgerservice": (5, 4, 3, 3)})
    )
    operations.save_scores(
        editor_b, round, score_data(round, {"Chatbot til borgerservice": (3, 4, 5, 3)})
    )
    path = f"{API}/prioritisation-rounds/{round.slug}/results"
    assert client.get(path).status_code == 404
    assert client.get(f"{API}/prioritisation-rounds").json()["count"] == 0
    operations.change_round_state(coordinator, round, "close")
    assert client.get(path).status_code == 404  # closed, not yet published
    operations.change_round_state(coordinator, round, "publish")
    listing = client.get(f"{API}/prioritisation-rounds").json()
    assert listing["count"] == 1 and listing["results"][0]["results_url"].endswith(path)
    body = client.get(path).json()
    assert "gennemsnittet af de tre kriteriers gennemsnit" in body["ranking_rule"]
    first = body["results"][0]
    assert first["rank"] == 1 and first["title"] == "Chatbot til borgerservice"
    assert first["assessors"] == 2 and first["total"] == 4.0
    assert first["value"] == 4.0 and first["potential"] == 4.0
    citizens = first["criteria"][0]
    assert citizens == {
        "criterion": "value_citizens",
        "label": "Værdi for mange borgere og virksomheder",
        "mean": 4.0,
        "min": 3,
        "max": 5,
        "stdev": 1.0,
    }
    assert first["investment_category"] == 3
    assert [r["rank"] for r in body["results"][1:]] == [None, None]
    assert client.get(f"{API}/prioritisation-rounds/%3Cx%3E/results").status_code in (404, 422)
