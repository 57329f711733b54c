"""`smartby migrate` alone leaves the reference data in place (PostgreSQL here; the SQLite path
is covered by smartby/registry/tests/test_sqlite_demo.py)."""

import json

import pytest

from smartby.geo.models import Municipality, Region
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Technology

pytestmark = pytest.mark.django_db


def test_regions_and_municipalities():
    assert list(Region.objects.values_list("code", "iso_code")) == [
        ("1081", "DK-81"),
        ("1082", "DK-82"),
        ("1083", "DK-83"),
        ("1084", "DK-84"),
        ("1085", "DK-85"),
    ]
    assert Municipality.objects.count() == 98
    assert not Municipality.objects.filter(code="411").exists()
    aarhus = Municipality.objects.get(code="751")
    assert (aarhus.name, aarhus.region.name, aarhus.kind) == (
        "Aarhus",
        "Region Midtjylland",
        "bykommune",
    )
    assert Municipality.objects.get(code="101").name == "København"
    assert Municipality.objects.filter(population__isnull=True).count() == 0
    assert Municipality.objects.values("region").distinct().count() == 5


def test_every_municipality_has_a_boundary():
    for m in Municipality.objects.all():
        geometry = json.loads(m.geometry)
        assert geometry["type"] in ("Polygon", "MultiPolygon"), m.code


def test_organisations_and_taxonomies():
    assert Organisation.objects.filter(kind="kommune", municipality__isnull=False).count() == 98
    assert Organisation.objects.filter(kind="region", region__isnull=False).count() == 5
    assert Organisation.objects.filter(name__startswith="KL").exists()
    assert list(Area.objects.values_list("name", flat=True)) == [
        "Teknik og miljø",
        "Forsyning",
        "Kultur og fritid",
        "Erhvervsudvikling og innovation",
        "Læring og uddannelse",
        "Social og sundhed",
        "Borgerinddragelse",
    ]
    assert (
        Technology.objects.filter(name__in=["IoT-sensorer", "LoRaWAN", "Digital tvilling"]).count()
        == 3
    )
