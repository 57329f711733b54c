"""`smartby schedule-tasks`: enqueue today's periodic jobs unless already enqueued."""

from django.core.management.base import BaseCommand

from smartby.lib.task_leases import recover_stale_tasks
from smartby.reminders.scheduling import schedule_tasks


class Command(BaseCommand):
    help = "Enqueue today's periodic jobs (the daily reminder run) unless already enqueued."

    def handle(self, *args, **options) -> None:
        recover_stale_tasks()  # tasks of workers that died run again (lib/task_leases.py)
        enqueued = schedule_tasks()
        if options["verbosity"]:
            self.stdout.write(
                "Enqueued: " + ", ".join(enqueued) if enqueued else "Nothing to enqueue today."
            )
