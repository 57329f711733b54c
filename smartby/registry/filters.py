"""The project filters shared by the map, the list, the exports and (later) the API.

Filter values are slugs for area, technology, region and organisation, codes for status and
municipality, and frisk/boer-bekraeftes/foraeldet for freshness (registry/freshness.py). A
parameter may repeat: values of one facet are OR'ed, facets are AND'ed.
"""

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from smartby.lib.text import without_control_characters
from smartby.registry.freshness import freshness_q
from smartby.registry.models import Project


def clean_text(value: str) -> str:
    """Drop control characters (PostgreSQL refuses NUL bytes in text) and surrounding space."""
    return without_control_characters(value).strip()


@dataclass(frozen=True)
class ProjectFilters:
    q: str = ""
    area: tuple[str, ...] = ()
    technology: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    freshness: tuple[str, ...] = ()
    updated_since: dt.date | None = None
    errors: dict[str, str] = field(default_factory=dict, compare=False)

    FACETS = (
        "area",
        "technology",
        "status",
        "region",
        "municipality",
        "organisation",
        "freshness",
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> "ProjectFilters":
        values: dict = {"q": clean_text(query.get("q", ""))[:200].strip()}
        for name in cls.FACETS:
            values[name] = tuple(sorted({clean_text(v)[:100] for v in query.getlist(name) if v}))[
                :50
            ]
        errors = {}
        since = query.get("updated_since", "").strip()
        if since:
            try:
                values["updated_since"] = dt.date.fromisoformat(since[:10])
            except ValueError:
                errors["updated_since"] = _("Datoen skal skrives som ÅÅÅÅ-MM-DD.")
        return cls(**values, errors=errors)

    def without(self, name: str) -> "ProjectFilters":
        return replace(self, **{name: () if name in self.FACETS else None})

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "errors")

    def as_query(self) -> QueryDict:
        query = QueryDict(mutable=True)
        if self.q:
            query["q"] = self.q
        for name in self.FACETS:
            query.setlist(name, list(getattr(self, name)))
        if self.updated_since:
            query["updated_since"] = self.updated_since.isoformat()
        return query


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def apply_filters(qs: QuerySet[Project], f: ProjectFilters) -> QuerySet[Project]:
    if f.area:
        qs = qs.filter(area__slug__in=f.area)
    if f.status:
        qs = qs.filter(status__in=f.status)
    if f.organisation:
        qs = qs.filter(lead_organisation__slug__in=f.organisation)
    if f.updated_since:
        qs = qs.filter(updated_at__date__gte=f.updated_since)
    if f.freshness:
        qs = qs.filter(freshness_q(f.freshness))
    through_m = Project.municipalities.through
    if f.technology:
        through_t = Project.technologies.through
        qs = qs.filter(
            Exists(
                through_t.objects.filter(
                    project_id=OuterRef("pk"), technology__slug__in=f.technology
                )
            )
        )
    if f.region:
        qs = qs.filter(
            Exists(
                through_m.objects.filter(
                    project_id=OuterRef("pk"), municipality__region__slug__in=f.region
                )
            )
        )
    if f.municipality:
        qs = qs.filter(
            Exists(
                through_m.objects.filter(
                    project_id=OuterRef("pk"), municipality__code__in=f.municipality
                )
            )
        )
    if f.q:
        qs = apply_text_search(qs, f.q)
    return qs


def apply_text_search(qs: QuerySet[Project], q: str) -> QuerySet[Project]:
    """Danish full-text search through the search index (smartby.search)."""
    from smartby.search.engine import filter_projects

    return filter_projects(qs, q)


def filtered_projects(f: ProjectFilters) -> QuerySet[Project]:
    return apply_filters(Project.objects.all(), f)


SORTS = {
    "opdateret": ("-updated_at", "-id"),
    "titel": ("title", "id"),
    "start": (F("start_date").desc(nulls_last=True), "-id"),
    "bekraeftet": (F("last_verified").desc(nulls_last=True), "-id"),
}
DEFAULT_SORT = "opdateret"


def sort_projects(qs: QuerySet[Project], sort: str, f: ProjectFilters) -> QuerySet[Project]:
    if sort == "relevans" and f.q:
        from smartby.search.engine import rank_projects

        ranked = rank_projects(qs, f.q)
        return ranked.order_by(
            F("rank").desc(nulls_last=True), F("last_verified").desc(nulls_last=True), "-id"
        )
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))
