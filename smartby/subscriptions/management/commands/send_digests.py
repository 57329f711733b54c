"""`smartby send-digests [--dry-run]`: send this week's digest to every subscriber with new or
updated projects. Safe to run again: a subscriber gets at most one digest per week."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from smartby.subscriptions.digests import send_digests


class Command(BaseCommand):
    help = "Send ugens nyhedsbrev med nye og opdaterede projekter til abonnenterne."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vis hvem der ville få et nyhedsbrev og med hvor mange projekter; send intet.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        log = self.stdout.write if dry_run or options["verbosity"] > 1 else None
        run = send_digests(dry_run=dry_run, log=log)
        week = f"{run.period:%G-W%V}"
        if dry_run:
            self.stdout.write(
                f"Prøvekørsel for uge {week}: {len(run.planned)} nyhedsbrev(e) ville blive sendt, "
                f"{run.nothing_new} abonnent(er) har intet nyt, "
                f"{run.already_sent} har allerede fået ugens nyhedsbrev. Intet er sendt."
            )
            return
        self.stdout.write(
            f"Nyhedsbreve for uge {week}: {run.sent} sendt, {run.nothing_new} uden nyt, "
            f"{run.already_sent} allerede sendt, {run.failed} fejlet."
        )
        if run.failed:
            self.stderr.write(
                f"{run.failed} nyhedsbrev(e) kunne ikke sendes; næste kørsel prøver igen."
            )
