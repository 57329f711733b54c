"""`smartby restore DIR [--force] [--media-root PATH]`: restore a backup made by `smartby backup`.

Checks every file against the manifest first (exit status 2 on a mismatch), refuses a database
that already has tables unless --force, restores with pg_restore in one transaction, unpacks the
media files and compares the row count of every table with the manifest (exit status 1 on a
difference).
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartby.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = "Gendan en backup fra mappen DIR til den konfigurerede database og MEDIA_ROOT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Erstat tabellerne i en database der ikke er tom (pg_restore --clean --if-exists).",
        )
        parser.add_argument(
            "--media-root", default=None, help="Pak mediefilerne ud her i stedet for MEDIA_ROOT."
        )

    def handle(
        self, *args: Any, directory: Path, force: bool, media_root: str | None, **options: Any
    ) -> None:
        try:
            report = restore(
                directory, force=force, media_root=media_root, progress=self.stderr.write
            )
        except BackupError as exc:
            raise CommandError(str(exc), returncode=exc.exit_code) from exc
        if report.differences:
            lines = [
                f"  {table}: {expected} i backuppen, {'mangler' if now is None else now} nu"
                for table, (expected, now) in sorted(report.differences.items())
            ]
            raise CommandError(
                "Gendannet, men rækketallet afviger i "
                f"{len(report.differences)} tabel(ler):\n" + "\n".join(lines)
            )
        self.stdout.write(
            f"Gendannet fra {directory}: alle {report.tables} tabeller har samme rækketal som i "
            f"backuppen ({report.rows} rækker); {report.media_files} mediefiler."
        )
