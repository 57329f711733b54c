"""Tasks left RUNNING by a dead worker go back to the queue after their lease, and fail after
TASK_MAX_ATTEMPTS lost runs (lib/task_leases.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from smartby.lib.task_leases import WORKER_LOST, recover_stale_tasks
from smartby.reminders import tasks as reminder_tasks

pytestmark = pytest.mark.django_db


def claimed(*, minutes_ago: int, workers: tuple[str, ...] = ("w1",)) -> DBTaskResult:
    """A task claimed by `workers` in turn (as db_worker claims), the last claim
    `minutes_ago`."""
    result = reminder_tasks.send_reminders.enqueue()
    task = DBTaskResult.objects.get(pk=result.id)
    for worker in workers:
        task.claim(worker)
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=started)
    task.refresh_from_db()
    return task


def test_a_task_running_longer_than_its_lease_is_queued_again(settings):
    settings.TASK_LEASE_SECONDS = 3600
    stale = claimed(minutes_ago=61)
    fresh = claimed(minutes_ago=59)
    recovery = recover_stale_tasks()
    assert recovery.requeued == [str(stale.pk)]
    assert recovery.failed == []
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == TaskResultStatus.READY
    assert fresh.status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().filter(pk=stale.pk).exists()
    # Claimed again by the next worker: its worker ids count the runs.
    DBTaskResult.objects.get(pk=stale.pk).claim("w2")
    assert DBTaskResult.objects.get(pk=stale.pk).worker_ids == ["w1", "w2"]


def test_finished_tasks_are_left_alone(settings):
    done = claimed(minutes_ago=600)
    done.set_successful({"sent": 1})
    failed = claimed(minutes_ago=600)
    failed.set_failed(RuntimeError("SMTP nede"))
    assert recover_stale_tasks(lease_seconds=0).requeued == []
    assert DBTaskResult.objects.get(pk=done.pk).status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(pk=failed.pk).status == TaskResultStatus.FAILED


def test_a_task_that_lost_its_worker_max_attempts_times_fails(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    task = claimed(minutes_ago=120, workers=("w1", "w2", "w3"))
    recovery = recover_stale_tasks(lease_seconds=3600)
    assert recovery.failed == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.finished_at is not None
    assert task.exception_class_path == WORKER_LOST
    assert "3 worker(s)" in task.traceback
    # Its result says so to whoever waits for it.
    result = reminder_tasks.send_reminders.get_result(str(task.pk))
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == WORKER_LOST


def test_the_scheduler_recovers_before_it_schedules(settings):
    settings.TASK_LEASE_SECONDS = 600
    task = claimed(minutes_ago=11)
    call_command("schedule_tasks", verbosity=0)
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_the_worker_recovers_when_it_starts_and_then_runs_the_task(settings):
    settings.TASK_LEASE_SECONDS = 600
    task = claimed(minutes_ago=11)
    # --batch: recover, run everything that is ready, exit.
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.return_value["emails"] == 0
    assert len(task.worker_ids) == 2
