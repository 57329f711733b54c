"""`smartby db_worker`: django-tasks-db's worker, with two additions for faults.

- At start it puts the tasks of workers that died back in the queue (lib/task_leases.py);
  `--lease SECONDS` overrides TASK_LEASE_SECONDS.
- It survives a database outage: the package's worker exits on the first OperationalError (a
  restarted PostgreSQL would leave the queue without a worker). Here the worker logs one line,
  waits RECONNECT_SECONDS and starts over — recovery first, as at start — until the database is
  back. A task that was running when the database went away stays RUNNING and is recovered by
  its lease. SIGTERM and Ctrl-C stop it as before, also while it waits.
"""

import logging
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

from smartby.lib.task_leases import recover_stale_tasks

logger = logging.getLogger(__name__)

RECONNECT_SECONDS = 5


class Command(db_worker.Command):
    help = (
        "Run a database background worker; at start, tasks left RUNNING longer than the lease "
        "(by a worker that died) are queued again. Waits out database outages."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="seconds a task may run before it counts as abandoned (TASK_LEASE_SECONDS)",
        )

    def handle(self, *args: Any, lease: int | None = None, **options: Any) -> None:
        while True:
            try:
                recover_stale_tasks(lease_seconds=lease)
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as exc:
                logger.warning(
                    "Database unavailable (%s); the worker tries again in %s s",
                    type(exc).__name__,
                    RECONNECT_SECONDS,
                )
                connections.close_all()
                time.sleep(RECONNECT_SECONDS)
