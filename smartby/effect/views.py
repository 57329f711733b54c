"""The effect dashboard: public, aggregates only."""

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartby.effect import charts
from smartby.effect.exports import figure_csv
from smartby.effect.figures import FIGURES, MIN_SEARCHES, all_figures
from smartby.effect.forms import PeriodForm, period_form


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = period_form(request.GET)
    if not form.is_valid():
        return render(request, "effect/dashboard.html", {"form": form, "figures": []}, status=400)
    period = form.period()
    figures = [(figure, charts.render(figure)) for figure in all_figures(period)]
    shown = PeriodForm(initial={"date_from": period.date_from, "date_to": period.date_to})
    return render(
        request,
        "effect/dashboard.html",
        {
            "form": shown,
            "period": period,
            "figures": figures,
            "query": period.as_query(),
            "min_searches": MIN_SEARCHES,
        },
    )


@require_GET
def download(request: HttpRequest, slug: str) -> HttpResponse:
    make = FIGURES.get(slug)
    if make is None:
        raise Http404(_("Der findes ingen figur med navnet „%(slug)s“.") % {"slug": slug})
    form = period_form(request.GET)
    if not form.is_valid():
        errors = io.StringIO()
        for messages in form.errors.values():
            errors.writelines(f"{m}\n" for m in messages)
        return HttpResponse(errors.getvalue(), status=400, content_type="text/plain; charset=utf-8")
    period = form.period()
    response = HttpResponse(figure_csv(make(period)), content_type="text/csv; charset=utf-8")
    name = f"smartby-effekt-{slug}-{period.date_from.isoformat()}-{period.date_to.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
