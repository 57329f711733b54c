"""Periodic scheduling for all of Smartby's background jobs.

Django's tasks framework has no cron: `smartby scheduler` calls `schedule_tasks()` every hour
(`smartby schedule-tasks` does it once, e.g. from cron or a systemd timer), and `smartby
db_worker` runs what it enqueues. Each job is enqueued at most once per period: the unique
`ScheduledRun` row (job, first day of the period) is created in the same transaction as the
task row (with the database backend), so repeated or concurrent calls cannot enqueue it twice.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.tasks import Task
from django.utils import timezone

from smartby.kits import tasks as kit_tasks
from smartby.privacy import tasks as privacy_tasks
from smartby.reminders import tasks as reminder_tasks
from smartby.reminders.models import ScheduledRun
from smartby.search import tasks as search_tasks
from smartby.subscriptions import tasks as subscription_tasks
from smartby.surveys import tasks as survey_tasks

DAILY_REMINDERS = "daily-reminders"
WEEKLY_DIGESTS = "weekly-digests"
SEARCH_STALE = "search-stale"
SEARCH_REBUILD = "search-rebuild"
KIT_RETURN_REMINDERS = "kit-return-reminders"
SURVEY_REMINDERS = "survey-reminders"
PRUNE_PERSONAL_DATA = "prune-personal-data"


@dataclass(frozen=True)
class Job:
    name: str
    task: Task
    period_start: Callable[[dt.date], dt.date]


def _day(today: dt.date) -> dt.date:
    return today


def _monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


JOBS = (
    Job(DAILY_REMINDERS, reminder_tasks.daily_reminders, _day),
    Job(WEEKLY_DIGESTS, subscription_tasks.send_weekly_digests, _monday),
    Job(SEARCH_STALE, search_tasks.reindex_stale, _day),
    Job(SEARCH_REBUILD, search_tasks.weekly_rebuild, _monday),
    Job(KIT_RETURN_REMINDERS, kit_tasks.send_return_reminders, _day),
    Job(SURVEY_REMINDERS, survey_tasks.daily_survey_reminders, _day),
    Job(PRUNE_PERSONAL_DATA, privacy_tasks.prune_personal_data, _day),
)


def schedule_tasks(today: dt.date | None = None) -> list[str]:
    """Enqueue the jobs not yet enqueued for the period `today` is in; returns their names."""
    today = today or timezone.localdate()
    enqueued = []
    for job in JOBS:
        start = job.period_start(today)
        with transaction.atomic():
            # get_or_create survives a concurrent insert of the same row (it then gets it).
            run, created = ScheduledRun.objects.get_or_create(job=job.name, day=start)
            if created:
                result = job.task.enqueue(start.isoformat())
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
                enqueued.append(job.name)
    return enqueued
