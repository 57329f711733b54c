"""`smartby build-boundaries SOURCE.geojson`: rebuild the shipped municipality boundaries."""

import time
from argparse import ArgumentParser
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from smartby.geo import boundaries
from smartby.geo.reference import BOUNDARIES_GEOJSON, read_municipalities


class Command(BaseCommand):
    help = (
        "Byg kommunegrænserne (smartby/geo/data/boundaries.geojson) ud fra DAGI 1:500 000 eller "
        "Dataforsyningens kommune-GeoJSON: saml, forenkl med fælles grænser bevaret, og "
        "opdatér databasen."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", type=Path, help="GeoJSON-fil med kommunegrænser (WGS84).")
        parser.add_argument(
            "--output",
            type=Path,
            default=BOUNDARIES_GEOJSON,
            help="Hvor resultatet skrives (standard: %(default)s).",
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=boundaries.DEFAULT_TOLERANCE_M,
            help="Forenklingstolerance i meter (Visvalingam-Whyatt; standard: %(default)s).",
        )
        parser.add_argument(
            "--attribution",
            default=None,
            help="Kildeangivelse i filen (standard: udledt af kildens format).",
        )
        parser.add_argument(
            "--max-size",
            type=int,
            default=boundaries.MAX_OUTPUT_BYTES,
            help="Største tilladte filstørrelse i byte (standard: %(default)s).",
        )
        parser.add_argument(
            "--no-db", action="store_true", help="Skriv kun filen; rør ikke databasen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        source: Path = options["source"]
        output: Path = options["output"]
        known = {row["kode"]: row["navn"] for row in read_municipalities()}
        try:
            data = boundaries.read_source(source)
            result = boundaries.build_boundaries(
                data,
                known,
                tolerance_m=options["tolerance"],
                attribution=options["attribution"],
            )
        except boundaries.BoundaryError as e:
            raise CommandError(str(e)) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))

        text = boundaries.to_geojson_text(result)
        size = len(text.encode("utf-8"))
        if size > options["max_size"]:
            raise CommandError(
                _(
                    "Resultatet fylder %(size)d byte, mere end grænsen på %(max)d byte; "
                    "brug en større --tolerance (nu %(tolerance)g m)."
                )
                % {"size": size, "max": options["max_size"], "tolerance": result.tolerance_m}
            )

        db_counts: tuple[int, int] | None = None
        try:
            with nullcontext() if options["no_db"] else transaction.atomic():
                if not options["no_db"]:
                    db_counts = boundaries.update_municipality_geometries(result)
                # Written last inside the transaction: if writing fails, the database rolls back.
                boundaries.write_atomic(output, text)
        except DatabaseError as e:
            raise CommandError(
                _("Databasen kunne ikke opdateres (er `smartby migrate` kørt?): %(error)s")
                % {"error": e}
            ) from None
        except OSError as e:
            raise CommandError(
                _("Kunne ikke skrive %(path)s: %(error)s") % {"path": output, "error": e}
            ) from None

        counts = sorted(result.vertex_counts().values())
        self.stdout.write(
            _(
                "%(count)d kommuner fra %(features)d objekter (%(kind)s) skrevet til %(path)s: "
                "%(kb).1f KB."
            )
            % {
                "count": len(result.boundaries),
                "features": result.input_features,
                "kind": result.source_kind,
                "path": output,
                "kb": size / 1000,
            }
        )
        self.stdout.write(
            _(
                "Punkter: %(input)d før, %(output)d efter forenkling med %(tolerance)g m "
                "(pr. kommune %(min)d-%(max)d)."
            )
            % {
                "input": result.input_vertices,
                "output": result.output_vertices,
                "tolerance": result.tolerance_m,
                "min": counts[0],
                "max": counts[-1],
            }
        )
        self.stdout.write(_("Kildeangivelse: %(text)s") % {"text": result.attribution})
        if db_counts is None:
            self.stdout.write(_("Databasen er ikke rørt (--no-db)."))
        else:
            found, changed = db_counts
            self.stdout.write(
                _("Databasen: %(found)d kommuner, %(changed)d grænser ændret.")
                % {"found": found, "changed": changed}
            )
            if found < len(result.boundaries):
                self.stderr.write(
                    self.style.WARNING(
                        _(
                            "Kun %(found)d af %(count)d kommuner findes i databasen "
                            "(er `smartby migrate` kørt?)."
                        )
                        % {"found": found, "count": len(result.boundaries)}
                    )
                )
        self.stdout.write(_("Tid: %(seconds).1f s.") % {"seconds": time.monotonic() - started})
