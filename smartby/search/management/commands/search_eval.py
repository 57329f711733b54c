"""`smartby search-eval FILE [--projects P] [--baseline] [--per-query] [--json]`

Prints nDCG@10, recall@10 and MRR of the API ranking for the judged queries in FILE (default
fixture: smartby/search/eval/queries.json). The judged projects (`--projects`, by default
projects.json beside FILE) are imported inside a transaction that is rolled back afterwards, so
the command leaves the database as it was; on a database with other projects the figures also
reflect those.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from smartby.registry.models import Project
from smartby.registry.operations import import_projects
from smartby.search import evaluation
from smartby.search.index import reindex_all


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Mål søgningens kvalitet (nDCG@10, recall@10, MRR) på bedømte forespørgsler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?", default=str(evaluation.EVAL_DIR / "queries.json"))
        parser.add_argument(
            "--projects",
            help="Projekter i smartby-projects/1 (standard: projects.json ved siden af)",
        )
        parser.add_argument(
            "--baseline", action="store_true", help="Mål også ren PostgreSQL danish-søgning"
        )
        parser.add_argument("--per-query", action="store_true", help="Vis hver forespørgsel")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} findes ikke.")
        try:
            queries = evaluation.load_queries(path)
        except (ValueError, KeyError, TypeError) as exc:
            raise CommandError(f"Filen {path} kan ikke læses: {exc}") from exc
        projects = (
            Path(options["projects"]) if options["projects"] else path.with_name("projects.json")
        )
        if options["baseline"] and connection.vendor != "postgresql":
            raise CommandError("--baseline kræver PostgreSQL.")
        reports: dict[str, evaluation.Report] = {}
        try:
            with transaction.atomic():
                if projects.is_file():
                    others = Project.objects.count()
                    result = import_projects(json.loads(projects.read_text(encoding="utf-8")))
                    if result.errors:
                        raise CommandError(f"Projekterne kan ikke indlæses: {result.errors[:3]}")
                    reindex_all()  # as the weekly rebuild would: corpus words in effect
                    if others:
                        self.stderr.write(
                            f"Bemærk: databasen har {others} andre projekter; de indgår i rangeringen."
                        )
                reports["api"] = evaluation.evaluate(queries, evaluation.api_ranking)
                if options["baseline"]:
                    reports["baseline"] = evaluation.evaluate(queries, evaluation.baseline_ranking)
                raise _Rollback
        except _Rollback:
            pass
        if options["json"]:
            self.stdout.write(json.dumps({k: r.as_dict() for k, r in reports.items()}, indent=2))
            return
        for name, report in reports.items():
            self._print(name, report, per_query=options["per_query"])

    def _print(self, name: str, report: evaluation.Report, *, per_query: bool) -> None:
        self.stdout.write(f"== {name}: {len(report.results)} forespørgsler")
        self.stdout.write(f"{'slags':<14}{'antal':>6}{'nDCG@10':>10}{'recall@10':>11}{'MRR':>8}")
        for kind in [None, *report.kinds()]:
            n = sum(1 for r in report.results if kind in (None, r.judged.kind))
            self.stdout.write(
                f"{kind or 'alle':<14}{n:>6}{report.mean('ndcg', kind):>10.3f}"
                f"{report.mean('recall', kind):>11.3f}{report.mean('rr', kind):>8.3f}"
            )
        if per_query:
            for r in sorted(report.results, key=lambda r: r.ndcg):
                self.stdout.write(f"{r.ndcg:6.3f} {r.judged.id} [{r.judged.kind}] {r.judged.query}")
