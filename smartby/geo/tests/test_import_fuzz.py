"""Property tests (hypothesis) over the geo importers' input parsing: `import-population` CSV
and `build-boundaries` GeoJSON. Any input gives rows or Danish errors, never an exception."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.geo.boundaries import BoundaryError, check_crs, group_polygons, read_source
from smartby.geo.population import MAX_POPULATION, parse_population_csv

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
KNOWN = {"101", "461", "751"}

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["751", "0751", "99999", "-5", "9" * 30, "1e9", "2025-02-30", "31-12-2025"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


@st.composite
def population_csv(draw: st.DrawFn) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(
        st.one_of(
            st.just(["kode", "befolkning", "dato"]),
            st.lists(st.sampled_from(["kode", "befolkning", "dato", "navn", ""]), max_size=5),
        )
    )
    rows = draw(st.lists(st.lists(cell, max_size=5), max_size=6))
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    return draw(st.sampled_from(["", "\ufeff"])) + text + draw(st.sampled_from(["", '"', "\x00"]))


@FUZZ
@given(text=st.one_of(population_csv(), st.text(max_size=200)))
def test_population_csv_gives_rows_or_errors(text):
    rows, errors = parse_population_csv(text, known_codes=KNOWN)
    assert all(str(e) for e in errors)
    if not errors:
        for row in rows:
            assert row.code in KNOWN
            assert 0 <= row.population <= MAX_POPULATION


coordinate = st.one_of(st.floats(allow_nan=True), st.integers(), st.text(max_size=3), st.none())
geometry = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "x"]),
            "coordinates": st.recursive(
                st.lists(coordinate, max_size=3), lambda c: st.lists(c, max_size=4), max_leaves=12
            ),
        }
    ),
)
feature = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.just("Feature"),
            "properties": st.one_of(
                st.none(),
                st.dictionaries(
                    st.sampled_from(["lau_1", "kode", "navn"]),
                    st.one_of(cell, st.integers(), st.booleans(), st.none()),
                ),
            ),
            "geometry": geometry,
        }
    ),
    st.integers(),
    st.text(max_size=5),
)


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"[" * 50_000, b'{"n": ' + b"9" * 5000 + b"}"]),
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(["FeatureCollection", "Feature"]),
                "crs": st.one_of(
                    st.none(), st.text(max_size=5), st.dictionaries(st.text(), st.text())
                ),
                "features": st.lists(feature, max_size=4),
            }
        ).map(lambda d: json.dumps(d).encode()),
    )
)
def test_boundary_source_gives_polygons_or_a_boundary_error(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("b") / "grænser.geojson"
    path.write_bytes(content)
    try:
        data = read_source(path)
        check_crs(data)
        group_polygons(data, {code: code for code in KNOWN})
    except BoundaryError as exc:
        assert str(exc)


@pytest.mark.parametrize(
    "content", [b"[" * 50_000, b'{"n": ' + b"9" * 5000 + b"}", b"\xff\xfe{\x00}\x00"]
)
def test_boundary_source_regressions(tmp_path, content):
    """Found by the property test: deep nesting and huge integers raised RecursionError and
    ValueError instead of a BoundaryError."""
    path = tmp_path / "x.geojson"
    path.write_bytes(content)
    with pytest.raises(BoundaryError):
        read_source(path)
