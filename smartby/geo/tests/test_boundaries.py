"""`smartby build-boundaries` and the functions in smartby/geo/boundaries.py."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from django.conf import settings
from django.core.management import CommandError, call_command
from shapely.geometry import mapping, shape

from smartby.geo import boundaries
from smartby.geo.models import Municipality
from smartby.geo.reference import BOUNDARIES_ATTRIBUTION, BOUNDARIES_GEOJSON, read_municipalities

SHARED_DIR = Path(settings.PROJECT_DIR).parent / "shared"
DAGI_500K = SHARED_DIR / "data" / "kommuner-dagi-500k.geojson"
REFERENCE_CODES = {row["kode"] for row in read_municipalities()}
# Neighbours that must still share a border after simplification (Frederiksberg is an enclave
# inside København, so all of its border is shared).
NEIGHBOURS = [("751", "746"), ("101", "147"), ("461", "430"), ("851", "846")]


def build(source: Path, output: Path, *args: str) -> str:
    out = StringIO()
    call_command("build_boundaries", str(source), "--output", str(output), *args, stdout=out)
    return out.getvalue()


def geometries(collection: dict[str, Any]) -> dict[str, shapely.Geometry]:
    return {f["properties"]["kode"]: shape(f["geometry"]) for f in collection["features"]}


def input_union() -> shapely.Geometry:
    data = json.loads(DAGI_500K.read_text(encoding="utf-8"))
    return shapely.union_all(
        [
            shapely.force_2d(shape(f["geometry"]))
            for f in data["features"]
            if f["properties"]["lau_1"] != "411"
        ]
    )


@pytest.fixture(scope="module")
def dagi_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real DAGI file built once for the module (no database involved)."""
    output = tmp_path_factory.mktemp("boundaries") / "boundaries.geojson"
    report = build(DAGI_500K, output, "--no-db")
    return output, report


@pytest.fixture(scope="module")
def dagi_output(dagi_build: tuple[Path, str]) -> dict[str, Any]:
    return json.loads(dagi_build[0].read_text(encoding="utf-8"))


def test_source_file_is_wgs84() -> None:
    data = boundaries.read_source(DAGI_500K)
    assert data["crs"]["properties"]["name"] == "urn:ogc:def:crs:OGC:1.3:CRS84"
    boundaries.check_crs(data)


def test_builds_98_municipalities_without_christianso(
    dagi_build: tuple[Path, str], dagi_output: dict[str, Any]
) -> None:
    output, report = dagi_build
    assert dagi_output["type"] == "FeatureCollection"
    assert dagi_output["attribution"] == BOUNDARIES_ATTRIBUTION
    codes = [f["properties"]["kode"] for f in dagi_output["features"]]
    assert len(codes) == 98
    assert set(codes) == REFERENCE_CODES
    assert "411" not in codes
    names = {f["properties"]["kode"]: f["properties"]["navn"] for f in dagi_output["features"]}
    assert names["751"] == "Aarhus"  # the project's name, not the 2014 source's "Århus"
    assert output.stat().st_size <= 400_000
    assert "98 kommuner" in report
    assert "Databasen er ikke rørt" in report


def test_output_is_2d_rounded_and_valid(dagi_output: dict[str, Any]) -> None:
    for feature in dagi_output["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] == "MultiPolygon"
        for polygon in geometry["coordinates"]:
            for ring in polygon:
                for point in ring:
                    assert len(point) == 2
                    assert all(round(c, 5) == c for c in point)
        assert shape(geometry).is_valid, feature["properties"]["kode"]


def test_area_and_islands_kept(dagi_output: dict[str, Any]) -> None:
    before = input_union()
    after = shapely.union_all(list(geometries(dagi_output).values()))
    km2_before = boundaries.area_km2([before])
    km2_after = boundaries.area_km2([after])
    assert km2_before == pytest.approx(42_800, rel=0.02)  # Denmark without Greenland/Faroes
    assert km2_after == pytest.approx(km2_before, rel=0.01)
    # The same land pieces (islands) and no holes: no gaps opened between neighbours.
    assert shapely.get_num_geometries(after) == shapely.get_num_geometries(before)
    assert sum(len(p.interiors) for p in shapely.get_parts(after)) == 0
    bornholm = geometries(dagi_output)["400"]
    assert bornholm.bounds[0] > 14.6


def test_neighbours_share_borders(dagi_output: dict[str, Any]) -> None:
    geoms = geometries(dagi_output)
    assert shapely.coverage_is_valid(np.asarray(list(geoms.values()), dtype=object), 1e-4)
    for a, b in NEIGHBOURS:
        shared = shapely.intersection(geoms[a].boundary, geoms[b].boundary)
        assert boundaries.area_km2([geoms[a].intersection(geoms[b])]) < 1e-6, (a, b)
        assert shared.length > 0.01, (a, b)  # degrees: at least ~1 km of common border
    frederiksberg = geoms["147"]
    enclave_border = frederiksberg.boundary.intersection(geoms["101"].boundary)
    assert enclave_border.length == pytest.approx(frederiksberg.boundary.length, rel=1e-9)


def dataforsyningen_collection() -> dict[str, Any]:
    """The DAGI file reshaped like Dataforsyningen's API: one 2D feature per municipality,
    properties `kode` ("0101") and `navn`, Christiansø included."""
    data = json.loads(DAGI_500K.read_text(encoding="utf-8"))
    parts: dict[str, list[shapely.Geometry]] = {}
    names: dict[str, str] = {}
    for f in data["features"]:
        code = f["properties"]["lau_1"]
        parts.setdefault(code, []).append(shapely.force_2d(shape(f["geometry"])))
        names[code] = f["properties"]["label_dk"]
    features = []
    for code, polygons in parts.items():
        geometry = shapely.union_all(polygons)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kode": code.zfill(4),
                    "navn": names[code],
                    "udenforkommuneinddeling": code == "411",
                },
                "geometry": mapping(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def test_dataforsyningen_shaped_input(tmp_path: Path, dagi_output: dict[str, Any]) -> None:
    collection = dataforsyningen_collection()
    assert {f["properties"]["kode"] for f in collection["features"]} >= {"0101", "0411"}
    source = tmp_path / "kommuner.geojson"
    source.write_text(json.dumps(collection), encoding="utf-8")
    output = tmp_path / "out.geojson"
    report = build(source, output, "--no-db")
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["attribution"] == boundaries.DATAFORSYNINGEN_ATTRIBUTION
    assert "Klimadatastyrelsen" in result["attribution"]
    assert "(dataforsyningen)" in report
    codes = {f["properties"]["kode"] for f in result["features"]}
    assert codes == REFERENCE_CODES
    assert output.stat().st_size <= 400_000
    # Same polygons in, same boundaries out.
    expected = geometries(dagi_output)
    for code, geom in geometries(result).items():
        assert geom.is_valid
        assert geom.symmetric_difference(expected[code]).area < 1e-3 * expected[code].area


def test_attribution_option(tmp_path: Path) -> None:
    output = tmp_path / "out.geojson"
    build(DAGI_500K, output, "--no-db", "--attribution", "Kommunegrænser: test")
    assert json.loads(output.read_text(encoding="utf-8"))["attribution"] == "Kommunegrænser: test"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0101", "101"), ("101", "101"), (101, "101"), (" 0851 ", "851"), ("", None), ("K1", None)],
)
def test_normalise_code(value: Any, expected: str | None) -> None:
    assert boundaries.normalise_code(value) == expected


def square(x: float, y: float, size: float = 0.1, code: str = "101") -> dict[str, Any]:
    """A small square feature in Jutland, with a wiggly top edge for the simplifier to remove."""
    top = [(x + size - i * size / 10, y + size + (0.0001 if i % 2 else 0)) for i in range(11)]
    ring = [(x, y), (x + size, y), *top, (x, y)]
    return {
        "type": "Feature",
        "properties": {"kode": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def test_build_small_coverage_keeps_shared_edge() -> None:
    data = {
        "type": "FeatureCollection",
        "features": [square(9.0, 56.0, code="0101"), square(9.1, 56.0, code="0147")],
    }
    result = boundaries.build_boundaries(data, {"101": "A", "147": "B"}, tolerance_m=100)
    assert result.warnings == []
    assert result.output_vertices < result.input_vertices
    a, b = (m.geometry for m in result.boundaries)
    assert a.intersection(b).area == 0
    assert a.boundary.intersection(b.boundary).length == pytest.approx(0.1)


def test_build_warns_when_source_overlaps() -> None:
    data = {
        "type": "FeatureCollection",
        "features": [square(9.0, 56.0, code="101"), square(9.05, 56.0, code="147")],
    }
    result = boundaries.build_boundaries(data, {"101": "A", "147": "B"}, tolerance_m=100)
    assert "passer ikke præcist sammen" in result.warnings[0]


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def dagi_data() -> dict[str, Any]:
    return json.loads(DAGI_500K.read_text(encoding="utf-8"))


def case_missing_file(tmp_path: Path) -> Path:
    return tmp_path / "findes-ikke.geojson"


def case_not_json(tmp_path: Path) -> Path:
    path = tmp_path / "bad.geojson"
    path.write_text("<html>ikke json</html>", encoding="utf-8")
    return path


def case_not_feature_collection(tmp_path: Path) -> Path:
    return write_json(tmp_path / "bad.geojson", {"type": "Feature", "geometry": None})


def case_missing_code(tmp_path: Path) -> Path:
    data = dagi_data()
    del data["features"][5]["properties"]["lau_1"]
    return write_json(tmp_path / "bad.geojson", data)


def case_unknown_code(tmp_path: Path) -> Path:
    data = dagi_data()
    data["features"][0]["properties"]["lau_1"] = "998"
    return write_json(tmp_path / "bad.geojson", data)


def case_too_few(tmp_path: Path) -> Path:
    data = dagi_data()
    data["features"] = [f for f in data["features"] if f["properties"]["lau_1"] != "751"]
    return write_json(tmp_path / "bad.geojson", data)


def case_projected_crs(tmp_path: Path) -> Path:
    data = dagi_data()
    data["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::25832"
    return write_json(tmp_path / "bad.geojson", data)


def case_projected_coordinates(tmp_path: Path) -> Path:
    data = dagi_data()
    del data["crs"]
    for f in data["features"]:
        f["geometry"] = mapping(shapely.transform(shape(f["geometry"]), lambda c: c * 10_000))
    return write_json(tmp_path / "bad.geojson", data)


BAD_INPUTS = [
    (case_missing_file, [], "findes ikke"),
    (case_not_json, [], "ikke gyldig JSON"),
    (case_not_feature_collection, [], "ikke en GeoJSON FeatureCollection"),
    (case_missing_code, [], "mangler kommunekoden"),
    (case_unknown_code, [], "Ukendte kommunekoder: 998"),
    (case_too_few, [], "grænser for 97 kommuner, men der skal være 98. Mangler: 751"),
    (case_projected_crs, [], "Koordinatsystemet urn:ogc:def:crs:EPSG::25832 understøttes ikke"),
    (case_projected_coordinates, [], "ligger ikke i Danmark"),
    (lambda tmp_path: DAGI_500K, ["--max-size", "100000"], "mere end grænsen på 100000 byte"),
    (lambda tmp_path: DAGI_500K, ["--tolerance", "-1"], "Tolerancen skal være"),
]


@pytest.mark.parametrize(("make_source", "extra", "message"), BAD_INPUTS)
def test_bad_input_writes_nothing(
    db: None, tmp_path: Path, make_source: Any, extra: list[str], message: str
) -> None:
    before = dict(Municipality.objects.values_list("code", "geometry"))
    output = tmp_path / "out" / "boundaries.geojson"
    output.parent.mkdir()
    output.write_text("uændret", encoding="utf-8")
    with pytest.raises(CommandError, match=message) as excinfo:
        build(make_source(tmp_path), output, *extra)
    assert excinfo.value.returncode != 0
    assert output.read_text(encoding="utf-8") == "uændret"
    assert [p.name for p in output.parent.iterdir()] == ["boundaries.geojson"]  # no temp files
    assert dict(Municipality.objects.values_list("code", "geometry")) == before


def test_updates_database(db: None, tmp_path: Path) -> None:
    Municipality.objects.filter(code__in=["751", "746"]).update(geometry="")
    output = tmp_path / "boundaries.geojson"
    report = build(DAGI_500K, output)
    assert "Databasen: 98 kommuner" in report
    features = {
        f["properties"]["kode"]: f["geometry"]
        for f in json.loads(output.read_text(encoding="utf-8"))["features"]
    }
    for m in Municipality.objects.all():
        assert json.loads(m.geometry) == features[m.code]
    # A second run changes nothing.
    assert "0 grænser ændret" in build(DAGI_500K, output)


def test_committed_file_is_loaded_by_migrations(db: None) -> None:
    """The shipped file is within budget, valid, and what `smartby migrate` put in the database."""
    assert BOUNDARIES_GEOJSON.stat().st_size <= 400_000
    shipped = json.loads(BOUNDARIES_GEOJSON.read_text(encoding="utf-8"))
    assert shipped["attribution"].startswith("Kommunegrænser:")
    geoms = geometries(shipped)
    assert set(geoms) == REFERENCE_CODES
    assert all(g.is_valid for g in geoms.values())
    assert shapely.coverage_is_valid(np.asarray(list(geoms.values()), dtype=object))
    features = {f["properties"]["kode"]: f["geometry"] for f in shipped["features"]}
    for m in Municipality.objects.all():
        assert json.loads(m.geometry) == features[m.code]
