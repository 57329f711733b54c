"""Background task: the daily retention run (enqueued by `smartby scheduler`, see
reminders/scheduling.py)."""

import logging

from django.tasks import task

from smartby.privacy import retention

logger = logging.getLogger(__name__)


@task
def prune_personal_data(day: str) -> dict[str, int]:
    result = retention.prune()
    logger.info("Personal data pruned for %s: %s", day, result)
    return result
