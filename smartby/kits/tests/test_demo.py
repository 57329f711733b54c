"""The demo content: six kits with items, non-overlapping bookings, ~15 events this year;
deterministic and idempotent."""

import itertools

import pytest
from django.utils import timezone

from smartby.kits import demo
from smartby.kits.models import BLOCKING_STATUSES, Booking, Event, Kit, KitItem

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Booking.objects.order_by("kit__slug", "start_date", "id").values_list(
            "kit__slug", "borrower__name", "start_date", "end_date", "status"
        )
    )


def test_demo_is_realistic_deterministic_and_idempotent():
    demo.load(seed=2026)
    assert Kit.objects.count() == 6
    assert KitItem.objects.filter(kit__slug="lorawan-gateway-kit").exists()
    assert {k.owner.kind for k in Kit.objects.select_related("owner")} == {"kommune"}
    assert Event.objects.filter(start_date__year=timezone.localdate().year).count() >= 15
    first = snapshot()
    assert len(first) >= 18
    for kit in Kit.objects.all():
        active = list(kit.bookings.filter(status__in=BLOCKING_STATUSES).order_by("start_date"))
        for before, after in itertools.pairwise(active):
            assert before.end_date < after.start_date
        assert all(b.borrower_id != kit.owner_id for b in kit.bookings.all())
    demo.load(seed=2026)
    assert snapshot() == first
    assert Kit.objects.count() == 6 and Event.objects.count() == len(demo.EVENTS)
    Booking.objects.all().delete()
    Kit.objects.all().delete()
    demo.load(seed=2026)
    assert snapshot() == first
