"""`smartby backup DIR [--force]`: pg_dump of the database, the media files and a manifest.

See smartby/lib/backup.py and the README section "Backups". Progress goes to stderr; the
summary to stdout.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartby.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Tag en backup af databasen (pg_dump) og mediefilerne i mappen DIR, med manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--force", action="store_true", help="Skriv også i en mappe der ikke er tom."
        )

    def handle(self, *args: Any, directory: Path, force: bool, **options: Any) -> None:
        try:
            manifest = backup(directory, force=force, progress=self.stderr.write)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=exc.exit_code) from exc
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            f"Backup skrevet til {directory}: {len(manifest['tables'])} tabeller, "
            f"{sum(manifest['tables'].values())} rækker, {manifest['media_files']} mediefiler, "
            f"{size / 1e6:.1f} MB."
        )
