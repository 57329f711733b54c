"""Background tasks (Django's tasks framework; the database backend runs them in
`smartby db_worker`). Each task is a thin wrapper around a plain, tested function."""

import logging
from typing import Any

from django.db.models import Min
from django.tasks import task
from django.utils import timezone

from smartby.reminders import operations
from smartby.reminders.models import DeliveryStatus, Reminder

logger = logging.getLogger(__name__)


@task
def daily_reminders(day: str) -> dict[str, Any]:
    """The daily reminder run, enqueued once per `day` (ISO date) by `smartby scheduler`."""
    result = operations.run_reminders()
    logger.info("Reminder run for %s: %s", day, result.as_dict())
    return result.as_dict()


@task
def send_reminders() -> dict[str, Any]:
    """Deliver the reminders that are due (retries after a failed attempt)."""
    return operations.send_due().as_dict()


def schedule_retry() -> None:
    """Enqueue a delivery for when the earliest retry is due (if the backend can defer; else
    the next daily run picks the retries up)."""
    earliest = Reminder.objects.filter(status=DeliveryStatus.PENDING).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    if earliest is None or not send_reminders.get_backend().supports_defer:
        return
    send_reminders.using(run_after=max(earliest, timezone.now())).enqueue()
