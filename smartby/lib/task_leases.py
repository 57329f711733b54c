"""Leases for background tasks: a task whose worker died is run again.

django-tasks-db (0.13) marks a task RUNNING when a worker claims it and SUCCESSFUL or FAILED when
the task returns or raises; a worker stopped with SIGTERM or Ctrl-C finishes its task first. A
worker that is killed (SIGKILL, the OOM killer, a power cut) leaves its task RUNNING for ever:
the package has no lease or recovery of its own, and no worker picks a RUNNING task up again.

`recover_stale_tasks` is that recovery. A task counts as abandoned once it has been RUNNING
longer than its lease, TASK_LEASE_SECONDS after its last claim (the lease must be longer than
any job's normal run). It goes back to READY, so the next free worker runs it again from the
start, unless it has already been claimed TASK_MAX_ATTEMPTS times (django-tasks-db adds the
worker id to `worker_ids` at every claim): then it is marked FAILED with `WorkerLost`, so that a
job that kills its worker every time (a memory hog) does not do so for ever.

It runs when `smartby db_worker` starts (lib/management/commands/db_worker.py) and at every
tick of `smartby scheduler`. A job run again must therefore be idempotent: Smartby's periodic
jobs are (reminders and digests claim each email before sending it — at most once; planning
and scheduling use unique constraints). A worker that is only slow, not dead, may see its task
run a second time next to it; the same idempotency covers that.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The exception class recorded on a task given up after TASK_MAX_ATTEMPTS lost runs."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def recover_stale_tasks(
    now: datetime | None = None, lease_seconds: int | None = None, max_attempts: int | None = None
) -> Recovery:
    """Put tasks RUNNING longer than the lease back in the queue (or fail them after
    `max_attempts` claims); returns their ids. Safe to run from several processes at once."""
    now = now or timezone.now()
    lease = timedelta(
        seconds=settings.TASK_LEASE_SECONDS if lease_seconds is None else lease_seconds
    )
    max_attempts = settings.TASK_MAX_ATTEMPTS if max_attempts is None else max_attempts
    recovery = Recovery()
    with transaction.atomic():
        stale = (
            DBTaskResult.objects.running()
            .filter(started_at__lte=now - lease)
            .select_for_update(skip_locked=True)
            .only("id", "task_path", "worker_ids", "started_at")
        )
        for task in stale:
            attempts = len(task.worker_ids)
            still_running = DBTaskResult.objects.filter(
                pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
            )
            if attempts >= max_attempts:
                still_running.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    return_value=None,
                    exception_class_path=WORKER_LOST,
                    traceback=(
                        f"{WORKER_LOST}: no result from {attempts} worker(s) within the lease of "
                        f"{int(lease.total_seconds())} s; not run again.\n"
                    ),
                )
                recovery.failed.append(str(task.pk))
                logger.error(
                    "Task %s (%s) lost its worker %s times; marked failed",
                    task.pk,
                    task.task_path,
                    attempts,
                )
            else:
                still_running.update(status=TaskResultStatus.READY)
                recovery.requeued.append(str(task.pk))
                logger.warning(
                    "Task %s (%s) was still running after its lease (attempt %s of %s); "
                    "back in the queue",
                    task.pk,
                    task.task_path,
                    attempts,
                    max_attempts,
                )
    return recovery
