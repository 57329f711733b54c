"""`smartby survey-results ROUND --format json|csv`

Prints the full results of a round (nothing suppressed: for the coordinator's own analysis) —
`{"round", "respondents", "questions": [{"key", "n", "options" | "items" | "stats", "groups"}]}`
(see `surveys/analysis.py`), or with `--format csv` every figure in long format (as the public
CSV export, but unsuppressed). The baseline round prints its published figures.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from smartby.surveys import exports, reports
from smartby.surveys.models import Round


class Command(BaseCommand):
    help = "Skriv en rundes resultater (alle tal, intet skjult) som JSON eller CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("round", help="Rundens nøgle")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = Round.objects.select_related("version").filter(key=options["round"]).first()
        if round_ is None:
            raise CommandError(f"Ukendt runde: {options['round']}", returncode=2)
        report = reports.round_report(round_, public=False)
        if options["format"] == "csv":
            self.stdout.write(exports.results_csv(report).removeprefix(exports.BOM), ending="")
            return
        doc = reports.public_document(report)
        self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
