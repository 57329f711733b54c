"""The one-query CSV/XLSX rows (`exports.flat_rows`) against the reference: `flat_row` of the
interchange records (`iter_records`), the path the exports took before. Runs on PostgreSQL."""

import csv
import io

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from smartby.api import exports
from smartby.orgs.models import Organisation
from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.interchange import iter_records
from smartby.registry.models import (
    Benefit,
    Contact,
    Funding,
    Link,
    Location,
    Partner,
    Project,
    Technology,
)
from smartby.registry.tests.helpers import make_project

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the one-query export is PostgreSQL's"
    ),
]

SITE = "https://smartby.example.org"


def reference_rows(qs) -> list[list]:
    """The rows as the record-based export made them."""
    return [[exports.safe_cell(v) for v in exports.flat_row(r, SITE)] for r in iter_records(qs)]


def reference_csv(qs) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in exports.CSV_COLUMNS])
    writer.writerows(reference_rows(qs))
    return buffer.getvalue()


def export_csv(qs) -> str:
    return "".join(exports.csv_chunks(qs, SITE))


def xlsx_values(data) -> list[tuple]:
    return list(load_workbook(data, read_only=True).active.values)


def reference_xlsx(qs) -> list[tuple]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Projekter")
    sheet.append([name for name, _ in exports.CSV_COLUMNS])
    for row in reference_rows(qs):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return xlsx_values(out)


def ordered(query: str = ""):
    return filtered_projects(ProjectFilters.from_query(QueryDict(query))).order_by("id")


def _org(name: str, kind: str = "virksomhed") -> Organisation:
    return Organisation.objects.create(name=name, slug=name.lower().strip("=@ "), kind=kind)


@pytest.fixture
def varied(coordinator) -> list[Project]:
    """Projects that exercise every list column: several items in odd orders, empty and
    missing values, text that starts like a formula, private contacts, no location."""
    odense = Organisation.objects.get(municipality__code="461")
    firma = _org("=Formel ApS")
    nordic = _org("Nordic Sensors A/S")
    # names whose order depends on the collation: Python sorts by code point
    techs = [
        Technology.objects.create(name=name, slug=slug)
        for name, slug in (("alfa-net", "alfa"), ("Ørsted-net", "oersted"), ("Beta net", "beta"))
    ]
    iot = Technology.objects.get(name="IoT-sensorer")

    plain = make_project(coordinator)
    rich = make_project(
        coordinator,
        title="-Formel i titlen",
        summary="@resumé",
        status="drift",
        municipalities=["751", "101", "461", "147"],
        technologies=[str(t.pk) for t in [*techs, iot]],
        budget_dkk="0",
        start_date="",
        end_date="",
        partners=[
            {"organisation": str(firma.pk), "role": "Leverandør"},
            {"organisation": str(odense.pk), "role": ""},
            {"organisation": str(nordic.pk), "role": "Data; drift (2. linje)"},
        ],
        funding=[
            {"kind": "eu", "source": "", "amount_dkk": ""},
            {"kind": "fond", "source": "Realdania", "amount_dkk": "0"},
            {"kind": "stat", "source": "Pulje; runde 2", "amount_dkk": "2500000"},
        ],
        benefits=[
            {"kind": "okonomi", "description": "Sparet tid", "value": "", "unit": ""},
            {"kind": "klima", "description": "=1+1", "value": "3", "unit": "t"},
        ],
        contacts=[
            {"name": "Privat Person", "email": "privat@example.org", "phone": ""},
            {"name": "Åse Offentlig", "email": "", "phone": "12345678", "public": "on"},
            {"name": "Bo Offentlig", "email": "bo@example.org", "public": "on"},
            {"name": "Skjult Igen", "email": "skjult@example.org", "phone": "87654321"},
        ],
        links=[
            {"kind": "datasaet", "title": "Data", "url": "https://example.org/data.csv"},
            {"kind": "standard", "title": "OGC SensorThings", "url": ""},
            {"kind": "link", "title": "Side", "url": "https://example.org/side"},
            {"kind": "standard", "title": "=DIN SPEC 91357", "url": ""},
            {"kind": "link", "title": "Anden", "url": "https://example.org/anden"},
        ],
        locations=[
            {"lat": "55.4038", "lon": "10.4024", "label": "Odense"},
            {"lat": "56.1567", "lon": "10.2108", "label": "Aarhus"},
        ],
    )
    bare = make_project(
        coordinator,
        title="Uden lister",
        status="ide",
        technologies=[],
        budget_dkk="",
        last_verified="",
        funding=[],
        benefits=[],
        contacts=[],
        links=[],
        locations=[],
    )
    private_only = make_project(
        coordinator,
        title="Kun private kontakter",
        municipalities=["461"],
        contacts=[{"name": "Kun Privat", "email": "kun@example.org", "phone": ""}],
        locations=[{"lat": "57.0488", "lon": "9.9217", "label": ""}],
    )
    # Rows the forms would refuse but the database holds (older imports, admin edits).
    Link.objects.create(project=bare, kind="link", title="Uden adresse", url="")
    Link.objects.create(project=bare, kind="datasaet", title="Også uden", url="")
    Link.objects.create(project=bare, kind="link", title="Med", url="https://example.org/x")
    Contact.objects.create(project=bare, name="", email="kun-mail@example.org", public=True)
    Contact.objects.create(project=bare, name="Kun Navn", email="", public=True)
    Contact.objects.create(project=bare, name="", email="", public=True)
    Contact.objects.create(project=bare, name="Privat Igen", email="p@example.org", public=False)
    Funding.objects.create(project=bare, kind="andet", source="", amount_dkk=None)
    Funding.objects.create(project=bare, kind="egen", source="Kasse", amount_dkk=None)
    Benefit.objects.create(project=bare, kind="andet", description="")
    Partner.objects.create(project=bare, organisation=firma, role="")
    Location.objects.create(project=private_only, lat=55.0, lon=12.0, label="anden")
    return [plain, rich, bare, private_only]


def test_rows_equal_the_record_based_rows(varied):
    qs = ordered()
    rows = list(exports.flat_rows(qs, SITE))
    assert rows == reference_rows(qs)
    assert len(rows) == 4
    # the cases the fixture is there for really occur
    by_title = {row[1]: row for row in rows}
    rich = by_title["'-Formel i titlen"]
    assert rich[2] == "'@resumé"
    assert rich[3] == "101; 147; 461; 751"
    assert rich[6] == "Beta net; IoT-sensorer; alfa-net; Ørsted-net"
    assert rich[11] == (
        "'=Formel ApS (Leverandør); Odense Kommune; Nordic Sensors A/S (Data; drift (2. linje))"
    )
    assert rich[12] == "eu; fond Realdania 0; stat Pulje; runde 2 2500000"
    assert rich[13] == "okonomi: Sparet tid; klima: =1+1"
    assert rich[14] == "Åse Offentlig; Bo Offentlig bo@example.org"
    assert rich[15] == (
        "https://example.org/side; https://example.org/anden; https://example.org/data.csv"
    )
    assert rich[16] == "OGC SensorThings; =DIN SPEC 91357"
    assert (rich[8], rich[9], rich[10], rich[17], rich[18]) == ("", "", 0, 55.4038, 10.4024)
    bare = by_title["Uden lister"]
    assert bare[6] == "" and bare[17] == "" and bare[18] == "" and bare[19] == ""
    assert bare[14] == "kun-mail@example.org; Kun Navn; "
    assert bare[15] == "; https://example.org/x; "
    assert bare[12] == "andet; egen Kasse"
    assert bare[13] == "andet: "


def test_csv_is_byte_for_byte_the_record_based_csv(varied):
    qs = ordered()
    text = export_csv(qs)
    assert text == reference_csv(qs)
    for private in ("Privat Person", "privat@example.org", "Skjult", "Kun Privat", "kun@ex"):
        assert private not in text
    assert "jens@example.org" not in text and "Jens Privat" not in text  # helpers' private one
    assert "mette@example.org" in text  # the helpers' public contact


def test_xlsx_has_the_record_based_values(varied):
    qs = ordered()
    assert xlsx_values(exports.xlsx_file(qs, SITE)) == reference_xlsx(qs)


@pytest.mark.parametrize(
    "query",
    [
        "status=drift",
        "municipality=461",
        "technology=iot-sensorer",
        "technology=alfa&technology=beta",
        "region=region-syddanmark",
        "q=sensorer",
        "status=stoppet",
    ],
)
def test_filters_are_honoured(varied, query):
    qs = ordered(query)
    expected = reference_csv(qs)
    assert export_csv(qs) == expected
    assert expected.count("\n") - 1 == qs.count()


def test_api_csv_is_the_record_based_csv(api_client, varied, settings):
    settings.SITE_URL = SITE + "/"
    r = api_client.get("/api/v1/projects.csv?municipality=461")
    assert r.status_code == 200
    text = b"".join(r.streaming_content).decode("utf-8")
    assert text == reference_csv(ordered("municipality=461"))
    assert text.count("\n") == 1 + 2


def count_queries(qs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        export_csv(qs)
        exports.xlsx_file(qs, SITE).close()
    return len(ctx.captured_queries)


def test_constant_number_of_queries(coordinator, varied):
    few = count_queries(ordered())
    for i in range(12):
        make_project(coordinator, title=f"Flere {i}", municipalities=["751", "461"])
    assert ordered().count() == 16
    assert count_queries(ordered()) == few
    # per export: the transaction's savepoint, its settings, the query, the release
    assert few <= 2 * 4


def test_interrupted_download_ends_the_export_transaction(varied):
    before = list(connection.savepoint_ids)
    stream = exports.encode(exports.csv_chunks(ordered(), SITE, rows_per_chunk=1))
    assert next(stream).decode("utf-8").count("\n") == 2  # the header and one project
    assert len(connection.savepoint_ids) == len(before) + 1  # streaming inside its transaction
    stream.close()  # what the server does when the client goes away
    assert connection.savepoint_ids == before
