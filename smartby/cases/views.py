"""Use-case and business-case pages. Views stay thin: they parse input, call operations and
render; every write goes through `cases.operations`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartby.cases import exports, operations, permissions
from smartby.cases.forms import BusinessCaseEditor, UseCaseFilterForm, UseCaseForm
from smartby.cases.models import BusinessCase, LineKind, UseCase
from smartby.lib.text import without_control_characters

PAGE_SIZE = 20


def filtered_use_cases(q: str, area: str) -> QuerySet[UseCase]:
    qs = UseCase.objects.select_related("area", "owner_organisation").annotate(
        n_business_cases=Count("business_cases", distinct=True)
    )
    if area:
        qs = qs.filter(area__slug=area)
    for word in q.split()[:10]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(problem__icontains=word)
            | Q(target_group__icontains=word)
            | Q(data_needed__icontains=word)
            | Q(benefits__icontains=word)
        )
    return qs.order_by("title", "id")


def clean_query(value: str, max_length: int = 200) -> str:
    return without_control_characters(value or "")[:max_length].strip()


@require_GET
def usecase_list(request: HttpRequest) -> HttpResponse:
    q = clean_query(request.GET.get("q", ""))
    area = clean_query(request.GET.get("area", ""), 100)
    page = Paginator(filtered_use_cases(q, area), PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "form": UseCaseFilterForm({"q": q, "area": area}),
        "q": q,
        "area": area,
        "can_create": permissions.can_create_use_case(request.user),
    }
    template = (
        "cases/_usecase_results.html"
        if request.headers.get("HX-Request")
        else "cases/usecase_list.html"
    )
    return render(request, template, context)


def _use_case_or_404(slug: str) -> UseCase:
    qs = UseCase.objects.select_related("area", "owner_organisation").prefetch_related(
        "projects__area",
        "projects__lead_organisation",
        "solutions__supplier__organisation",
        "standards",
        "business_cases__lines",
    )
    return get_object_or_404(qs, slug=slug)


@require_GET
def usecase_detail(request: HttpRequest, slug: str) -> HttpResponse:
    use_case = _use_case_or_404(slug)
    scenarios = [(bc, operations.calculate(bc)) for bc in use_case.business_cases.all()]
    return render(
        request,
        "cases/usecase_detail.html",
        {
            "use_case": use_case,
            "scenarios": scenarios,
            "can_edit": permissions.can_edit_use_case(request.user, use_case),
        },
    )


def _render_use_case_form(
    request: HttpRequest, form: UseCaseForm, use_case: UseCase | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "cases/usecase_form.html",
        {
            "form": form,
            "use_case": use_case,
            "error_count": _count(form.errors) if form.is_bound else 0,
        },
        status=status,
    )


def _count(errors: dict[str, Any]) -> int:
    return sum(len(v) for v in errors.values())


@login_required
def usecase_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_use_case(request.user):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at oprette use cases.")
        )
    if request.method == "POST":
        try:
            use_case = operations.create_use_case(request.user, request.POST)
        except operations.ValidationFailed:
            form = UseCaseForm(request.POST, user=request.user)
            return _render_use_case_form(request, form, None, status=400)
        messages.success(request, _("Use casen er oprettet."))
        return redirect(use_case)
    return _render_use_case_form(request, UseCaseForm(user=request.user), None)


@login_required
def usecase_edit(request: HttpRequest, slug: str) -> HttpResponse:
    use_case = get_object_or_404(UseCase, slug=slug)
    if not permissions.can_edit_use_case(request.user, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne use case."))
    if request.method == "POST":
        try:
            use_case = operations.update_use_case(request.user, use_case, request.POST)
        except operations.ValidationFailed:
            fresh = get_object_or_404(UseCase, pk=use_case.pk)
            form = UseCaseForm(request.POST, instance=fresh, user=request.user)
            return _render_use_case_form(request, form, fresh, status=400)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(use_case)
    return _render_use_case_form(
        request, UseCaseForm(instance=use_case, user=request.user), use_case
    )


@login_required
def usecase_delete(request: HttpRequest, slug: str) -> HttpResponse:
    use_case = get_object_or_404(UseCase, slug=slug)
    if not permissions.can_edit_use_case(request.user, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne use case."))
    if request.method == "POST":
        operations.delete_use_case(request.user, use_case)
        messages.success(
            request, _("Use casen „%(title)s“ er slettet.") % {"title": use_case.title}
        )
        return redirect("cases:usecase_list")
    return render(request, "cases/confirm_delete.html", {"object": use_case, "use_case": use_case})


# --- business cases -------------------------------------------------------------------------


def _business_case_or_404(slug: str, pk: int) -> BusinessCase:
    qs = BusinessCase.objects.select_related(
        "use_case__area", "use_case__owner_organisation"
    ).prefetch_related("lines")
    return get_object_or_404(qs, pk=pk, use_case__slug=slug)


def _with_extra_line(data: QueryDict) -> QueryDict:
    """The posted data with one more (empty) line: the "Tilføj linje" button without JS."""
    data = data.copy()
    try:
        total = int(data.get("lines-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    data["lines-TOTAL_FORMS"] = str(max(0, min(total, 199)) + 1)
    return data


def _render_editor(
    request: HttpRequest,
    editor: BusinessCaseEditor,
    use_case: UseCase,
    business_case: BusinessCase | None,
    *,
    status: int = 200,
    show_errors: bool = True,
    focus_last: bool = False,
) -> HttpResponse:
    error_count = len(editor.errors()) if editor.form.is_bound and show_errors else 0
    if focus_last and editor.lines.forms:
        editor.lines.forms[-1].fields["kind"].widget.attrs["autofocus"] = True
    return render(
        request,
        "cases/businesscase_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "lines": editor.lines,
            "use_case": use_case,
            "business_case": business_case,
            "error_count": error_count,
            "focus_last": focus_last,
            "non_economic": LineKind.NON_ECONOMIC,
        },
        status=status,
    )


def _edit_business_case(
    request: HttpRequest, use_case: UseCase, business_case: BusinessCase | None
) -> HttpResponse:
    if request.method != "POST":
        initial = None
        if business_case is None:
            initial = {
                "title": _("Basisscenarie") if not use_case.business_cases.exists() else "",
                "first_year": timezone.localdate().year,
                "horizon_years": 10,
                "discount_rate": "3,5",
            }
        editor = BusinessCaseEditor(use_case=use_case, instance=business_case, initial=initial)
        return _render_editor(request, editor, use_case, business_case)
    if "add_line" in request.POST:
        editor = BusinessCaseEditor(
            _with_extra_line(request.POST), use_case=use_case, instance=business_case
        )
        editor.is_valid()
        return _render_editor(
            request, editor, use_case, business_case, show_errors=False, focus_last=True
        )
    try:
        if business_case is None:
            saved = operations.create_business_case(request.user, use_case, request.POST)
            messages.success(request, _("Business casen er oprettet."))
        else:
            saved = operations.update_business_case(request.user, business_case, request.POST)
            messages.success(request, _("Business casen er gemt, og tallene er beregnet igen."))
    except operations.ValidationFailed:
        fresh = None if business_case is None else BusinessCase.objects.get(pk=business_case.pk)
        editor = BusinessCaseEditor(request.POST, use_case=use_case, instance=fresh)
        editor.is_valid()
        return _render_editor(request, editor, use_case, business_case, status=400)
    return redirect(saved)


@login_required
def businesscase_create(request: HttpRequest, slug: str) -> HttpResponse:
    use_case = get_object_or_404(UseCase, slug=slug)
    if not permissions.can_edit_use_case(request.user, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at tilføje business cases her."))
    return _edit_business_case(request, use_case, None)


@login_required
def businesscase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business_case = _business_case_or_404(slug, pk)
    if not permissions.can_edit_use_case(request.user, business_case.use_case):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne business case."))
    return _edit_business_case(request, business_case.use_case, business_case)


@login_required
def businesscase_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business_case = _business_case_or_404(slug, pk)
    use_case = business_case.use_case
    if not permissions.can_edit_use_case(request.user, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne business case."))
    if request.method == "POST":
        operations.delete_business_case(request.user, business_case)
        messages.success(
            request, _("Business casen „%(title)s“ er slettet.") % {"title": business_case.title}
        )
        return redirect(use_case)
    return render(
        request, "cases/confirm_delete.html", {"object": business_case, "use_case": use_case}
    )


@require_GET
def businesscase_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business_case = _business_case_or_404(slug, pk)
    lines = list(business_case.lines.all())
    result = operations.calculate(business_case)
    return render(
        request,
        "cases/businesscase_detail.html",
        {
            "business_case": business_case,
            "use_case": business_case.use_case,
            "result": result,
            "step_labels": [exports.step_label(step) for step in result.benefit_steps],
            "economic_lines": [x for x in lines if x.kind != LineKind.NON_ECONOMIC],
            "non_economic_lines": [x for x in lines if x.kind == LineKind.NON_ECONOMIC],
            "can_edit": permissions.can_edit_use_case(request.user, business_case.use_case),
        },
    )


@require_GET
def businesscase_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business_case = _business_case_or_404(slug, pk)
    body = exports.business_case_pdf(business_case, operations.calculate(business_case))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(business_case, "pdf")}"'
    )
    return response


@require_GET
def businesscase_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business_case = _business_case_or_404(slug, pk)
    body = exports.yearly_csv(operations.calculate(business_case))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(business_case, "csv")}"'
    )
    return response
