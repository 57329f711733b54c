"""Turning text and JSON into the allocation's input: amounts in kroner, "NAVN=BELØB" lines,
the members CSV (`navn,befolkning` or `kode`) and member lists that name a municipality by
code. The CLI, the API, the forms and the budget years all use these, and
`costs.allocation.validate` checks the result, so every path gives the same Danish errors in the
`{"field", "message"}` shape."""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from smartby.costs.allocation import MAX_MEMBERS
from smartby.geo.models import Municipality

_KRONER = re.compile(r"^[+-]?\d{1,3}([. ]\d{3})+$|^[+-]?\d+$")
MAX_CSV_ROWS = MAX_MEMBERS


# More digits than any real amount (and than PostgreSQL's bigint holds); also keeps int() away
# from Python's 4,300-digit limit.
MAX_KRONER_DIGITS = 18


def parse_kroner(text: str) -> int | None:
    """ "500000", "500.000", "500 000", "-5" -> int; "12,50", "fem" -> None (whole kroner only)."""
    value = str(text).strip().replace("\u00a0", " ").replace("\u2212", "-")
    value = value.removesuffix("kr.").removesuffix("kr").strip()
    digits = value.replace(".", "").replace(" ", "")
    if not _KRONER.match(value) or len(digits.lstrip("+-")) > MAX_KRONER_DIGITS:
        return None
    return int(digits)


def parse_pair(text: str) -> tuple[str, str] | None:
    """ "Region Midtjylland=500000" -> ("Region Midtjylland", "500000"); None without "="."""
    name, sep, value = str(text).rpartition("=")
    if not sep:
        return None
    return name.strip(), value.strip()


@dataclass
class Parsed:
    """Parsed input plus the errors found on the way (the allocation's field names)."""

    pairs: list[tuple[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # members CSV: the file's row of each pair


def parse_contribution_lines(lines: Iterable[str], field_name: str = "contributions") -> Parsed:
    """ "NAVN=BELØB" per line (blank lines skipped). A bad amount is an error here; a negative
    one is left for `allocation.validate` to report."""
    out = Parsed()
    for line in lines:
        if not line.strip():
            continue
        i = len(out.pairs)
        pair = parse_pair(line)
        if pair is None:
            out.errors.append(
                {
                    "field": f"{field_name}[{i}]",
                    "message": _("Skriv bidraget som NAVN=BELØB, fx „Region Midtjylland=500000“."),
                }
            )
            out.pairs.append((line.strip(), 0))
            continue
        amount = parse_kroner(pair[1])
        if amount is None:
            out.errors.append(
                {
                    "field": f"{field_name}[{i}].amount",
                    "message": _("„%(value)s“ er ikke et helt antal kroner.") % {"value": pair[1]},
                }
            )
        out.pairs.append((pair[0], amount if amount is not None else 0))
    return out


def municipalities_by_code(codes: Iterable[str]) -> dict[str, Municipality]:
    wanted = {c.strip().zfill(3) for c in codes if c.strip().isdigit() and len(c.strip()) <= 3}
    return {m.code: m for m in Municipality.objects.filter(code__in=wanted)}


def resolve_members(items: list[Mapping[str, Any]]) -> Parsed:
    """Members as {"name", "population"} or {"code"} (population, and the name if not given,
    from the registry's municipality). Unknown codes and municipalities without a population
    are errors; the population itself is checked by `allocation.validate`."""
    out = Parsed()
    found = municipalities_by_code(str(item.get("code") or "") for item in items)
    for i, item in enumerate(items):
        name = str(item.get("name") or "").strip()
        population = item.get("population")
        code = str(item.get("code") or "").strip()
        if code:
            municipality = found.get(code.zfill(3)) if code.isdigit() else None
            if municipality is None:
                out.errors.append(
                    {
                        "field": f"members[{i}].code",
                        "message": _("Ukendt kommunekode „%(code)s“.") % {"code": code[:20]},
                    }
                )
            else:
                name = name or municipality.name
                if population in (None, ""):
                    population = municipality.population
                    if population is None:
                        out.errors.append(
                            {
                                "field": f"members[{i}].population",
                                "message": _(
                                    "Registret har intet befolkningstal for %(name)s; angiv det."
                                )
                                % {"name": municipality.name},
                            }
                        )
                        population = 1
        elif population in (None, ""):
            out.errors.append(
                {
                    "field": f"members[{i}].population",
                    "message": _("Angiv befolkningstallet eller en kommunekode."),
                }
            )
            population = 1
        out.pairs.append((name, population))
    return out


def parse_members_csv(text: str) -> Parsed:
    """The members file: a header with `navn` and `befolkning`, or `kode` (and optionally
    `navn`/`befolkning` to override); separator `,` or `;`. Errors name the row (the header is
    row 1)."""
    try:
        return _parse_members_csv(text)
    except csv.Error as exc:  # e.g. a NUL byte or a stray carriage return inside a field
        return Parsed(
            errors=[
                {
                    "field": "members",
                    "message": _("Filen kan ikke læses som CSV (%(error)s).") % {"error": exc},
                }
            ]
        )


def _parse_members_csv(text: str) -> Parsed:
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [h.strip().casefold() for h in (reader.fieldnames or [])]
    if "kode" not in headers and not {"navn", "befolkning"} <= set(headers):
        return Parsed(
            errors=[
                {
                    "field": "members",
                    "message": _(
                        "Filen skal have kolonnerne navn,befolkning eller kolonnen kode "
                        "(fundet: %(found)s)."
                    )
                    % {"found": ",".join(headers) or _("ingen")},
                }
            ]
        )
    items: list[dict[str, Any]] = []
    out = Parsed()
    rows: list[int] = []
    for row_number, row in enumerate(reader, start=2):
        values = {
            (k or "").strip().casefold(): (v or "").strip()
            for k, v in row.items()
            if not isinstance(v, list)
        }
        if not any(values.values()):
            continue
        if len(items) >= MAX_CSV_ROWS:
            out.errors.append(
                {
                    "field": "members",
                    "message": _("Højst %(max)d medlemmer.") % {"max": MAX_CSV_ROWS},
                }
            )
            break
        raw_population = values.get("befolkning", "")
        population: Any = None
        if raw_population:
            population = parse_kroner(raw_population)
            if population is None:
                out.errors.append(
                    {
                        "field": f"members[{len(items)}].population",
                        "message": _("Befolkningstallet „%(value)s“ er ikke et helt tal.")
                        % {"value": raw_population[:30]},
                    }
                )
                population = 1
        items.append(
            {"name": values.get("navn", ""), "population": population, "code": values.get("kode")}
        )
        rows.append(row_number)
    resolved = resolve_members(items)
    out.pairs = resolved.pairs
    out.errors += resolved.errors
    out.rows = rows
    return out
