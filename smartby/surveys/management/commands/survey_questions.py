"""`smartby survey-questions ROUND --format json`

Prints the questions of the round's survey version as JSON (`versions.question_specs`): key,
section, text, type, required, options, items (matrix and likert only) and condition.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from smartby.surveys.models import Round
from smartby.surveys.versions import question_specs


class Command(BaseCommand):
    help = "Skriv en rundes spørgsmål som JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("round", help="Rundens nøgle")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = Round.objects.select_related("version").filter(key=options["round"]).first()
        if round_ is None:
            raise CommandError(f"Ukendt runde: {options['round']}", returncode=2)
        self.stdout.write(json.dumps(question_specs(round_.version), ensure_ascii=False, indent=2))
