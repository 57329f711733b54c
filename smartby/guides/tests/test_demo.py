"""Demo results: eight organisations with two results each, deterministic and idempotent."""

import pytest

from smartby.guides import demo, queries
from smartby.guides.models import Result
from smartby.guides.tests.helpers import assessment

pytestmark = pytest.mark.django_db


def test_demo_results_over_time_and_peers():
    demo.load(seed=7)
    assert Result.objects.count() == 16
    assert Result.objects.values("organisation").distinct().count() == 8
    snapshot = list(
        Result.objects.order_by("organisation_id", "created_at").values_list("scores", "total")
    )
    demo.load(seed=7)  # idempotent
    assert Result.objects.count() == 16
    Result.objects.all().delete()
    demo.load(seed=7)  # deterministic
    assert snapshot == list(
        Result.objects.order_by("organisation_id", "created_at").values_list("scores", "total")
    )
    peers = queries.peer_averages(assessment())
    assert peers.shown and peers.count == 8
    for org_id in Result.objects.values_list("organisation_id", flat=True).distinct():
        older, newer = Result.objects.filter(organisation_id=org_id).order_by("created_at")
        assert (newer.created_at - older.created_at).days == 365
        assert set(newer.scores) == set(assessment().dimensions.values_list("slug", flat=True))


def test_demo_differs_by_seed():
    demo.load(seed=1)
    first = sorted(Result.objects.values_list("total", flat=True))
    Result.objects.all().delete()
    demo.load(seed=2)
    assert sorted(Result.objects.values_list("total", flat=True)) != first
