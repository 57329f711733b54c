"""The background job on the real database backend: scheduling once a day, the db_worker
running it, and the scheduler loop stopping cleanly."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from smartby.reminders.models import DeliveryStatus, Reminder, ScheduledRun
from smartby.reminders.scheduling import (
    DAILY_REMINDERS,
    KIT_RETURN_REMINDERS,
    PRUNE_PERSONAL_DATA,
    SEARCH_REBUILD,
    SEARCH_STALE,
    SURVEY_REMINDERS,
    WEEKLY_DIGESTS,
    schedule_tasks,
)

DAILY_TASK = "smartby.reminders.tasks.daily_reminders"
WEEKLY_TASK = "smartby.subscriptions.tasks.send_weekly_digests"
PROJECT_DIR = Path(settings.BASE_DIR).parent
ENQUEUED_ALL = "Enqueued: " + ", ".join(
    [
        "daily-reminders",
        "weekly-digests",
        "search-stale",
        "search-rebuild",
        "kit-return-reminders",
        "survey-reminders",
    ]
)
ALL_JOBS = [
    DAILY_REMINDERS,
    WEEKLY_DIGESTS,
    SEARCH_STALE,
    SEARCH_REBUILD,
    KIT_RETURN_REMINDERS,
    SURVEY_REMINDERS,
    PRUNE_PERSONAL_DATA,
]
ENQUEUED_ALL = "Enqueued: " + ", ".join(ALL_JOBS)


def run_worker() -> None:
    """`smartby db_worker --batch`: run what is queued, then exit (restoring the signal handlers
    the worker installs, so pytest's own stay in place)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.mark.django_db
def test_schedule_tasks_enqueues_each_job_once_per_period():
    monday = dt.date(2020, 1, 6)
    assert schedule_tasks(monday) == ALL_JOBS
    assert schedule_tasks(monday) == []
    call_command("schedule_tasks", verbosity=0)  # today: a different day and week, once
    call_command("schedule_tasks", verbosity=0)
    tasks = DBTaskResult.objects.filter(task_path=DAILY_TASK)
    assert tasks.count() == 2
    assert tasks.filter(status=TaskResultStatus.READY).count() == 2
    run = ScheduledRun.objects.get(job=DAILY_REMINDERS, day=monday)
    assert run.task_id == str(tasks.get(args_kwargs__args=["2020-01-06"]).id)
    # Later the same week: a new daily run, the week's digests are already queued.
    assert schedule_tasks(monday + dt.timedelta(days=3)) == [
        DAILY_REMINDERS,
        SEARCH_STALE,
        KIT_RETURN_REMINDERS,
        SURVEY_REMINDERS,
        PRUNE_PERSONAL_DATA,
    ]
    assert schedule_tasks(monday + dt.timedelta(days=7)) == ALL_JOBS
    digests = DBTaskResult.objects.filter(task_path=WEEKLY_TASK)
    assert sorted(d.args_kwargs["args"][0] for d in digests)[:2] == ["2020-01-06", "2020-01-13"]


@pytest.mark.django_db
def test_schedule_tasks_command_reports(capsys):
    call_command("schedule_tasks")
    call_command("schedule_tasks")
    out = capsys.readouterr().out
    assert ENQUEUED_ALL in out
    assert "Nothing to enqueue today." in out


@pytest.mark.django_db
def test_scheduler_once_is_the_same_idempotent_step():
    call_command("scheduler", "--once", verbosity=0)
    call_command("scheduler", "--once", verbosity=0)
    assert DBTaskResult.objects.filter(task_path=DAILY_TASK).count() == 1


@pytest.mark.django_db
def test_with_the_immediate_backend_the_run_happens_at_once(settings, due_project, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    due_project()
    schedule_tasks()
    assert len(smtp_server.wait_for(2)) == 2
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_scheduled_reminders(due_project, editor_a, smtp_server):
    due_project()
    due_project(title="Endnu et glemt projekt")
    assert schedule_tasks() == ALL_JOBS
    assert smtp_server.messages == []  # nothing happens until a worker runs it

    run_worker()

    task = DBTaskResult.objects.get(task_path=DAILY_TASK)
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    digests = DBTaskResult.objects.get(task_path=WEEKLY_TASK)
    assert digests.status == TaskResultStatus.SUCCESSFUL, digests.traceback
    for search_job in DBTaskResult.objects.filter(task_path__startswith="smartby.search."):
        assert search_job.status == TaskResultStatus.SUCCESSFUL, search_job.traceback
    assert task.return_value["emails"] == 3 and task.return_value["sent"] == 6
    messages = smtp_server.wait_for(3)
    anna = next(m for m in messages if m["To"] == editor_a.email)
    assert "dine 2 projekter" in anna["Subject"]
    assert set(Reminder.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    # The scheduler calling again the same day, and the worker restarting: nothing new.
    assert schedule_tasks() == []
    run_worker()
    assert len(smtp_server.messages) == 3


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_deferred_retry(due_project, dead_smtp, smtp_server, settings):
    settings.REMINDER_RETRY_SECONDS = 1
    good = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": dead_smtp, "timeout": 2},
        }
    }
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    schedule_tasks()
    run_worker()
    assert Reminder.objects.get().status == DeliveryStatus.PENDING
    retry = DBTaskResult.objects.get(task_path="smartby.reminders.tasks.send_reminders")
    settings.MAILERS = good
    time.sleep(max(0.0, (retry.run_after - retry.enqueued_at).total_seconds()) + 0.2)
    run_worker()
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert len(smtp_server.wait_for(1)) == 1
    assert Reminder.objects.get().status == DeliveryStatus.SENT


def subprocess_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "smartby.settings"}


@pytest.mark.django_db(transaction=True)
def test_scheduler_loop_enqueues_and_stops_on_sigterm():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs the PostgreSQL test database")
    process = subprocess.Popen(
        [sys.executable, "-m", "smartby", "scheduler", "--interval", "3600"],
        cwd=PROJECT_DIR,
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not ScheduledRun.objects.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the scheduler enqueued nothing"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert ENQUEUED_ALL in out
    assert DBTaskResult.objects.filter(task_path=DAILY_TASK).count() == 1
