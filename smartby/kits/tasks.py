"""Background tasks of kit lending (Django's tasks framework; `smartby db_worker` runs them).
Each task is a thin wrapper around a plain, tested function."""

import datetime as dt
import logging
from typing import Any

from django.tasks import task

from smartby.kits import operations

logger = logging.getLogger(__name__)


@task
def send_return_reminders(day: str) -> dict[str, Any]:
    """The daily return reminders, enqueued once per `day` (ISO date) by `smartby scheduler`."""
    result = operations.send_return_reminders(dt.date.fromisoformat(day)).as_dict()
    logger.info("Kit return reminders for %s: %s", day, result)
    return result
