"""Emails through a real SMTP server: the decision to the requester and the return reminders
(the day before the last day, and once when overdue), idempotent."""

import logging

import pytest
from django.utils import timezone

from smartby.kits import operations, tasks
from smartby.kits.models import Booking, BookingStatus
from smartby.kits.tests.helpers import book, day, make_kit

pytestmark = pytest.mark.django_db


def ours(caplog) -> str:
    """What Smartby logged (the test SMTP server logs its own traffic)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("smartby"))


@pytest.fixture
def kit(org_a):
    return make_kit(org_a)


def test_requester_is_told_of_approval(
    kit, editor_a, editor_b, org_b, smtp_server, django_capture_on_commit_callbacks
):
    booking = book(editor_b, kit, org_b, 3, 5)
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide_booking(
            editor_a, booking, {"decision": "godkendt", "note": "God fornøjelse"}
        )
    [message] = smtp_server.wait_for(1)
    assert message["To"] == editor_b.email
    assert message["Subject"] == "Din reservation af LoRaWAN-gateway-kit er godkendt"
    text = smtp_server.text(message)
    assert "Aarhus Kommune har godkendt jeres lån af LoRaWAN-gateway-kit for Odense Kommune" in text
    assert "God fornøjelse" in text
    assert "iot@aarhus.example.dk" in text
    assert smtp_server.links(message)[0].endswith(f"/iot-kits/reservationer/{booking.pk}/")
    assert "God fornøjelse" in smtp_server.text(message, "html")


def test_requester_is_told_of_rejection(
    kit, editor_a, editor_b, org_b, smtp_server, django_capture_on_commit_callbacks
):
    booking = book(editor_b, kit, org_b, 3, 5)
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide_booking(
            editor_a, booking, {"decision": "afvist", "note": "Vi bruger det selv."}
        )
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Din reservation af LoRaWAN-gateway-kit er afvist"
    assert "Vi bruger det selv." in smtp_server.text(message)


def _approved(kit, editor_a, editor_b, org_b, start, end) -> Booking:
    booking = (
        book(editor_b, kit, org_b, 0, 0) if start < 0 else book(editor_b, kit, org_b, start, end)
    )
    operations.decide_booking(editor_a, booking, {"decision": "godkendt", "note": ""})
    if start < 0:  # a loan that began in the past (bookings cannot be requested backwards)
        Booking.objects.filter(pk=booking.pk).update(start_date=day(start), end_date=day(end))
    booking.refresh_from_db()
    return booking


def test_return_reminders_day_before_and_overdue_once_each(
    kit, editor_a, editor_b, org_b, smtp_server, caplog
):
    booking = _approved(kit, editor_a, editor_b, org_b, 1, 3)
    today = timezone.localdate()
    # Not yet: the last day is three days ahead.
    assert operations.send_return_reminders(today).as_dict() == {
        "due": 0,
        "overdue": 0,
        "failed": 0,
    }
    # The day before the last day.
    with caplog.at_level(logging.INFO):
        assert operations.send_return_reminders(day(2)).due == 1
        assert operations.send_return_reminders(day(2)).due == 0  # idempotent
        assert operations.send_return_reminders(day(3)).due == 0  # not again on the day
    [reminder] = smtp_server.wait_for(1)
    assert reminder["To"] == editor_b.email
    assert reminder["Subject"] == "Husk at aflevere LoRaWAN-gateway-kit"
    assert "Husk at aflevere kittet senest den dag" in smtp_server.text(reminder)
    # Overdue: the day after the last day, once.
    assert operations.send_return_reminders(day(4)).overdue == 1
    assert operations.send_return_reminders(day(5)).overdue == 0
    messages = smtp_server.wait_for(2)
    assert messages[1]["Subject"] == "LoRaWAN-gateway-kit skulle have været afleveret"
    booking.refresh_from_db()
    assert booking.return_reminder_sent_at and booking.overdue_reminder_sent_at
    assert editor_b.email not in ours(caplog)


def test_returned_and_pending_loans_get_no_reminders(kit, editor_a, editor_b, org_b, smtp_server):
    returned = _approved(kit, editor_a, editor_b, org_b, -5, -1)
    operations.mark_returned(editor_a, returned)
    book(editor_b, kit, org_b, 1, 1)  # pending, ends tomorrow
    assert operations.send_return_reminders(timezone.localdate()).as_dict() == {
        "due": 0,
        "overdue": 0,
        "failed": 0,
    }
    assert smtp_server.messages == []


def test_failed_delivery_is_retried_next_run_without_logging_addresses(
    kit, editor_a, editor_b, org_b, settings, caplog, monkeypatch
):
    _approved(kit, editor_a, editor_b, org_b, 1, 1)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nobody listens
        }
    }
    monkeypatch.setattr("smartby.lib.emails.RETRY_DELAY_SECONDS", 0)
    with caplog.at_level(logging.WARNING):
        result = operations.send_return_reminders(timezone.localdate())
    assert result.failed == 1
    assert Booking.objects.get().return_reminder_sent_at is None  # released for the next run
    assert "Could not send email" in ours(caplog) and "booking" in ours(caplog)
    assert editor_b.email not in ours(caplog)


def test_task_wraps_the_function(kit, editor_a, editor_b, org_b, smtp_server):
    _approved(kit, editor_a, editor_b, org_b, 1, 1)
    result = tasks.send_return_reminders.call(timezone.localdate().isoformat())
    assert result == {"due": 1, "overdue": 0, "failed": 0}
    smtp_server.wait_for(1)
    assert Booking.objects.get().status == BookingStatus.APPROVED
