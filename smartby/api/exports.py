"""Streamed exports of projects: CSV, XLSX and GeoJSON. Rows are read in chunks from a
server-side cursor, so 100,000 projects never sit in memory at once.

CSV and XLSX rows come from one query on PostgreSQL (`flat_rows`): every list column is joined
in SQL by a correlated `STRING_AGG` subquery, so the export costs one query and a few
microseconds of Python per project. Elsewhere (the SQLite demo) they are built from the
interchange records (`flat_row(record)`, also the reference the fast path is tested against).
"""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from typing import Any

from django.db import connections, transaction
from django.db.models import (
    Case,
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.aggregates import StringAgg
from django.db.models.functions import Cast, Collate, Concat, NullIf
from openpyxl import Workbook

from smartby.lib.spreadsheet import FORMULA_START, safe_cell
from smartby.registry.interchange import iter_records
from smartby.registry.models import (
    Benefit,
    Contact,
    Funding,
    Link,
    LinkKind,
    Location,
    Partner,
    Project,
)

CSV_COLUMNS = [
    ("id", "id"),
    ("titel", "title"),
    ("resume", "summary"),
    ("kommuner", "municipalities"),
    ("ledende_organisation", "lead_organisation"),
    ("omraade", "area"),
    ("teknologier", "technologies"),
    ("status", "status"),
    ("startdato", "start_date"),
    ("slutdato", "end_date"),
    ("budget_kr", "budget_dkk"),
    ("partnere", "partners"),
    ("finansiering", "funding"),
    ("gevinster", "benefits"),
    ("kontaktpersoner", "contacts"),
    ("links", "links"),
    ("standarder", "standards"),
    ("lat", "lat"),
    ("lon", "lon"),
    ("senest_bekraeftet", "last_verified"),
    ("opdateret", "updated_at"),
    ("url", "url"),
]


def flat_row(record: dict[str, Any], site_url: str) -> list[Any]:
    """One project as a flat row: lists joined with "; "."""
    location = record.get("location") or {}
    values = {
        **record,
        "municipalities": "; ".join(record["municipalities"]),
        "technologies": "; ".join(record["technologies"]),
        "partners": "; ".join(
            f"{p['organisation']} ({p['role']})" if p["role"] else p["organisation"]
            for p in record["partners"]
        ),
        "funding": "; ".join(
            " ".join(
                str(x) for x in (f["kind"], f["source"], f["amount_dkk"]) if x not in ("", None)
            )
            for f in record["funding"]
        ),
        "benefits": "; ".join(f"{b['kind']}: {b['description']}" for b in record["benefits"]),
        "contacts": "; ".join(
            " ".join(x for x in (c["name"], c.get("email") or "") if x) for c in record["contacts"]
        ),
        "links": "; ".join(link["url"] for link in record["links"] + record["datasets"]),
        "standards": "; ".join(record["standards"]),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "url": f"{site_url}/projekter/{record['slug']}/",
    }
    return ["" if values.get(key) is None else values[key] for _, key in CSV_COLUMNS]


# --- the CSV/XLSX rows in one query (PostgreSQL) ------------------------------------------

SEPARATOR = "; "
# Python sorts strings by code point; so does PostgreSQL's "C" collation (UTF-8 byte order), so
# the sorted lists come out in the same order whatever the database's default collation is.
BYTE_ORDER = "C"


class ConcatWS(Func):
    """PostgreSQL's concat_ws(separator, ...): the non-NULL arguments joined by the separator."""

    function = "CONCAT_WS"
    output_field = TextField()


def _joined(rows: QuerySet, expression: Any, *order_by: Any) -> Subquery:
    """`expression` over the outer project's `rows`, joined with "; " in `order_by` order
    (NULL when there are none)."""
    return Subquery(
        rows.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(joined=StringAgg(expression, Value(SEPARATOR), order_by=order_by))
        .values("joined"),
        output_field=TextField(),
    )


def _nonempty(field: str) -> NullIf:
    return NullIf(F(field), Value(""))


def _first_location(field: str) -> Subquery:
    return Subquery(
        Location.objects.filter(project=OuterRef("pk")).order_by("id").values(field)[:1]
    )


def _list_columns() -> dict[str, Subquery]:
    """The list columns of `flat_row`, each as one string built by the database, item for item
    as `flat_row` builds it from `project_to_record` (same items, same order)."""
    municipalities = Project.municipalities.through.objects.all()
    technologies = Project.technologies.through.objects.all()
    partner = Case(
        When(role="", then=F("organisation__name")),
        default=Concat(F("organisation__name"), Value(" ("), F("role"), Value(")")),
        output_field=TextField(),
    )
    return {
        "x_municipalities": _joined(
            municipalities,
            F("municipality__code"),
            Collate(F("municipality__code"), BYTE_ORDER),
        ),
        "x_technologies": _joined(
            technologies, F("technology__name"), Collate(F("technology__name"), BYTE_ORDER)
        ),
        "x_partners": _joined(Partner.objects.all(), partner, "id"),
        # kind, source and amount, the empty ones left out (concat_ws skips NULLs)
        "x_funding": _joined(
            Funding.objects.all(),
            ConcatWS(
                Value(" "),
                _nonempty("kind"),
                _nonempty("source"),
                Cast("amount_dkk", TextField()),
            ),
            "id",
        ),
        "x_benefits": _joined(
            Benefit.objects.all(), Concat(F("kind"), Value(": "), F("description")), "id"
        ),
        # GDPR: only contacts who consented to publication, and only their name and e-mail
        "x_contacts": _joined(
            Contact.objects.filter(public=True),
            ConcatWS(Value(" "), _nonempty("name"), _nonempty("email")),
            "id",
        ),
        # links first, then data sets, each in id order
        "x_links": _joined(
            Link.objects.filter(kind__in=(LinkKind.LINK, LinkKind.DATASET)),
            F("url"),
            Case(When(kind=LinkKind.DATASET, then=Value(1)), default=Value(0)),
            "id",
        ),
        "x_standards": _joined(Link.objects.filter(kind=LinkKind.STANDARD), F("title"), "id"),
        "x_lat": _first_location("lat"),
        "x_lon": _first_location("lon"),
    }


# The columns of CSV_COLUMNS as read by `flat_rows`, in order ("x_" ones are annotations).
ROW_FIELDS = (
    "uid",
    "title",
    "summary",
    "x_municipalities",
    "lead_organisation__name",
    "area__name",
    "x_technologies",
    "status",
    "start_date",
    "end_date",
    "budget_dkk",
    "x_partners",
    "x_funding",
    "x_benefits",
    "x_contacts",
    "x_links",
    "x_standards",
    "x_lat",
    "x_lon",
    "last_verified",
    "updated_at",
    "slug",
)


# Positions in ROW_FIELDS of the dates and times, written in ISO format like the records do.
ISO_COLUMNS = tuple(
    ROW_FIELDS.index(name) for name in ("start_date", "end_date", "last_verified", "updated_at")
)
# The export's settings for its transaction: JIT compilation costs about 0.6 s for this query
# and saves nothing; the related rows are read by index and are usually cached, which the
# default random_page_cost (4, for spinning disks) does not expect, so the planner would hash
# the whole municipality and organisation tables for every project instead of probing them.
EXPORT_SETTINGS = (
    "SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)"
)


def fast_export_supported(qs: QuerySet[Project]) -> bool:
    return connections[qs.db].vendor == "postgresql"


def flat_rows(qs: QuerySet[Project], site_url: str, chunk_size: int = 2000) -> Iterator[list]:
    """The projects of `qs` as CSV_COLUMNS rows, formulas neutralised (`safe_cell`): the same
    values as `flat_row(record)` for `iter_records(qs)`.

    On PostgreSQL this is one query, read through a server-side cursor `chunk_size` rows at a
    time inside a transaction (so the cursor streams instead of being materialised WITH HOLD);
    elsewhere (the SQLite demo) the rows are built from the interchange records."""
    if not fast_export_supported(qs):
        for record in iter_records(qs):
            yield [safe_cell(v) for v in flat_row(record, site_url)]
        return
    rows = qs.annotate(**_list_columns()).values_list(*ROW_FIELDS)
    prefix = f"{site_url}/projekter/"
    with transaction.atomic(using=qs.db):
        with connections[qs.db].cursor() as cursor:
            cursor.execute(EXPORT_SETTINGS)
        for values in rows.iterator(chunk_size=chunk_size):
            row = list(values)
            for i in ISO_COLUMNS:
                if row[i] is not None:
                    row[i] = row[i].isoformat()
            row[-1] = f"{prefix}{row[-1]}/"
            yield [
                ""
                if v is None
                else ("'" + v if v.__class__ is str and v[:1] in FORMULA_START else v)
                for v in row
            ]


def csv_chunks(qs: QuerySet[Project], site_url: str, rows_per_chunk: int = 500) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # BOM, so spreadsheet programs read UTF-8
    writer.writerow([name for name, _ in CSV_COLUMNS])
    # closing(): an interrupted download ends the rows' transaction at once
    with closing(flat_rows(qs, site_url)) as rows:
        for i, row in enumerate(rows, start=1):
            writer.writerow(row)
            if i % rows_per_chunk == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(qs: QuerySet[Project], site_url: str) -> tempfile.SpooledTemporaryFile:
    """The workbook is written row by row (openpyxl's write-only mode) into a temporary file
    that spills to disk above 10 MB; the response streams that file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Projekter")
    sheet.append([name for name, _ in CSV_COLUMNS])
    with closing(flat_rows(qs, site_url)) as rows:
        for row in rows:
            sheet.append(row)
    out = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115 - the response closes it
    workbook.save(out)
    out.seek(0)
    return out


def geojson_chunks(qs: QuerySet[Project], site_url: str) -> Iterator[str]:
    """Projects with a location as GeoJSON points (one feature per location)."""
    yield '{"type":"FeatureCollection","features":['
    first = True
    for record in iter_records(qs):
        props = {
            k: v for k, v in record.items() if k not in ("location", "locations", "description")
        }
        props["url"] = f"{site_url}/projekter/{record['slug']}/"
        for loc in record["locations"]:
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": {**props, "placering": loc["label"]},
            }
            yield ("" if first else ",") + json.dumps(
                feature, ensure_ascii=False, separators=(",", ":")
            )
            first = False
    yield "]}"


def encode(chunks: Iterable[str]) -> Iterator[bytes]:
    try:
        for chunk in chunks:
            yield chunk.encode("utf-8")
    finally:
        # An interrupted download closes the source now (ending its transaction), not whenever
        # the generator is collected.
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
