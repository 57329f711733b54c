"""The kit lending's emails, one function per message, each rendered from a subject, a text
and an HTML template in `templates/emails/kits/` (HTML on the shared email layout).

Addresses never go into the log: a failed delivery is logged with the booking's id only.
"""

import logging
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from smartby.kits.models import Booking
from smartby.lib.emails import absolute_url, deliver, render

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 0.5


def booking_decided(*, to: str, booking: Booking) -> EmailMultiAlternatives:
    """Tell the requester that the owner approved or rejected their booking (sent on commit)."""
    message = render("kits/booking-decided", to, _context(booking))
    transaction.on_commit(lambda: deliver(message, reference=f"booking {booking.pk}"))
    return message


def return_reminder(*, to: str, booking: Booking, overdue: bool) -> EmailMultiAlternatives:
    """Remind the borrower to return the kit: the day before the last day, or after it when
    it has not been marked returned. Not queued: `operations.send_return_reminders` delivers it
    and records the outcome."""
    return render("kits/return-reminder", to, {**_context(booking), "overdue": overdue})


def _context(booking: Booking) -> dict[str, Any]:
    return {
        "booking": booking,
        "kit": booking.kit,
        "link": absolute_url(booking.get_absolute_url()),
        "kit_link": absolute_url(booking.kit.get_absolute_url()),
    }
