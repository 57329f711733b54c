"""Exports of a round's results: CSV and XLSX (every figure, long format, plus the report's
tables in the workbook) and the PDF report. All are made from a public `RoundReport`, so small
cells are suppressed exactly as on the results page.

CSV: UTF-8 with a byte order mark, semicolons, decimal comma (what Danish Excel opens with a
double click). A suppressed figure is empty with "ja" in the column `skjult`. Number questions
are summarised on the page only (mean), free text never.
"""

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from smartby.lib.pdf import Document
from smartby.lib.spreadsheet import FORMULA_START, safe_row
from smartby.surveys.analysis import CHOICE_TYPES, ITEM_TYPES
from smartby.surveys.reports import RoundReport, Table

BOM = "\ufeff"
LONG_COLUMNS = [
    "spoergsmaal_noegle",
    "spoergsmaal",
    "delspoergsmaal_noegle",
    "delspoergsmaal",
    "gruppe_noegle",
    "gruppe",
    "svar_noegle",
    "svar",
    "n",
    "antal",
    "pct",
    "skjult",
]


def long_rows(report: RoundReport) -> Iterator[list[Any]]:
    """Every figure: one row per question (and item), group and option. Groups: "" = all."""
    figs, labels = report.figures, report.labels
    groups = ["", *report.groups]
    for spec in report.specs:
        if spec["type"] not in (*CHOICE_TYPES, *ITEM_TYPES):
            continue
        q = spec["key"]
        items = [i["key"] for i in spec.get("items") or []] if spec["type"] in ITEM_TYPES else [""]
        for group in groups:
            for item in items:
                n = figs.n(q, item, group) if report.results else None
                for option in spec.get("options") or []:
                    cell = figs.cell(q, item, group, option["key"])
                    if report.results is None and cell["pct"] is None:
                        continue  # the baseline: only what was published
                    if report.results is None:
                        n = figs.n(q, item, group, option["key"])
                    yield [
                        q,
                        labels.question(q),
                        item,
                        labels.item(q, item) if item else "",
                        group,
                        labels.group(group),
                        option["key"],
                        option["label"],
                        n,
                        cell["count"],
                        cell["pct"],
                        "ja" if cell["suppressed"] else "",
                    ]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def results_csv(report: RoundReport) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(LONG_COLUMNS)
    for row in long_rows(report):
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in "[]:*?/\\")[:28]
    name, i = base, 2
    while name in used:
        name, i = f"{base[:25]} {i}", i + 1
    used.add(name)
    return name


def results_xlsx(report: RoundReport, tables: list[Table]) -> bytes:
    """A workbook: "Resultater" (the long format) and one sheet per report table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Resultater"
    ws.append(LONG_COLUMNS)
    for row in long_rows(report):
        ws.append(safe_row(row))  # openpyxl would store text starting with = as a formula
    used = {"Resultater"}
    for table in tables:
        sheet = wb.create_sheet(_sheet_title(table.title, used))
        sheet.append(safe_row(c.label for c in table.columns))
        for row in table.rows:
            sheet.append(safe_row(row))
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pdf_value(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind in ("pct", "pp") and isinstance(value, float | int):
        text = f"{value:.1f}".replace(".", ",")
        return f"+{text}" if kind == "pp" and value > 0 else text
    return str(value)


def results_pdf(report: RoundReport, tables: list[Table]) -> bytes:
    """The report: the round, how to read it, the report's tables and the change table."""
    round_ = report.round
    doc = Document(
        round_.name, footer=_("Smartby – resultater af %(name)s") % {"name": round_.name}
    )
    period = f"{date_format(round_.opens_on)} – {date_format(round_.closes_on)}"
    if report.respondents is not None:
        doc.paragraph(
            _("Periode: %(period)s. Besvarelser: %(n)s.")
            % {"period": period, "n": report.respondents}
        )
    else:
        doc.paragraph(_("Periode: %(period)s.") % {"period": period})
    if round_.is_baseline:
        doc.paragraph(
            _("Offentliggjorte tal fra rapporten; tal, som rapporten ikke gengiver, står som –.")
        )
    else:
        doc.paragraph(
            _(
                "Procenter af dem, der har besvaret spørgsmålet, med én decimal. Tal bag færre "
                "end 3 besvarelser er skjult og står som –."
            )
        )
    if not tables:
        doc.paragraph(_("Runden har ingen tabeller endnu."))
    for table in tables:
        doc.heading(table.title, level=2)
        if table.description:
            doc.paragraph(table.description, size=9)
        if not table.rows:
            doc.paragraph(_("Ingen tal."), size=9)
            continue
        first_number = next(
            (i for i, c in enumerate(table.columns) if c.kind != "text"), len(table.columns)
        )
        doc.table(
            [c.label for c in table.columns],
            [
                [_pdf_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
                for row in table.rows
            ],
            align_right_from=first_number,
        )
    return doc.bytes()
