"""Markedsoverblik pages. Views stay thin: they parse input, call queries/operations and render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartby.catalogue import operations, permissions, queries
from smartby.catalogue.forms import (
    MULTI_FIELDS,
    PROPOSABLE_SOLUTION_FIELDS,
    PROPOSABLE_SUPPLIER_FIELDS,
    SolutionForm,
    SolutionUseForm,
    StandardForm,
    SupplierForm,
    normalised,
    solution_data,
    supplier_data,
)
from smartby.catalogue.models import (
    Proposal,
    ProposalStatus,
    Solution,
    SolutionUse,
    Standard,
    Supplier,
)
from smartby.lib.errors import ValidationFailed
from smartby.registry.models import Project
from smartby.registry.permissions import is_coordinator, organisation_ids

PAGE_SIZE = 20
COMPARE_MIN, COMPARE_MAX = 2, 4


def _render_form(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    intro: str = "",
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    general = [
        e["message"] for e in errors or [] if not e["field"] or e["field"] not in form.fields
    ]
    error_count = len(form.errors) + len(general) if form.is_bound else 0
    return render(
        request,
        "catalogue/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "cancel_url": cancel_url,
            "intro": intro,
            "general_errors": general,
            "error_count": error_count,
        },
        status=status,
    )


def _confirm_delete(
    request: HttpRequest, obj: Any, *, title: str, cancel_url: str, error: str = ""
) -> HttpResponse:
    return render(
        request,
        "catalogue/confirm_delete.html",
        {"object": obj, "title": title, "cancel_url": cancel_url, "error": error},
        status=400 if error else 200,
    )


# --- solutions ------------------------------------------------------------------------------


@require_GET
def solution_list(request: HttpRequest) -> HttpResponse:
    f = queries.SolutionFilters.from_query(request.GET)
    qs = (
        queries.filtered_solutions(f)
        .select_related("supplier__organisation")
        .prefetch_related("technologies")
        .annotate(n_uses=Count("uses"))
        .order_by("name", "id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "catalogue/solution_list.html",
        {
            "page": page,
            "filters": f,
            "facets": queries.facets(f),
            "q": f.q,
            "can_curate": permissions.can_curate(request.user),
            "compare_max": COMPARE_MAX,
        },
    )


@require_GET
def solution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(queries.solution_details(), slug=slug)
    uses = list(solution.uses.all())
    for use in uses:
        use.can_edit = permissions.can_record_use(request.user, use.project)
    return render(
        request,
        "catalogue/solution_detail.html",
        {
            "solution": solution,
            "uses": uses,
            "municipalities": queries.municipality_names(solution),
            "can_curate": permissions.can_curate(request.user),
            "can_propose": permissions.can_propose(request.user, solution.supplier),
            "can_add_use": request.user.is_authenticated
            and (is_coordinator(request.user) or bool(organisation_ids(request.user))),
        },
    )


@login_required
def solution_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette løsninger."))
    cancel = reverse("catalogue:solution_list")
    if request.method == "POST":
        try:
            solution = operations.create_solution(request.user, request.POST)
        except ValidationFailed as exc:
            form = SolutionForm(request.POST)
            return _render_form(
                request,
                form,
                title=_("Ny løsning"),
                submit=_("Opret løsning"),
                cancel_url=cancel,
                errors=exc.errors,
                status=400,
            )
        messages.success(request, _("Løsningen er oprettet."))
        return redirect(solution)
    initial = {"supplier": request.GET.get("leverandoer", "")}
    return _render_form(
        request,
        SolutionForm(initial=initial),
        title=_("Ny løsning"),
        submit=_("Opret løsning"),
        cancel_url=cancel,
    )


def _edit(
    request: HttpRequest,
    obj: Any,
    *,
    form_class: type[forms.ModelForm],
    update: Callable[..., Any],
    reload: Callable[[], Any],
    denied: str,
) -> HttpResponse:
    """A coordinator's edit page for a supplier, solution or standard; on a validation error
    the form is shown again on a fresh copy of the object, with the input kept."""
    if not permissions.can_curate(request.user):
        raise PermissionDenied(denied)
    page = {
        "title": _("Redigér %(name)s") % {"name": obj.name},
        "submit": _("Gem"),
        "cancel_url": obj.get_absolute_url(),
    }
    if request.method == "POST":
        try:
            obj = update(request.user, obj, request.POST)
        except ValidationFailed as exc:
            form = form_class(request.POST, instance=reload())
            return _render_form(request, form, **page, errors=exc.errors, status=400)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(obj)
    return _render_form(request, form_class(instance=obj), **page)


@login_required
def solution_edit(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(Solution, slug=slug)
    return _edit(
        request,
        solution,
        form_class=SolutionForm,
        update=operations.update_solution,
        reload=lambda: get_object_or_404(Solution, pk=solution.pk),
        denied=_("Kun koordinatorer kan redigere løsninger."),
    )


@login_required
def solution_delete(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(Solution, slug=slug)
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan slette løsninger."))
    if request.method == "POST":
        operations.delete_solution(request.user, solution)
        messages.success(request, _("Løsningen „%(name)s“ er slettet.") % {"name": solution.name})
        return redirect("catalogue:solution_list")
    return _confirm_delete(
        request,
        solution,
        title=_("Slet løsningen „%(name)s“?") % {"name": solution.name},
        cancel_url=solution.get_absolute_url(),
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    slugs = list(dict.fromkeys(s[:120] for s in request.GET.getlist("l") if s.strip()))[:20]
    found = {s.slug: s for s in queries.solution_details().filter(slug__in=slugs)}
    solutions = [found[s] for s in slugs if s in found]
    unknown = [s for s in slugs if s not in found]
    error = ""
    if len(solutions) < COMPARE_MIN:
        error = _("Vælg mindst %(n)d løsninger for at sammenligne dem.") % {"n": COMPARE_MIN}
    elif len(solutions) > COMPARE_MAX:
        error = _("Du kan højst sammenligne %(max)d løsninger ad gangen; du valgte %(n)d.") % {
            "max": COMPARE_MAX,
            "n": len(solutions),
        }
    for s in solutions:
        s.municipality_names = queries.municipality_names(s)
    return render(
        request,
        "catalogue/compare.html",
        {
            "solutions": [] if error else solutions,
            "error": error,
            "unknown": unknown,
            "back_url": reverse("catalogue:solution_list"),
        },
        status=400 if error else 200,
    )


# --- uses -----------------------------------------------------------------------------------


def _editable_projects(user: Any) -> Any:
    qs = Project.objects.order_by("title")
    if is_coordinator(user):
        return qs
    mine = organisation_ids(user)
    return qs.filter(
        Q(lead_organisation__in=mine)
        | Q(partners__organisation__in=mine)
        | Q(municipalities__organisation__in=mine)
    ).distinct()


@login_required
def use_create(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(Solution, slug=slug)
    projects = _editable_projects(request.user)
    title = _("Registrér brug af %(name)s") % {"name": solution.name}
    intro = _("Vælg et af de projekter, du må redigere, og fortæl, hvad I har lært.")
    if request.method == "POST":
        try:
            operations.add_solution_use(request.user, solution, request.POST)
        except ValidationFailed as exc:
            form = SolutionUseForm(request.POST, solution=solution)
            form.fields["project"].queryset = projects
            return _render_form(
                request,
                form,
                title=title,
                submit=_("Gem"),
                intro=intro,
                cancel_url=solution.get_absolute_url(),
                errors=exc.errors,
                status=400,
            )
        messages.success(request, _("Tak! Projektets brug af løsningen er registreret."))
        return redirect(solution)
    if not projects.exists():
        raise PermissionDenied(_("Du har ingen projekter, du må redigere."))
    form = SolutionUseForm(solution=solution, initial={"project": request.GET.get("projekt")})
    form.fields["project"].queryset = projects
    return _render_form(
        request,
        form,
        title=title,
        submit=_("Gem"),
        intro=intro,
        cancel_url=solution.get_absolute_url(),
    )


@login_required
def use_edit(request: HttpRequest, pk: int) -> HttpResponse:
    use = get_object_or_404(SolutionUse.objects.select_related("solution", "project"), pk=pk)
    if not permissions.can_record_use(request.user, use.project):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette projekts erfaringer."))
    title = _("Erfaringer med %(name)s") % {"name": use.solution.name}
    cancel = use.solution.get_absolute_url()
    if request.method == "POST":
        try:
            operations.update_solution_use(request.user, use, request.POST)
        except ValidationFailed as exc:
            form = SolutionUseForm(request.POST, instance=use, solution=use.solution)
            return _render_form(
                request,
                form,
                title=title,
                submit=_("Gem"),
                cancel_url=cancel,
                errors=exc.errors,
                status=400,
            )
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(cancel)
    form = SolutionUseForm(instance=use, solution=use.solution)
    return _render_form(request, form, title=title, submit=_("Gem"), cancel_url=cancel)


@login_required
def use_delete(request: HttpRequest, pk: int) -> HttpResponse:
    use = get_object_or_404(SolutionUse.objects.select_related("solution", "project"), pk=pk)
    if not permissions.can_record_use(request.user, use.project):
        raise PermissionDenied(_("Du har ikke adgang til at fjerne dette projekts brug."))
    if request.method == "POST":
        operations.delete_solution_use(request.user, use)
        messages.success(request, _("Projektets brug af løsningen er fjernet."))
        return redirect(use.solution)
    return _confirm_delete(
        request,
        use,
        title=_("Fjern „%(project)s“ som bruger af %(solution)s?")
        % {"project": use.project.title, "solution": use.solution.name},
        cancel_url=use.solution.get_absolute_url(),
    )


# --- suppliers ------------------------------------------------------------------------------


@require_GET
def supplier_list(request: HttpRequest) -> HttpResponse:
    qs = Supplier.objects.select_related("organisation").annotate(n=Count("solutions"))
    page = Paginator(qs.order_by("organisation__name"), PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "catalogue/supplier_list.html",
        {"page": page, "can_curate": permissions.can_curate(request.user)},
    )


def _supplier_or_404(slug: str) -> Supplier:
    return get_object_or_404(
        Supplier.objects.select_related("organisation"), organisation__slug=slug
    )


@require_GET
def supplier_detail(request: HttpRequest, slug: str) -> HttpResponse:
    supplier = _supplier_or_404(slug)
    is_member = permissions.can_propose(request.user, supplier)
    proposals = (
        supplier.proposals.select_related("solution")[:20]
        if is_member or permissions.can_curate(request.user)
        else []
    )
    return render(
        request,
        "catalogue/supplier_detail.html",
        {
            "supplier": supplier,
            "solutions": supplier.solutions.prefetch_related("technologies").annotate(
                n_uses=Count("uses")
            ),
            "can_curate": permissions.can_curate(request.user),
            "can_propose": is_member,
            "proposals": proposals,
        },
    )


@login_required
def supplier_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette leverandører."))
    cancel = reverse("catalogue:supplier_list")
    intro = _(
        "Leverandøren skal først findes som organisation (virksomhed eller vidensinstitution)."
    )
    if request.method == "POST":
        try:
            supplier = operations.create_supplier(request.user, request.POST)
        except ValidationFailed as exc:
            return _render_form(
                request,
                SupplierForm(request.POST),
                title=_("Ny leverandør"),
                submit=_("Opret leverandør"),
                cancel_url=cancel,
                intro=intro,
                errors=exc.errors,
                status=400,
            )
        messages.success(request, _("Leverandøren er oprettet."))
        return redirect(supplier)
    return _render_form(
        request,
        SupplierForm(),
        title=_("Ny leverandør"),
        submit=_("Opret leverandør"),
        cancel_url=cancel,
        intro=intro,
    )


@login_required
def supplier_edit(request: HttpRequest, slug: str) -> HttpResponse:
    supplier = _supplier_or_404(slug)
    return _edit(
        request,
        supplier,
        form_class=SupplierForm,
        update=operations.update_supplier,
        reload=lambda: _supplier_or_404(slug),
        denied=_("Kun koordinatorer kan redigere leverandører."),
    )


@login_required
def supplier_delete(request: HttpRequest, slug: str) -> HttpResponse:
    supplier = _supplier_or_404(slug)
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan slette leverandører."))
    title = _("Slet leverandøren „%(name)s“?") % {"name": supplier.name}
    if request.method == "POST":
        try:
            operations.delete_supplier(request.user, supplier)
        except ValidationFailed as exc:
            return _confirm_delete(
                request,
                supplier,
                title=title,
                cancel_url=supplier.get_absolute_url(),
                error=exc.errors[0]["message"],
            )
        messages.success(
            request, _("Leverandøren „%(name)s“ er slettet.") % {"name": supplier.name}
        )
        return redirect("catalogue:supplier_list")
    return _confirm_delete(request, supplier, title=title, cancel_url=supplier.get_absolute_url())


# --- proposals ------------------------------------------------------------------------------


def _only(form: forms.BaseForm, names: tuple[str, ...]) -> forms.BaseForm:
    for name in list(form.fields):
        if name not in names:
            del form.fields[name]
    return form


def _posted(request: HttpRequest, fields: tuple[str, ...]) -> dict[str, Any]:
    """A proposal form's values; an unticked group of checkboxes means none."""
    data = normalised(request.POST, fields)
    for name in MULTI_FIELDS:
        if name in fields:
            data.setdefault(name, [])
    return data


def _proposal_sent(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    messages.success(
        request,
        _("Tak! Dit forslag er sendt til koordinatorerne og offentliggøres, når det er godkendt."),
    )
    return redirect(proposal.supplier)


def _propose_change(
    request: HttpRequest,
    *,
    target: Supplier | Solution,
    supplier: Supplier,
    form_class: type[forms.ModelForm],
    current: dict[str, Any],
    fields: tuple[str, ...],
    propose: Any,
) -> HttpResponse:
    """A supplier member's proposal form for their profile or one of their solutions."""
    if not permissions.can_propose(request.user, supplier):
        raise PermissionDenied(_("Kun leverandørens egne medarbejdere kan foreslå ændringer."))
    page = {
        "title": _("Foreslå ændringer til %(name)s") % {"name": target.name},
        "submit": _("Send forslag"),
        "intro": _("En koordinator ser forslaget igennem, før ændringerne bliver offentlige."),
        "cancel_url": target.get_absolute_url(),
    }
    if request.method == "POST":
        proposed = _posted(request, fields)
        try:
            proposal = propose(request.user, target, proposed)
        except ValidationFailed as exc:
            form = form_class(current | proposed, instance=target)
            return _render_form(request, _only(form, fields), **page, errors=exc.errors, status=400)
        return _proposal_sent(request, proposal)
    return _render_form(request, _only(form_class(instance=target), fields), **page)


@login_required
def propose_supplier(request: HttpRequest, slug: str) -> HttpResponse:
    supplier = _supplier_or_404(slug)
    return _propose_change(
        request,
        target=supplier,
        supplier=supplier,
        form_class=SupplierForm,
        current=supplier_data(supplier),
        fields=PROPOSABLE_SUPPLIER_FIELDS,
        propose=operations.propose_supplier_change,
    )


@login_required
def propose_solution(request: HttpRequest, slug: str) -> HttpResponse:
    solution = get_object_or_404(Solution.objects.select_related("supplier"), slug=slug)
    return _propose_change(
        request,
        target=solution,
        supplier=solution.supplier,
        form_class=SolutionForm,
        current=solution_data(solution),
        fields=PROPOSABLE_SOLUTION_FIELDS,
        propose=operations.propose_solution_change,
    )


@login_required
def propose_new_solution(request: HttpRequest, slug: str) -> HttpResponse:
    supplier = _supplier_or_404(slug)
    if not permissions.can_propose(request.user, supplier):
        raise PermissionDenied(_("Kun leverandørens egne medarbejdere kan foreslå løsninger."))
    title = _("Foreslå en ny løsning fra %(name)s") % {"name": supplier.name}
    intro = _("En koordinator ser forslaget igennem, før løsningen bliver offentlig.")
    fields = PROPOSABLE_SOLUTION_FIELDS
    if request.method == "POST":
        proposed = _posted(request, fields)
        try:
            proposal = operations.propose_new_solution(request.user, supplier, proposed)
        except ValidationFailed as exc:
            form = SolutionForm(proposed | {"supplier": str(supplier.pk)})
            return _render_form(
                request,
                _only(form, fields),
                title=title,
                submit=_("Send forslag"),
                intro=intro,
                cancel_url=supplier.get_absolute_url(),
                errors=exc.errors,
                status=400,
            )
        return _proposal_sent(request, proposal)
    return _render_form(
        request,
        _only(SolutionForm(), fields),
        title=title,
        submit=_("Send forslag"),
        intro=intro,
        cancel_url=supplier.get_absolute_url(),
    )


@login_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer behandler forslag."))
    decided = Proposal.objects.exclude(status=ProposalStatus.PENDING).select_related(
        "supplier__organisation", "solution", "proposer", "reviewer"
    )
    page = Paginator(decided, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "catalogue/proposal_list.html",
        {"pending": list(operations.pending_proposals()), "page": page},
    )


def _proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("supplier__organisation", "solution", "proposer"), pk=pk
    )
    if not (permissions.can_curate(request.user) or proposal.proposer_id == request.user.pk):
        raise PermissionDenied(_("Kun koordinatorer og forslagsstilleren kan se forslaget."))
    return proposal


@login_required
@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    return _render_proposal(request, proposal)


def _render_proposal(
    request: HttpRequest,
    proposal: Proposal,
    *,
    errors: list[dict[str, str]] | None = None,
    note: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "catalogue/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": queries.proposal_rows(proposal),
            "can_decide": permissions.can_curate(request.user)
            and proposal.status == ProposalStatus.PENDING,
            "errors": errors or [],
            "note": note,
        },
        status=status,
    )


@login_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan behandle forslag."))
    decision = request.POST.get("decision")
    note = request.POST.get("note", "")
    try:
        if decision == "godkend":
            operations.approve_proposal(request.user, proposal, note)
            messages.success(request, _("Forslaget er godkendt, og ændringerne er offentliggjort."))
        elif decision == "afvis":
            operations.reject_proposal(request.user, proposal, note)
            messages.success(request, _("Forslaget er afvist."))
        else:
            raise ValidationFailed(
                [{"field": "decision", "message": _("Vælg godkend eller afvis.")}]
            )
    except ValidationFailed as exc:
        proposal.refresh_from_db()
        return _render_proposal(request, proposal, errors=exc.errors, note=note, status=400)
    return redirect("catalogue:proposal_list")


# --- standards ------------------------------------------------------------------------------


@require_GET
def standard_list(request: HttpRequest) -> HttpResponse:
    standards = Standard.objects.annotate(n=Count("solutions")).order_by("kind", "name")
    return render(
        request,
        "catalogue/standard_list.html",
        {"standards": standards, "can_curate": permissions.can_curate(request.user)},
    )


@require_GET
def standard_detail(request: HttpRequest, slug: str) -> HttpResponse:
    standard = get_object_or_404(Standard, slug=slug)
    return render(
        request,
        "catalogue/standard_detail.html",
        {
            "standard": standard,
            "solutions": standard.solutions.select_related("supplier__organisation"),
            "can_curate": permissions.can_curate(request.user),
        },
    )


@login_required
def standard_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette standarder."))
    cancel = reverse("catalogue:standard_list")
    if request.method == "POST":
        try:
            standard = operations.create_standard(request.user, request.POST)
        except ValidationFailed as exc:
            return _render_form(
                request,
                StandardForm(request.POST),
                title=_("Ny standard"),
                submit=_("Opret standard"),
                cancel_url=cancel,
                errors=exc.errors,
                status=400,
            )
        messages.success(request, _("Standarden er oprettet."))
        return redirect(standard)
    return _render_form(
        request,
        StandardForm(),
        title=_("Ny standard"),
        submit=_("Opret standard"),
        cancel_url=cancel,
    )


@login_required
def standard_edit(request: HttpRequest, slug: str) -> HttpResponse:
    standard = get_object_or_404(Standard, slug=slug)
    return _edit(
        request,
        standard,
        form_class=StandardForm,
        update=operations.update_standard,
        reload=lambda: get_object_or_404(Standard, pk=standard.pk),
        denied=_("Kun koordinatorer kan redigere standarder."),
    )


@login_required
def standard_delete(request: HttpRequest, slug: str) -> HttpResponse:
    standard = get_object_or_404(Standard, slug=slug)
    if not permissions.can_curate(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan slette standarder."))
    if request.method == "POST":
        operations.delete_standard(request.user, standard)
        messages.success(request, _("Standarden „%(name)s“ er slettet.") % {"name": standard.name})
        return redirect("catalogue:standard_list")
    return _confirm_delete(
        request,
        standard,
        title=_("Slet standarden „%(name)s“?") % {"name": standard.name},
        cancel_url=standard.get_absolute_url(),
    )
