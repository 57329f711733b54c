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
