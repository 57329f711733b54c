from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from smartby.geo.models import Municipality, Region
from smartby.orgs.models import Organisation
from smartby.registry.models import Contact, Project, Status


@require_GET
def municipality_list(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Project.municipalities.through.objects.values_list("municipality_id").annotate(n=Count("*"))
    )
    regions = []
    for region in Region.objects.prefetch_related("municipalities"):
        rows = [(m, counts.get(m.id, 0)) for m in region.municipalities.all()]
        regions.append((region, rows))
    return render(request, "geo/municipality_list.html", {"regions": regions})


@require_GET
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    projects = municipality.projects.select_related("lead_organisation", "area").order_by(
        "-updated_at", "-id"
    )
    page = Paginator(projects, 20).get_page(request.GET.get("side"))
    labels = dict(Status.choices)
    by_status = [
        (labels.get(code, code), n)
        for code, n in projects.order_by().values_list("status").annotate(n=Count("*"))
    ]
    by_area = list(
        projects.order_by().values_list("area__name").annotate(n=Count("*")).order_by("-n")
    )
    partners = (
        Organisation.objects.filter(partnerships__project__municipalities=municipality)
        .annotate(n=Count("partnerships__project", distinct=True))
        .order_by("-n", "name")[:20]
    )
    contacts = (
        Contact.objects.filter(project__municipalities=municipality, public=True)
        .select_related("project")
        .order_by("name", "id")[:30]
    )
    return render(
        request,
        "geo/municipality_detail.html",
        {
            "municipality": municipality,
            "page": page,
            "total": page.paginator.count,
            "by_status": by_status,
            "by_area": by_area,
            "partners": partners,
            "contacts": contacts,
        },
    )


def municipality_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Coordinators set a municipality's type and population (anonymous → login, others 403)."""
    # Imported here: this view was appended to a module other developers edit at the same time.
    from django.contrib import messages
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from smartby.geo import operations

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not operations.can_edit_municipality(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere kommunernes stamdata."))
    municipality = get_object_or_404(Municipality, code=code)
    form = operations.MunicipalityForm(instance=municipality)
    if request.method == "POST":
        try:
            operations.update_municipality(request.user, municipality, request.POST)
        except ValidationError:
            municipality = get_object_or_404(Municipality, code=code)
            form = operations.MunicipalityForm(
                request.POST, instance=get_object_or_404(Municipality, code=code)
            )
            form.is_valid()
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("geo:municipality_detail", code)
    return render(
        request,
        "geo/municipality_form.html",
        {"municipality": municipality, "form": form},
        status=400 if form.errors else 200,
    )
