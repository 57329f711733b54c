"""`smartby import-population FILE.csv`: set the municipalities' population figures."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from smartby.geo.population import apply_population, parse_population_csv

INPUT_ERROR = 2
_DB_ERROR = gettext_lazy("Databasen kan ikke bruges (er `smartby migrate` kørt?): %(error)s")


class Command(BaseCommand):
    help = (
        "Indlæs befolkningstal fra en CSV-fil med kolonnerne kode,befolkning,dato "
        "(dato som åååå-mm-dd eller dd-mm-åååå; skilletegn ; eller ,). Alle rækker kontrolleres "
        "først; er der fejl, indlæses intet."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="CSV-fil (UTF-8, med eller uden BOM).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollér kun filen; gem intet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise CommandError(
                _("Filen %(path)s findes ikke.") % {"path": path}, returncode=INPUT_ERROR
            ) from None
        except OSError as e:
            raise CommandError(
                _("Filen %(path)s kan ikke læses: %(error)s") % {"path": path, "error": e.strerror},
                returncode=INPUT_ERROR,
            ) from None
        except UnicodeDecodeError:
            raise CommandError(
                _("Filen %(path)s er ikke UTF-8.") % {"path": path}, returncode=INPUT_ERROR
            ) from None

        try:
            rows, errors = parse_population_csv(text)
        except DatabaseError as e:
            raise CommandError(_DB_ERROR % {"error": e}) from None
        if errors:
            raise CommandError(
                "\n".join(
                    [
                        _("%(count)d fejl i %(path)s; intet er indlæst:")
                        % {"count": len(errors), "path": path},
                        *(str(e) for e in errors),
                    ]
                ),
                returncode=INPUT_ERROR,
            )
        if options["dry_run"]:
            self.stdout.write(
                _("%(count)d rækker er i orden; intet er gemt (--dry-run).") % {"count": len(rows)}
            )
            return
        try:
            result = apply_population(rows, source="cli")
        except DatabaseError as e:
            raise CommandError(_DB_ERROR % {"error": e}) from None
        self.stdout.write(
            ngettext(
                "Befolkningstal opdateret for %(updated)d kommune (%(changed)d ændret).",
                "Befolkningstal opdateret for %(updated)d kommuner (%(changed)d ændret).",
                result.updated,
            )
            % {"updated": result.updated, "changed": result.changed}
        )
