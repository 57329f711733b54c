"""`smartby import-population` and the functions in smartby/geo/population.py."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smartby.audit.models import AuditEntry
from smartby.geo.models import Municipality
from smartby.geo.population import apply_population, parse_population_csv

CODES = {"101", "147", "751"}


def snapshot() -> dict[str, tuple[int | None, dt.date | None]]:
    return {
        m.code: (m.population, m.population_date)
        for m in Municipality.objects.only("code", "population", "population_date")
    }


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_population", str(path), *args, stdout=out)
    return out.getvalue()


def test_parse_semicolon_bom_and_danish_dates() -> None:
    text = "\ufeffkode;befolkning;dato\r\n0101;667099;01-01-2025\r\n147;105000;2025-01-01\r\n"
    rows, errors = parse_population_csv(text, known_codes=CODES)
    assert errors == []
    assert [(r.line, r.code, r.population, r.date) for r in rows] == [
        (2, "101", 667099, dt.date(2025, 1, 1)),
        (3, "147", 105000, dt.date(2025, 1, 1)),
    ]


def test_parse_comma_extra_columns_and_blank_lines() -> None:
    text = (
        "Navn,Kode,Befolkning,Dato\n"
        "Aarhus,751,370000,2025-01-01\n"
        "\n"
        "København,101,660000,2024-07-01\n"
    )
    rows, errors = parse_population_csv(text, known_codes=CODES)
    assert errors == []
    assert [(r.line, r.code) for r in rows] == [(2, "751"), (4, "101")]


def test_parse_collects_every_error_with_line_numbers() -> None:
    text = (
        "kode,befolkning,dato\n"
        "101,1000,2025-01-01\n"
        "999,1000,2025-01-01\n"
        "147,-5,2025-01-01\n"
        "751,12.5,2025-01-01\n"
        "101,1000,2025-01-01\n"
        "147,1000,2025-13-01\n"
        "751,,\n"
        "147,1000\n"
    )
    rows, errors = parse_population_csv(text, known_codes=CODES)
    assert [r.line for r in rows] == [2]
    messages = [str(e) for e in errors]
    assert messages == [
        'Linje 3: ukendt kommunekode "999".',
        "Linje 4: befolkningstallet -5 er negativt.",
        'Linje 5: befolkningstallet "12.5" er ikke et helt tal.',
        "Linje 6: kommunekode 101 står også i linje 2.",
        'Linje 7: kommunekode 147 står også i linje 4; datoen "2025-13-01" er ikke på formen '
        "åååå-mm-dd eller dd-mm-åååå.",
        "Linje 8: kommunekode 751 står også i linje 5; befolkningstallet mangler; datoen mangler.",
        "Linje 9: rækken har 2 felter, men der skal være 3.",
    ]


@pytest.mark.django_db
def test_apply_updates_and_audits() -> None:
    rows, errors = parse_population_csv(
        "kode,befolkning,dato\n101,667099,2025-01-01\n751,370000,2025-01-01\n"
    )
    assert errors == []
    before = snapshot()
    result = apply_population(rows)
    assert (result.updated, result.changed) == (2, 2)
    after = snapshot()
    assert after["101"] == (667099, dt.date(2025, 1, 1))
    assert after["751"] == (370000, dt.date(2025, 1, 1))
    assert {k: v for k, v in after.items() if k not in {"101", "751"}} == {
        k: v for k, v in before.items() if k not in {"101", "751"}
    }
    entry = AuditEntry.objects.get(
        object_type="geo.municipality", object_id=str(Municipality.objects.get(code="101").pk)
    )
    assert entry.changes["population"] == {"old": before["101"][0], "new": 667099}
    assert entry.source == "cli"
    # Applying the same figures again updates the rows but changes (and audits) nothing.
    again = apply_population(rows)
    assert (again.updated, again.changed) == (2, 0)
    assert AuditEntry.objects.count() == 2


@pytest.mark.django_db
def test_command_imports(tmp_path: Path) -> None:
    path = tmp_path / "befolkning.csv"
    path.write_bytes("\ufeffkode;befolkning;dato\n0101;667099;01-01-2025\n".encode())
    report = run(path)
    assert "Befolkningstal opdateret for 1 kommune (1 ændret)" in report
    assert Municipality.objects.get(code="101").population == 667099


@pytest.mark.django_db
def test_command_dry_run_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "befolkning.csv"
    path.write_text("kode,befolkning,dato\n101,1,2025-01-01\n", encoding="utf-8")
    before = snapshot()
    assert "1 rækker er i orden" in run(path, "--dry-run")
    assert snapshot() == before


BAD_FILES = [
    ("kode,befolkning,dato\n101,1000,2025-01-01\n998,1000,2025-01-01\n", "Linje 3: ukendt kommune"),
    ("kode,befolkning,dato\n101,mange,2025-01-01\n", 'Linje 2: befolkningstallet "mange"'),
    ("kode,befolkning,dato\n101,-1,2025-01-01\n", "Linje 2: befolkningstallet -1 er negativt"),
    ("kode,befolkning,dato\n101,1000,1. januar 2025\n", "Linje 2: datoen"),
    ("kode,befolkning,dato\n101,1000,2025-02-30\n", "Linje 2: datoen"),
    ("kode;befolkning;dato\n101;1;2025-01-01\n0101;2;2025-01-01\n", "Linje 3: kommunekode 101"),
    ("kode,indbyggere\n101,1000\n", "Linje 1: mangler kolonne\\(r\\): befolkning, dato"),
    ("", "Linje 1: filen er tom"),
    ("kode,befolkning,dato\n", "Linje 1: filen indeholder ingen rækker"),
    ("kode,befolkning,dato\n101,1000\n", "Linje 2: rækken har 2 felter"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_command_rejects_bad_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "befolkning.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match=message) as excinfo:
        run(path)
    assert excinfo.value.returncode == 2
    assert "intet er indlæst" in str(excinfo.value)
    assert snapshot() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_command_lists_every_error(tmp_path: Path) -> None:
    path = tmp_path / "befolkning.csv"
    path.write_text(
        "kode,befolkning,dato\n101,1000,2025-01-01\n998,1,2025-01-01\n147,x,2025-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as excinfo:
        run(path)
    message = str(excinfo.value)
    assert message.startswith("2 fejl i ")
    assert "Linje 3:" in message and "Linje 4:" in message
    assert Municipality.objects.get(code="101").population != 1000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "findes ikke"), (b"kode,befolkning,dato\n101,1000,\xe6\xf8\n", "ikke UTF-8")],
)
def test_command_rejects_unreadable_file(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "befolkning.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as excinfo:
        run(path)
    assert excinfo.value.returncode == 2
