"""`smartby allocate-costs`: allocate a budget among members (equal part + population part) and
print the result as JSON, CSV or a table. Bad input: the errors in Danish on stderr, exit 2."""

import json
import re
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from smartby.costs import allocation, exports, inputs

INPUT_ERROR = 2
FORMATS = ("json", "csv", "table")
_INDEX = re.compile(r"^(contributions|members)\[(\d+)\]")


class Command(BaseCommand):
    help = (
        "Fordel et budget mellem medlemmer: en procentdel ligeligt, resten efter indbyggertal, "
        "i hele kroner, der summer præcist (største-rest-metoden). Medlemsfilen er CSV med "
        "kolonnerne navn,befolkning eller kode (befolkningstal fra registrets kommuner)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--budget", help="Årligt budget i hele kroner.")
        parser.add_argument(
            "--contribution",
            action="append",
            default=[],
            metavar="NAVN=BELØB",
            help='Fast eksternt bidrag, fx "Region Midtjylland=500000" (kan gentages).',
        )
        parser.add_argument(
            "--equal-percent", help="Procent af beløbet til fordeling, der deles ligeligt (0-100)."
        )
        parser.add_argument("--members", type=Path, metavar="FIL.csv", help="Medlemsfilen.")
        parser.add_argument("--format", default="table", help="json, csv eller table (standard).")

    def execute(self, *args: Any, **options: Any) -> Any:
        # From the shell: the Danish message alone (Django would prefix "CommandError:").
        try:
            return super().execute(*args, **options)
        except CommandError as e:
            if not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(str(e))
            sys.exit(e.returncode)

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        fmt = options["format"]
        if fmt not in FORMATS:
            problems.append(
                _("--format skal være json, csv eller table (ikke „%(value)s“).") % {"value": fmt}
            )
        for flag, key in (("--budget", "budget"), ("--equal-percent", "equal_percent")):
            if options[key] in (None, ""):
                problems.append(_("%(flag)s mangler.") % {"flag": flag})
        path: Path | None = options["members"]
        if path is None:
            problems.append(_("--members mangler (en CSV-fil med navn,befolkning eller kode)."))
        if problems:
            self._fail(problems)

        budget = inputs.parse_kroner(options["budget"])
        if budget is None:
            problems.append(
                _("--budget: „%(value)s“ er ikke et helt antal kroner.")
                % {"value": options["budget"]}
            )
        contributions = inputs.parse_contribution_lines(options["contribution"])
        members = self._members(path)  # type: ignore[arg-type]
        errors = contributions.errors + members.errors
        for error in allocation.validate(
            0 if budget is None else budget,
            contributions.pairs,
            options["equal_percent"],
            members.pairs,
        ):
            if budget is None and error["field"] in ("budget", "contributions"):
                continue  # already reported: the budget is not a number
            if error["field"] == "members" and members.errors:
                continue  # the file's own error says why there are no members
            errors.append(error)
        problems += [self._describe(e, path, members.rows) for e in errors]  # type: ignore[arg-type]
        if problems:
            self._fail(problems)

        result = allocation.allocate(
            budget,  # type: ignore[arg-type]
            contributions.pairs,
            options["equal_percent"],
            members.pairs,
        )
        if fmt == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        elif fmt == "csv":
            self.stdout.write(exports.allocation_csv(result).decode("utf-8-sig"), ending="")
        else:
            self.stdout.write(exports.allocation_table(result), ending="")

    def _members(self, path: Path) -> inputs.Parsed:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            self._fail([_("Filen %(path)s findes ikke.") % {"path": path}])
        except OSError as e:
            self._fail(
                [
                    _("Filen %(path)s kan ikke læses: %(error)s")
                    % {"path": path, "error": e.strerror}
                ]
            )
        except UnicodeDecodeError:
            self._fail([_("Filen %(path)s er ikke UTF-8.") % {"path": path}])
        try:
            return inputs.parse_members_csv(text)
        except DatabaseError as e:
            raise CommandError(
                _("Databasen kan ikke bruges (er `smartby migrate` kørt?): %(error)s")
                % {"error": e}
            ) from None

    def _describe(self, error: dict[str, str], path: Path, rows: list[int]) -> str:
        """Where the error is, in the user's terms: the flag, or the file and its row."""
        match = _INDEX.match(error["field"])
        if match and match[1] == "members":
            i = int(match[2])
            row = rows[i] if i < len(rows) else i + 2
            where = _("%(path)s, række %(row)d") % {"path": path, "row": row}
        elif match:
            where = _("--contribution nr. %(n)d") % {"n": int(match[2]) + 1}
        else:
            where = {
                "budget": "--budget",
                "equal_percent": "--equal-percent",
                "contributions": "--contribution",
                "members": str(path),
            }.get(error["field"], error["field"])
        return f"{where}: {error['message']}"

    def _fail(self, problems: list[str]) -> None:
        raise CommandError(
            "\n".join([_("Der er fejl i input; intet er beregnet:"), *problems]),
            returncode=INPUT_ERROR,
        )
