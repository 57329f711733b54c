"""Reference data shipped with the project: regions, municipalities and their boundaries.

Loaded by the data migration (so `smartby migrate` alone leaves it in place) and refreshed by
`smartby build-boundaries` and `smartby import-population`.
"""

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
BOUNDARIES_GEOJSON = DATA_DIR / "boundaries.geojson"
BOUNDARIES_ATTRIBUTION = "Kommunegrænser: Geodatastyrelsen, DAGI 1:500 000 (2014)"


def read_regions() -> list[dict[str, str]]:
    with REGIONS_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_municipalities() -> list[dict[str, str]]:
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_boundaries(path: Path = BOUNDARIES_GEOJSON) -> dict[str, str]:
    """Municipality code -> compact GeoJSON geometry text. Empty when no file is shipped."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["kode"]: json.dumps(f["geometry"], separators=(",", ":"))
        for f in data["features"]
    }


def load_reference_data(region_model: Any, municipality_model: Any) -> None:
    """Create or update regions and municipalities (works with historical migration models)."""
    from smartby.lib.text import danish_slugify

    regions = {}
    for row in read_regions():
        regions[row["kode"]], _ = region_model.objects.update_or_create(
            code=row["kode"],
            defaults={
                "iso_code": row["iso"],
                "name": row["navn"],
                "slug": danish_slugify(row["navn"]),
            },
        )
    boundaries = read_boundaries()
    for row in read_municipalities():
        defaults = {
            "name": row["navn"],
            "slug": danish_slugify(row["navn"]),
            "region": regions[row["region"]],
            "kind": row["type"],
            "population": int(row["befolkning"]) if row["befolkning"] else None,
            "population_date": dt.date.fromisoformat(row["dato"]) if row["dato"] else None,
        }
        if row["kode"] in boundaries:
            defaults["geometry"] = boundaries[row["kode"]]
        municipality_model.objects.update_or_create(code=row["kode"], defaults=defaults)
