"""Read-side functions: counts, facets, map data and headline figures. Each runs a constant
number of queries whatever the number of projects."""

import json
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from smartby.geo.models import Municipality, Region
from smartby.geo.reference import BOUNDARIES_ATTRIBUTION
from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.freshness import Freshness, freshness_q
from smartby.registry.models import Area, Location, Project, Status, Technology

MAX_MARKERS = 5000


def municipality_counts(f: ProjectFilters) -> dict[int, int]:
    """Municipality id -> number of matching projects (a joint project counts in each)."""
    through = Project.municipalities.through
    rows = (
        through.objects.filter(project__in=filtered_projects(f).values("pk"))
        .values_list("municipality_id")
        .annotate(n=Count("*"))
    )
    return dict(rows)


def municipalities_geojson(f: ProjectFilters) -> str:
    """The 98 municipalities as a GeoJSON FeatureCollection with project counts.

    Geometries are stored as GeoJSON text and spliced in without re-parsing.
    """
    counts = municipality_counts(f)
    features = []
    rows = Municipality.objects.select_related("region").order_by("code")
    for m in rows.only("id", "code", "name", "geometry", "region__name", "region__code"):
        props = {
            "kode": m.code,
            "navn": m.name,
            "region": m.region.name,
            "region_kode": m.region.code,
            "antal_projekter": counts.get(m.id, 0),
            "url": f"/kommuner/{m.code}/",
        }
        geometry = m.geometry or "null"
        properties = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        features.append(f'{{"type":"Feature","geometry":{geometry},"properties":{properties}}}')
    head = json.dumps({"type": "FeatureCollection", "attribution": BOUNDARIES_ATTRIBUTION})
    return head[:-1] + ',"features":[' + ",".join(features) + "]}"


def map_markers(f: ProjectFilters) -> dict:
    """Project locations for the clustered marker layer, at most MAX_MARKERS."""
    projects = filtered_projects(f)
    rows = list(
        Location.objects.filter(project__in=projects.values("pk"))
        .order_by("project_id", "id")
        .values_list("lat", "lon", "project__slug", "project__title", "project__status")[
            : MAX_MARKERS + 1
        ]
    )
    truncated = len(rows) > MAX_MARKERS
    labels = dict(Status.choices)
    return {
        "count": projects.count(),
        "truncated": truncated,
        "projects": [
            [lat, lon, slug, title, status, str(labels.get(status, status))]
            for lat, lon, slug, title, status in rows[:MAX_MARKERS]
        ],
    }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facets(f: ProjectFilters) -> dict[str, list[FacetValue]]:
    """Counts per facet value, each computed with the other facets' filters applied."""
    result: dict[str, list[FacetValue]] = {}

    area_counts = dict(
        filtered_projects(f.without("area")).values_list("area_id").annotate(n=Count("*"))
    )
    result["area"] = [
        FacetValue(a.slug, a.name, area_counts.get(a.id, 0), a.slug in f.area)
        for a in Area.objects.all()
    ]

    status_counts = dict(
        filtered_projects(f.without("status")).values_list("status").annotate(n=Count("*"))
    )
    result["status"] = [
        FacetValue(code, str(label), status_counts.get(code, 0), code in f.status)
        for code, label in Status.choices
    ]

    fresh_counts = filtered_projects(f.without("freshness")).aggregate(
        **{v.value: Count("pk", filter=freshness_q([v])) for v in Freshness}
    )
    result["freshness"] = [
        FacetValue(v.value, str(v.label), fresh_counts[v.value], v.value in f.freshness)
        for v in Freshness
    ]

    through_t = Project.technologies.through
    tech_counts = dict(
        through_t.objects.filter(
            project__in=filtered_projects(f.without("technology")).values("pk")
        )
        .values_list("technology_id")
        .annotate(n=Count("*"))
    )
    result["technology"] = sorted(
        (
            FacetValue(t.slug, t.name, tech_counts.get(t.id, 0), t.slug in f.technology)
            for t in Technology.objects.all()
        ),
        key=lambda v: (-v.count, v.label),
    )

    through_m = Project.municipalities.through
    region_counts = dict(
        through_m.objects.filter(project__in=filtered_projects(f.without("region")).values("pk"))
        .values_list("municipality__region_id")
        .annotate(n=Count("project_id", distinct=True))
    )
    result["region"] = [
        FacetValue(r.slug, r.name, region_counts.get(r.id, 0), r.slug in f.region)
        for r in Region.objects.all()
    ]
    return result


@dataclass
class HeadlineFigures:
    projects: int
    municipalities_with_projects: int
    municipalities_total: int
    organisations: int
    last_update: object


def headline_figures() -> HeadlineFigures:
    through = Project.municipalities.through
    agg = Project.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return HeadlineFigures(
        projects=agg["n"],
        municipalities_with_projects=through.objects.values("municipality_id").distinct().count(),
        municipalities_total=Municipality.objects.count(),
        organisations=Project.objects.values("lead_organisation_id").distinct().count(),
        last_update=agg["last"],
    )


def status_label(code: str) -> str:
    return str(dict(Status.choices).get(code, _("Ukendt")))
