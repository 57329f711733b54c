import csv
import io
import json

import pytest
from openpyxl import load_workbook

from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(editor_a):
    make_project(editor_a, title="=HYPERLINK(1)", status="drift")
    make_project(editor_a, title="Anden", status="pilot", municipalities=["751", "461"])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_streams_filtered_rows(api_client, two):
    r = api_client.get("/api/v1/projects.csv?status=pilot")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body(r).decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "titel", "resume"]
    assert len(rows) == 2 and rows[1][1] == "Anden"
    assert rows[1][3] == "461; 751"
    assert "jens@example.org" not in body(api_client.get("/api/v1/projects.csv")).decode()


def test_csv_neutralises_formulas(api_client, two):
    text = body(api_client.get("/api/v1/projects.csv?status=drift")).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_xlsx(api_client, two):
    r = api_client.get("/api/v1/projects.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(body(r))).active
    values = list(sheet.values)
    assert values[0][0] == "id" and len(values) == 3


def test_projects_geojson(api_client, two):
    data = json.loads(body(api_client.get("/api/v1/projects.geojson?status=pilot")))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert 54 < lat < 58 and 8 < lon < 16
    assert feature["properties"]["title"] == "Anden"


def test_municipalities_geojson_honours_filters(api_client, two):
    data = json.loads(api_client.get("/api/v1/municipalities.geojson?status=pilot").content)
    counts = {f["properties"]["kode"]: f["properties"]["antal_projekter"] for f in data["features"]}
    assert len(counts) == 98 and counts["751"] == 1 and counts["461"] == 1


def test_export_bad_filter_is_422(api_client):
    r = api_client.get("/api/v1/projects.csv?updated_since=nej")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "updated_since"
