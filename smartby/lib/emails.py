"""Every email Smartby sends, one function per message.

Each message is rendered from three templates in `templates/emails/`: `<name>-subject.txt`,
`<name>-body-text.txt` and `<name>-body-html.html`. Rendering happens at once (in the caller's
language); delivery is queued with `transaction.on_commit`, so nothing is sent for a change that
is rolled back. Delivery goes through the default mailer configured by EMAIL_URL
(settings.MAILERS, whose SMTP options include a timeout) with a few retries; a message that
still fails is logged, never raised into the request that caused it.
"""

import logging
import smtplib
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from smartby.observability import metrics

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 0.5
MAILER = "default"


def invitation(
    *, to: str, link: str, organisation: Any, role_label: str, invited_by: Any, expires_at: Any
) -> EmailMultiAlternatives:
    """Invite `to` to join Smartby (or one more organisation); `link` holds the secret token."""
    return _queue(
        "invitation",
        to,
        {
            "link": link,
            "organisation": organisation,
            "role_label": role_label,
            "invited_by": invited_by,
            "expires_at": expires_at,
        },
    )


def password_reset(*, to: str, link: str, user: Any) -> EmailMultiAlternatives:
    """A one-time link to choose a new password."""
    return _queue(
        "password-reset",
        to,
        {
            "link": link,
            "user": user,
            "valid_days": timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT).days,
        },
    )


def reminder_digest(
    *, to: str, recipient_name: str, entries: list[dict[str, Any]], unsubscribe_link: str
) -> EmailMultiAlternatives:
    """Ask a contact person or editor to confirm their due projects: one digest per address,
    each entry with signed "Stadig korrekt", "Opdatér" and "Projektet er afsluttet" links. Not
    queued: the reminders worker sends it with `send_now()` and records the outcome."""
    message = render(
        "reminders/digest",
        to,
        {
            "recipient_name": recipient_name,
            "entries": entries,
            "unsubscribe_link": unsubscribe_link,
            "valid_days": settings.REMINDER_LINK_MAX_AGE_DAYS,
        },
    )
    _list_unsubscribe(message, unsubscribe_link)
    return message


def reminder_escalation(
    *,
    to: str,
    recipient_name: str,
    entries: list[dict[str, Any]],
    overview_link: str,
    unsubscribe_link: str,
) -> EmailMultiAlternatives:
    """Tell a coordinator which projects got two reminders without an answer (one digest per
    coordinator). Not queued, like `reminder_digest`."""
    message = render(
        "reminders/escalation",
        to,
        {
            "recipient_name": recipient_name,
            "entries": entries,
            "overview_link": overview_link,
            "unsubscribe_link": unsubscribe_link,
        },
    )
    _list_unsubscribe(message, unsubscribe_link)
    return message


def _list_unsubscribe(message: EmailMultiAlternatives, link: str) -> None:
    """RFC 2369 List-Unsubscribe and RFC 8058 one-click headers."""
    message.extra_headers.update(
        {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    )


def send_now(message: EmailMultiAlternatives) -> None:
    """Send once through the default mailer and raise on failure: for jobs that record each
    attempt and retry with back-off themselves (unlike `deliver`, which retries and logs)."""
    message.send(using=MAILER)


def subscription_confirm(
    *, to: str, link: str, subscription: Any, valid_days: int
) -> EmailMultiAlternatives:
    """Double opt-in: confirm a subscription made with an email address; `link` is signed."""
    return _queue(
        "subscription-confirm",
        to,
        {"link": link, "subscription": subscription, "valid_days": valid_days},
    )


def digest(*, to: str, context: dict[str, Any], unsubscribe_link: str) -> EmailMultiAlternatives:
    """The weekly digest of new and updated projects for one subscriber. Not queued: the digest
    job delivers it itself with `deliver()`, so that it can record whether it went out. Carries
    List-Unsubscribe headers (RFC 2369, and RFC 8058 one-click)."""
    message = render("digest", to, {**context, "unsubscribe_link": unsubscribe_link})
    message.extra_headers.update(
        {
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    return message


def contact_message(*, to: str, reply_to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """A "Kontakt" message to one of its recipients (one email each, so no recipient sees the
    others' addresses). Reply-To is the sender, who learns the recipient's address only from a
    reply. Not queued: `network.operations` delivers it after commit and records delivery."""
    message = render("contact-message", to, context)
    message.reply_to = [reply_to]
    return message


def contact_receipt(*, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """The sender's copy of a "Kontakt" message: no recipient names or addresses. Not queued
    (see `contact_message`)."""
    return render("contact-receipt", to, context)


def absolute_url(path: str) -> str:
    """A link for an email: SITE_URL plus a path from `reverse()`, never the request's Host."""
    return settings.SITE_URL.rstrip("/") + path


def render(name: str, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    """The message `templates/emails/<name>-{subject.txt,body-text.txt,body-html.html}`."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body-text.txt", context)
    html = render_to_string(f"emails/{name}-body-html.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def _queue(name: str, to: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    message = render(name, to, context)
    transaction.on_commit(lambda: deliver(message))
    return message


def deliver(message: EmailMultiAlternatives, *, reference: str = "") -> bool:
    """Send now through the default mailer (settings.MAILERS, from EMAIL_URL), retrying on SMTP
    and network errors. Returns whether the message went out. A failure is logged with the
    subject, the caller's `reference` (e.g. "booking 12") and the error's kind — never the
    addresses (nor the SMTP error text, which can contain them)."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            message.send(using=MAILER)
        except (smtplib.SMTPException, OSError) as exc:
            if attempt == SEND_ATTEMPTS:
                logger.warning(
                    "Could not send email %r (%s): %s",
                    message.subject,
                    reference or "no reference",
                    type(exc).__name__,
                )
                metrics.EMAILS.labels(outcome="failed").inc()
                return False
            time.sleep(RETRY_DELAY_SECONDS * attempt)
        else:
            metrics.EMAILS.labels(outcome="sent").inc()
            return True
    return False
