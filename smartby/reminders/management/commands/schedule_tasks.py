"""`smartby schedule-tasks`: enqueue today's periodic jobs unless already enqueued."""

from django.core.management.base import BaseCommand

from smartby.reminders.scheduling import schedule_tasks


class Command(BaseCommand):
    help = "Enqueue today's periodic jobs (the daily reminder run) unless already enqueued."

    def handle(self, *args, **options) -> None:
        enqueued = schedule_tasks()
        if options["verbosity"]:
            self.stdout.write(
                "Enqueued: " + ", ".join(enqueued) if enqueued else "Nothing to enqueue today."
            )
