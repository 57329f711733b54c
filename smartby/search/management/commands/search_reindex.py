"""`smartby search-reindex [--stale]`: rebuild the search index (with the corpus words of the
current lexicon), or with --stale index only what is missing or changed since it was indexed."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from smartby.search.index import reindex_all, reindex_stale, vacuum


class Command(BaseCommand):
    help = "Byg søgeindekset om (eller kun det forældede med --stale)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--stale", action="store_true", help="kun manglende og ændrede")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["stale"]:
            projects, organisations = reindex_stale()
        else:
            projects, organisations = reindex_all()
            vacuum()
        self.stdout.write(
            f"Indekseret: {projects} projekter og {organisations} organisationer "
            f"på {time.monotonic() - started:.1f} s."
        )
