"""The results of a round: the public page (charts with their tables, group selector, the
report's tables, comparison with an earlier round or the 2014 baseline), CSV/XLSX/PDF, and the
coordinators' list of initiatives to register. URL patterns below, included by surveys/urls.py.

Results are public once the round is closed (and for the baseline round); while it is open only
coordinators see them (marked as preliminary). Everything shown or exported publicly is
suppressed (`analysis.suppress`).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed
from smartby.surveys import charts, exports, registry_invites, reports
from smartby.surveys.analysis import CHOICE_TYPES, ITEM_TYPES
from smartby.surveys.models import Round
from smartby.surveys.operations import can_manage


def results_visible(user: Any, round_: Round) -> bool:
    """Public once closed (and the baseline); coordinators see an open round's results too."""
    return round_.status in ("baseline", "closed") or can_manage(user)


def _round_for(request: HttpRequest, key: str) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("version__survey"), key=key)
    if not results_visible(request.user, round_):
        raise PermissionDenied(_("Resultaterne offentliggøres, når runden er lukket."))
    return round_


class ResultsForm(forms.Form):
    gruppe = forms.ChoiceField(label=gettext_lazy("Vis tal for"), required=False)
    sammenlign = forms.ChoiceField(label=gettext_lazy("Sammenlign med"), required=False)

    def __init__(self, *args: Any, groups: dict[str, str], earlier: list[Round], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["gruppe"].choices = [("", _("Alle kommuner, der svarede")), *groups.items()]
        self.fields["sammenlign"].choices = [
            ("", _("Ingen sammenligning") if not earlier else _("Forrige runde")),
            *((r.key, r.name) for r in earlier),
        ]


def display(value: Any, kind: str = "text") -> str:
    """A table cell as shown: percentages with a decimal comma, missing or suppressed as "–"."""
    if value is None:
        return charts.DASH
    if kind in ("pct", "pp") and isinstance(value, int | float):
        text = charts.fmt(value)
        return f"+{text}" if kind == "pp" and value > 0 else text
    return str(value)


def _shown(cell: dict) -> dict:
    return {**cell, "count_text": display(cell["count"]), "pct_text": display(cell["pct"], "pct")}


def table_rows(table: reports.Table) -> list[list[tuple[str, bool]]]:
    """The rows as shown: (text, is a number) per cell."""
    return [
        [(display(v, c.kind), c.kind != "text") for v, c in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]


def question_views(report: reports.RoundReport, group: str) -> list[dict]:
    """What the page shows for each question: rows of the table and the chart."""
    out = []
    figs = report.figures
    for index, spec in enumerate(report.specs, start=1):
        q = spec["key"]
        slug = f"q-{slugify(q) or index}"
        view: dict[str, Any] = {
            "key": q,
            "slug": slug,
            "text": spec.get("text") or q,
            "type": spec["type"],
            "n": figs.question_n(q, group),
            "condition": spec.get("condition"),
        }
        options = spec.get("options") or []
        if spec["type"] in ITEM_TYPES:
            rows = []
            for item in spec.get("items") or []:
                cells = [_shown(figs.cell(q, item["key"], group, o["key"])) for o in options]
                rows.append(
                    {
                        "label": item["text"],
                        "n": display(figs.n(q, item["key"], group) if report.results else None),
                        "cells": cells,
                    }
                )
            view.update(
                kind="items",
                options=[o["label"] for o in options],
                rows=rows,
                chart=charts.stacked(
                    slug,
                    view["text"],
                    [r["label"] for r in rows],
                    [
                        (o["label"], [r["cells"][j]["pct"] for r in rows])
                        for j, o in enumerate(options)
                    ],
                ),
            )
        elif spec["type"] in CHOICE_TYPES:
            rows = [
                {"label": o["label"], **_shown(figs.cell(q, "", group, o["key"]))} for o in options
            ]
            view.update(
                kind="options",
                rows=rows,
                chart=charts.bars(
                    slug, view["text"], [r["label"] for r in rows], [r["pct"] for r in rows]
                ),
            )
        elif spec["type"] == "number":
            stats = figs.stats(q, group) or {}
            view.update(
                kind="number",
                stats=[
                    (_("Gennemsnit"), display(stats.get("mean"), "pct")),
                    (_("Median"), display(stats.get("median"), "pct")),
                    (_("Mindste"), display(stats.get("min"), "pct")),
                    (_("Største"), display(stats.get("max"), "pct")),
                ],
            )
        else:
            view.update(kind="text")
        out.append(view)
    return out


def table_charts(tables: list[reports.Table]) -> list[tuple[reports.Table, list, str]]:
    """Each report table with its bar chart (of its first chart column), if it has one."""
    out = []
    for table in tables:
        svg = ""
        if table.chart_values and table.rows:
            column = table.chart_values[0]
            svg = charts.bars(
                f"t-{table.slug}",
                table.title,
                [str(row[table.chart_label]) for row in table.rows],
                [row[column] for row in table.rows],
            )
        out.append((table, table_rows(table), svg))
    return out


def _comparison(round_: Round, choice: str) -> Round | None:
    earlier = reports.comparison_rounds(round_)
    if choice:
        return next((r for r in earlier if r.key == choice), None)
    return earlier[0] if earlier else None


def _context(request: HttpRequest, round_: Round) -> tuple[dict[str, Any], int]:
    report = reports.round_report(round_, public=True)
    earlier = reports.comparison_rounds(round_)
    form = ResultsForm(request.GET or None, groups=report.labels.groups, earlier=earlier)
    status = 200
    group, compare_key = "", ""
    if form.is_bound:
        if form.is_valid():
            group, compare_key = form.cleaned_data["gruppe"], form.cleaned_data["sammenlign"]
        else:
            status = 400
    tables = reports.report_tables(report.specs, report.figures, group)
    comparison = _comparison(round_, compare_key)
    change = None
    if comparison is not None and results_visible(request.user, comparison):
        previous = reports.round_report(comparison, public=True)
        change = reports.changes(report, previous, group)
    return {
        "round": round_,
        "survey": round_.version.survey,
        "report": report,
        "form": form,
        "group": group,
        "group_label": report.labels.group(group) if group else _("Alle kommuner, der svarede"),
        "group_n": report.groups.get(group) if group else report.respondents,
        "tables": table_charts(tables),
        "questions": question_views(report, group),
        "comparison": comparison,
        "change": change,
        "change_rows": table_rows(change) if change else [],
        "population": round_.population.count(),
        "preliminary": round_.status not in ("baseline", "closed"),
        "query": request.GET.urlencode(),
        "can_manage": can_manage(request.user),
    }, status


@require_GET
def results(request: HttpRequest, key: str) -> HttpResponse:
    round_ = _round_for(request, key)
    context, status = _context(request, round_)
    return render(request, "surveys/results_round.html", context, status=status)


def _filename(round_: Round, ext: str) -> str:
    return f"{round_.key}-resultater.{ext}"


@require_GET
def results_csv(request: HttpRequest, key: str) -> HttpResponse:
    round_ = _round_for(request, key)
    report = reports.round_report(round_, public=True)
    response = HttpResponse(exports.results_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, "csv")}"'
    return response


@require_GET
def results_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    round_ = _round_for(request, key)
    report = reports.round_report(round_, public=True)
    tables = reports.report_tables(report.specs, report.figures)
    response = HttpResponse(
        exports.results_xlsx(report, tables),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, "xlsx")}"'
    return response


@require_GET
def results_pdf(request: HttpRequest, key: str) -> HttpResponse:
    round_ = _round_for(request, key)
    report = reports.round_report(round_, public=True)
    tables = reports.report_tables(report.specs, report.figures)
    comparison = _comparison(round_, "")
    if comparison is not None and results_visible(request.user, comparison):
        tables.append(reports.changes(report, reports.round_report(comparison, public=True)))
    response = HttpResponse(exports.results_pdf(report, tables), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(round_, "pdf")}"'
    return response


@require_http_methods(["GET"])
def to_register(request: HttpRequest, key: str) -> HttpResponse:
    """Coordinators: per municipality, the initiatives answered "Har" with no matching project."""
    if not can_manage(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan se listen."))
    round_ = get_object_or_404(Round.objects.select_related("version__survey"), key=key)
    return render(
        request,
        "surveys/results_register.html",
        {
            "round": round_,
            "rows": registry_invites.initiatives_to_register(round_),
            "is_baseline": round_.is_baseline,
        },
    )


@require_POST
def to_register_invite(request: HttpRequest, key: str, code: str) -> HttpResponse:
    round_ = get_object_or_404(Round, key=key)
    municipality = get_object_or_404(Municipality, code=code)
    try:
        sent = registry_invites.send_invitation(request.user, round_, municipality)
    except ValidationFailed as error:
        for item in error.errors:
            messages.error(request, item["message"])
    else:
        messages.success(
            request,
            _("Invitationen til at registrere projekterne er sendt til %(email)s.")
            % {"email": sent},
        )
    return redirect(reverse("surveys:results_register", args=[round_.key]) + f"#kommune-{code}")


urlpatterns: list[URLPattern] = [
    path("runder/<slug:key>/resultater/", results, name="results"),
    path("runder/<slug:key>/resultater/resultater.csv", results_csv, name="results_csv"),
    path("runder/<slug:key>/resultater/resultater.xlsx", results_xlsx, name="results_xlsx"),
    path("runder/<slug:key>/resultater/rapport.pdf", results_pdf, name="results_pdf"),
    path("runder/<slug:key>/resultater/registrering/", to_register, name="results_register"),
    path(
        "runder/<slug:key>/resultater/registrering/<str:code>/inviter/",
        to_register_invite,
        name="results_register_invite",
    ),
]
