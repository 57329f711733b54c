"""The demo: plausible, deterministic statuses for the municipalities without a plan, clearly
marked as demo; the reference plans are left alone; a second call adds nothing."""

import pytest

from smartby.climate import demo
from smartby.climate.models import ADOPTED_STATUSES, ClimatePlan, PhaseEvent

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        PhaseEvent.objects.order_by("plan__municipality__code", "date", "id").values_list(
            "plan__municipality__code", "phase__code", "status", "date", "actor_name"
        )
    )


def test_demo_is_deterministic_idempotent_and_marked():
    reference = set(ClimatePlan.objects.values_list("pk", flat=True))
    demo.load(seed=2026)
    first = snapshot()
    plans = ClimatePlan.objects.select_related("phase")
    assert 85 <= plans.count() <= 98
    for plan in plans:
        assert plan.is_demo == (plan.pk not in reference)
        events = list(plan.events.order_by("date", "id"))
        assert events[-1].phase_id == plan.phase_id and events[-1].status == plan.status
        assert [e.date for e in events] == sorted(e.date for e in events)
        if plan.status in ADOPTED_STATUSES:
            assert plan.adopted_date is not None and plan.phase.position >= 6
        if plan.is_demo:
            assert all(e.actor_name == "Demodata" for e in events)
            assert plan.notes.startswith("Demodata")
    assert {p.status for p in plans} == {"ikke_startet", "i_gang", "vedtaget", "godkendt"}
    demo.load(seed=2026)
    assert snapshot() == first

    PhaseEvent.objects.filter(plan__is_demo=True).delete()
    ClimatePlan.objects.filter(is_demo=True).delete()
    demo.load(seed=2026)
    assert snapshot() == first
    ClimatePlan.objects.filter(is_demo=True).delete()
    demo.load(seed=99)
    assert snapshot() != first
