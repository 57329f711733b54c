"""The end-of-initiative status report in the layout of the real one (seed 000: Stamdata table,
Formål og resultater, effektmål, Evaluering af effektmål, Fremtidigt ejerskab, Økonomi) as PDF
and DOCX, and the portfolio overview of a strategy (initiatives × traffic lights, budget vs
spend) as PDF. Both formats are built from the same `sections()` so they say the same."""

import io
from dataclasses import dataclass, field
from datetime import date

import docx
from django.utils.translation import gettext as _

from smartby.lib.pdf import Document
from smartby.portfolio.charts import number
from smartby.portfolio.models import EffectKind, Initiative, Light, StatusReport, Strategy

LIGHT_LABELS = dict(Light.choices)


def kroner(value: int | None) -> str:
    return "–" if value is None else f"{number(value)} kr."


def signed_kroner(value: int | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + kroner(value)


def day(value: date | None) -> str:
    return "–" if value is None else f"{value:%d.%m.%Y}"


def light(value: str) -> str:
    return str(LIGHT_LABELS.get(value, value))


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Paragraphs ("p", [text]) and bullet lists ("ul", items) of a plain text with '- ' items."""
    result: list[tuple[str, list[str]]] = []
    for chunk in (text or "").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "* ")) for line in lines):
            result.append(("ul", [line[2:].strip() for line in lines]))
        else:
            result.append(("p", [" ".join(lines)]))
    return result


@dataclass
class Section:
    heading: str
    level: int = 2
    blocks: list[tuple[str, list[str]]] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None


def stamdata_rows(initiative: Initiative) -> list[list[str]]:
    strategy = initiative.focus_area.strategy
    variance = initiative.variance_dkk
    if variance is not None:
        spend = signed_kroner(variance)
        if initiative.spend_note:
            spend += f" ({initiative.spend_note})"
    else:
        spend = initiative.spend_note or "–"
    budget = " ".join(
        part for part in (initiative.budget_note, kroner(initiative.budget_dkk)) if part
    )
    return [
        [_("Ministerium"), initiative.ministry or "–"],
        [_("Institution"), initiative.institution or "–"],
        [_("Styregruppe"), initiative.steering_group or "–"],
        [_("Projektejer"), initiative.project_owner or "–"],
        [_("Projektleder"), initiative.project_leader or "–"],
        [_("Starttidspunkt"), day(initiative.start_date)],
        [_("Oprindeligt forventet sluttidspunkt"), day(initiative.expected_end)],
        [_("Egentligt sluttidspunkt"), day(initiative.actual_end)],
        [_("Samlet budget (%(period)s)") % {"period": strategy.period}, budget],
        [_("Samlet mer- eller mindreforbrug"), spend],
    ]


def economy_rows(initiative: Initiative) -> list[list[str]]:
    return [
        [_("Samlet budget"), kroner(initiative.budget_dkk)],
        [_("Forbrug"), kroner(initiative.spend_dkk)],
        [_("Mer- (+) eller mindreforbrug (−)"), signed_kroner(initiative.variance_dkk)],
    ]


def sections(initiative: Initiative) -> list[Section]:
    """The report's sections in the order of the real report."""
    result: list[Section] = [
        Section(
            _("Tabel 1: Stamdata for initiativ %(number)s: %(title)s")
            % {"number": initiative.number, "title": initiative.title},
            table=([_("Felt"), _("Værdi")], stamdata_rows(initiative)),
        ),
    ]
    purpose = blocks(initiative.purpose) + blocks(initiative.results)
    result.append(
        Section(
            _("Formål og resultater"),
            blocks=purpose or [("p", [_("Formål og resultater er ikke beskrevet.")])],
        )
    )
    goals = list(initiative.effect_goals.all())
    result.append(
        Section(
            _("Effektmål"),
            blocks=blocks(initiative.effect_summary)
            or ([] if goals else [("p", [_("Initiativet har ingen effektmål.")])]),
        )
    )
    for kind, label in EffectKind.choices:
        of_kind = [g for g in goals if g.kind == kind]
        if not of_kind:
            continue
        section = Section(str(label), level=3)
        for goal in of_kind:
            section.blocks.append(("p", [_("Effektmål %(n)s: %(text)s") % _goal_args(goal)]))
            if goal.description:
                section.blocks.append(("ul", [goal.description]))
        result.append(section)
    for goal in goals:
        measurements = list(goal.measurements.all())
        if not (goal.has_figures or measurements):
            continue
        rows = []
        if goal.baseline_value is not None:
            rows.append([day(goal.baseline_date), number(goal.baseline_value), _("Udgangspunkt")])
        rows += [[day(m.date), number(m.value), m.note] for m in measurements]
        if goal.target_value is not None:
            rows.append([day(goal.target_date), number(goal.target_value), _("Mål")])
        result.append(
            Section(
                _("Målinger for effektmål %(n)s: %(indicator)s")
                % {"n": goal.number, "indicator": goal.indicator or goal.text},
                level=3,
                table=(
                    [_("Dato"), _("Værdi") + (f" ({goal.unit})" if goal.unit else ""), ""],
                    rows,
                ),
            )
        )
    evaluation = blocks(initiative.evaluation)
    ev = Section(_("Evaluering af effektmål"), blocks=evaluation[:1])
    for goal in goals:
        if goal.result:
            ev.blocks.append(("p", [_("Ad %(n)s: %(text)s") % _goal_args(goal)]))
            ev.blocks.append(("p", [_("Evaluering: %(result)s") % {"result": goal.result}]))
    ev.blocks += evaluation[1:]
    if not ev.blocks:
        ev.blocks = [("p", [_("Effektmålene er ikke evalueret.")])]
    result.append(ev)
    result.append(
        Section(
            _("Fremtidigt ejerskab"),
            blocks=blocks(initiative.future_ownership)
            or [("p", [_("Fremtidigt ejerskab er ikke beskrevet.")])],
        )
    )
    result.append(
        Section(
            _("Økonomi"),
            blocks=blocks(initiative.economy),
            table=([_("Post"), _("Beløb")], economy_rows(initiative)),
        )
    )
    reports = list(initiative.status_reports.all())
    if reports:
        result.append(
            Section(
                _("Statushistorik"),
                table=(
                    [_("Dato"), _("Periode"), _("Tid"), _("Økonomi"), _("Kvalitet/leverancer")],
                    [
                        [
                            day(r.report_date),
                            r.period,
                            light(r.time),
                            light(r.economy),
                            light(r.quality),
                        ]
                        for r in reports
                    ],
                ),
            )
        )
    if initiative.more_info_url:
        result.append(
            Section(
                _("Læs mere"),
                blocks=[
                    (
                        "p",
                        [
                            _("Du kan læse mere om initiativ %(number)s – %(title)s her: %(url)s")
                            % {
                                "number": initiative.number,
                                "title": initiative.title,
                                "url": initiative.more_info_url,
                            }
                        ],
                    )
                ],
            )
        )
    return result


def _goal_args(goal) -> dict[str, object]:
    return {"n": goal.number, "text": goal.text}


def report_title(initiative: Initiative) -> str:
    return _("Statusrapport for initiativ %(number)s %(title)s") % {
        "number": initiative.number,
        "title": initiative.title,
    }


def status_report_pdf(initiative: Initiative) -> bytes:
    strategy = initiative.focus_area.strategy
    doc = Document(report_title(initiative), footer=str(strategy))
    doc.paragraph(str(strategy))
    for section in sections(initiative):
        doc.heading(section.heading, level=section.level)
        for kind, items in section.blocks:
            if kind == "ul":
                doc.bullets(items)
            else:
                doc.paragraph(items[0])
        if section.table:
            header, rows = section.table
            doc.table(header, rows, widths=(70, 100) if len(header) == 2 else None)
    return doc.bytes()


def status_report_docx(initiative: Initiative) -> bytes:
    strategy = initiative.focus_area.strategy
    document = docx.Document()
    document.core_properties.title = report_title(initiative)
    document.core_properties.author = "Smartby"
    document.core_properties.language = "da-DK"
    document.add_heading(report_title(initiative), level=0)
    document.add_paragraph(str(strategy))
    for section in sections(initiative):
        document.add_heading(section.heading, level=section.level - 1)
        for kind, items in section.blocks:
            if kind == "ul":
                for item in items:
                    document.add_paragraph(item, style="List Bullet")
            else:
                document.add_paragraph(items[0])
        if section.table:
            header, rows = section.table
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = str(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def latest_reports(initiatives: list[Initiative]) -> dict[int, StatusReport]:
    """The newest status report per initiative (one query)."""
    latest: dict[int, StatusReport] = {}
    ids = [i.pk for i in initiatives]
    for report in StatusReport.objects.filter(initiative_id__in=ids).order_by(
        "initiative_id", "-report_date", "-created_at", "-id"
    ):
        latest.setdefault(report.initiative_id, report)
    return latest


def overview_pdf(strategy: Strategy) -> bytes:
    initiatives = list(
        Initiative.objects.filter(focus_area__strategy=strategy).select_related("focus_area")
    )
    latest = latest_reports(initiatives)
    doc = Document(_("Porteføljeoverblik: %(title)s") % {"title": strategy}, footer=str(strategy))
    doc.paragraph(
        _("%(title)s (%(period)s). Ejer: %(owner)s.")
        % {"title": strategy.title, "period": strategy.period, "owner": strategy.owner}
    )
    counts = {value: 0 for value, _label in Light.choices}
    for report in latest.values():
        for value in (report.time, report.economy, report.quality):
            counts[value] += 1
    budget = sum(i.budget_dkk or 0 for i in initiatives)
    spend = sum(i.spend_dkk or 0 for i in initiatives)
    doc.heading(_("Nøgletal"))
    doc.table(
        [_("Nøgletal"), _("Værdi")],
        [
            [_("Initiativer"), number(len(initiatives))],
            [_("Initiativer med status"), number(len(latest))],
            [_("Samlet budget"), kroner(budget)],
            [_("Samlet forbrug (hvor opgjort)"), kroner(spend)],
            *[
                [_("Lys: %(light)s") % {"light": label}, number(counts[v])]
                for v, label in Light.choices
            ],
        ],
        widths=(90, 80),
        align_right_from=1,
    )
    for focus_area in strategy.focus_areas.all():
        rows = []
        for initiative in (i for i in initiatives if i.focus_area_id == focus_area.pk):
            report = latest.get(initiative.pk)
            lights = (
                [light(report.time), light(report.economy), light(report.quality)]
                if report
                else ["–", "–", "–"]
            )
            rows.append(
                [
                    f"{initiative.number} {initiative.title}",
                    day(report.report_date) if report else _("Ingen status"),
                    *lights,
                    kroner(initiative.budget_dkk),
                    kroner(initiative.spend_dkk),
                    signed_kroner(initiative.variance_dkk),
                ]
            )
        doc.heading(str(focus_area), level=3)
        if not rows:
            doc.paragraph(_("Fokusområdet har ingen initiativer."))
            continue
        doc.table(
            [
                _("Initiativ"),
                _("Status"),
                _("Tid"),
                _("Økonomi"),
                _("Kvalitet"),
                _("Budget"),
                _("Forbrug"),
                _("Mer/mindre"),
            ],
            rows,
            widths=(48, 20, 14, 16, 16, 20, 18, 18),
        )
    return doc.bytes()
