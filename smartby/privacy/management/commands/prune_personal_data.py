"""`smartby prune-personal-data [--dry-run]`: apply the retention rules (privacy/retention.py)
and print how many records each rule removed or cleared. The scheduler runs it daily."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from smartby.privacy import retention


class Command(BaseCommand):
    help = "Slet eller ryd personoplysninger, der er ældre end opbevaringsreglerne tillader."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis kun antallet; ændr ingenting."
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        result = retention.prune(dry_run=dry_run)
        verb = "ville blive ryddet" if dry_run else "ryddet"
        for rule in retention.RULES:
            self.stdout.write(f"{rule.key}: {result[rule.key]} {verb} ({rule.description})")
