"""The survey emails, one function per message: the invitation to answer a round, the reminder
before the deadline and the handover to a colleague. Each is rendered from a subject, a text
and an HTML template in `templates/emails/surveys_<name>-*` (HTML on the shared email layout).

None is queued on commit: the caller delivers with `deliver()` and records the outcome, because
each message carries a fresh secret link whose hash is stored only if the mail went out.
Addresses never go into the log: a failed delivery is logged with the invitation's id only.
"""

import logging
from typing import Any

from django.core.mail import EmailMultiAlternatives

from smartby.lib.emails import render

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
RETRY_DELAY_SECONDS = 0.5


def invitation(*, to: str, round: Any, municipality: Any, link: str) -> EmailMultiAlternatives:
    """Invite a municipality to answer a round through its personal link."""
    return render("surveys_invitation", to, _context(round, municipality, link))


def reminder(
    *, to: str, round: Any, municipality: Any, link: str, has_draft: bool
) -> EmailMultiAlternatives:
    """Remind a municipality that has not submitted before the round closes; `link` replaces the
    earlier one (only its hash is stored, so a reminder carries a new link)."""
    return render(
        "surveys_reminder", to, {**_context(round, municipality, link), "has_draft": has_draft}
    )


def handover(
    *, to: str, round: Any, municipality: Any, link: str, sender_name: str, note: str
) -> EmailMultiAlternatives:
    """Give the municipality's answer to a colleague: a new personal link for them."""
    return render(
        "surveys_handover",
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
