"""Radar pages. Views stay thin: they parse input, call queries/operations and render."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from smartby.lib.decorators import allowed_only
from smartby.lib.errors import ValidationFailed
from smartby.lib.spreadsheet import safe_row
from smartby.radar import operations, permissions, queries, svg
from smartby.radar.forms import (
    BlipAddForm,
    BlipEditForm,
    BlipRemoveForm,
    EditionCreateForm,
    EditionForm,
)
from smartby.radar.models import FIRST_YEAR, LAST_YEAR, RING_DESCRIPTIONS, Blip, Edition, Quadrant
from smartby.radar.queries import MOVE_DESCRIPTIONS, MOVE_LABELS, Move, Radar
from smartby.registry.models import Technology

coordinator_required = allowed_only(
    permissions.can_edit_radar, gettext_lazy("Kun koordinatorer kan redigere teknologiradaren.")
)


def _edition(request: HttpRequest, year: int) -> Edition:
    """The edition of `year` if the user may see it (drafts: coordinators only), else 404."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("Der findes ingen udgave af teknologiradaren for det år."))
    edition = Edition.objects.filter(year=year).first()
    if edition is None or not permissions.can_view_edition(request.user, edition):
        raise Http404(_("Der findes ingen udgave af teknologiradaren for det år."))
    return edition


def _blip(edition: Edition, slug: str) -> Blip:
    return get_object_or_404(
        Blip.objects.select_related("technology", "edition"), edition=edition, technology__slug=slug
    )


def _urls(request: HttpRequest, radar: Radar, *, absolute: bool = False) -> dict[int, str]:
    urls = {e.number: e.blip.get_absolute_url() for e in radar.entries}
    if absolute:
        urls = {n: request.build_absolute_uri(u) for n, u in urls.items()}
    return urls


def _legend() -> dict[str, Any]:
    return {
        "rings": [(ring, RING_DESCRIPTIONS[ring]) for ring in RING_DESCRIPTIONS],
        "moves": [(move.value, MOVE_LABELS[move], MOVE_DESCRIPTIONS[move]) for move in Move],
        "quadrant_legend": Quadrant.choices,
    }


def _render_edition(request: HttpRequest, edition: Edition | None) -> HttpResponse:
    can_edit = permissions.can_edit_radar(request.user)
    editions = list(queries.visible_editions(drafts=can_edit).order_by("-year"))
    context: dict[str, Any] = {"editions": editions, "edition": edition, "can_edit": can_edit}
    if edition is not None:
        radar = queries.radar_for(edition)
        quadrant = request.GET.get("kvadrant", "")
        if quadrant not in Quadrant.values:
            quadrant = ""
        # Built with ElementTree: every text and attribute is escaped.
        drawing = mark_safe(  # noqa: S308
            svg.render(radar, url_of=_urls(request, radar), active_quadrant=quadrant)
        )
        context.update(
            radar=radar,
            active_quadrant=quadrant,
            entries=[e for e in radar.entries if not quadrant or e.blip.quadrant == quadrant],
            quadrants=Quadrant.choices,
            svg=drawing,
            **_legend(),
        )
    return render(request, "radar/edition.html", context)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The latest published edition (coordinators without one see the latest draft)."""
    edition = queries.latest_published()
    if edition is None and permissions.can_edit_radar(request.user):
        edition = Edition.objects.order_by("-year").first()
    return _render_edition(request, edition)


@require_GET
def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _render_edition(request, _edition(request, year))


@require_GET
def edition_svg(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    radar = queries.radar_for(edition)
    body = svg.render(radar, url_of=_urls(request, radar, absolute=True), standalone=True)
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teknologiradar-{edition.year}.svg"'
    return response


CSV_HEADER = [
    "nummer",
    "teknologi",
    "teknologi_slug",
    "kvadrant",
    "ring",
    "bevaegelse",
    "tidligere_ring",
    "kommuner_pilot",
    "kommuner_drift",
    "begrundelse",
]


@require_GET
def edition_csv(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in queries.radar_for(edition).entries:
        writer.writerow(
            safe_row(
                [
                    e.number,
                    e.technology.name,
                    e.technology.slug,
                    e.blip.get_quadrant_display(),
                    e.blip.get_ring_display(),
                    MOVE_LABELS[e.move],
                    e.previous_ring or "",
                    e.evidence.pilot,
                    e.evidence.operation,
                    e.blip.rationale,
                ]
            )
        )
    # A byte order mark, so that spreadsheet programs read the Danish letters as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="teknologiradar-{edition.year}.csv"'
    return response


@require_GET
def technology_detail(request: HttpRequest, slug: str) -> HttpResponse:
    technology = get_object_or_404(Technology, slug=slug)
    can_edit = permissions.can_edit_radar(request.user)
    history = queries.technology_history(technology, drafts=can_edit)
    evidence = queries.evidence_for([technology.pk]).get(technology.pk, queries.Evidence())
    return render(
        request,
        "radar/technology.html",
        {
            "technology": technology,
            "history": history,
            "on_radar": any(p.blip for p in history),
            "evidence": evidence,
            "pilot_url": queries.projects_url(technology.slug, "pilot"),
            "operation_url": queries.projects_url(technology.slug, "drift"),
            "all_url": f"{reverse('registry:project_list')}?technology={technology.slug}",
        },
    )


# Editing (coordinators)


@coordinator_required
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest) -> HttpResponse:
    latest = Edition.objects.order_by("-year").first()
    if request.method == "POST":
        form = EditionCreateForm(request.POST)
        try:
            edition = operations.create_edition(request.user, request.POST)
        except ValidationFailed:
            form.is_valid()
            return render(
                request, "radar/edition_create.html", {"form": form, "latest": latest}, status=400
            )
        messages.success(request, _("Udgaven er oprettet som kladde."))
        return redirect("radar:edition_edit", year=edition.year)
    year = (latest.year + 1) if latest else 2026
    form = EditionCreateForm(initial={"year": year, "title": _("Teknologiradar %s") % year})
    return render(request, "radar/edition_create.html", {"form": form, "latest": latest})


@coordinator_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    status = 200
    if request.method == "POST":
        try:
            operations.update_edition(request.user, edition, request.POST)
        except ValidationFailed:
            form = EditionForm(request.POST, instance=Edition.objects.get(pk=edition.pk))
            form.is_valid()
            status = 400
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("radar:edition_edit", year=edition.year)
    else:
        form = EditionForm(instance=edition)
    return render(
        request,
        "radar/edition_edit.html",
        {"edition": edition, "form": form, "radar": queries.radar_for(edition)},
        status=status,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def edition_publish(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    error = ""
    if request.method == "POST":
        try:
            operations.publish_edition(request.user, edition)
        except ValidationFailed as exc:
            error = " ".join(e["message"] for e in exc.errors)
        else:
            messages.success(request, _("Udgaven er udgivet."))
            return redirect(edition)
    return render(
        request,
        "radar/edition_publish.html",
        {"edition": edition, "error": error, "radar": queries.radar_for(edition)},
        status=400 if error else 200,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def edition_delete(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    error = ""
    if request.method == "POST":
        try:
            operations.delete_edition(request.user, edition)
        except ValidationFailed as exc:
            error = " ".join(e["message"] for e in exc.errors)
        else:
            messages.success(request, _("Kladden er slettet."))
            return redirect("radar:index")
    return render(
        request,
        "radar/edition_delete.html",
        {"edition": edition, "error": error},
        status=400 if error else 200,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def blip_add(request: HttpRequest, year: int) -> HttpResponse:
    edition = _edition(request, year)
    if request.method == "POST":
        try:
            operations.add_blip(request.user, edition, request.POST)
        except ValidationFailed:
            form = BlipAddForm(request.POST, edition=edition)
            form.is_valid()
            return render(
                request, "radar/blip_form.html", {"edition": edition, "form": form}, status=400
            )
        messages.success(request, _("Teknologien er placeret på radaren."))
        return redirect("radar:edition_edit", year=edition.year)
    form = BlipAddForm(edition=edition, initial=request.GET.dict() or None)
    return render(request, "radar/blip_form.html", {"edition": edition, "form": form})


@coordinator_required
@require_http_methods(["GET", "POST"])
def blip_edit(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    edition = _edition(request, year)
    blip = _blip(edition, slug)
    if request.method == "POST":
        try:
            operations.update_blip(request.user, blip, request.POST)
        except ValidationFailed:
            blip = _blip(edition, slug)
            form = BlipEditForm(request.POST, blip=blip)
            form.is_valid()
            return render(
                request,
                "radar/blip_form.html",
                {"edition": edition, "form": form, "blip": blip},
                status=400,
            )
        messages.success(request, _("Placeringen er gemt."))
        return redirect("radar:edition_edit", year=edition.year)
    form = BlipEditForm(blip=blip)
    return render(request, "radar/blip_form.html", {"edition": edition, "form": form, "blip": blip})


@coordinator_required
@require_http_methods(["GET", "POST"])
def blip_remove(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    edition = _edition(request, year)
    blip = _blip(edition, slug)
    if request.method == "POST":
        form = BlipRemoveForm(request.POST)
        try:
            operations.remove_blip(request.user, blip, request.POST)
        except ValidationFailed:
            form.is_valid()
            return render(
                request,
                "radar/blip_remove.html",
                {"edition": edition, "form": form, "blip": blip},
                status=400,
            )
        messages.success(request, _("Teknologien er fjernet fra udgaven."))
        return redirect("radar:edition_edit", year=edition.year)
    return render(
        request,
        "radar/blip_remove.html",
        {"edition": edition, "form": BlipRemoveForm(), "blip": blip},
    )
