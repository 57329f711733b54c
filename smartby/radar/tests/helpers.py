"""Test data for the radar. Editions are set up directly (fast); the operations are tested on
their own in test_operations.py. Years from 2030 stay clear of the reference edition (2026)."""

from typing import Any

from django.utils import timezone

from smartby.radar.models import Blip, Edition
from smartby.registry.models import Technology


def tech(name: str) -> Technology:
    return Technology.objects.get(name=name)


def make_edition(
    year: int, blips: list[tuple[str, str, str]] = (), *, published: bool = True, **extra: Any
) -> Edition:
    """An edition with blips given as (technology name, quadrant, ring)."""
    edition = Edition.objects.create(
        year=year,
        title=extra.pop("title", f"Teknologiradar {year}"),
        published=published,
        published_at=timezone.now() if published else None,
        **extra,
    )
    for name, quadrant, ring in blips:
        Blip.objects.create(
            edition=edition,
            technology=tech(name),
            quadrant=quadrant,
            ring=ring,
            rationale=f"{name} står i {ring}.",
        )
    return edition
