"""Pages of kit lending (/iot-kits/) and the årshjul (/aarshjul/). Views stay thin: they parse
input, call operations and render."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS as DJANGO_MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartby.kits import calendars, operations, permissions
from smartby.kits.forms import BookingForm, DecisionForm, EventForm, KitForm, KitItemFormSet
from smartby.kits.models import BLOCKING_STATUSES, Booking, BookingStatus, Event, EventKind, Kit
from smartby.registry.permissions import is_coordinator, organisation_ids

PAGE_SIZE = 25
MONTHS = [DJANGO_MONTHS[m] for m in range(1, 13)]  # lazily translated (januar …)


def _kit_or_404(slug: str) -> Kit:
    return get_object_or_404(Kit.objects.select_related("owner", "municipality"), slug=slug)


def _booking_or_404(pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("kit__owner", "borrower", "requested_by", "decided_by"),
        pk=pk,
    )


def _ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- kits -----------------------------------------------------------------------------------


@require_GET
def kit_list(request: HttpRequest) -> HttpResponse:
    qs = Kit.objects.select_related("owner", "municipality").prefetch_related("items")
    if not is_coordinator(request.user):
        qs = qs.filter(Q(active=True) | Q(owner_id__in=organisation_ids(request.user)))
    page = Paginator(qs.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("side"))
    today = timezone.localdate()
    free = calendars.available_today(page.object_list, today)
    return render(
        request,
        "kits/kit_list.html",
        {
            "page": page,
            "rows": [(kit, kit.pk in free) for kit in page.object_list],
            "today": today,
            "can_create": permissions.can_create_kit(request.user),
        },
    )


def _kit_detail(
    request: HttpRequest, kit: Kit, form: BookingForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    month = calendars.month_grid(kit, calendars.parse_month(request.GET.get("maaned"), today))
    can_book = kit.active and permissions.can_request_booking(request.user)
    if can_book and form is None:
        form = BookingForm(user=request.user, today=today)
        borrowers = form.fields["borrower"].queryset
        if len(borrowers[:2]) == 1:
            form.initial["borrower"] = borrowers[0].slug
    upcoming = kit.bookings.filter(
        status__in=BLOCKING_STATUSES, end_date__gte=today
    ).select_related("borrower")
    can_decide = permissions.can_edit_kit(request.user, kit)
    mine = organisation_ids(request.user)
    return render(
        request,
        "kits/kit_detail.html",
        {
            "kit": kit,
            "month": month,
            "month_name": MONTHS[month.first.month - 1],
            "today": today,
            "form": form if can_book else None,
            "upcoming": [
                (b, can_decide or is_coordinator(request.user) or b.borrower_id in mine)
                for b in upcoming
            ],
            "can_edit": permissions.can_edit_kit(request.user, kit),
            "error_count": len(form.errors) if form is not None and form.is_bound else 0,
        },
        status=status,
    )


@require_GET
def kit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _kit_detail(request, _kit_or_404(slug))


@login_required
@require_POST
def kit_book(request: HttpRequest, slug: str) -> HttpResponse:
    kit = _kit_or_404(slug)
    if not permissions.can_request_booking(request.user):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at låne IoT-kits."))
    try:
        booking = operations.request_booking(request.user, kit, request.POST)
    except operations.BookingConflict as conflict:
        form = BookingForm(request.POST, user=request.user, today=timezone.localdate())
        form.is_valid()
        form.add_error(None, conflict.message)
        return _kit_detail(request, kit, form, status=409)
    except operations.ValidationFailed:
        form = BookingForm(request.POST, user=request.user, today=timezone.localdate())
        form.is_valid()
        if not form.errors:
            form.add_error(None, _("Kittet kan ikke lånes i øjeblikket."))
        return _kit_detail(request, kit, form, status=400)
    messages.success(
        request,
        _("Din reservation er sendt til %(owner)s, som skal godkende den.")
        % {"owner": kit.owner.name},
    )
    return redirect(booking)


def _render_kit_form(
    request: HttpRequest, form: KitForm, items: Any, kit: Kit | None, status: int = 200
) -> HttpResponse:
    error_count = 0
    if form.is_bound:
        error_count = len(form.errors) + sum(len(f.errors) for f in items.forms)
        error_count += len(items.non_form_errors())
    return render(
        request,
        "kits/kit_form.html",
        {"form": form, "items": items, "kit": kit, "error_count": error_count},
        status=status,
    )


@login_required
def kit_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_kit(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette IoT-kits."))
    if request.method == "POST":
        try:
            kit = operations.create_kit(request.user, request.POST)
        except operations.ValidationFailed:
            form = KitForm(request.POST, user=request.user)
            items = KitItemFormSet(request.POST, instance=Kit(), prefix="items")
            form.is_valid()
            items.is_valid()
            return _render_kit_form(request, form, items, None, status=400)
        messages.success(request, _("Kittet er oprettet."))
        return redirect(kit)
    form = KitForm(user=request.user)
    return _render_kit_form(request, form, KitItemFormSet(instance=Kit(), prefix="items"), None)


@login_required
def kit_edit(request: HttpRequest, slug: str) -> HttpResponse:
    kit = _kit_or_404(slug)
    if not permissions.can_edit_kit(request.user, kit):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette kit."))
    if request.method == "POST":
        try:
            kit = operations.update_kit(request.user, kit, request.POST)
        except operations.ValidationFailed:
            fresh = _kit_or_404(slug)
            form = KitForm(request.POST, instance=fresh, user=request.user)
            items = KitItemFormSet(request.POST, instance=fresh, prefix="items")
            form.is_valid()
            items.is_valid()
            return _render_kit_form(request, form, items, fresh, status=400)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(kit)
    form = KitForm(instance=kit, user=request.user)
    items = KitItemFormSet(instance=kit, prefix="items")
    return _render_kit_form(request, form, items, kit)


@require_GET
def kit_ical(request: HttpRequest, slug: str) -> HttpResponse:
    kit = _kit_or_404(slug)
    bookings = kit.bookings.filter(status__in=calendars.FEED_STATUSES).select_related(
        "kit", "borrower"
    )
    body = calendars.bookings_ical(bookings, name=kit.name, with_kit=False)
    return _ical_response(body, f"{kit.slug}.ics")


@require_GET
def kits_ical(request: HttpRequest) -> HttpResponse:
    bookings = Booking.objects.filter(status__in=calendars.FEED_STATUSES).select_related(
        "kit", "borrower"
    )
    body = calendars.bookings_ical(bookings, name=_("IoT-kits i Smartby"), with_kit=True)
    return _ical_response(body, "iot-kits.ics")


# --- bookings -------------------------------------------------------------------------------


@login_required
@require_GET
def booking_list(request: HttpRequest) -> HttpResponse:
    """The bookings the user can act on: to decide (owner) and their organisations' own."""
    mine = organisation_ids(request.user)
    base = Booking.objects.select_related("kit__owner", "borrower").order_by("start_date", "id")
    to_decide = base.filter(status=BookingStatus.PENDING)
    to_return = base.filter(status=BookingStatus.APPROVED)
    if not is_coordinator(request.user):
        to_decide = to_decide.filter(kit__owner_id__in=mine)
        to_return = to_return.filter(kit__owner_id__in=mine)
    own = base.filter(borrower_id__in=mine).order_by("-start_date", "-id")
    page = Paginator(own, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "kits/booking_list.html",
        {
            "to_decide": to_decide[:100],
            "to_return": to_return[:100],
            "page": page,
            "today": timezone.localdate(),
        },
    )


def _render_booking(
    request: HttpRequest, booking: Booking, form: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    can_decide = permissions.can_decide_booking(request.user, booking)
    pending = booking.status == BookingStatus.PENDING
    return render(
        request,
        "kits/booking_detail.html",
        {
            "booking": booking,
            "kit": booking.kit,
            "decision_form": (form or DecisionForm()) if can_decide and pending else None,
            "can_cancel": permissions.can_cancel_booking(request.user, booking)
            and booking.status in BLOCKING_STATUSES,
            "can_return": can_decide and booking.status == BookingStatus.APPROVED,
        },
        status=status,
    )


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_or_404(pk)
    if not permissions.can_view_booking(request.user, booking):
        raise PermissionDenied(
            _("Kun den lånende organisation og kittets ejer kan se reservationen.")
        )
    return _render_booking(request, booking)


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_or_404(pk)
    try:
        booking = operations.decide_booking(request.user, booking, request.POST)
    except operations.ValidationFailed as failed:
        state = [e["message"] for e in failed.errors if e["field"] == "status"]
        if state:  # decided meanwhile: the page shows the decision instead of the form
            messages.error(request, state[0])
            return redirect(booking)
        form = DecisionForm(request.POST)
        form.is_valid()
        return _render_booking(request, booking, form, status=400)
    if booking.status == BookingStatus.APPROVED:
        messages.success(request, _("Reservationen er godkendt, og låneren har fået besked."))
    else:
        messages.success(request, _("Reservationen er afvist, og låneren har fået besked."))
    return redirect(booking)


def _state_change(request: HttpRequest, pk: int, operation: Any, done: str) -> HttpResponse:
    booking = _booking_or_404(pk)
    try:
        booking = operation(request.user, booking)
    except operations.ValidationFailed as failed:
        messages.error(request, failed.errors[0]["message"])
        return redirect(booking)
    messages.success(request, done)
    return redirect(booking)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(request, pk, operations.cancel_booking, _("Reservationen er annulleret."))


@login_required
@require_POST
def booking_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(request, pk, operations.mark_returned, _("Kittet er meldt afleveret."))


# --- årshjul --------------------------------------------------------------------------------


def _year(request: HttpRequest, today: dt.date) -> int:
    try:
        year = int(request.GET.get("aar", ""))
    except ValueError:
        return today.year
    return year if 2000 <= year <= 2100 else today.year


@require_GET
def event_year(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = _year(request, today)
    kind = request.GET.get("type", "")
    events = Event.objects.filter(start_date__year=year).select_related("organiser")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    by_month: list[list[Event]] = [[] for _ in range(12)]
    for event in events:
        by_month[event.start_date.month - 1].append(event)
    return render(
        request,
        "kits/event_year.html",
        {
            "year": year,
            "months": list(zip(MONTHS, by_month, range(1, 13), strict=True)),
            "total": sum(len(m) for m in by_month),
            "kind": kind,
            "kinds": EventKind.choices,
            "today": today,
            "can_create": permissions.can_create_event(request.user),
        },
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    return render(
        request,
        "kits/event_detail.html",
        {"event": event, "can_edit": permissions.can_edit_event(request.user, event)},
    )


def _render_event_form(
    request: HttpRequest, form: EventForm, event: Event | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "kits/event_form.html",
        {"form": form, "event": event, "error_count": len(form.errors) if form.is_bound else 0},
        status=status,
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_event(request.user):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at tilføje begivenheder.")
        )
    if request.method == "POST":
        try:
            event = operations.create_event(request.user, request.POST)
        except operations.ValidationFailed:
            form = EventForm(request.POST, user=request.user)
            form.is_valid()
            return _render_event_form(request, form, None, status=400)
        messages.success(request, _("Begivenheden er tilføjet årshjulet."))
        return redirect(event)
    return _render_event_form(request, EventForm(user=request.user), None)


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    if not permissions.can_edit_event(request.user, event):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne begivenhed."))
    if request.method == "POST":
        try:
            event = operations.update_event(request.user, event, request.POST)
        except operations.ValidationFailed:
            form = EventForm(request.POST, instance=Event.objects.get(pk=pk), user=request.user)
            form.is_valid()
            return _render_event_form(request, form, event, status=400)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(event)
    return _render_event_form(request, EventForm(instance=event, user=request.user), event)


@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    if not permissions.can_edit_event(request.user, event):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne begivenhed."))
    if request.method == "POST":
        year = event.start_date.year
        operations.delete_event(request.user, event)
        messages.success(
            request, _("Begivenheden „%(title)s“ er slettet.") % {"title": event.title}
        )
        return redirect(f"{reverse('kits:event_year')}?aar={year}")
    return render(request, "kits/event_confirm_delete.html", {"event": event})


@require_GET
def events_ical(request: HttpRequest) -> HttpResponse:
    events = Event.objects.select_related("organiser")
    return _ical_response(
        calendars.events_ical(events, name=_("Smartby-årshjulet")), "aarshjul.ics"
    )


@require_GET
def event_ical(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    return _ical_response(calendars.events_ical([event], name=event.title), f"aarshjul-{pk}.ics")
