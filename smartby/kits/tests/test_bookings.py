"""Booking rules: overlaps (inclusive end dates), the database's exclusion constraint, the
state changes and who may make them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from smartby.audit.models import AuditEntry
from smartby.kits import operations
from smartby.kits.models import Booking, BookingStatus
from smartby.kits.tests.helpers import book, day, make_kit
from smartby.lib.errors import ValidationFailed

pytestmark = pytest.mark.django_db

APPROVE = {"decision": "godkendt", "note": ""}


@pytest.fixture
def kit(org_a):
    return make_kit(org_a)


def test_request_creates_a_pending_booking_and_audits_without_personal_data(kit, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 3, 5)
    assert booking.status == BookingStatus.PENDING
    assert booking.requested_by == editor_b
    assert booking.days == 3
    entry = AuditEntry.objects.get(object_type="kits.booking", object_id=str(booking.pk))
    assert entry.actor == editor_b
    assert entry.changes["borrower"]["new"] == org_b.name
    assert editor_b.email not in str(entry.changes)


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (10, 10), (3, 12), (6, 8), (1, 5), (10, 14)],
    ids=["same-first-day", "same-last-day", "covers", "inside", "ends-on-first", "starts-on-last"],
)
def test_overlapping_periods_are_refused(kit, editor_a, org_a, editor_b, org_b, start, end):
    book(editor_a, kit, org_a, 5, 10)
    with pytest.raises(operations.BookingConflict) as refused:
        book(editor_b, kit, org_b, start, end)
    assert "allerede reserveret" in refused.value.message
    assert Booking.objects.count() == 1


def test_adjacent_periods_are_fine_with_inclusive_end_dates(kit, editor_a, org_a, org_b, editor_b):
    book(editor_a, kit, org_a, 5, 10)
    book(editor_b, kit, org_b, 11, 12)  # starts the day after the last day
    book(editor_b, kit, org_b, 3, 4)  # ends the day before the first day
    assert Booking.objects.count() == 3


def test_one_day_bookings_on_the_same_day_conflict(kit, editor_a, org_a, editor_b, org_b):
    book(editor_a, kit, org_a, 2, 2)
    with pytest.raises(operations.BookingConflict):
        book(editor_b, kit, org_b, 2, 2)


def test_other_kits_do_not_block(kit, org_a, editor_a, editor_b, org_b):
    other = make_kit(org_a, name="Støjsensorer")
    book(editor_a, kit, org_a, 1, 5)
    book(editor_b, other, org_b, 1, 5)


@pytest.mark.parametrize("final", ["afvist", "annulleret"])
def test_rejected_and_cancelled_bookings_do_not_block(kit, editor_a, org_a, editor_b, org_b, final):
    booking = book(editor_b, kit, org_b, 5, 10)
    if final == "afvist":
        operations.decide_booking(
            editor_a, booking, {"decision": "afvist", "note": "Bruger det selv."}
        )
    else:
        operations.cancel_booking(editor_b, booking)
    again = book(editor_a, kit, org_a, 5, 10)
    assert again.status == BookingStatus.PENDING


def test_approved_and_returned(kit, editor_a, org_a, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 0, 2)
    operations.decide_booking(editor_a, booking, APPROVE)
    with pytest.raises(operations.BookingConflict):
        book(editor_a, kit, org_a, 2, 3)
    returned = operations.mark_returned(editor_a, booking)
    assert returned.status == BookingStatus.RETURNED
    # A returned kit is free again, also for the rest of the original period.
    book(editor_a, kit, org_a, 2, 3)


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (5, 4, "end_date", "Slutdatoen skal være samme dag som eller efter startdatoen."),
        (-1, 2, "start_date", "Startdatoen kan ikke ligge i fortiden."),
        (1, 100, "end_date", "Et lån kan højst vare 90 dage."),
        (800, 801, "start_date", "Man kan højst reservere to år frem."),
    ],
)
def test_invalid_dates_are_refused_in_danish(kit, editor_b, org_b, start, end, field, message):
    with pytest.raises(ValidationFailed) as refused:
        book(editor_b, kit, org_b, start, end)
    assert {"field": field, "message": message} in refused.value.errors
    assert not Booking.objects.exists()


def test_missing_and_malformed_input(kit, editor_b):
    with pytest.raises(ValidationFailed) as refused:
        operations.request_booking(editor_b, kit, {"start_date": "i morgen", "end_date": ""})
    fields = {e["field"] for e in refused.value.errors}
    assert fields == {"borrower", "start_date", "end_date", "purpose"}


def test_inactive_kit_cannot_be_booked(org_a, editor_b, org_b):
    kit = make_kit(org_a, active="")
    with pytest.raises(ValidationFailed):
        book(editor_b, kit, org_b, 1, 2)


# --- the database's own guard (PostgreSQL) --------------------------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)


def _insert(kit, borrower, start, end, status=BookingStatus.PENDING) -> Booking:
    with transaction.atomic():
        return Booking.objects.create(
            kit=kit,
            borrower=borrower,
            start_date=day(start),
            end_date=day(end),
            purpose="Direkte i databasen",
            status=status,
        )


@needs_postgres
@pytest.mark.parametrize("status", ["afventer", "godkendt"])
def test_database_refuses_an_overlapping_insert(kit, org_a, org_b, status):
    _insert(kit, org_a, 5, 10, status=status)
    with pytest.raises(IntegrityError, match=operations.OVERLAP_CONSTRAINT):
        _insert(kit, org_b, 10, 12)
    with pytest.raises(IntegrityError, match=operations.OVERLAP_CONSTRAINT):
        _insert(kit, org_b, 1, 5, status=BookingStatus.APPROVED)
    _insert(kit, org_b, 11, 12)  # adjacent is fine
    assert Booking.objects.count() == 2


@needs_postgres
@pytest.mark.parametrize("status", ["afvist", "annulleret", "afleveret"])
def test_database_lets_inactive_bookings_overlap(kit, org_a, org_b, status):
    _insert(kit, org_a, 5, 10, status=status)
    _insert(kit, org_b, 5, 10)
    _insert(kit, org_a, 1, 20, status=status)
    assert Booking.objects.count() == 3


@needs_postgres
def test_database_refuses_reactivating_into_an_overlap(kit, org_a, org_b):
    cancelled = _insert(kit, org_a, 5, 10, status=BookingStatus.CANCELLED)
    _insert(kit, org_b, 7, 8)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=cancelled.pk).update(status=BookingStatus.APPROVED)


@needs_postgres
def test_operation_turns_the_constraint_violation_into_the_danish_error(
    kit, org_a, editor_b, org_b, monkeypatch
):
    """When the locked check misses an overlap (here: switched off), the constraint refuses
    the row and the operation answers like its own check."""
    _insert(kit, org_a, 5, 10)

    class Nothing:
        def exists(self) -> bool:
            return False

    monkeypatch.setattr(operations, "overlapping", lambda *args: Nothing())
    with pytest.raises(operations.BookingConflict):
        book(editor_b, kit, org_b, 8, 12)
    assert Booking.objects.count() == 1


def test_database_refuses_end_before_start(kit, org_a):
    with pytest.raises(IntegrityError):
        _insert(kit, org_a, 5, 4)


def test_database_refuses_zero_quantity(kit):
    with pytest.raises(IntegrityError), transaction.atomic():
        kit.items.create(name="Tom", quantity=0)


# --- permissions ----------------------------------------------------------------------------


def test_request_permissions(kit, editor_a, editor_b, org_a, org_b, coordinator, superuser):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        book(AnonymousUser(), kit, org_b, 1, 2)
    with pytest.raises(PermissionDenied):  # not on behalf of somebody else's organisation
        book(editor_b, kit, org_a, 1, 2)
    assert book(editor_b, kit, org_b, 1, 2).borrower == org_b
    assert book(coordinator, kit, org_a, 3, 4).borrower == org_a  # coordinators book for anyone
    assert book(superuser, kit, org_b, 5, 6).borrower == org_b


def test_decision_permissions(kit, editor_a, editor_b, org_b, coordinator):
    booking = book(editor_b, kit, org_b, 1, 2)
    with pytest.raises(PermissionDenied):  # the borrower cannot approve itself
        operations.decide_booking(editor_b, booking, APPROVE)
    decided = operations.decide_booking(editor_a, booking, APPROVE)
    assert decided.status == BookingStatus.APPROVED
    assert decided.decided_by == editor_a and decided.decided_at
    with pytest.raises(ValidationFailed) as twice:
        operations.decide_booking(coordinator, booking, APPROVE)
    assert twice.value.errors[0]["field"] == "status"
    other = book(editor_b, kit, org_b, 3, 4)
    assert operations.decide_booking(coordinator, other, APPROVE).status == BookingStatus.APPROVED


def test_rejection_needs_a_note(kit, editor_a, editor_b, org_b):
    booking = book(editor_b, kit, org_b, 1, 2)
    with pytest.raises(ValidationFailed) as refused:
        operations.decide_booking(editor_a, booking, {"decision": "afvist", "note": "  "})
    assert refused.value.errors[0]["field"] == "note"
    with pytest.raises(ValidationFailed):
        operations.decide_booking(editor_a, booking, {"decision": "maaske"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING


def test_cancel_and_return_permissions(kit, editor_a, editor_b, org_b, coordinator):
    booking = book(editor_b, kit, org_b, 0, 2)
    with pytest.raises(PermissionDenied):  # the owner rejects instead
        operations.cancel_booking(editor_a, booking)
    with pytest.raises(PermissionDenied):
        operations.mark_returned(editor_b, booking)
    with pytest.raises(ValidationFailed):  # only approved loans come back
        operations.mark_returned(editor_a, booking)
    operations.decide_booking(editor_a, booking, APPROVE)
    assert operations.mark_returned(coordinator, booking).status == BookingStatus.RETURNED
    with pytest.raises(ValidationFailed):
        operations.cancel_booking(editor_b, booking)
    later = book(editor_b, kit, org_b, 5, 6)
    assert operations.cancel_booking(coordinator, later).status == BookingStatus.CANCELLED
