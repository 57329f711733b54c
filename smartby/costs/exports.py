"""Exports of an allocation (and optionally its comparison with a scenario): CSV, XLSX
(openpyxl), PDF (smartby.lib.pdf) and the CLI's plain-text table. Amounts are whole kroner."""

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from smartby.costs.allocation import Allocation, format_kr
from smartby.costs.operations import ComparisonRow
from smartby.lib.pdf import Document
from smartby.lib.spreadsheet import safe_cell

CSV_HEADER = ["navn", "befolkning", "ligelig_andel_kr", "befolkningsandel_kr", "i_alt_kr"]
COMPARISON_HEADER = ["navn", "grundlag_kr", "scenarie_kr", "forskel_kr", "forskel_pct"]


def _rows(a: Allocation) -> list[list[object]]:
    # Member names can come from an uploaded CSV: neutralise formulas (lib.spreadsheet).
    return [
        [safe_cell(m.name), m.population, m.equal_share, m.population_share, m.total]
        for m in a.members
    ]


def _sum_row(a: Allocation) -> list[object]:
    return [
        _("I alt"),
        a.population_total,
        sum(m.equal_share for m in a.members),
        sum(m.population_share for m in a.members),
        a.sum,
    ]


def _percent(row: ComparisonRow) -> str:
    return "" if row.percent is None else str(row.percent)


def percent_text(row: ComparisonRow) -> str:
    """ "+4,2 %" / "−1,0 %" / "–" (no base amount)."""
    if row.percent is None:
        return "–"
    sign = "+" if row.percent > 0 else ("−" if row.percent < 0 else "")
    return f"{sign}{abs(row.percent)}".replace(".", ",") + " %"


def signed_kr(value: int) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + format_kr(abs(value))


def allocation_csv(a: Allocation, comparison: Sequence[ComparisonRow] | None = None) -> bytes:
    """One row per member and an "I alt" row (UTF-8 with BOM, plain numbers); with a
    comparison, a blank line and the comparison table follow."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows(_rows(a))
    writer.writerow(_sum_row(a))
    if comparison is not None:
        writer.writerow([])
        writer.writerow(COMPARISON_HEADER)
        for row in comparison:
            writer.writerow(
                [
                    safe_cell(row.name),
                    row.base or 0,
                    row.variant or 0,
                    row.difference,
                    _percent(row),
                ]
            )
    return buffer.getvalue().encode("utf-8")


def allocation_xlsx(
    a: Allocation,
    title: str,
    comparison: Sequence[ComparisonRow] | None = None,
    scenario_name: str = "",
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Fordeling")
    bold = Font(bold=True)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Budget (kr.)"), a.budget])
    for name, amount in a.contributions:
        ws.append([_("Fast bidrag: %(name)s") % {"name": name}, amount])
    ws.append([_("Til fordeling (kr.)"), a.to_allocate])
    ws.append([_("Ligelig andel (%)"), float(a.equal_percent)])
    ws.append([])
    ws.append(
        [
            _("Medlem"),
            _("Befolkning"),
            _("Ligelig andel (kr.)"),
            _("Befolkningsandel (kr.)"),
            _("I alt (kr.)"),
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = bold
    for row in _rows(a):
        ws.append(row)
    ws.append(_sum_row(a))
    for cell in ws[ws.max_row]:
        cell.font = bold
    for column, width in zip("ABCDE", (28, 14, 20, 22, 16), strict=True):
        ws.column_dimensions[column].width = width
    if comparison is not None:
        cs = wb.create_sheet(_("Sammenligning"))
        cs.append([_("Sammenligning med %(name)s") % {"name": scenario_name}])
        cs["A1"].font = Font(bold=True, size=14)
        cs.append(
            [
                _("Medlem"),
                _("Grundlag (kr.)"),
                _("Scenarie (kr.)"),
                _("Forskel (kr.)"),
                _("Forskel (%)"),
            ]
        )
        for cell in cs[2]:
            cell.font = bold
        for row in comparison:
            cs.append(
                [
                    safe_cell(row.name),
                    row.base or 0,
                    row.variant or 0,
                    row.difference,
                    None if row.percent is None else float(row.percent),
                ]
            )
        for column, width in zip("ABCDE", (28, 16, 16, 16, 12), strict=True):
            cs.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def allocation_pdf(
    a: Allocation,
    title: str,
    *,
    intro: str = "",
    comparison: Sequence[ComparisonRow] | None = None,
    scenario_name: str = "",
) -> bytes:
    doc = Document(title, footer=f"Smartby · {title}")
    if intro:
        doc.paragraph(intro)
    doc.heading(_("Budget og fordelingsnøgle"))
    doc.bullets(
        [
            _("Budget: %(kr)s kr.") % {"kr": format_kr(a.budget)},
            *[
                _("Fast bidrag fra %(name)s: %(kr)s kr.") % {"name": n, "kr": format_kr(v)}
                for n, v in a.contributions
            ],
            _("Til fordeling: %(kr)s kr.") % {"kr": format_kr(a.to_allocate)},
            _("%(p)s %% fordeles ligeligt (%(e)s kr.), resten efter indbyggertal (%(b)s kr.).")
            % {
                "p": f"{a.equal_percent.normalize():f}".replace(".", ","),
                "e": format_kr(a.equal_part),
                "b": format_kr(a.population_part),
            },
        ]
    )
    doc.heading(_("Fordeling pr. medlem (kr.)"))
    doc.table(
        [_("Medlem"), _("Befolkning"), _("Ligelig andel"), _("Befolkningsandel"), _("I alt")],
        [
            [str(r[0]), *(format_kr(int(v)) for v in r[1:])]  # type: ignore[call-overload]
            for r in [*_rows(a), _sum_row(a)]
        ],
        widths=(50, 28, 30, 34, 28),
        align_right_from=1,
    )
    doc.paragraph(
        _(
            "Beløbene er hele kroner og summer præcist til beløbet til fordeling "
            "(største-rest-metoden; ved lige rester går kronen først til det største "
            "indbyggertal)."
        ),
        size=8,
    )
    if comparison is not None:
        doc.heading(_("Sammenligning med scenariet %(name)s") % {"name": scenario_name})
        doc.table(
            [_("Medlem"), _("Grundlag"), _("Scenarie"), _("Forskel (kr.)"), _("Forskel (%)")],
            [
                [
                    row.name,
                    "–" if row.base is None else format_kr(row.base),
                    "–" if row.variant is None else format_kr(row.variant),
                    signed_kr(row.difference),
                    percent_text(row),
                ]
                for row in comparison
            ],
            widths=(50, 30, 30, 30, 30),
            align_right_from=1,
        )
    return doc.bytes()


def allocation_table(a: Allocation) -> str:
    """Plain-text table for the terminal (Danish number format)."""
    header = [_("Medlem"), _("Befolkning"), _("Ligelig andel"), _("Befolkningsandel"), _("I alt")]
    body = [
        [str(r[0]), *(format_kr(int(v)) for v in r[1:])]  # type: ignore[call-overload]
        for r in _rows(a)
    ]
    total = [str(_sum_row(a)[0]), *(format_kr(int(v)) for v in _sum_row(a)[1:])]  # type: ignore[call-overload]
    widths = [max(len(row[i]) for row in [header, *body, total]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [
        _("Budget: %(kr)s kr.") % {"kr": format_kr(a.budget)},
        *[
            _("Fast bidrag fra %(name)s: %(kr)s kr.") % {"name": n, "kr": format_kr(v)}
            for n, v in a.contributions
        ],
        _("Til fordeling: %(kr)s kr.") % {"kr": format_kr(a.to_allocate)},
        "",
        line(header),
        rule,
        *(line(row) for row in body),
        rule,
        line(total),
    ]
    return "\n".join(lines) + "\n"
