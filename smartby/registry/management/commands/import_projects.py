"""`smartby import-projects FILE.json [--partial] [--dry-run]`

Validates every record first. Without --partial nothing is imported when any record is invalid
(exit code 2, each error listed with record index and field). Idempotent on `id`.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from smartby.registry.operations import ImportResult, import_projects


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Importér projekter fra en JSON-fil i formatet smartby-projects/1."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="JSON-fil (- for stdin)")
        parser.add_argument(
            "--partial", action="store_true", help="Importér de gyldige poster og rapportér resten."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Valider og rapportér uden at gemme noget."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            text = self.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc}", returncode=2) from exc
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"Filen er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno}): {exc.msg}",
                returncode=2,
            ) from exc
        result = ImportResult()
        try:
            with transaction.atomic():
                result = import_projects(document, partial=options["partial"])
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            pass
        self.report(result, options)
        if result.errors and not (
            options["partial"] and (result.created or result.updated or result.unchanged)
        ):
            raise CommandError(
                f"{len(result.errors)} fejl – intet er importeret."
                if not options["partial"]
                else f"{len(result.errors)} fejl – ingen gyldige poster at importere.",
                returncode=2,
            )

    def report(self, result: ImportResult, options: dict[str, Any]) -> None:
        for e in result.errors:
            where = []
            if e.get("index") is not None:
                where.append(f"post {e['index']}")
            if e.get("id"):
                where.append(f"id {e['id']}")
            if e.get("field"):
                where.append(f"felt {e['field']}")
            self.stderr.write(f"{', '.join(where) or 'fil'}: {e['message']}")
        prefix = "Tørkørsel: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{result.created} oprettet, {result.updated} opdateret, "
            f"{result.unchanged} uændret, {result.organisations_created} nye organisationer, "
            f"{len(result.errors)} fejl."
        )
