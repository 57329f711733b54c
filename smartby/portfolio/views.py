"""Portfolio pages. Views stay thin: they parse input, call `portfolio.operations` and render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartby.lib.errors import ValidationFailed
from smartby.portfolio import operations, permissions, reports
from smartby.portfolio.charts import goal_chart
from smartby.portfolio.forms import (
    EffectGoalForm,
    FocusAreaForm,
    InitiativeForm,
    MeasurementForm,
    StatusReportForm,
    StrategyForm,
)
from smartby.portfolio.models import EffectGoal, Initiative, Measurement, Strategy

PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 20


@require_GET
def strategy_list(request: HttpRequest) -> HttpResponse:
    qs = Strategy.objects.annotate(
        n_focus_areas=Count("focus_areas", distinct=True),
        n_initiatives=Count("focus_areas__initiatives", distinct=True),
    ).order_by("-period", "title", "id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "portfolio/strategy_list.html",
        {"page": page, "can_manage": permissions.can_manage_portfolio(request.user)},
    )


def _strategy(slug: str) -> Strategy:
    return get_object_or_404(Strategy, slug=slug)


@require_GET
def strategy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(slug)
    focus_areas = list(
        strategy.focus_areas.prefetch_related(
            Prefetch("initiatives", queryset=Initiative.objects.order_by("sort_order", "number"))
        )
    )
    initiatives = [i for fa in focus_areas for i in fa.initiatives.all()]
    latest = reports.latest_reports(initiatives)
    rows = [(fa, [(i, latest.get(i.pk)) for i in fa.initiatives.all()]) for fa in focus_areas]
    return render(
        request,
        "portfolio/strategy_detail.html",
        {
            "strategy": strategy,
            "rows": rows,
            "n_initiatives": len(initiatives),
            "can_manage": permissions.can_manage_portfolio(request.user),
        },
    )


def _initiative(slug: str, number: str) -> Initiative:
    qs = Initiative.objects.select_related(
        "focus_area__strategy", "responsible_organisation"
    ).prefetch_related(
        "projects__lead_organisation",
        Prefetch(
            "effect_goals",
            queryset=EffectGoal.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
            ),
        ),
    )
    return get_object_or_404(qs, focus_area__strategy__slug=slug, number=number)


@require_GET
def initiative_detail(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    history = Paginator(
        initiative.status_reports.select_related("author"), HISTORY_PAGE_SIZE
    ).get_page(request.GET.get("side"))
    goals = [(g, goal_chart(g)) for g in initiative.effect_goals.all()]
    return render(
        request,
        "portfolio/initiative_detail.html",
        {
            "initiative": initiative,
            "strategy": initiative.focus_area.strategy,
            "stamdata": reports.stamdata_rows(initiative),
            "goals": goals,
            "history": history,
            "latest": initiative.status_reports.first(),
            "can_manage": permissions.can_manage_portfolio(request.user),
            "can_report": permissions.can_report_on(request.user, initiative),
        },
    )


def _form_page(
    request: HttpRequest,
    *,
    make_form: Callable[..., Any],
    save: Callable[[Any], Any],
    title: str,
    submit: str,
    cancel_url: str,
    done_message: str,
    breadcrumbs: list[tuple[str, str]],
) -> HttpResponse:
    """GET shows the form, POST saves through `save(data)`; bad input keeps what was typed."""
    status = 200
    if request.method == "POST":
        try:
            obj = save(request.POST)
        except ValidationFailed:
            form = make_form(request.POST)
            form.is_valid()
            status = 400
        else:
            messages.success(request, done_message)
            return redirect(obj)
    else:
        form = make_form(None)
    error_count = sum(len(v) for v in form.errors.values()) if form.is_bound else 0
    return render(
        request,
        "portfolio/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "cancel_url": cancel_url,
            "error_count": error_count,
            "breadcrumbs": breadcrumbs,
        },
        status=status,
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@login_required
def strategy_create(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan oprette."))
    return _form_page(
        request,
        make_form=lambda data: StrategyForm(data),
        save=lambda data: operations.create_strategy(request.user, data),
        title=_("Ny strategi"),
        submit=_("Opret strategi"),
        cancel_url=reverse("portfolio:strategy_list"),
        done_message=_("Strategien er oprettet."),
        breadcrumbs=[],
    )


@login_required
def strategy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(slug)
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan redigere."))
    return _form_page(
        request,
        make_form=lambda data: StrategyForm(data, instance=_strategy(slug)),
        save=lambda data: operations.update_strategy(request.user, strategy, data),
        title=_("Redigér strategi"),
        submit=_("Gem ændringer"),
        cancel_url=strategy.get_absolute_url(),
        done_message=_("Ændringerne er gemt."),
        breadcrumbs=[(str(strategy), strategy.get_absolute_url())],
    )


@login_required
def focus_area_create(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(slug)
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan oprette."))
    return _form_page(
        request,
        make_form=lambda data: FocusAreaForm(data, strategy=strategy),
        save=lambda data: operations.create_focus_area(request.user, strategy, data),
        title=_("Nyt fokusområde"),
        submit=_("Opret fokusområde"),
        cancel_url=strategy.get_absolute_url(),
        done_message=_("Fokusområdet er oprettet."),
        breadcrumbs=[(str(strategy), strategy.get_absolute_url())],
    )


@login_required
def initiative_create(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(slug)
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan oprette."))
    if not strategy.focus_areas.exists():
        messages.info(request, _("Opret først et fokusområde."))
        return redirect("portfolio:focus_area_create", slug=strategy.slug)
    return _form_page(
        request,
        make_form=lambda data: InitiativeForm(data, strategy=strategy),
        save=lambda data: operations.create_initiative(request.user, strategy, data),
        title=_("Nyt initiativ"),
        submit=_("Opret initiativ"),
        cancel_url=strategy.get_absolute_url(),
        done_message=_("Initiativet er oprettet."),
        breadcrumbs=[(str(strategy), strategy.get_absolute_url())],
    )


def _initiative_crumbs(initiative: Initiative) -> list[tuple[str, str]]:
    strategy = initiative.focus_area.strategy
    return [
        (str(strategy), strategy.get_absolute_url()),
        (str(initiative), initiative.get_absolute_url()),
    ]


@login_required
def initiative_edit(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan redigere."))
    strategy = initiative.focus_area.strategy
    return _form_page(
        request,
        make_form=lambda data: InitiativeForm(
            data, instance=Initiative.objects.get(pk=initiative.pk), strategy=strategy
        ),
        save=lambda data: operations.update_initiative(request.user, initiative, data),
        title=_("Redigér initiativ og stamdata"),
        submit=_("Gem ændringer"),
        cancel_url=initiative.get_absolute_url(),
        done_message=_("Ændringerne er gemt."),
        breadcrumbs=_initiative_crumbs(initiative),
    )


@login_required
def status_create(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    _require(
        permissions.can_report_on(request.user, initiative),
        _("Du har ikke adgang til at tilføje statusrapporter til initiativet."),
    )
    return _form_page(
        request,
        make_form=lambda data: StatusReportForm(data),
        save=lambda data: operations.add_status_report(request.user, initiative, data),
        title=_("Ny status for %(initiative)s") % {"initiative": initiative},
        submit=_("Gem status"),
        cancel_url=initiative.get_absolute_url(),
        done_message=_("Statussen er gemt."),
        breadcrumbs=_initiative_crumbs(initiative),
    )


@login_required
def goal_create(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    _require(permissions.can_manage_portfolio(request.user), _("Kun koordinatorer kan oprette."))
    return _form_page(
        request,
        make_form=lambda data: EffectGoalForm(data, initiative=initiative),
        save=lambda data: operations.create_effect_goal(request.user, initiative, data),
        title=_("Nyt effektmål for %(initiative)s") % {"initiative": initiative},
        submit=_("Opret effektmål"),
        cancel_url=initiative.get_absolute_url(),
        done_message=_("Effektmålet er oprettet."),
        breadcrumbs=_initiative_crumbs(initiative),
    )


@login_required
def measurement_create(request: HttpRequest, slug: str, number: str, goal: int) -> HttpResponse:
    initiative = _initiative(slug, number)
    effect_goal = get_object_or_404(EffectGoal, pk=goal, initiative=initiative)
    _require(
        permissions.can_report_on(request.user, initiative),
        _("Du har ikke adgang til at tilføje målinger til initiativet."),
    )
    return _form_page(
        request,
        make_form=lambda data: MeasurementForm(data, goal=effect_goal),
        save=lambda data: operations.add_measurement(request.user, effect_goal, data),
        title=_("Ny måling: %(goal)s") % {"goal": effect_goal},
        submit=_("Gem måling"),
        cancel_url=effect_goal.get_absolute_url(),
        done_message=_("Målingen er gemt."),
        breadcrumbs=_initiative_crumbs(initiative),
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_filename(initiative: Initiative, ext: str) -> str:
    return f"statusrapport-initiativ-{initiative.number.replace('.', '-')}.{ext}"


@require_GET
def initiative_pdf(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    return _download(
        reports.status_report_pdf(initiative),
        "application/pdf",
        _report_filename(initiative, "pdf"),
    )


@require_GET
def initiative_docx(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    initiative = _initiative(slug, number)
    return _download(
        reports.status_report_docx(initiative),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _report_filename(initiative, "docx"),
    )


@require_GET
def overview_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = _strategy(slug)
    return _download(
        reports.overview_pdf(strategy), "application/pdf", f"portefoelje-{strategy.slug}.pdf"
    )
