"""Organisation pages. Thin: parse a form, call an operation, render or redirect.

The list and detail pages are public. Permission errors from operations propagate as
`PermissionDenied` (HTTP 403); validation errors go back into the form beside their fields.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartby.orgs import operations
from smartby.orgs.forms import (
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationMergeForm,
    is_reference,
)
from smartby.orgs.models import Organisation
from smartby.registry.models import Partner, Project

PAGE_SIZE = 50
PROJECTS_PAGE_SIZE = 20


def _count(qs: QuerySet, field: str) -> Coalesce:
    return Coalesce(
        Subquery(
            qs.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    form.is_valid()
    q = (form.cleaned_data.get("q") or "").strip()
    kind = form.cleaned_data.get("kind") or ""
    qs = Organisation.objects.all()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(cvr=q.replace(" ", "")))
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.annotate(
        n_led=_count(Project.objects.all(), "lead_organisation"),
        n_partner=_count(Partner.objects.all(), "organisation"),
    ).order_by("name")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "orgs/organisation_list.html",
        {
            "form": form,
            "page": page,
            "q": q,
            "kind": kind,
            "can_create": operations.can_create_organisation(request.user),
        },
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality", "region"), slug=slug
    )
    led = organisation.led_projects.select_related("lead_organisation", "area").order_by(
        "title", "pk"
    )
    partnerships = (
        organisation.partnerships.select_related(
            "project", "project__lead_organisation", "project__area"
        )
        .order_by("project__title", "pk")
        .all()
    )
    user = request.user
    return render(
        request,
        "orgs/organisation_detail.html",
        {
            "organisation": organisation,
            "led": Paginator(led, PROJECTS_PAGE_SIZE).get_page(request.GET.get("side")),
            "partnerships": Paginator(partnerships, PROJECTS_PAGE_SIZE).get_page(
                request.GET.get("partnerside")
            ),
            "can_edit": operations.can_edit_organisation(user, organisation),
            "can_merge": operations.can_merge_organisations(user)
            and not is_reference(organisation),
        },
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go after creating an organisation, e.g. back to the project form."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not operations.can_create_organisation(request.user):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at oprette organisationer.")
        )
    form = OrganisationForm(actor=request.user)
    next_url = _next_url(request)
    if request.method == "POST":
        try:
            organisation = operations.create_organisation(request.user, request.POST)
        except ValidationError:
            form = OrganisationForm(request.POST, actor=request.user)
            form.is_valid()
        else:
            messages.success(
                request, _("Organisationen „%(name)s“ er oprettet.") % {"name": organisation.name}
            )
            return redirect(
                next_url or reverse("orgs:organisation_detail", args=[organisation.slug])
            )
    return render(
        request,
        "orgs/organisation_form.html",
        {"form": form, "organisation": None, "next": next_url},
        status=400 if form.errors else 200,
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not operations.can_edit_organisation(request.user, organisation):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne organisation."))
    form = OrganisationForm(instance=organisation, actor=request.user)
    if request.method == "POST":
        try:
            operations.update_organisation(request.user, organisation, request.POST)
        except ValidationError:
            # The failed attempt changed `organisation` in memory; show the stored one.
            organisation = get_object_or_404(Organisation, pk=organisation.pk)
            fresh = get_object_or_404(Organisation, pk=organisation.pk)
            form = OrganisationForm(request.POST, instance=fresh, actor=request.user)
            form.is_valid()
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("orgs:organisation_detail", organisation.slug)
    return render(
        request,
        "orgs/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


@login_required
def organisation_merge(request: HttpRequest, slug: str) -> HttpResponse:
    """Merge this organisation (the duplicate) into another one, which is kept."""
    duplicate = get_object_or_404(Organisation, slug=slug)
    if not operations.can_merge_organisations(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan sammenlægge organisationer."))
    form = OrganisationMergeForm(
        request.POST if request.method == "POST" else None, duplicate=duplicate
    )
    error = ""
    if is_reference(duplicate):
        error = _(
            "Kommuner og regioner er referencedata og kan ikke lægges sammen med en anden "
            "organisation."
        )
    elif request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        try:
            operations.merge_organisations(request.user, keep, duplicate)
        except ValidationError as exc:
            form.add_error("keep", exc.message_dict.get("keep"))
        else:
            messages.success(
                request,
                _("„%(dup)s“ er lagt sammen med „%(keep)s“.")
                % {"dup": duplicate.name, "keep": keep.name},
            )
            return redirect("orgs:organisation_detail", keep.slug)
    counts = {
        "led": duplicate.led_projects.count(),
        "partnerships": duplicate.partnerships.count(),
        "members": duplicate.memberships.count(),
    }
    return render(
        request,
        "orgs/organisation_merge.html",
        {"organisation": duplicate, "form": form, "error": error, "counts": counts},
        status=400 if request.method == "POST" and (form.errors or error) else 200,
    )
