"""Read-side functions: counts, facets, map data and headline figures. Each runs a constant
number of queries whatever the number of projects."""

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.geo.models import Municipality, Region
from smartby.geo.reference import BOUNDARIES_ATTRIBUTION
from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.freshness import Freshness, freshness_q
from smartby.registry.models import Area, Location, Project, Status, Technology
from smartby.search import index as search_index

MAX_MARKERS = 5000


COUNT_CACHE_SECONDS = 600


# The registry's state as last read by this process: (value, when, this process's write count).
_state: list[tuple[str, float, tuple[int, int]]] = []
_writes = [0]


def registry_state() -> str:
    """Changes whenever a project is created, changed or deleted (and every day, for the
    freshness counts): the key under which aggregate counts are cached.

    Reading it is a count over all projects (~10 ms at 100,000), so each process reuses the
    value for REGISTRY_STATE_SECONDS — unless this process wrote to the registry meanwhile (a
    project saved or deleted, or re-indexed by an operation), which reads it again at once. So a
    writer sees their change in the counts at once, other processes' changes show within those
    seconds, and a busy registry (editors saving every second) no longer empties every cached
    count on every save."""
    now = time.monotonic()
    generation = (_writes[0], search_index.generation[0])
    if _state:
        value, at, seen = _state[0]
        if seen == generation and now - at < settings.REGISTRY_STATE_SECONDS:
            return value
    agg = Project.objects.aggregate(n=Count("id"), top=Max("id"), last=Max("updated_at"))
    value = f"{agg['n']}:{agg['top']}:{agg['last']}:{timezone.localdate()}"
    _state[:] = [(value, now, generation)]
    return value


def forget_registry_state(*args: Any, **kwargs: Any) -> None:
    """This process wrote to the registry: the next registry_state() reads it again (connected
    to Project's post_save and post_delete in RegistryConfig.ready)."""
    _writes[0] += 1


def cached_counts(kind: str, f: ProjectFilters, state: str, compute: Callable[[], Any]) -> Any:
    """Aggregate counts are the expensive part of the map and the list at 100,000 projects;
    they are cached per filter combination until the registry changes."""
    raw = f"{kind}|{state}|{f.as_query().urlencode()}"
    key = "smartby:counts:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNT_CACHE_SECONDS)
    return value


def municipality_counts(f: ProjectFilters, state: str | None = None) -> dict[int, int]:
    """Municipality id -> number of matching projects (a joint project counts in each)."""
    through = Project.municipalities.through

    def compute() -> dict[int, int]:
        rows = (
            through.objects.filter(project__in=filtered_projects(f).values("pk"))
            .values_list("municipality_id")
            .annotate(n=Count("*"))
        )
        return dict(rows)

    return cached_counts("municipalities", f, state or registry_state(), compute)


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
    return cached_counts("markers", f, registry_state(), lambda: _map_markers(f))


def _map_markers(f: ProjectFilters) -> dict:
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
    """Counts per facet value, each computed with the other facets' filters applied. The
    counts are cached until the registry changes (`cached_counts`); labels are read fresh."""
    state = registry_state()
    result: dict[str, list[FacetValue]] = {}

    def counted(name: str, compute: Callable[[], Any]) -> Any:
        return cached_counts(f"facet-{name}", f.without(name), state, compute)

    area_counts = counted(
        "area",
        lambda: dict(
            filtered_projects(f.without("area")).values_list("area_id").annotate(n=Count("*"))
        ),
    )
    result["area"] = [
        FacetValue(a.slug, a.name, area_counts.get(a.id, 0), a.slug in f.area)
        for a in Area.objects.all()
    ]

    status_counts = counted(
        "status",
        lambda: dict(
            filtered_projects(f.without("status")).values_list("status").annotate(n=Count("*"))
        ),
    )
    result["status"] = [
        FacetValue(code, str(label), status_counts.get(code, 0), code in f.status)
        for code, label in Status.choices
    ]

    fresh_counts = counted(
        "freshness",
        lambda: filtered_projects(f.without("freshness")).aggregate(
            **{v.value: Count("pk", filter=freshness_q([v])) for v in Freshness}
        ),
    )
    result["freshness"] = [
        FacetValue(v.value, str(v.label), fresh_counts[v.value], v.value in f.freshness)
        for v in Freshness
    ]

    through_t = Project.technologies.through
    tech_counts = counted(
        "technology",
        lambda: dict(
            through_t.objects.filter(
                project__in=filtered_projects(f.without("technology")).values("pk")
            )
            .values_list("technology_id")
            .annotate(n=Count("*"))
        ),
    )
    result["technology"] = sorted(
        (
            FacetValue(t.slug, t.name, tech_counts.get(t.id, 0), t.slug in f.technology)
            for t in Technology.objects.all()
        ),
        key=lambda v: (-v.count, v.label),
    )

    through_m = Project.municipalities.through
    region_counts = counted(
        "region",
        lambda: dict(
            through_m.objects.filter(
                project__in=filtered_projects(f.without("region")).values("pk")
            )
            .values_list("municipality__region_id")
            .annotate(n=Count("project_id", distinct=True))
        ),
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
