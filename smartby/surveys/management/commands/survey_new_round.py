"""`smartby survey-new-round --template cedi-2014 --name NAME [--opens DATE --closes DATE]`

Creates a round of the template's newest version for all 98 municipalities and prints only the
new round's key. Dates are ISO (YYYY-MM-DD); by default the round opens today and closes after
four weeks.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from smartby.lib.errors import ValidationFailed
from smartby.surveys.models import Survey
from smartby.surveys.operations import create_round

DEFAULT_DAYS_OPEN = 28


class Command(BaseCommand):
    help = "Opret en ny runde af et spørgeskema og skriv rundens nøgle."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--template", required=True, help="Spørgeskemaets nøgle, fx cedi-2014")
        parser.add_argument("--name", required=True, help="Rundens navn")
        parser.add_argument("--opens", help="Åbningsdato (ÅÅÅÅ-MM-DD), standard i dag")
        parser.add_argument("--closes", help="Lukkedato (ÅÅÅÅ-MM-DD), standard om fire uger")

    def handle(self, *args: Any, **options: Any) -> None:
        survey = Survey.objects.filter(key=options["template"]).first()
        if survey is None:
            raise CommandError(f"Ukendt spørgeskema: {options['template']}", returncode=2)
        opens = options["opens"] or timezone.localdate().isoformat()
        closes = options["closes"]
        if closes is None:
            try:
                start = datetime.date.fromisoformat(opens)
            except ValueError as exc:
                raise CommandError(f"Ugyldig åbningsdato: {opens}", returncode=2) from exc
            closes = (start + datetime.timedelta(days=DEFAULT_DAYS_OPEN)).isoformat()
        data = {"name": options["name"], "opens_on": opens, "closes_on": closes}
        try:
            round_ = create_round(None, survey, data, source="cli")
        except ValidationFailed as exc:
            for error in exc.errors:
                field = f"{error['field']}: " if error.get("field") else ""
                self.stderr.write(f"{field}{error['message']}")
            raise CommandError("Runden er ikke oprettet.", returncode=2) from exc
        self.stdout.write(round_.key)
