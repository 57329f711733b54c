"""The demo portfolio: linked to demo projects, deterministic, idempotent, the real strategy
untouched."""

import pytest

from smartby.portfolio import demo
from smartby.portfolio.models import Initiative, Measurement, StatusReport
from smartby.portfolio.tests.helpers import smart_city
from smartby.registry.demo import generate

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return sorted(
        (r.initiative.number, r.period, r.time, r.economy, r.quality)
        for r in StatusReport.objects.select_related("initiative")
    )


def test_demo_portfolio_is_linked_deterministic_and_idempotent():
    generate(60, 7)
    demo.load(seed=7)
    initiatives = Initiative.objects.filter(focus_area__strategy__title=demo.TITLE)
    assert initiatives.count() == 4
    assert all(i.projects.exists() and i.responsible_organisation for i in initiatives)
    assert StatusReport.objects.count() == 4 * 8
    assert Measurement.objects.count() == 4 * 3
    assert not smart_city().status_reports.exists()
    first = _snapshot()
    demo.load(seed=7)
    assert _snapshot() == first
