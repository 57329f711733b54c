"""IoT-kits og årshjul: endpoints of the open API (/api/v1/).

Reads are anonymous and never show people (a booking shows the borrowing organisation only);
booking requests and decisions need a write token and follow the same permissions as the UI.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.kits import operations
from smartby.kits.models import BLOCKING_STATUSES, Booking, Event, Kit
from smartby.lib.emails import absolute_url
from smartby.lib.errors import ValidationFailed
from smartby.lib.text import without_control_characters

router = Router(tags=["IoT-kits og årshjul"])

MAX_LIMIT = 200
SLUG = r"^[-a-zA-Z0-9_]+$"

WRITE_RESPONSES: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class Page(Schema):
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description="Højst så mange pr. side")
    offset: int = Query(0, ge=0, le=1_000_000, description="Spring så mange over")


class KitItemOut(Schema):
    name: str
    quantity: int
    notes: str


class KitOut(Schema):
    slug: str
    name: str
    description: str = Field(description="Markdown")
    owner: str = Field(description="Ejerorganisationens navn")
    owner_slug: str
    location: str
    municipality: str | None = Field(None, description="Kommunekode")
    contact_email: str = Field(description="Kittets funktionspostkasse")
    active: bool = Field(description="Kan lånes")
    available_today: bool
    url: str
    ical_url: str


class PeriodOut(Schema):
    start_date: dt.date
    end_date: dt.date = Field(description="Sidste dag (inklusive)")
    status: str = Field(description="afventer eller godkendt")
    borrower: str = Field(description="Den lånende organisations navn")


class KitDetailOut(KitOut):
    items: list[KitItemOut]
    booked: list[PeriodOut] = Field(
        description="Ventende og godkendte reservationer fra i dag og frem"
    )


class KitPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[KitOut]


def kit_row(kit: Kit, free: bool) -> dict[str, Any]:
    return {
        "slug": kit.slug,
        "name": kit.name,
        "description": kit.description,
        "owner": kit.owner.name,
        "owner_slug": kit.owner.slug,
        "location": kit.location,
        "municipality": kit.municipality.code if kit.municipality else None,
        "contact_email": kit.contact_email,
        "active": kit.active,
        "available_today": kit.active and free,
        "url": absolute_url(kit.get_absolute_url()),
        "ical_url": absolute_url(reverse("kits:kit_ical", args=[kit.slug])),
    }


def busy_today(kit_ids: list[int], today: dt.date) -> set[int]:
    return set(
        Booking.objects.filter(
            kit_id__in=kit_ids,
            status__in=BLOCKING_STATUSES,
            start_date__lte=today,
            end_date__gte=today,
        ).values_list("kit_id", flat=True)
    )


@router.get("/kits", response={200: KitPage, 422: ErrorOut}, summary="IoT-kits til udlån")
def list_kits(request: HttpRequest, page: Query[Page]):
    qs = Kit.objects.filter(active=True).select_related("owner", "municipality")
    count = qs.count()
    kits = list(qs.order_by("name", "id")[page.offset : page.offset + page.limit])
    busy = busy_today([k.pk for k in kits], timezone.localdate())
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "results": [kit_row(k, k.pk not in busy) for k in kits],
    }


def kit_or_404(slug: str) -> Kit:
    return get_object_or_404(Kit.objects.select_related("owner", "municipality"), slug=slug)


@router.get(
    "/kits/{slug}",
    response={200: KitDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="Et IoT-kit med udstyr og optagede perioder",
)
def read_kit(request: HttpRequest, slug: str = Path(..., max_length=120, pattern=SLUG)):
    kit = kit_or_404(slug)
    today = timezone.localdate()
    booked = kit.bookings.filter(status__in=BLOCKING_STATUSES, end_date__gte=today)
    return {
        **kit_row(kit, not busy_today([kit.pk], today)),
        "items": [
            {"name": i.name, "quantity": i.quantity, "notes": i.notes} for i in kit.items.all()
        ],
        "booked": [
            {
                "start_date": b.start_date,
                "end_date": b.end_date,
                "status": b.status,
                "borrower": b.borrower.name,
            }
            for b in booked.select_related("borrower")
        ],
    }


class BookingIn(Schema):
    borrower: str | None = Field(
        None,
        max_length=200,
        description="Den lånende organisations slug; kan udelades, hvis du kun er medlem af én",
    )
    start_date: dt.date = Field(description="Første dag (ÅÅÅÅ-MM-DD)")
    end_date: dt.date = Field(description="Sidste dag, inklusive (ÅÅÅÅ-MM-DD)")
    purpose: str = Field(max_length=2000, description="Hvad kittet skal bruges til")


class BookingOut(Schema):
    id: int
    kit: str = Field(description="Kittets slug")
    borrower: str = Field(description="Den lånende organisations navn")
    start_date: dt.date
    end_date: dt.date
    purpose: str
    status: str = Field(description="afventer, godkendt, afvist, annulleret eller afleveret")
    decision_note: str
    decided_at: dt.datetime | None
    url: str


def booking_out(booking: Booking) -> dict[str, Any]:
    return {
        "id": booking.pk,
        "kit": booking.kit.slug,
        "borrower": booking.borrower.name,
        "start_date": booking.start_date,
        "end_date": booking.end_date,
        "purpose": booking.purpose,
        "status": booking.status,
        "decision_note": booking.decision_note,
        "decided_at": booking.decided_at,
        "url": absolute_url(booking.get_absolute_url()),
    }


def default_borrower(user: Any) -> str:
    slugs = list(user.organisations.values_list("slug", flat=True)[:2])
    return slugs[0] if len(slugs) == 1 else ""


@router.post(
    "/kits/{slug}/bookings",
    auth=WriteToken(),
    response={201: BookingOut, **WRITE_RESPONSES},
    summary="Reservér et IoT-kit",
)
def create_booking(
    request: HttpRequest,
    response: HttpResponse,
    payload: BookingIn,
    slug: str = Path(..., max_length=120, pattern=SLUG),
):
    """Opretter en ventende reservation, som kittets ejer skal godkende. 409, hvis perioden
    overlapper en ventende eller godkendt reservation af samme kit."""
    kit = kit_or_404(slug)
    data = {
        "borrower": without_control_characters(payload.borrower or default_borrower(request.auth)),
        "start_date": payload.start_date.isoformat(),
        "end_date": payload.end_date.isoformat(),
        "purpose": without_control_characters(payload.purpose),
    }
    try:
        booking = operations.request_booking(request.auth, kit, data, source="api")
    except operations.BookingConflict as conflict:
        return 409, {"detail": conflict.message, "errors": conflict.errors}
    response["Location"] = absolute_url(booking.get_absolute_url())
    return 201, booking_out(booking)


class DecisionIn(Schema):
    decision: Literal["godkendt", "afvist"]
    note: str = Field("", max_length=2000, description="Begrundelse; skal udfyldes ved afvisning")


@router.post(
    "/bookings/{booking_id}/decision",
    auth=WriteToken(),
    response={200: BookingOut, **WRITE_RESPONSES},
    summary="Godkend eller afvis en reservation",
)
def decide_booking(
    request: HttpRequest, payload: DecisionIn, booking_id: int = Path(..., ge=1, le=2**62)
):
    """For kittets ejerorganisation og koordinatorer. 409, hvis reservationen allerede er afgjort."""
    booking = get_object_or_404(
        Booking.objects.select_related("kit__owner", "borrower"), pk=booking_id
    )
    data = {"decision": payload.decision, "note": without_control_characters(payload.note)}
    try:
        booking = operations.decide_booking(request.auth, booking, data, source="api")
    except ValidationFailed as failed:
        if any(e["field"] == "status" for e in failed.errors):
            return 409, {"detail": failed.errors[0]["message"], "errors": failed.errors}
        raise
    return booking_out(booking)


class EventQuery(Schema):
    year: int | None = Query(None, ge=2000, le=2100, description="Kun begivenheder i dette år")
    month: int | None = Query(None, ge=1, le=12, description="Kun i denne måned (med year)")
    kind: Literal["netvaerksmoede", "deadline", "konference", "webinar", "andet"] | None = Query(
        None, description="Type"
    )
    limit: int = Query(50, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=1_000_000)


class CalendarEventOut(Schema):
    id: int
    title: str
    description: str = Field(description="Markdown")
    kind: str
    start_date: dt.date
    start_time: dt.time | None
    end_date: dt.date | None
    end_time: dt.time | None
    location: str
    url: str
    organiser: str | None = Field(None, description="Arrangørens navn")
    page_url: str
    ical_url: str


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[CalendarEventOut]


@router.get("/events", response={200: EventPage, 422: ErrorOut}, summary="Årshjulets begivenheder")
def list_events(request: HttpRequest, params: Query[EventQuery]):
    qs = Event.objects.select_related("organiser")
    if params.year is not None:
        qs = qs.filter(start_date__year=params.year)
    if params.month is not None:
        qs = qs.filter(start_date__month=params.month)
    if params.kind:
        qs = qs.filter(kind=params.kind)
    count = qs.count()
    rows = qs.order_by("start_date", "start_time", "id")[
        params.offset : params.offset + params.limit
    ]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": [
            {
                "id": e.pk,
                "title": e.title,
                "description": e.description,
                "kind": e.kind,
                "start_date": e.start_date,
                "start_time": e.start_time,
                "end_date": e.end_date,
                "end_time": e.end_time,
                "location": e.location,
                "url": e.url,
                "organiser": e.organiser.name if e.organiser else None,
                "page_url": absolute_url(e.get_absolute_url()),
                "ical_url": absolute_url(reverse("kits:event_ical", args=[e.pk])),
            }
            for e in rows
        ],
    }
