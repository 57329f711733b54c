"""Periodic scheduling. Django's tasks framework has no cron: `smartby scheduler` calls
`schedule_tasks()` every hour (and `smartby schedule-tasks` once, e.g. from cron or a systemd
timer). Each periodic job is enqueued at most once per day: the unique `ScheduledRun` row is
created in the same transaction as the task (with the database backend), so concurrent or
repeated calls cannot enqueue it twice."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from smartby.reminders import tasks
from smartby.reminders.models import ScheduledRun

DAILY_REMINDERS = "daily-reminders"


def schedule_tasks(today: date | None = None) -> list[str]:
    """Enqueue the periodic jobs not yet enqueued for `today`; returns the jobs enqueued."""
    today = today or timezone.localdate()
    enqueued = []
    with transaction.atomic():
        # get_or_create survives a concurrent insert of the same row (it then gets it).
        run, created = ScheduledRun.objects.get_or_create(job=DAILY_REMINDERS, day=today)
        if created:
            result = tasks.daily_reminders.enqueue(today.isoformat())
            run.task_id = str(result.id)[:64]
            run.save(update_fields=["task_id"])
            enqueued.append(DAILY_REMINDERS)
    return enqueued
