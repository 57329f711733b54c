"""Build the shipped municipality boundaries from an official GeoJSON source.

Two sources are understood, told apart feature by feature:

- DAGI 1:500 000 (Geodatastyrelsen, 2014), as in `shared/data/kommuner-dagi-500k.geojson`: several
  Polygon features per municipality, the 3-digit code in `lau_1`, 3D coordinates with a dummy z.
- Dataforsyningen's municipality API (`https://api.dataforsyningen.dk/kommuner?format=geojson`):
  one Polygon or MultiPolygon per municipality, the code in `kode` ("0101"), 2D coordinates.

The pipeline is: group the polygons per municipality, dissolve them, drop z, simplify the whole
coverage at once (`shapely.coverage_simplify`, so borders shared by neighbours stay shared: no gaps,
no overlaps), round coordinates and check the result. Simplification happens in a local metric
projection, so the tolerance is given in metres. The functions raise `BoundaryError` with a Danish
message on bad input; the `build-boundaries` command is a thin wrapper around them.
"""

import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from smartby.geo.reference import BOUNDARIES_ATTRIBUTION

MUNICIPALITY_COUNT = 98
# Codes that appear in the sources but are not municipalities: 411 Christiansø is administered by
# the state (Forsvarsministeriet), not by a municipality.
IGNORED_CODES = frozenset({"411"})
DEFAULT_TOLERANCE_M = 200.0
COORDINATE_DECIMALS = 5  # ~1 m at Danish latitudes
MAX_OUTPUT_BYTES = 400_000
MAX_LISTED_CODES = 20  # in error messages
DATAFORSYNINGEN_ATTRIBUTION = "Kommunegrænser: Klimadatastyrelsen, DAGI (Dataforsyningen)"

SOURCE_DAGI_500K = "dagi-500k"
SOURCE_DATAFORSYNINGEN = "dataforsyningen"
ATTRIBUTIONS = {
    SOURCE_DAGI_500K: BOUNDARIES_ATTRIBUTION,
    SOURCE_DATAFORSYNINGEN: DATAFORSYNINGEN_ATTRIBUTION,
}

# GeoJSON (RFC 7946) is always WGS84 longitude/latitude; older files may say so in a `crs` member.
WGS84_CRS_NAMES = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:6.6:4326",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326",
    }
)
# Generous longitude/latitude box around Denmark (Bornholm and Skagen included).
DENMARK_BOUNDS = (7.0, 54.0, 16.0, 58.5)

# A local equirectangular projection centred on Denmark: good enough to express the
# simplification tolerance in metres (it is undone exactly before rounding).
_EARTH_RADIUS_M = 6_371_008.8
_REFERENCE_LATITUDE = 56.0
_METRES_PER_DEGREE_LAT = _EARTH_RADIUS_M * math.pi / 180
_METRES_PER_DEGREE_LON = _METRES_PER_DEGREE_LAT * math.cos(math.radians(_REFERENCE_LATITUDE))


class BoundaryError(Exception):
    """Bad input or a result that fails the checks; the message is Danish and user-facing."""


@dataclass
class MunicipalityBoundary:
    code: str
    name: str
    geometry: MultiPolygon


@dataclass
class BoundaryResult:
    boundaries: list[MunicipalityBoundary]
    attribution: str
    source_kind: str
    tolerance_m: float
    input_features: int
    input_vertices: int
    output_vertices: int
    warnings: list[str] = field(default_factory=list)

    def vertex_counts(self) -> dict[str, int]:
        return {b.code: int(shapely.get_num_coordinates(b.geometry)) for b in self.boundaries}


def normalise_code(value: Any) -> str | None:
    """'0101', '101' and 101 -> '101'. None for anything that is not a whole number code."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    if not text.isdigit() or len(text) > 4:
        return None
    return f"{int(text):03d}"


def read_source(path: Path) -> dict[str, Any]:
    """Read and parse a GeoJSON FeatureCollection, with Danish errors for the usual mistakes."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BoundaryError(_("Filen %(path)s findes ikke.") % {"path": path}) from None
    except OSError as e:
        raise BoundaryError(
            _("Filen %(path)s kan ikke læses: %(error)s") % {"path": path, "error": e.strerror}
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        # ValueError: invalid JSON, or an integer of thousands of digits; RecursionError:
        # nesting deeper than Python's limit.
        raise BoundaryError(
            _("Filen %(path)s er ikke gyldig JSON: %(error)s") % {"path": path, "error": e}
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryError(
            _("Filen %(path)s er ikke en GeoJSON FeatureCollection.") % {"path": path}
        )
    if not isinstance(data.get("features"), list):
        raise BoundaryError(_("Filen %(path)s har ingen liste af features.") % {"path": path})
    return data


def check_crs(data: Mapping[str, Any]) -> None:
    """Accept no `crs` member (RFC 7946: WGS84) or one that names WGS84 longitude/latitude."""
    crs = data.get("crs")
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in WGS84_CRS_NAMES:
        raise BoundaryError(
            _(
                "Koordinatsystemet %(crs)s understøttes ikke; filen skal være i WGS84 "
                "længde/bredde (hent den fra Dataforsyningen med srid=4326)."
            )
            % {"crs": name or crs}
        )


def _feature_code(properties: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(normalised code, source kind) of a feature; (None, None) when it has no code property."""
    if "lau_1" in properties:
        return normalise_code(properties["lau_1"]), SOURCE_DAGI_500K
    if "kode" in properties:
        return normalise_code(properties["kode"]), SOURCE_DATAFORSYNINGEN
    return None, None


def group_polygons(
    data: Mapping[str, Any], known_codes: Mapping[str, str]
) -> tuple[dict[str, list[Polygon]], set[str]]:
    """Polygons per municipality code (2D), and the source kinds seen.

    Every problem is collected before raising, so one run shows all of them.
    """
    groups: dict[str, list[Polygon]] = defaultdict(list)
    kinds: set[str] = set()
    problems: list[str] = []
    unknown: set[str] = set()
    for number, feature in enumerate(data["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("Objekt nr. %(number)d er ikke en Feature.") % {"number": number})
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            properties = {}
        code, kind = _feature_code(properties)
        if kind is None:
            problems.append(
                _("Objekt nr. %(number)d mangler kommunekoden (egenskaben 'lau_1' eller 'kode').")
                % {"number": number}
            )
            continue
        if code is None:
            problems.append(
                _("Objekt nr. %(number)d har en ugyldig kommunekode: %(value)r.")
                % {"number": number, "value": properties.get("lau_1", properties.get("kode"))}
            )
            continue
        kinds.add(kind)
        if code in IGNORED_CODES:
            continue
        if code not in known_codes:
            unknown.add(code)
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            problems.append(
                _("Objekt nr. %(number)d (kommune %(code)s) har ingen polygon-geometri.")
                % {"number": number, "code": code}
            )
            continue
        try:
            geom = shapely.force_2d(shape(geometry))
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError):
            problems.append(
                _("Objekt nr. %(number)d (kommune %(code)s) har en ødelagt geometri.")
                % {"number": number, "code": code}
            )
            continue
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        groups[code].extend(
            p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty
        )
    if unknown:
        problems.append(
            _("Ukendte kommunekoder: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    if len(kinds) > 1:
        problems.append(_("Filen blander DAGI 1:500 000- og Dataforsyningen-egenskaber."))
    missing = sorted(set(known_codes) - set(groups))
    if missing and (groups or not problems):
        shown = ", ".join(missing[:MAX_LISTED_CODES]) + (
            " …" if len(missing) > MAX_LISTED_CODES else ""
        )
        problems.append(
            _(
                "Filen har grænser for %(found)d kommuner, men der skal være %(expected)d. "
                "Mangler: %(codes)s."
            )
            % {"found": len(groups), "expected": len(known_codes), "codes": shown}
        )
    if problems:
        raise BoundaryError("\n".join(problems))
    return dict(groups), kinds


def _to_metres(coords: np.ndarray) -> np.ndarray:
    return coords * (_METRES_PER_DEGREE_LON, _METRES_PER_DEGREE_LAT)


def _to_degrees(coords: np.ndarray) -> np.ndarray:
    return coords / (_METRES_PER_DEGREE_LON, _METRES_PER_DEGREE_LAT)


def _round(coords: np.ndarray) -> np.ndarray:
    return np.round(coords, COORDINATE_DECIMALS)


def _as_multipolygon(geom: shapely.Geometry) -> MultiPolygon:
    polygons = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(polygons)


def simplify_coverage(geoms: list[shapely.Geometry], tolerance_m: float) -> list[MultiPolygon]:
    """Simplify a polygon coverage (lon/lat) keeping shared borders identical, then round.

    Shared vertices go through the same arithmetic on both sides, so rounding keeps them shared.
    """
    projected = shapely.transform(np.asarray(geoms, dtype=object), _to_metres)
    simplified = shapely.coverage_simplify(projected, tolerance_m) if tolerance_m > 0 else projected
    back = shapely.transform(simplified, _to_degrees)
    rounded = shapely.remove_repeated_points(shapely.transform(back, _round))
    return [_as_multipolygon(g) for g in rounded]


def area_km2(geoms: list[shapely.Geometry]) -> float:
    """Approximate area in km² (local equirectangular projection)."""
    projected = shapely.transform(np.asarray(geoms, dtype=object), _to_metres)
    return float(shapely.area(projected).sum()) / 1e6


def build_boundaries(
    data: Mapping[str, Any],
    known_codes: Mapping[str, str],
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    attribution: str | None = None,
) -> BoundaryResult:
    """Dissolve, simplify and check the boundaries of every municipality in `known_codes`.

    `known_codes` maps code -> name (the project's own names are written to the output, so a
    2014 source still says "Aarhus", not "Århus").
    """
    if tolerance_m < 0 or not math.isfinite(tolerance_m):
        raise BoundaryError(_("Tolerancen skal være et ikke-negativt tal (meter)."))
    check_crs(data)
    groups, kinds = group_polygons(data, known_codes)
    codes = sorted(groups)
    dissolved = [shapely.union_all(groups[code]) for code in codes]

    xmin, ymin, xmax, ymax = shapely.total_bounds(dissolved)
    bx0, by0, bx1, by1 = DENMARK_BOUNDS
    if not (bx0 <= xmin and xmax <= bx1 and by0 <= ymin and ymax <= by1):
        raise BoundaryError(
            _(
                "Koordinaterne (%(bounds)s) ligger ikke i Danmark som længde/bredde i WGS84; "
                "er filen i et andet koordinatsystem?"
            )
            % {"bounds": f"{xmin:.2f}, {ymin:.2f}, {xmax:.2f}, {ymax:.2f}"}
        )

    warnings: list[str] = []
    source_is_coverage = bool(shapely.coverage_is_valid(np.asarray(dissolved, dtype=object)))
    if not source_is_coverage:
        warnings.append(
            _(
                "Kildens kommunegrænser passer ikke præcist sammen (overlap eller fælles kanter "
                "med forskellige punkter); forenklingen kan ikke garantere fælles grænser."
            )
        )

    simplified = simplify_coverage(dissolved, tolerance_m)
    invalid = [
        code for code, g in zip(codes, simplified, strict=True) if g.is_empty or not g.is_valid
    ]
    if invalid:
        raise BoundaryError(
            _("Forenklingen gav ugyldige grænser for kommune %(codes)s; prøv en anden tolerance.")
            % {"codes": ", ".join(invalid)}
        )
    if source_is_coverage and not shapely.coverage_is_valid(np.asarray(simplified, dtype=object)):
        raise BoundaryError(
            _("Forenklingen gav huller eller overlap mellem nabokommuner; prøv en anden tolerance.")
        )

    kind = kinds.pop()
    return BoundaryResult(
        boundaries=[
            MunicipalityBoundary(code=code, name=known_codes[code], geometry=geom)
            for code, geom in zip(codes, simplified, strict=True)
        ],
        attribution=attribution or ATTRIBUTIONS[kind],
        source_kind=kind,
        tolerance_m=tolerance_m,
        input_features=len(data["features"]),
        input_vertices=sum(
            int(shapely.get_num_coordinates(p)) for ps in groups.values() for p in ps
        ),
        output_vertices=sum(int(shapely.get_num_coordinates(g)) for g in simplified),
        warnings=warnings,
    )


def geometry_text(geometry: MultiPolygon) -> str:
    """Compact GeoJSON text as stored in `Municipality.geometry` (same as `read_boundaries`)."""
    return json.dumps(mapping(geometry), separators=(",", ":"), ensure_ascii=False)


def to_geojson_text(result: BoundaryResult) -> str:
    """The FeatureCollection, one feature per line (compact, yet readable diffs)."""
    head = json.dumps(
        {"type": "FeatureCollection", "attribution": result.attribution},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    features = [
        json.dumps(
            {
                "type": "Feature",
                "properties": {"kode": b.code, "navn": b.name},
                "geometry": mapping(b.geometry),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for b in result.boundaries
    ]
    return head[:-1] + ',"features":[\n' + ",\n".join(features) + "\n]}\n"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def update_municipality_geometries(result: BoundaryResult) -> tuple[int, int]:
    """Store each boundary in `Municipality.geometry`: (municipalities found, geometries changed).

    The caller decides the transaction (the command wraps this and the file write in one).
    """
    from smartby.geo.models import Municipality

    by_code = {b.code: geometry_text(b.geometry) for b in result.boundaries}
    municipalities = list(Municipality.objects.filter(code__in=by_code))
    changed = [m for m in municipalities if m.geometry != by_code[m.code]]
    for m in changed:
        m.geometry = by_code[m.code]
    Municipality.objects.bulk_update(changed, ["geometry"], batch_size=50)
    return len(municipalities), len(changed)
