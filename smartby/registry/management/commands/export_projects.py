"""`smartby export-projects [--output FILE] [--include-private-contacts] [filters]`

Writes the `smartby-projects/1` document, streaming project by project so 100,000 projects do
not sit in memory at once.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.interchange import (
    FORMAT,
    iter_records,
    organisation_record,
    referenced_organisations,
)


class Command(BaseCommand):
    help = "Eksportér projekter i formatet smartby-projects/1 (JSON)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", "-o", help="Fil at skrive til (standard: stdout).")
        parser.add_argument(
            "--include-private-contacts",
            action="store_true",
            help="Medtag e-mail og telefon for kontaktpersoner uden samtykke (fuld backup).",
        )
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="Samme filtre som listen, fx --filter area=forsyning --filter status=drift.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        query = QueryDict(mutable=True)
        for item in options["filter"]:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"Filteret skal skrives som KEY=VALUE: {item!r}")
            query.appendlist(key, value)
        f = ProjectFilters.from_query(query)
        if f.errors:
            raise CommandError("; ".join(f.errors.values()))
        qs = filtered_projects(f).order_by("id")
        out_path = options["output"]
        if out_path:
            tmp = Path(out_path).with_suffix(".tmp")
            with tmp.open("w", encoding="utf-8") as out:
                n = write_document(out, qs, options["include_private_contacts"])
            tmp.replace(out_path)
            self.stderr.write(f"{n} projekter skrevet til {out_path}")
        else:
            write_document(sys.stdout, qs, options["include_private_contacts"])


def write_document(out: Any, qs: Any, include_private: bool) -> int:
    orgs = [organisation_record(o) for o in referenced_organisations(qs).order_by("name")]
    out.write(f'{{"format": {json.dumps(FORMAT)},\n "organisations": ')
    out.write(json.dumps(orgs, ensure_ascii=False))
    out.write(',\n "projects": [')
    n = 0
    for record in iter_records(qs, include_private_contacts=include_private):
        out.write(",\n  " if n else "\n  ")
        out.write(json.dumps(record, ensure_ascii=False))
        n += 1
    out.write("\n ]}\n")
    return n
