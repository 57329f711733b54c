"""Business-case exports: a PDF report (smartby.lib.pdf) and the yearly table as CSV."""

import csv
import io

from django.utils.translation import gettext as _

from smartby.cases.finance import Result
from smartby.cases.models import BusinessCase, LineKind
from smartby.cases.numbers import format_amount, format_percent
from smartby.lib.pdf import Document
from smartby.lib.text import danish_slugify

CSV_HEADER = [
    "aar",
    "aar_nr",
    "investering_kr",
    "drift_kr",
    "omkostninger_kr",
    "gevinster_kr",
    "netto_kr",
    "diskonteringsfaktor",
    "nutidsvaerdi_netto_kr",
    "akkumuleret_netto_kr",
    "akkumuleret_nutidsvaerdi_kr",
]


def filename(business_case: BusinessCase, extension: str) -> str:
    base = danish_slugify(f"business-case {business_case.use_case.title} {business_case.title}")
    return f"{base or 'business-case'}.{extension}"


def yearly_csv(result: Result) -> bytes:
    """One row per year; plain numbers with a decimal point (UTF-8 with BOM, like the other
    CSV exports)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in result.rows:
        writer.writerow(
            [
                row.year,
                row.index,
                row.investment,
                row.operating,
                row.costs,
                row.benefits,
                row.net,
                row.factor,
                row.discounted_net,
                row.cumulative_net,
                row.cumulative_discounted_net,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def payback_text(year: int | None, years: int | None) -> str:
    if year is None:
        return _("Ikke inden for tidshorisonten")
    return _("%(year)s (år %(n)s af beregningen)") % {"year": year, "n": years}


def business_case_pdf(business_case: BusinessCase, result: Result) -> bytes:
    use_case = business_case.use_case
    doc = Document(
        _("Business case: %(title)s") % {"title": use_case.title},
        footer=f"Smartby · {use_case.title} · {business_case.title}",
    )
    doc.paragraph(_("Scenarie: %(title)s") % {"title": business_case.title}, bold=True)

    doc.heading(_("Use casen"))
    doc.paragraph(_("Problem: %(text)s") % {"text": use_case.problem})
    doc.bullets(
        [
            _("Målgruppe: %(text)s") % {"text": use_case.target_group},
            _("Område: %(text)s") % {"text": use_case.area.name},
            _("Ejer: %(text)s") % {"text": use_case.owner_organisation.name},
            *(
                [_("Data og sensorer: %(text)s") % {"text": use_case.data_needed}]
                if use_case.data_needed
                else []
            ),
            *(
                [_("Forventede gevinster: %(text)s") % {"text": use_case.benefits}]
                if use_case.benefits
                else []
            ),
            *([_("Risici: %(text)s") % {"text": use_case.risks}] if use_case.risks else []),
        ]
    )

    doc.heading(_("Forudsætninger"))
    doc.bullets(
        [
            _("Første år (år 0): %(year)s") % {"year": business_case.first_year},
            _("Tidshorisont: %(n)s år (%(first)s–%(last)s)")
            % {
                "n": business_case.horizon_years,
                "first": business_case.first_year,
                "last": business_case.last_year,
            },
            _("Diskonteringsrente: %(rate)s")
            % {"rate": format_percent(business_case.discount_rate)},
        ]
    )
    if business_case.notes:
        doc.paragraph(business_case.notes)
    lines = list(business_case.lines.all())
    economic = [x for x in lines if x.kind != LineKind.NON_ECONOMIC]
    if economic:
        doc.table(
            [_("Type"), _("Beskrivelse"), _("År"), _("Beløb (kr.)")],
            [
                [
                    line.get_kind_display(),
                    line.label,
                    str(business_case.first_year + line.year),
                    format_amount(line.amount),
                ]
                for line in economic
            ],
            widths=(35, 85, 20, 30),
            align_right_from=2,
        )
    else:
        doc.paragraph(_("Ingen økonomiske linjer endnu."))

    doc.heading(_("År for år (kr.)"))
    doc.table(
        [
            _("År"),
            _("Investering"),
            _("Drift"),
            _("Gevinster"),
            _("Netto"),
            _("Nutidsværdi"),
            _("Akkumuleret"),
        ],
        [
            [
                str(row.year),
                format_amount(row.investment),
                format_amount(row.operating),
                format_amount(row.benefits),
                format_amount(row.net),
                format_amount(row.discounted_net),
                format_amount(row.cumulative_net),
            ]
            for row in result.rows
        ]
        + [
            [
                _("I alt"),
                format_amount(result.total_investment),
                format_amount(result.total_operating),
                format_amount(result.total_benefits),
                format_amount(result.total_net),
                format_amount(result.npv),
                "",
            ]
        ],
        widths=(16, 26, 24, 26, 26, 26, 26),
        align_right_from=1,
    )

    doc.heading(_("Resultat"))
    doc.bullets(
        [
            _("Nettonutidsværdi: %(amount)s kr.") % {"amount": format_amount(result.npv)},
            _("Tilbagebetaling: %(text)s")
            % {"text": payback_text(result.payback_year, result.payback_years)},
            _("Diskonteret tilbagebetaling: %(text)s")
            % {
                "text": payback_text(
                    result.discounted_payback_year, result.discounted_payback_years
                )
            },
            _("Omkostninger i alt: %(amount)s kr.") % {"amount": format_amount(result.total_costs)},
            _("Økonomiske gevinster i alt: %(amount)s kr.")
            % {"amount": format_amount(result.total_benefits)},
        ]
    )
    non_economic = [x for x in lines if x.kind == LineKind.NON_ECONOMIC]
    if non_economic:
        doc.heading(_("Ikke-økonomiske gevinster"), level=3)
        doc.bullets([line.label for line in non_economic])

    doc.heading(_("Følsomhed"))
    doc.paragraph(
        _(
            "Nettonutidsværdi (kr.) ved diskonteringsrenten ændret med -2 til +2 procentpoint "
            "(rækker) og de økonomiske gevinster ændret med -20 % til +10 % (kolonner)."
        )
    )
    doc.table(
        [_("Rente"), *(step_label(step) for step in result.benefit_steps)],
        [
            [format_percent(row.rate), *(format_amount(v) for v in row.npvs)]
            for row in result.sensitivity
        ],
        align_right_from=1,
    )
    return doc.bytes()


def step_label(step: int) -> str:
    if step == 0:
        return _("Gevinster som antaget")
    return _("Gevinster %(sign)s%(n)s %%") % {"sign": "+" if step > 0 else "-", "n": abs(step)}
