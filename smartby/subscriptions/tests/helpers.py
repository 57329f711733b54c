"""Test data for subscriptions, made through the real operations."""

import datetime as dt
from typing import Any

from django.utils import timezone

from smartby.accounts.models import User
from smartby.registry.models import Area, Project, Technology
from smartby.registry.tests.helpers import make_project
from smartby.subscriptions import operations
from smartby.subscriptions.models import Subscription


def technology(name: str) -> Technology:
    return Technology.objects.get(name=name)


def area(name: str) -> Area:
    return Area.objects.get(name=name)


def project(
    title: str,
    *,
    technologies: tuple[str, ...] = ("IoT-sensorer",),
    area_name: str = "Forsyning",
    municipalities: tuple[str, ...] = ("751",),
    created: dt.timedelta | None = None,
    updated: dt.timedelta | None = None,
    **overrides: Any,
) -> Project:
    """A project; `created`/`updated` ago (default: just now)."""
    p = make_project(
        None,
        title=title,
        technologies=[str(technology(n).pk) for n in technologies],
        area=str(area(area_name).pk),
        municipalities=list(municipalities),
        **overrides,
    )
    now = timezone.now()
    changes = {}
    if created is not None:
        changes["created_at"] = now - created
    if updated is not None or created is not None:
        changes["updated_at"] = now - (updated if updated is not None else created)
    if changes:
        Project.objects.filter(pk=p.pk).update(**changes)
        p.refresh_from_db()
    return p


def follow(user: User, kind: str, value: str) -> Subscription:
    return operations.follow(user, kind, value)
