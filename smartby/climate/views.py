"""DK2020 pages. Views stay thin: they read through `climate.queries`, write through
`climate.operations` and render."""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartby.climate import charts, operations, permissions, queries
from smartby.climate.forms import PlanUpdateForm
from smartby.climate.models import ClimatePlan, Phase
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed


def _legend(rows: list[queries.Row]) -> list[tuple[queries.Category, int]]:
    counts = Counter(r.category for r in rows)
    return [(c, counts.get(c.code, 0)) for c in queries.categories()]


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    rows = queries.rows()
    return render(
        request,
        "climate/map.html",
        {
            "rows": rows,
            "legend": _legend(rows),
            "planned": sum(1 for r in rows if r.plan is not None),
            "demo": any(r.plan is not None and r.plan.is_demo for r in rows),
            "geojson_url": reverse("climate:geojson"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(queries.geojson(), content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    categories, regions, totals = queries.region_overview()
    return render(
        request,
        "climate/overview.html",
        {
            "categories": categories,
            "legend_pairs": list(zip(categories, totals, strict=True)),
            "regions": regions,
            "totals": totals,
            "grand_total": sum(totals),
            "adopted_total": sum(r.adopted for r in regions),
            "chart": charts.region_bars(categories, regions),
            "phases": Phase.objects.order_by("position"),
        },
    )


def _municipality_or_404(code: str) -> Municipality:
    return get_object_or_404(
        Municipality.objects.select_related("region", "organisation"), code=code
    )


@require_GET
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality_or_404(code)
    plan = queries.plan_of(municipality)
    history = queries.plan_history(plan)
    reached: dict[int, object] = {}
    for event in history:
        if event.phase_id is not None:
            reached.setdefault(event.phase_id, event.date)
    current = plan.phase.position if plan and plan.phase else 0
    timeline = [
        {
            "phase": phase,
            "date": reached.get(phase.pk),
            "state": "current"
            if phase.position == current
            else ("done" if phase.position < current else "todo"),
        }
        for phase in Phase.objects.order_by("position")
    ]
    return render(
        request,
        "climate/municipality_detail.html",
        {
            "municipality": municipality,
            "plan": plan,
            "history": list(reversed(history)),
            "timeline": timeline,
            "can_update": permissions.can_update_plan(request.user, municipality),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_update(request: HttpRequest, code: str) -> HttpResponse:
    municipality = _municipality_or_404(code)
    if not permissions.can_update_plan(request.user, municipality):
        raise PermissionDenied(
            _("Kun koordinatorer og kommunens egne medarbejdere kan opdatere klimaplanen.")
        )
    plan: ClimatePlan = operations.plan_for(municipality)
    status = 200
    if request.method == "POST":
        try:
            operations.update_plan(request.user, municipality, request.POST)
        except ValidationFailed:
            form = PlanUpdateForm(request.POST, instance=operations.plan_for(municipality))
            form.is_valid()
            status = 400
        else:
            messages.success(request, _("Klimaplanens status er opdateret."))
            return redirect("climate:municipality", code=municipality.code)
    else:
        initial = {"phase": plan.phase.code if plan.phase else ""}
        form = PlanUpdateForm(instance=plan, initial=initial)
    return render(
        request,
        "climate/plan_form.html",
        {"municipality": municipality, "plan": plan, "form": form, "error_count": len(form.errors)},
        status=status,
    )
