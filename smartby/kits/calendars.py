"""The kit availability month grid and the iCal feeds (kits and årshjul).

Feeds carry the borrowing organisation's name only, never the requester or the purpose.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from smartby.kits.models import Booking, BookingStatus, Event, Kit
from smartby.lib.emails import absolute_url

FEED_STATUSES = (BookingStatus.APPROVED, BookingStatus.RETURNED)
UID_DOMAIN = "smartby"


@dataclass
class Day:
    date: dt.date
    in_month: bool
    bookings: list[Booking] = field(default_factory=list)

    @property
    def state(self) -> str:
        """ledig, afventer or optaget (approved beats pending)."""
        statuses = {b.status for b in self.bookings}
        if BookingStatus.APPROVED in statuses or BookingStatus.RETURNED in statuses:
            return "optaget"
        if BookingStatus.PENDING in statuses:
            return "afventer"
        return "ledig"


@dataclass
class Month:
    first: dt.date
    weeks: list[list[Day]]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)


def parse_month(value: str | None, today: dt.date) -> dt.date:
    """`2026-05` → 1 May 2026; anything else (or out of 2000–2100) → this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)
    if not 2000 <= first.year <= 2100:
        return today.replace(day=1)
    return first


def month_grid(kit: Kit, first: dt.date) -> Month:
    """Weeks (Monday first) of the month starting at `first`, each day with the pending,
    approved or returned bookings that cover it."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1]
    bookings = list(
        kit.bookings.filter(
            status__in=(BookingStatus.PENDING, *FEED_STATUSES),
            start_date__lte=end,
            end_date__gte=start,
        ).select_related("borrower")
    )
    return Month(
        first=first,
        weeks=[
            [
                Day(
                    date=d,
                    in_month=d.month == first.month,
                    bookings=[b for b in bookings if b.covers(d)],
                )
                for d in week
            ]
            for week in weeks
        ],
    )


def available_today(kits: Iterable[Kit], today: dt.date) -> set[int]:
    """Ids of the kits among `kits` that no pending or approved booking holds today."""
    ids = [k.pk for k in kits]
    busy = set(
        Booking.objects.filter(
            kit_id__in=ids,
            status__in=(BookingStatus.PENDING, BookingStatus.APPROVED),
            start_date__lte=today,
            end_date__gte=today,
        ).values_list("kit_id", flat=True)
    )
    return set(ids) - busy


def _calendar(name: str, description: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Smartby//IoT-kits og årshjul//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def bookings_ical(bookings: Iterable[Booking], *, name: str, with_kit: bool) -> bytes:
    """Approved (and returned) loans as all-day events: DTEND is the day after the last day."""
    cal = _calendar(name, _("Godkendte lån af IoT-kits i Smartby"))
    stamp = timezone.now()
    for b in bookings:
        summary = (
            _("%(kit)s: udlånt til %(borrower)s") % {"kit": b.kit.name, "borrower": b.borrower.name}
            if with_kit
            else _("Udlånt til %(borrower)s") % {"borrower": b.borrower.name}
        )
        event = VEvent()
        event.add("uid", f"kit-booking-{b.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("dtstart", b.start_date)
        event.add("dtend", b.end_date + dt.timedelta(days=1))
        event.add("location", b.kit.location)
        event.add("url", absolute_url(b.kit.get_absolute_url()))
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal.to_ical()


def _event_component(e: Event, stamp: dt.datetime) -> VEvent:
    tz = ZoneInfo(settings.TIME_ZONE)
    event = VEvent()
    event.add("uid", f"aarshjul-{e.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", e.title)
    event.add("categories", [e.get_kind_display()])
    if e.start_time:
        start = dt.datetime.combine(e.start_date, e.start_time, tzinfo=tz)
        event.add("dtstart", start)
        if e.end_time:
            event.add(
                "dtend", dt.datetime.combine(e.end_date or e.start_date, e.end_time, tzinfo=tz)
            )
        elif e.end_date:
            event.add(
                "dtend",
                dt.datetime.combine(e.end_date + dt.timedelta(days=1), dt.time(), tzinfo=tz),
            )
    else:
        event.add("dtstart", e.start_date)
        event.add("dtend", e.last_date + dt.timedelta(days=1))
    description = e.description
    if e.organiser:
        description = f"{_('Arrangør')}: {e.organiser.name}\n\n{description}".strip()
    if description:
        event.add("description", description)
    if e.location:
        event.add("location", e.location)
    event.add("url", e.url or absolute_url(e.get_absolute_url()))
    return event


def events_ical(events: Iterable[Event], *, name: str) -> bytes:
    cal = _calendar(name, _("Netværksmøder, konferencer og frister i Smartby-netværket"))
    stamp = timezone.now()
    for e in events:
        cal.add_component(_event_component(e, stamp))
    cal.add_missing_timezones()  # a VTIMEZONE for the TZID of timed events (RFC 5545)
    return cal.to_ical()
