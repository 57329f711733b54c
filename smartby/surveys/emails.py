"""The survey emails, one function per message: the invitation to answer a round, the reminder
before the deadline and the handover to a colleague. Each is rendered from a subject, a text
and an HTML template in `templates/emails/surveys_<name>-*` (HTML on the shared email layout).

None is queued on commit: the caller delivers with `deliver()` and records the outcome, because
each message carries a fresh secret link whose hash is stored only if the mail went out.
Addresses never go into the log: a failed delivery is logged with the invitation's id only.
"""

import logging
import smtplib
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from smartby.lib.emails import send_now

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 0.5


def invitation(*, to: str, round: Any, municipality: Any, link: str) -> EmailMultiAlternatives:
    """Invite a municipality to answer a round through its personal link."""
    return _render("invitation", to, _context(round, municipality, link))


def reminder(
    *, to: str, round: Any, municipality: Any, link: str, has_draft: bool
) -> EmailMultiAlternatives:
    """Remind a municipality that has not submitted before the round closes; `link` replaces the
    earlier one (only its hash is stored, so a reminder carries a new link)."""
    return _render("reminder", to, {**_context(round, municipality, link), "has_draft": has_draft})


def handover(
    *, to: str, round: Any, municipality: Any, link: str, sender_name: str, note: str
) -> EmailMultiAlternatives:
    """Give the municipality's answer to a colleague: a new personal link for them."""
    return _render(
        "handover",
        to,
        {**_context(round, municipality, link), "sender_name": sender_name, "note": note},
    )


def _context(round: Any, municipality: Any, link: str) -> dict[str, Any]:
    return {
        "round": round,
        "survey": round.version.survey,
        "municipality": municipality,
        "link": link,
        "closes_on": round.closes_on,
    }


def _render(name: str, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    prefix = f"emails/surveys_{name}"
    subject = " ".join(render_to_string(f"{prefix}-subject.txt", context).split())
    text = render_to_string(f"{prefix}-body-text.txt", context)
    html = render_to_string(f"{prefix}-body-html.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def deliver(message: EmailMultiAlternatives, *, invitation_id: int) -> bool:
    """Send with a few retries on SMTP and network errors; returns whether it went out."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            send_now(message)
        except (smtplib.SMTPException, OSError):
            if attempt == SEND_ATTEMPTS:
                logger.warning(
                    "Could not send survey email %r for invitation %s",
                    message.subject,
                    invitation_id,
                )
                return False
            time.sleep(RETRY_DELAY_SECONDS * attempt)
        else:
            return True
    return False
