"""The kit lending's emails, one function per message, each rendered from a subject, a text
and an HTML template in `templates/emails/kits/` (HTML on the shared email layout).

Addresses never go into the log: a failed delivery is logged with the booking's id only.
"""

import logging
import smtplib
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from smartby.kits.models import Booking
from smartby.lib.emails import absolute_url, send_now

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 0.5


def booking_decided(*, to: str, booking: Booking) -> EmailMultiAlternatives:
    """Tell the requester that the owner approved or rejected their booking (sent on commit)."""
    message = _render("booking-decided", to, _context(booking))
    transaction.on_commit(lambda: deliver(message, booking_id=booking.pk))
    return message


def return_reminder(*, to: str, booking: Booking, overdue: bool) -> EmailMultiAlternatives:
    """Remind the borrower to return the kit: the day before the last day, or after it when
    it has not been marked returned. Not queued: `operations.send_return_reminders` delivers it
    and records the outcome."""
    return _render("return-reminder", to, {**_context(booking), "overdue": overdue})


def _context(booking: Booking) -> dict[str, Any]:
    return {
        "booking": booking,
        "kit": booking.kit,
        "link": absolute_url(booking.get_absolute_url()),
        "kit_link": absolute_url(booking.kit.get_absolute_url()),
    }


def _render(name: str, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = " ".join(render_to_string(f"emails/kits/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/kits/{name}-body-text.txt", context)
    html = render_to_string(f"emails/kits/{name}-body-html.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def deliver(message: EmailMultiAlternatives, *, booking_id: int) -> bool:
    """Send with a few retries on SMTP and network errors; returns whether it went out."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            send_now(message)
        except (smtplib.SMTPException, OSError):
            if attempt == SEND_ATTEMPTS:
                logger.warning(
                    "Could not send kit email %r for booking %s", message.subject, booking_id
                )
                return False
            time.sleep(RETRY_DELAY_SECONDS * attempt)
        else:
            return True
    return False
