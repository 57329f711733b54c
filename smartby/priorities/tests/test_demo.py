"""The demo loader: deterministic for a seed, idempotent, and consistent with the rules."""

import pytest

from smartby.priorities import demo
from smartby.priorities.models import Evidence, Recommendation, Round, Score, StatusEntry
from smartby.priorities.queries import round_results
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    return sorted(
        StatusEntry.objects.values_list("recommendation__number", "status", "date", "comment")
    )


def test_demo_is_deterministic_and_idempotent():
    make_project(title="Sensorer i kloakken")
    demo.load(seed=7)
    first = snapshot()
    assert len(first) >= 24 and Evidence.objects.exists()
    round = Round.objects.get(title=demo.ROUND_TITLE)
    assert round.published and round.assessors.count() == 3
    assert Score.objects.count() == 3 * len(demo.PROPOSALS)
    assert all(r.n == 3 and r.rank for r in round_results(round))
    for rec in Recommendation.objects.filter(status_entries__isnull=False).distinct():
        newest = rec.status_entries.order_by("-date", "-id").first()
        assert rec.status == newest.status
    demo.load(seed=7)
    assert snapshot() == first and Round.objects.count() == 1
    StatusEntry.objects.all().delete()
    Evidence.objects.all().delete()
    Round.objects.all().delete()
    demo.load(seed=7)
    assert snapshot() == first
