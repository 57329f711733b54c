"""The use cases of kit lending and the årshjul. Views, the API and the background task call
these; each checks permission, validates through `kits.forms`, writes in one transaction,
records an audit entry and re-indexes the search."""

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.kits import emails, permissions
from smartby.kits.forms import (
    BookingForm,
    DecisionForm,
    EventForm,
    KitForm,
    KitItemFormSet,
)
from smartby.kits.models import BLOCKING_STATUSES, Booking, BookingStatus, Event, Kit
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import danish_slugify
from smartby.search.index import index_content

OVERLAP_CONSTRAINT = "kits_booking_no_overlap"
# Path segments under /iot-kits/ that a kit's slug must not take.
RESERVED_SLUGS = {"nyt", "reservationer", "kalender"}


class BookingConflict(ValidationFailed):
    """The period overlaps a pending or approved booking of the same kit (API: 409)."""

    def __init__(self) -> None:
        self.message = _(
            "Kittet er allerede reserveret i en del af perioden. Vælg andre datoer – "
            "kalenderen viser, hvilke dage der er ledige."
        )
        super().__init__([{"field": "start_date", "message": self.message}])


# --- kits -----------------------------------------------------------------------------------


def kit_snapshot(kit: Kit) -> dict[str, Any]:
    return {
        "name": kit.name,
        "description": kit.description,
        "owner": kit.owner.name,
        "location": kit.location,
        "municipality": kit.municipality.code if kit.municipality else None,
        "contact_email": kit.contact_email,
        "active": kit.active,
        "items": [
            f"{i.quantity} × {i.name}" + (f" ({i.notes})" if i.notes else "")
            for i in kit.items.all()
        ],
    }


def unique_kit_slug(name: str, exclude_pk: int | None = None) -> str:
    base = danish_slugify(name, max_length=100) or "kit"
    if base in RESERVED_SLUGS:
        base = f"{base}-kit"
    qs = Kit.objects.exclude(pk=exclude_pk) if exclude_pk else Kit.objects.all()
    taken = set(qs.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _kit_editor(actor: Any, data: dict[str, Any], kit: Kit | None) -> tuple[KitForm, Any]:
    form = KitForm(data, instance=kit, user=actor)
    items = KitItemFormSet(data, instance=kit or Kit(), prefix="items")
    form_ok, items_ok = form.is_valid(), items.is_valid()
    if not (form_ok and items_ok):
        raise ValidationFailed(form_errors(form, {"items": items}))
    return form, items


def create_kit(actor: Any, data: dict[str, Any], *, source: str = "web") -> Kit:
    if not permissions.can_create_kit(actor):
        raise PermissionDenied(_("Kun koordinatorer kan oprette IoT-kits."))
    form, items = _kit_editor(actor, data, None)
    with transaction.atomic():
        kit = form.save(commit=False)
        kit.slug = unique_kit_slug(kit.name)
        kit.save()
        items.instance = kit
        items.save()
        index_content("kit", [kit.pk])
        audit(
            actor=actor,
            action="create",
            obj=kit,
            changes=audit_changes({}, kit_snapshot(kit)),
            source=source,
        )
    return kit


def update_kit(actor: Any, kit: Kit, data: dict[str, Any], *, source: str = "web") -> Kit:
    if not permissions.can_edit_kit(actor, kit):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette kit."))
    before = kit_snapshot(kit)
    form, items = _kit_editor(actor, data, kit)
    with transaction.atomic():
        kit = form.save()
        items.save()
        kit = Kit.objects.select_related("owner", "municipality").get(pk=kit.pk)
        index_content("kit", [kit.pk])
        changes = audit_changes(before, kit_snapshot(kit))
        if changes:
            audit(actor=actor, action="update", obj=kit, changes=changes, source=source)
    return kit


# --- bookings -------------------------------------------------------------------------------


def booking_snapshot(booking: Booking) -> dict[str, Any]:
    """What the audit trail keeps of a booking: no names or addresses of people."""
    return {
        "kit": booking.kit.name,
        "borrower": booking.borrower.name,
        "start_date": booking.start_date.isoformat(),
        "end_date": booking.end_date.isoformat(),
        "purpose": booking.purpose,
        "status": booking.status,
        "decision_note": booking.decision_note,
    }


def overlapping(kit: Kit, start: dt.date, end: dt.date) -> Any:
    """Active bookings of `kit` sharing at least one day with start..end (both inclusive)."""
    return Booking.objects.filter(
        kit=kit, status__in=BLOCKING_STATUSES, start_date__lte=end, end_date__gte=start
    )


def validate_booking(actor: Any, data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    form = BookingForm(data, user=actor, today=today, own_only=False)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    return form.cleaned_data


def request_booking(
    actor: Any,
    kit: Kit,
    data: dict[str, Any],
    *,
    source: str = "web",
    today: dt.date | None = None,
) -> Booking:
    """Ask to borrow `kit` for `data["borrower"]` (an organisation slug). Refused with
    `BookingConflict` when the period overlaps a pending or approved booking."""
    if not permissions.can_request_booking(actor):
        raise PermissionDenied(_("Kun medlemmer af en organisation kan låne IoT-kits."))
    if not kit.active:
        raise ValidationFailed([{"field": "", "message": _("Kittet kan ikke lånes i øjeblikket.")}])
    today = today or timezone.localdate()
    cleaned = validate_booking(actor, data, today)
    if not permissions.can_borrow_as(actor, cleaned["borrower"]):
        raise PermissionDenied(_("Du kan kun låne på vegne af dine egne organisationer."))
    with transaction.atomic():
        # The lock serialises requests for the same kit, so the check below sees every booking
        # committed before; the exclusion constraint (PostgreSQL) guards any other path.
        kit = Kit.objects.select_for_update().select_related("owner").get(pk=kit.pk)
        if overlapping(kit, cleaned["start_date"], cleaned["end_date"]).exists():
            raise BookingConflict()
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    kit=kit,
                    borrower=cleaned["borrower"],
                    requested_by=actor if getattr(actor, "is_authenticated", False) else None,
                    start_date=cleaned["start_date"],
                    end_date=cleaned["end_date"],
                    purpose=cleaned["purpose"],
                )
        except IntegrityError as exc:
            if OVERLAP_CONSTRAINT in str(exc):
                raise BookingConflict() from exc
            raise
        audit(
            actor=actor,
            action="create",
            obj=booking,
            changes=audit_changes({}, booking_snapshot(booking)),
            source=source,
        )
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("kit__owner", "borrower", "requested_by")
        .get(pk=booking.pk)
    )


def _refuse_state(message: str) -> ValidationFailed:
    return ValidationFailed([{"field": "status", "message": message}])


def decide_booking(
    actor: Any, booking: Booking, data: dict[str, Any], *, source: str = "web"
) -> Booking:
    """Approve or reject a pending booking (owner organisation or coordinator); the requester
    is told by email."""
    if not permissions.can_decide_booking(actor, booking):
        raise PermissionDenied(_("Kun kittets ejer og koordinatorer kan godkende eller afvise."))
    form = DecisionForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.PENDING:
            raise _refuse_state(_("Reservationen er allerede afgjort."))
        before = booking_snapshot(booking)
        booking.status = form.cleaned_data["decision"]
        booking.decision_note = form.cleaned_data["note"].strip()
        booking.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        booking.decided_at = timezone.now()
        booking.save(
            update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"]
        )
        audit(
            actor=actor,
            action="decide",
            obj=booking,
            changes=audit_changes(before, booking_snapshot(booking)),
            source=source,
        )
        requester = booking.requested_by
        if requester is not None and requester.is_active:
            emails.booking_decided(to=requester.email, booking=booking)
    return booking


def cancel_booking(actor: Any, booking: Booking, *, source: str = "web") -> Booking:
    """The borrowing organisation withdraws a pending or approved booking."""
    if not permissions.can_cancel_booking(actor, booking):
        raise PermissionDenied(_("Kun den lånende organisation kan annullere reservationen."))
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status not in BLOCKING_STATUSES:
            raise _refuse_state(_("Kun ventende og godkendte reservationer kan annulleres."))
        before = booking_snapshot(booking)
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action="cancel",
            obj=booking,
            changes=audit_changes(before, booking_snapshot(booking)),
            source=source,
        )
    return booking


def mark_returned(actor: Any, booking: Booking, *, source: str = "web") -> Booking:
    """The owner confirms that the kit is back (stops the return reminders)."""
    if not permissions.can_decide_booking(actor, booking):
        raise PermissionDenied(_("Kun kittets ejer og koordinatorer kan melde kittet afleveret."))
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.APPROVED:
            raise _refuse_state(_("Kun godkendte lån kan meldes afleveret."))
        before = booking_snapshot(booking)
        booking.status = BookingStatus.RETURNED
        booking.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action="return",
            obj=booking,
            changes=audit_changes(before, booking_snapshot(booking)),
            source=source,
        )
    return booking


@dataclass
class ReminderRun:
    due: int = 0
    overdue: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def send_return_reminders(today: dt.date) -> ReminderRun:
    """Email the requester of each approved loan the day before its last day (or on the day,
    if that was missed) and once more when the last day has passed without the kit being marked
    returned. Idempotent: each reminder is claimed by a conditional UPDATE of its timestamp
    before it is sent, and released again if delivery fails, so the next run retries it."""
    result = ReminderRun()
    approved = Booking.objects.filter(status=BookingStatus.APPROVED, requested_by__is_active=True)
    due = approved.filter(
        end_date__gte=today,
        end_date__lte=today + dt.timedelta(days=1),
        return_reminder_sent_at__isnull=True,
    )
    overdue = approved.filter(end_date__lt=today, overdue_reminder_sent_at__isnull=True)
    for field, queryset, is_overdue in (
        ("return_reminder_sent_at", due, False),
        ("overdue_reminder_sent_at", overdue, True),
    ):
        for booking in queryset.select_related("kit__owner", "borrower", "requested_by"):
            claimed = Booking.objects.filter(pk=booking.pk, **{f"{field}__isnull": True}).update(
                **{field: timezone.now()}
            )
            if not claimed:
                continue
            message = emails.return_reminder(
                to=booking.requested_by.email, booking=booking, overdue=is_overdue
            )
            if emails.deliver(message, reference=f"booking {booking.pk}"):
                if is_overdue:
                    result.overdue += 1
                else:
                    result.due += 1
            else:
                Booking.objects.filter(pk=booking.pk).update(**{field: None})
                result.failed += 1
    return result


# --- årshjul --------------------------------------------------------------------------------


def event_snapshot(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "description": event.description,
        "kind": event.kind,
        "start_date": event.start_date.isoformat(),
        "start_time": event.start_time.isoformat() if event.start_time else None,
        "end_date": event.end_date.isoformat() if event.end_date else None,
        "end_time": event.end_time.isoformat() if event.end_time else None,
        "location": event.location,
        "url": event.url,
        "organiser": event.organiser.name if event.organiser else None,
    }


def _event_form(actor: Any, data: dict[str, Any], event: Event | None) -> EventForm:
    form = EventForm(data, instance=event, user=actor)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    if not permissions.can_organise_as(actor, form.cleaned_data.get("organiser")):
        raise PermissionDenied(_("Du kan kun tilføje begivenheder for dine egne organisationer."))
    return form


def create_event(actor: Any, data: dict[str, Any], *, source: str = "web") -> Event:
    if not permissions.can_create_event(actor):
        raise PermissionDenied(_("Du har ikke adgang til at tilføje begivenheder."))
    form = _event_form(actor, data, None)
    with transaction.atomic():
        event = form.save(commit=False)
        event.created_by = actor if getattr(actor, "is_authenticated", False) else None
        event.save()
        index_content("event", [event.pk])
        audit(
            actor=actor,
            action="create",
            obj=event,
            changes=audit_changes({}, event_snapshot(event)),
            source=source,
        )
    return event


def update_event(actor: Any, event: Event, data: dict[str, Any], *, source: str = "web") -> Event:
    if not permissions.can_edit_event(actor, event):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne begivenhed."))
    before = event_snapshot(Event.objects.select_related("organiser").get(pk=event.pk))
    form = _event_form(actor, data, event)
    with transaction.atomic():
        event = form.save()
        index_content("event", [event.pk])
        changes = audit_changes(before, event_snapshot(event))
        if changes:
            audit(actor=actor, action="update", obj=event, changes=changes, source=source)
    return event


def delete_event(actor: Any, event: Event, *, source: str = "web") -> None:
    if not permissions.can_edit_event(actor, event):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne begivenhed."))
    with transaction.atomic():
        pk = event.pk
        audit(
            actor=actor,
            action="delete",
            obj=event,
            changes=audit_changes(event_snapshot(event), {}),
            source=source,
        )
        event.delete()
        index_content("event", [pk])
