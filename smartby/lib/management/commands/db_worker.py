"""`smartby db_worker`: django-tasks-db's worker, which first puts the tasks of workers that
died back in the queue (lib/task_leases.py). Same options as the package's command, plus
--lease."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from smartby.lib.task_leases import recover_stale_tasks


class Command(db_worker.Command):
    help = (
        "Run a database background worker; at start, tasks left RUNNING longer than the lease "
        "(by a worker that died) are queued again."
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
        recover_stale_tasks(lease_seconds=lease)
        super().handle(*args, **options)
