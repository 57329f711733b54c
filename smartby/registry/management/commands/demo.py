"""`smartby demo --projects N --seed S [--if-empty]`

Generates realistic Danish demo content (see smartby/registry/demo.py). The same seed gives the
same projects on the same day. `--if-empty` does nothing when any project exists, so `make run`
can call it every time.
"""

import time
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from smartby.registry.demo import BATCH_SIZE, DemoError, generate
from smartby.registry.models import Project

PROGRESS_EVERY = 10_000
# Apps whose demo content (`<app>.demo.load(seed=...)`) follows the projects, in this order:
# later ones link to earlier ones (use cases to solutions, solutions to projects).
KNOWLEDGE_APPS = [
    "catalogue",
    "radar",
    "cases",
    "procurement",
    "guides",
    "kits",
    "surveys",
    "portfolio",
    "priorities",
    "climate",
    "costs",
]


class Command(BaseCommand):
    help = "Opret realistisk dansk demoindhold: projekter med partnere, kontakter, kort m.m."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--projects", type=int, default=600, help="Antal projekter (standard 600)."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Samme seed giver samme indhold (standard 2026)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Gør ingenting, hvis der allerede findes projekter.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Projekter pr. transaktion."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["projects"]
        if count < 0:
            raise CommandError("--projects skal være 0 eller mere.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size skal være mindst 1.")
        if options["if_empty"] and Project.objects.exists():
            self.stdout.write("Der findes allerede projekter – demoindhold oprettes ikke.")
            return
        started = time.monotonic()
        last_reported = 0

        def progress(done: int, total: int) -> None:
            nonlocal last_reported
            if done // PROGRESS_EVERY > last_reported // PROGRESS_EVERY or done == total:
                self.stderr.write(
                    f"{done:,}/{total:,} projekter ({time.monotonic() - started:.0f} s)".replace(
                        ",", "."
                    )
                )
                last_reported = done

        try:
            created = generate(
                count, options["seed"], batch_size=options["batch_size"], progress=progress
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        for app in KNOWLEDGE_APPS:
            import_module(f"smartby.{app}.demo").load(seed=options["seed"])
        self.stdout.write(
            f"{created} demoprojekter oprettet med seed {options['seed']} "
            f"på {time.monotonic() - started:.1f} s."
        )
