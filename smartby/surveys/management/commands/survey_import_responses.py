"""`smartby survey-import-responses ROUND FILE.csv [--allow-closed]`

Columns `kommune_kode,spoergsmaal,svar` (a header line; `;` works too). A matrix or Likert answer
is one row per item with `spoergsmaal` = QUESTION.ITEM; a multiple-choice answer one row per
choice. Everything is validated first; on any error nothing is imported, the errors are listed by
line number and the exit code is 2. Otherwise each municipality's response is created or replaced
as submitted and a summary is printed.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from smartby.lib.errors import ValidationFailed
from smartby.surveys.models import Round
from smartby.surveys.operations import import_responses


class Command(BaseCommand):
    help = "Importér besvarelser til en runde fra en CSV-fil (alt eller intet)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("round", help="Rundens nøgle")
        parser.add_argument("file", help="CSV-fil med kommune_kode,spoergsmaal,svar (- for stdin)")
        parser.add_argument(
            "--allow-closed", action="store_true", help="Importér også til en lukket runde."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = Round.objects.select_related("version").filter(key=options["round"]).first()
        if round_ is None:
            raise CommandError(f"Ukendt runde: {options['round']}", returncode=2)
        path = options["file"]
        try:
            text = self.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc}", returncode=2) from exc
        try:
            result = import_responses(
                None, round_, text, allow_closed=options["allow_closed"], source="cli"
            )
        except ValidationFailed as exc:
            for error in exc.errors:
                where = f"Linje {error['line']}: " if error.get("line") else ""
                self.stderr.write(f"{where}{error['message']}")
            raise CommandError(
                f"{len(exc.errors)} fejl – intet er importeret.", returncode=2
            ) from exc
        self.stdout.write(
            f"{result.created + result.replaced} besvarelser importeret til {round_.key} "
            f"({result.created} nye, {result.replaced} erstattet)."
        )
