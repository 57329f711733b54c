"""`smartby send-reminders`: run the reminder job now, in this process (no worker needed)."""

from django.core.management.base import BaseCommand

from smartby.reminders.operations import run_reminders, send_due


class Command(BaseCommand):
    help = "Plan today's freshness reminders and send everything that is due."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--send-only", action="store_true", help="only deliver pending reminders (retries)"
        )

    def handle(self, *args, send_only: bool, **options) -> None:
        result = send_due() if send_only else run_reminders()
        if options["verbosity"]:
            self.stdout.write(
                f"Planned {result.reminders_planned} reminder(s) and "
                f"{result.escalations_planned} escalation(s); sent {result.emails} email(s) "
                f"covering {result.sent} reminder(s); {result.retrying} to retry, "
                f"{result.failed} failed, {result.cancelled} cancelled."
            )
