"""Background tasks (Django's tasks framework). The scheduler enqueues `send_weekly_digests`
once a week; the work itself is the plain, tested function `digests.send_digests`."""

import logging
from typing import Any

from django.tasks import task

from smartby.subscriptions.digests import send_digests

logger = logging.getLogger(__name__)


@task
def send_weekly_digests(week: str = "") -> dict[str, Any]:
    """Send this week's digests (`week`: the ISO date of its Monday, for the log). Idempotent:
    a retried or duplicate run sends no subscriber a second digest in the same week."""
    result = send_digests().as_dict()
    logger.info("Digest run for the week of %s: %s", week or result["period"], result)
    return result
