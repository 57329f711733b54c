"""Cost-sharing pages. Everybody reads; coordinators manage (see `costs.permissions`). Views
stay thin: every write goes through `costs.operations`."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartby.costs import exports, operations, permissions
from smartby.costs.allocation import Allocation, AllocationError
from smartby.costs.forms import (
    BudgetYearForm,
    CollaborationForm,
    MemberForm,
    ScenarioForm,
    budget_year_initial,
)
from smartby.costs.models import BudgetYear, Collaboration, Member, Participant, Scenario
from smartby.lib.errors import ValidationFailed
from smartby.lib.text import danish_slugify

PAGE_SIZE = 20


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan ændre samarbejder og deres budgetter."))


def _collaboration(slug: str) -> Collaboration:
    return get_object_or_404(Collaboration, slug=slug)


def _budget_year(slug: str, year: int) -> BudgetYear:
    qs = BudgetYear.objects.select_related("collaboration").prefetch_related(
        "contributions",
        Prefetch("participants", queryset=Participant.objects.select_related("member")),
        "scenarios",
    )
    return get_object_or_404(qs, collaboration__slug=slug, year=year)


def _scenario(by: BudgetYear, raw: str | None) -> Scenario | None:
    if not raw or not raw.isdigit() or len(raw) > 10:
        return None
    return (
        by.scenarios.filter(pk=int(raw))
        .prefetch_related("leaving", "joining__municipality")
        .first()
    )


def _error_count(form: Any) -> int:
    return sum(len(v) for v in form.errors.values()) if form.is_bound else 0


# --- collaborations -----------------------------------------------------------------------------


@require_GET
def collaboration_list(request: HttpRequest) -> HttpResponse:
    qs = Collaboration.objects.annotate(
        n_members=Count("members", distinct=True), latest_year=Max("budget_years__year")
    ).order_by("name")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "costs/collaboration_list.html",
        {"page": page, "can_manage": permissions.can_manage(request.user)},
    )


@require_GET
def collaboration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collaboration = _collaboration(slug)
    years = list(collaboration.budget_years.order_by("-year"))
    latest = _budget_year(slug, years[0].year) if years else None
    return render(
        request,
        "costs/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "members": collaboration.members.select_related("municipality", "region"),
            "years": years,
            "budget_year": latest,
            "result": _allocation_or_error(lambda: operations.budget_year_allocation(latest))
            if latest
            else None,
            "can_manage": permissions.can_manage(request.user),
        },
    )


def _allocation_or_error(compute: Callable[[], Allocation]) -> Allocation | list[str]:
    try:
        return compute()
    except AllocationError as e:
        return [error["message"] for error in e.errors]


def _edit(
    request: HttpRequest,
    *,
    template: str,
    make_form: Callable[..., Any],
    save: Callable[[Any], Any],
    success: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: an empty or filled form; POST: save through the operation, or show the errors with
    the input kept (400)."""
    _require_manager(request)
    if request.method == "POST":
        try:
            saved = save(request.POST)
        except ValidationFailed:
            form = make_form(request.POST)
            form.is_valid()
            return render(
                request,
                template,
                {**context, "form": form, "error_count": _error_count(form)},
                status=400,
            )
        messages.success(request, success)
        return redirect(saved)
    return render(request, template, {**context, "form": make_form(None), "error_count": 0})


def _confirm_delete(
    request: HttpRequest, obj: Any, delete: Callable[[], None], back: str, done: str
) -> HttpResponse:
    _require_manager(request)
    if request.method == "POST":
        try:
            delete()
        except ValidationFailed as e:
            for error in e.errors:
                messages.error(request, error["message"])
            return redirect(back)
        messages.success(request, _("„%(name)s“ er slettet.") % {"name": obj})
        return redirect(done)
    return render(request, "costs/confirm_delete.html", {"object": obj, "back": back})


@login_required
def collaboration_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        template="costs/collaboration_form.html",
        make_form=lambda data: CollaborationForm(data),
        save=lambda data: operations.create_collaboration(request.user, data),
        success=_("Samarbejdet er oprettet. Tilføj nu medlemmerne."),
        context={"collaboration": None},
    )


@login_required
def collaboration_edit(request: HttpRequest, slug: str) -> HttpResponse:
    collaboration = _collaboration(slug)
    return _edit(
        request,
        template="costs/collaboration_form.html",
        make_form=lambda data: CollaborationForm(data, instance=_collaboration(slug)),
        save=lambda data: operations.update_collaboration(request.user, collaboration, data),
        success=_("Ændringerne er gemt."),
        context={"collaboration": collaboration},
    )


@login_required
def collaboration_delete(request: HttpRequest, slug: str) -> HttpResponse:
    collaboration = _collaboration(slug)
    return _confirm_delete(
        request,
        collaboration,
        lambda: operations.delete_collaboration(request.user, collaboration),
        collaboration.get_absolute_url(),
        "costs:collaboration_list",
    )


# --- members ------------------------------------------------------------------------------------


@login_required
def member_create(request: HttpRequest, slug: str) -> HttpResponse:
    collaboration = _collaboration(slug)
    return _edit(
        request,
        template="costs/member_form.html",
        make_form=lambda data: MemberForm(data, collaboration=collaboration),
        save=lambda data: operations.save_member(request.user, collaboration, data),
        success=_("Medlemmet er tilføjet."),
        context={"collaboration": collaboration, "member": None},
    )


@login_required
def member_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collaboration = _collaboration(slug)
    member = get_object_or_404(Member, pk=pk, collaboration=collaboration)
    return _edit(
        request,
        template="costs/member_form.html",
        make_form=lambda data: MemberForm(
            data, collaboration=collaboration, instance=Member.objects.get(pk=pk)
        ),
        save=lambda data: operations.save_member(request.user, collaboration, data, member),
        success=_("Medlemmet er gemt."),
        context={"collaboration": collaboration, "member": member},
    )


@login_required
def member_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collaboration = _collaboration(slug)
    member = get_object_or_404(Member, pk=pk, collaboration=collaboration)
    return _confirm_delete(
        request,
        member,
        lambda: operations.delete_member(request.user, member),
        collaboration.get_absolute_url(),
        collaboration.get_absolute_url(),
    )


# --- budget years -------------------------------------------------------------------------------


@require_GET
def budget_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    by = _budget_year(slug, year)
    result = _allocation_or_error(lambda: operations.budget_year_allocation(by))
    scenario = _scenario(by, request.GET.get("scenarie"))
    scenario_result = comparison = None
    if scenario is not None:
        scenario_result = _allocation_or_error(lambda: operations.scenario_allocation(scenario))
        if isinstance(result, Allocation) and isinstance(scenario_result, Allocation):
            comparison = operations.compare(result, scenario_result)
    return render(
        request,
        "costs/budget_year.html",
        {
            "collaboration": by.collaboration,
            "budget_year": by,
            "years": by.collaboration.budget_years.order_by("-year"),
            "result": result,
            "scenarios": by.scenarios.all(),
            "scenario": scenario,
            "scenario_result": scenario_result,
            "comparison": comparison,
            "total_difference": sum(row.difference for row in comparison or []),
            "can_manage": permissions.can_manage(request.user),
        },
    )


@login_required
def budget_year_create(request: HttpRequest, slug: str) -> HttpResponse:
    collaboration = _collaboration(slug)
    previous = collaboration.budget_years.order_by("-year").first()
    initial = None
    if previous is not None:
        # A new year starts as a copy of the latest one (populations taken afresh).
        initial = {**budget_year_initial(previous), "year": previous.year + 1}
        initial.update(population_date=None, populations="", notes="")
    return _edit(
        request,
        template="costs/budget_year_form.html",
        make_form=lambda data: (
            BudgetYearForm(data, collaboration=collaboration, initial=initial)
            if data is None
            else BudgetYearForm(data, collaboration=collaboration)
        ),
        save=lambda data: operations.save_budget_year(request.user, collaboration, data),
        success=_("Budgetåret er oprettet, og fordelingen er beregnet."),
        context={"collaboration": collaboration, "budget_year": None},
    )


@login_required
def budget_year_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    by = _budget_year(slug, year)
    return _edit(
        request,
        template="costs/budget_year_form.html",
        make_form=lambda data: BudgetYearForm(
            data, collaboration=by.collaboration, instance=BudgetYear.objects.get(pk=by.pk)
        ),
        save=lambda data: operations.save_budget_year(request.user, by.collaboration, data, by),
        success=_("Budgetåret er gemt, og fordelingen er beregnet igen."),
        context={"collaboration": by.collaboration, "budget_year": by},
    )


@login_required
def budget_year_delete(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    by = _budget_year(slug, year)
    return _confirm_delete(
        request,
        by,
        lambda: operations.delete_budget_year(request.user, by),
        by.get_absolute_url(),
        by.collaboration.get_absolute_url(),
    )


# --- scenarios ----------------------------------------------------------------------------------


@login_required
def scenario_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    by = _budget_year(slug, year)
    return _edit(
        request,
        template="costs/scenario_form.html",
        make_form=lambda data: ScenarioForm(data, budget_year=by),
        save=lambda data: operations.save_scenario(request.user, by, data),
        success=_("Scenariet er oprettet og sammenlignes nu med budgetåret."),
        context={"collaboration": by.collaboration, "budget_year": by, "scenario": None},
    )


@login_required
def scenario_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    by = _budget_year(slug, year)
    scenario = get_object_or_404(Scenario, pk=pk, budget_year=by)
    return _edit(
        request,
        template="costs/scenario_form.html",
        make_form=lambda data: ScenarioForm(
            data, budget_year=by, instance=Scenario.objects.get(pk=pk)
        ),
        save=lambda data: operations.save_scenario(request.user, by, data, scenario),
        success=_("Scenariet er gemt."),
        context={"collaboration": by.collaboration, "budget_year": by, "scenario": scenario},
    )


@login_required
def scenario_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    by = _budget_year(slug, year)
    scenario = get_object_or_404(Scenario, pk=pk, budget_year=by)
    return _confirm_delete(
        request,
        scenario,
        lambda: operations.delete_scenario(request.user, scenario),
        scenario.get_absolute_url(),
        by.get_absolute_url(),
    )


# --- exports ------------------------------------------------------------------------------------


def _export(request: HttpRequest, slug: str, year: int, extension: str) -> HttpResponse:
    by = _budget_year(slug, year)
    try:
        result = operations.budget_year_allocation(by)
        scenario = _scenario(by, request.GET.get("scenarie"))
        comparison = None
        if scenario is not None:
            comparison = operations.compare(result, operations.scenario_allocation(scenario))
    except AllocationError as e:
        return HttpResponse(
            "\n".join(error["message"] for error in e.errors),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    title = _("Udgiftsfordeling %(name)s %(year)s") % {
        "name": by.collaboration.name,
        "year": by.year,
    }
    name = scenario.name if scenario else ""
    if extension == "csv":
        body = exports.allocation_csv(result, comparison)
        content_type = "text/csv; charset=utf-8"
    elif extension == "xlsx":
        body = exports.allocation_xlsx(result, title, comparison, name)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.allocation_pdf(
            result,
            title,
            intro=by.collaboration.description.split("\n\n")[0],
            comparison=comparison,
            scenario_name=name,
        )
        content_type = "application/pdf"
    filename = danish_slugify(f"udgiftsfordeling {by.collaboration.name} {by.year} {name}")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@require_GET
def export_csv(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, "csv")


@require_GET
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, "xlsx")


@require_GET
def export_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, "pdf")
