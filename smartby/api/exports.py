"""Streamed exports of projects: CSV, XLSX and GeoJSON. Rows are read in chunks with a
constant number of queries per chunk, so 100,000 projects never sit in memory at once."""

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook

from smartby.registry.interchange import iter_records
from smartby.registry.models import Project

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


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_chunks(qs: QuerySet[Project], site_url: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # BOM, so spreadsheet programs read UTF-8
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for i, record in enumerate(iter_records(qs), start=1):
        writer.writerow([safe_cell(v) for v in flat_row(record, site_url)])
        if i % 500 == 0:
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
    for record in iter_records(qs):
        sheet.append([safe_cell(v) for v in flat_row(record, site_url)])
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
    for chunk in chunks:
        yield chunk.encode("utf-8")
