"""Test data for kits and the årshjul, made through the real operations."""

import datetime as dt
from typing import Any

from django.utils import timezone

from smartby.accounts.models import Role, User
from smartby.kits import operations
from smartby.kits.models import Booking, Event, Kit
from smartby.orgs.models import Organisation

KIT_COORDINATOR_EMAIL = "kit-koordinator@kl.example.org"


def kit_data(owner: Organisation, **overrides: Any) -> dict[str, Any]:
    """POST data for KitForm + the items formset: a kit owned by `owner` with two items."""
    data: dict[str, Any] = {
        "name": "LoRaWAN-gateway-kit",
        "description": "To gateways og en feltmåler til **dækningsmåling**.",
        "owner": str(owner.pk),
        "location": "Dokk1, Aarhus",
        "municipality": "",
        "contact_email": "iot@aarhus.example.dk",
        "active": "on",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "100",
        "items-0-name": "LoRaWAN-gateway",
        "items-0-quantity": "2",
        "items-0-notes": "4G-backhaul",
        "items-1-name": "Feltmåler",
        "items-1-quantity": "1",
        "items-1-notes": "",
    }
    data.update(overrides)
    return data


def kit_coordinator() -> User:
    user = User.objects.filter(email=KIT_COORDINATOR_EMAIL).first()
    return user or User.objects.create_user(KIT_COORDINATOR_EMAIL, role=Role.COORDINATOR)


def make_kit(owner: Organisation, **overrides: Any) -> Kit:
    return operations.create_kit(kit_coordinator(), kit_data(owner, **overrides))


def day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def booking_data(borrower: Organisation, start: int, end: int, **overrides: Any) -> dict[str, Any]:
    """Days `start`..`end` are offsets from today (inclusive)."""
    return {
        "borrower": borrower.slug,
        "start_date": day(start).isoformat(),
        "end_date": day(end).isoformat(),
        "purpose": "Dækningsmåling før indkøb af faste gateways.",
        **overrides,
    }


def book(actor: Any, kit: Kit, borrower: Organisation, start: int, end: int) -> Booking:
    return operations.request_booking(actor, kit, booking_data(borrower, start, end))


def event_data(organiser: Organisation | None, **overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "title": "Følgegruppemøde i GovTech Midtjylland",
        "kind": "netvaerksmoede",
        "start_date": dt.date(today.year, 3, 12).isoformat(),
        "start_time": "13:00",
        "end_date": "",
        "end_time": "15:30",
        "location": "Dokk1, Aarhus",
        "url": "https://example.org/moede",
        "organiser": str(organiser.pk) if organiser else "",
        "description": "Status på **fællesprojekter**.",
    }
    data.update(overrides)
    return data


def make_event(actor: Any, organiser: Organisation | None, **overrides: Any) -> Event:
    return operations.create_event(actor, event_data(organiser, **overrides))
