"""`smartby prune-contacts [--days N]`: remove personal data from old "Kontakt" messages.

Run it daily (cron or a systemd timer). Messages older than N days (default
CONTACT_RETENTION_DAYS, 90) lose the sender's name, address, account link and text; the
organisations, municipalities, topic and project stay for the effect dashboard.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartby.network.operations import prune_contacts


class Command(BaseCommand):
    help = "Fjern navn, e-mail og besked fra kontakthenvendelser ældre end --days dage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CONTACT_RETENTION_DAYS,
            help="Opbevaringstid i dage (standard: CONTACT_RETENTION_DAYS).",
        )

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 0:
            raise CommandError("--days skal være 0 eller mere.")
        cleared, counters = prune_contacts(days)
        self.stdout.write(
            f"Personoplysninger fjernet fra {cleared} kontakthenvendelse(r) ældre end {days} "
            f"dage; {counters} udløbne tællere slettet."
        )
