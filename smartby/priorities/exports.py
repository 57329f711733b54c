"""Exports: the yearly progress report (PDF, CSV) and a round's results (CSV, XLSX). CSV is UTF-8
with BOM and semicolons (Danish Excel); text that could start a formula gets a leading quote."""

import csv
import io
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from smartby.lib.pdf import Document
from smartby.lib.spreadsheet import safe_cell
from smartby.priorities.aggregation import ProposalResult
from smartby.priorities.criteria import CRITERIA, INVESTMENT_CATEGORIES
from smartby.priorities.models import Round
from smartby.priorities.queries import YearReport

BOM = "\ufeff"
_safe = safe_cell


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


def dk(value: float | None, digits: int = 2) -> str:
    """A number with a decimal comma (CSV and PDF)."""
    return "" if value is None else f"{value:.{digits}f}".replace(".", ",")


# --- the yearly progress report -------------------------------------------------------------

PROGRESS_HEADER = [
    "nummer",
    "titel",
    "tema",
    "status_aarets_start",
    "status_aarets_slut",
    "statusaendringer_i_aaret",
    "dokumentation_tilfoejet_i_aaret",
]


def progress_csv(report: YearReport) -> bytes:
    return _csv(
        PROGRESS_HEADER,
        [
            [
                r.recommendation.number,
                r.recommendation.title,
                r.recommendation.theme.title,
                r.status_start_label,
                r.status_end_label,
                len(r.changes),
                len(r.evidence),
            ]
            for r in report.rows
        ],
    )


def progress_pdf(report: YearReport) -> bytes:
    title = _("Fremdrift for Digitaliseringspartnerskabets anbefalinger %(year)s") % {
        "year": report.year
    }
    doc = Document(title, footer=title)
    doc.paragraph(
        _(
            "Status for de 46 anbefalinger ved årets start og slut, de statusændringer, der er "
            "registreret i året, og den dokumentation, der er tilføjet."
        )
    )
    doc.heading(_("Fordeling på status"))
    doc.table(
        [_("Status"), _("Ved årets start"), _("Ved årets slut")],
        [[label, str(start), str(end)] for _code, label, start, end in report.distribution],
        widths=[90, 40, 40],
        align_right_from=1,
    )
    doc.heading(_("Ændringer i året"))
    if report.changes:
        doc.table(
            [_("Dato"), _("Anbefaling"), _("Ny status"), _("Kommentar")],
            [
                [
                    date_format(e.date, "SHORT_DATE_FORMAT"),
                    f"{e.recommendation.number}. {e.recommendation.title}",
                    e.get_status_display(),
                    e.comment,
                ]
                for e in report.changes
            ],
            widths=[22, 68, 30, 50],
        )
    else:
        doc.paragraph(_("Der er ikke registreret statusændringer i året."))
    doc.heading(_("Dokumentation tilføjet i året"))
    if report.evidence:
        doc.table(
            [_("Dato"), _("Anbefaling"), _("Dokumentation"), _("Link")],
            [
                [
                    date_format(e.added_on, "SHORT_DATE_FORMAT"),
                    str(e.recommendation.number),
                    e.title + (f" ({e.project.title})" if e.project else ""),
                    e.url,
                ]
                for e in report.evidence
            ],
            widths=[22, 22, 66, 60],
        )
    else:
        doc.paragraph(_("Der er ikke tilføjet dokumentation i året."))
    doc.heading(_("Anbefalingerne"))
    doc.table(
        [_("Nr."), _("Anbefaling"), _("Status ved start"), _("Status ved slut")],
        [
            [
                str(r.recommendation.number),
                r.recommendation.title,
                r.status_start_label,
                r.status_end_label,
            ]
            for r in report.rows
        ],
        widths=[12, 98, 30, 30],
    )
    return doc.bytes()


# --- results of a prioritisation round ------------------------------------------------------


def results_header() -> list[str]:
    header = ["rang", "forslag", "antal_bedoemmere"]
    for c in CRITERIA:
        header += [f"{c.code}_gennemsnit", f"{c.code}_min", f"{c.code}_max", f"{c.code}_spredning"]
    return [*header, "vaerdi", "digitaliseringspotentiale", "samlet", "investeringskategori"]


def results_rows(results: Sequence[ProposalResult]) -> list[list[object]]:
    rows = []
    for r in results:
        row: list[object] = [r.rank or "", r.title, r.n]
        for c in CRITERIA:
            s = r.criteria.get(c.code)
            row += (
                [round(s.mean, 2), s.minimum, s.maximum, round(s.stdev, 2)]
                if s
                else ["", "", "", ""]
            )
        row += [
            "" if r.value is None else round(r.value, 2),
            "" if r.potential is None else round(r.potential, 2),
            "" if r.total is None else round(r.total, 2),
            str(INVESTMENT_CATEGORIES[r.investment]) if r.investment else "",
        ]
        rows.append(row)
    return rows


def results_csv(results: Sequence[ProposalResult]) -> bytes:
    rows = [[dk(v) if isinstance(v, float) else v for v in row] for row in results_rows(results)]
    return _csv(results_header(), rows)


def results_xlsx(round: Round, results: Sequence[ProposalResult]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Resultater"
    ws.append(results_header())
    for row in results_rows(results):
        ws.append([_safe(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    about = wb.create_sheet("Om runden")
    about.append(["Runde", round.title])
    about.append(["Status", round.get_status_display()])
    for c in CRITERIA:
        about.append([c.code, str(c.label)])
    about.append(["Skala", "1 (meget lille) til 5 (meget stor)"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
