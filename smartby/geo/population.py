"""Municipality population figures from a CSV file (`kode,befolkning,dato`).

`parse_population_csv` checks every row and collects every error (with its line number) without
touching the database; `apply_population` stores validated rows in one transaction. The
`import-population` command uses both, and so can a web upload or an API.
"""

import csv
import datetime as dt
import io
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from smartby.audit.operations import record
from smartby.geo.models import Municipality

REQUIRED_COLUMNS = ("kode", "befolkning", "dato")
DELIMITERS = (";", ",")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
MAX_POPULATION = 2_147_483_647  # PositiveIntegerField's limit on every database


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    population: int
    date: dt.date


@dataclass(frozen=True)
class ApplyResult:
    updated: int  # municipalities given the file's figures
    changed: int  # of those, how many had a different figure or date before


@dataclass(frozen=True)
class RowError:
    """One problem in the file. `line` is the 1-based line number (the header is line 1)."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("Linje %(line)d: %(message)s") % {"line": self.line, "message": self.message}


def _normalise_code(value: str) -> str | None:
    value = value.strip()
    if not value.isdigit() or len(value) > 4:
        return None
    return f"{int(value):03d}"


def _parse_date(value: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def _header_and_delimiter(first_line: str) -> tuple[list[str], str]:
    """Pick the delimiter that splits the header into the required columns (else the best one)."""
    best: tuple[list[str], str] | None = None
    for delimiter in DELIMITERS:
        header = [h.strip().lower() for h in next(csv.reader([first_line], delimiter=delimiter))]
        if all(c in header for c in REQUIRED_COLUMNS):
            return header, delimiter
        if best is None or len(header) > len(best[0]):
            best = (header, delimiter)
    assert best is not None
    return best


def parse_population_csv(
    text: str, *, known_codes: Collection[str] | None = None
) -> tuple[list[PopulationRow], list[RowError]]:
    """Parse and validate the whole file. Rows are only trustworthy when errors is empty.

    `known_codes` defaults to the municipality codes in the database.
    """
    if known_codes is None:
        known_codes = set(Municipality.objects.values_list("code", flat=True))
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [RowError(1, _("filen er tom; første linje skal være kode,befolkning,dato."))]

    header, delimiter = _header_and_delimiter(lines[0])
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(
                1,
                _("mangler kolonne(r): %(columns)s (fundet: %(found)s).")
                % {"columns": ", ".join(missing), "found": ", ".join(h for h in header if h)},
            )
        ]
    index = {c: header.index(c) for c in REQUIRED_COLUMNS}

    rows: list[PopulationRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader)
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in fields):
            continue  # blank line
        if len(fields) < len(header):
            errors.append(
                RowError(
                    start,
                    _("rækken har %(found)d felter, men der skal være %(expected)d.")
                    % {"found": len(fields), "expected": len(header)},
                )
            )
            continue
        raw_code = fields[index["kode"]].strip()
        raw_population = fields[index["befolkning"]].strip()
        raw_date = fields[index["dato"]].strip()
        row_errors: list[str] = []

        code = _normalise_code(raw_code)
        if not raw_code:
            row_errors.append(_("kommunekoden mangler"))
        elif code is None or code not in known_codes:
            row_errors.append(_('ukendt kommunekode "%(code)s"') % {"code": raw_code})
        elif code in seen:
            row_errors.append(
                _("kommunekode %(code)s står også i linje %(line)d")
                % {"code": code, "line": seen[code]}
            )

        population: int | None = None
        if not raw_population:
            row_errors.append(_("befolkningstallet mangler"))
        elif raw_population.isdigit() and int(raw_population) <= MAX_POPULATION:
            population = int(raw_population)
        elif raw_population.startswith("-") and raw_population[1:].isdigit():
            row_errors.append(
                _("befolkningstallet %(value)s er negativt") % {"value": raw_population}
            )
        else:
            row_errors.append(
                _('befolkningstallet "%(value)s" er ikke et helt tal') % {"value": raw_population}
            )

        date = _parse_date(raw_date)
        if not raw_date:
            row_errors.append(_("datoen mangler"))
        elif date is None:
            row_errors.append(
                _('datoen "%(value)s" er ikke på formen åååå-mm-dd eller dd-mm-åååå')
                % {"value": raw_date}
            )

        if row_errors:
            errors.append(RowError(start, "; ".join(row_errors) + "."))
        if code is not None and code in known_codes and code not in seen:
            seen[code] = start
        if not row_errors and code is not None and population is not None and date is not None:
            rows.append(PopulationRow(line=start, code=code, population=population, date=date))

    if not rows and not errors:
        errors.append(RowError(1, _("filen indeholder ingen rækker med befolkningstal.")))
    return rows, errors


def apply_population(
    rows: Iterable[PopulationRow], *, actor: Any = None, source: str = "cli"
) -> ApplyResult:
    """Store validated figures in one transaction.

    An audit entry is written for each municipality whose figure or date actually changed.
    """
    by_code = {row.code: row for row in rows}
    with transaction.atomic():
        municipalities = list(
            Municipality.objects.select_for_update().filter(code__in=by_code).order_by("code")
        )
        changed = []
        for m in municipalities:
            row = by_code[m.code]
            changes: dict[str, dict[str, Any]] = {}
            if m.population != row.population:
                changes["population"] = {"old": m.population, "new": row.population}
            if m.population_date != row.date:
                changes["population_date"] = {
                    "old": m.population_date.isoformat() if m.population_date else None,
                    "new": row.date.isoformat(),
                }
            if changes:
                m.population = row.population
                m.population_date = row.date
                changed.append(m)
                record(actor=actor, action="update", obj=m, changes=changes, source=source)
        Municipality.objects.bulk_update(changed, ["population", "population_date"])
    return ApplyResult(updated=len(municipalities), changed=len(changed))
