""" "Find en fagkollega": the people directory, read side.

A person is built from *entries*:

- a project contact who consented to publication (`Contact.public`), or who is a user that
  opted in with a visible `PeerProfile` (the profile's consent covers their project contacts);
- a visible profile itself (title, about, declared areas and technologies, the organisations
  the user is a member of).

Entries are grouped per person by a key computed in SQL: the normalised email (`e:<email>`),
else name and organisation (`n:<name>|<organisation>`). A user's key is their email, so a user
who is also a project contact is one person. A hidden profile (explicit opt-out) removes the
user's key from the directory altogether. Contact email addresses are used only as grouping
keys and never leave this module.

Filters apply per entry (a person matches when one of their entries matches all filters);
facet counts count distinct persons. Every function runs a constant number of queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, Trim
from django.http import QueryDict

from smartby.accounts.models import Membership
from smartby.geo.models import Municipality, MunicipalityKind, Region
from smartby.network.models import PeerProfile
from smartby.registry.filters import (
    ProjectFilters,
    apply_filters,
    apply_text_search,
    clean_text,
    uses_postgres,
)
from smartby.registry.models import Area, Contact, Project, Technology

MAX_PROJECTS_PER_PERSON = 6


@dataclass(frozen=True)
class PeerFilters:
    q: str = ""
    area: tuple[str, ...] = ()
    technology: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()

    FACETS = ("area", "technology", "municipality", "region", "kind")

    @classmethod
    def from_query(cls, query: QueryDict) -> "PeerFilters":
        values: dict[str, Any] = {"q": clean_text(query.get("q", ""))[:200].strip()}
        for name in cls.FACETS:
            values[name] = tuple(sorted({clean_text(v)[:100] for v in query.getlist(name) if v}))[
                :50
            ]
        return cls(**values)

    def without(self, name: str) -> "PeerFilters":
        return replace(self, **{name: ()})

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


# Keys -------------------------------------------------------------------------------------


def _contact_key() -> Case:
    return Case(
        When(~Q(email=""), then=Concat(Value("e:"), Lower(Trim("email")))),
        default=Concat(Value("n:"), Lower(Trim("name")), Value("|"), Lower(Trim("organisation"))),
        output_field=CharField(),
    )


def _user_key(prefix: str = "user__") -> Concat:
    return Concat(Value("e:"), Lower(Trim(f"{prefix}email")), output_field=CharField())


def _profile_keys(*, visible: bool) -> QuerySet:
    qs = PeerProfile.objects.filter(visible=visible)
    if visible:
        qs = qs.filter(user__is_active=True)
    return qs.annotate(k=_user_key()).values("k")


def consented_contacts() -> QuerySet[Contact]:
    """Contacts the directory may show, annotated with `person_key`: public contacts and the
    contacts of opted-in users, less those of users who opted out."""
    return (
        Contact.objects.annotate(person_key=_contact_key())
        .filter(Q(public=True) | Q(person_key__in=_profile_keys(visible=True)))
        .exclude(person_key__in=_profile_keys(visible=False))
    )


def visible_profiles() -> QuerySet[PeerProfile]:
    return PeerProfile.objects.filter(visible=True, user__is_active=True).annotate(
        person_key=_user_key()
    )


# Entries ----------------------------------------------------------------------------------


def search_query(q: str) -> SearchQuery:
    """People's own words (name, role, title, about) are matched with PostgreSQL's danish
    configuration; their projects through the search index."""
    return SearchQuery(q, config="danish", search_type="websearch")


def _contact_entries(f: PeerFilters) -> QuerySet[Contact]:
    qs = consented_contacts()
    projects = apply_filters(
        Project.objects.all(),
        ProjectFilters(area=f.area, technology=f.technology, region=f.region),
    )
    through_m = Project.municipalities.through
    if f.municipality:
        projects = projects.filter(
            Exists(
                through_m.objects.filter(
                    project_id=OuterRef("pk"), municipality__code__in=f.municipality
                )
            )
        )
    if f.kind:
        projects = projects.filter(
            Exists(
                through_m.objects.filter(project_id=OuterRef("pk"), municipality__kind__in=f.kind)
            )
        )
    if f.area or f.technology or f.region or f.municipality or f.kind:
        qs = qs.filter(project__in=projects.values("pk"))
    if f.q:
        in_projects = Q(project__in=apply_text_search(Project.objects.all(), f.q).values("pk"))
        if uses_postgres():
            qs = qs.annotate(
                person_document=SearchVector("name", weight="A", config="danish")
                + SearchVector("role", "organisation", weight="B", config="danish")
            ).filter(Q(person_document=search_query(f.q)) | in_projects)
        else:
            for term in f.q.split()[:10]:
                qs = qs.filter(
                    Q(name__icontains=term)
                    | Q(role__icontains=term)
                    | Q(organisation__icontains=term)
                    | Q(project__title__icontains=term)
                    | Q(project__summary__icontains=term)
                )
    return qs


def _profile_entries(f: PeerFilters) -> QuerySet[PeerProfile]:
    qs = visible_profiles()
    if f.area:
        qs = qs.filter(
            Exists(
                PeerProfile.areas.through.objects.filter(
                    peerprofile_id=OuterRef("pk"), area__slug__in=f.area
                )
            )
        )
    if f.technology:
        qs = qs.filter(
            Exists(
                PeerProfile.technologies.through.objects.filter(
                    peerprofile_id=OuterRef("pk"), technology__slug__in=f.technology
                )
            )
        )
    member_of = Membership.objects.filter(user_id=OuterRef("user_id"))
    if f.municipality:
        qs = qs.filter(
            Exists(member_of.filter(organisation__municipality__code__in=f.municipality))
        )
    if f.region:
        qs = qs.filter(
            Exists(
                member_of.filter(
                    Q(organisation__municipality__region__slug__in=f.region)
                    | Q(organisation__region__slug__in=f.region)
                )
            )
        )
    if f.kind:
        qs = qs.filter(Exists(member_of.filter(organisation__municipality__kind__in=f.kind)))
    if f.q:
        if uses_postgres():
            qs = qs.annotate(
                person_document=SearchVector("user__name", weight="A", config="danish")
                + SearchVector("title", weight="B", config="danish")
                + SearchVector("about", weight="C", config="danish")
            ).filter(person_document=search_query(f.q))
        else:
            for term in f.q.split()[:10]:
                qs = qs.filter(
                    Q(user__name__icontains=term)
                    | Q(title__icontains=term)
                    | Q(about__icontains=term)
                )
    return qs


def _union_sql(contact_part: QuerySet, profile_part: QuerySet) -> tuple[str, tuple]:
    """The SQL of both entry querysets as one UNION ALL (same column names and order)."""
    union = contact_part.order_by().union(profile_part.order_by(), all=True).order_by()
    sql, params = union.query.sql_with_params()
    return sql, tuple(params)


def _fetch(select: str, entries_sql: str, tail: str, params: Iterable[Any]) -> list[tuple]:
    """Run `SELECT <select> FROM (<entries_sql>) entries <tail>`. Only Django's compiled SQL and
    fixed text are spliced in; every value travels in `params`."""
    query = f"SELECT {select} FROM ({entries_sql}) entries {tail}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(query, list(params))
        return cursor.fetchall()


# Pages of people ----------------------------------------------------------------------------


def _keys_sql(f: PeerFilters) -> tuple[str, tuple]:
    contact_part = _contact_entries(f).annotate(sort_name=Lower(Trim("name")))
    profile_part = _profile_entries(f).annotate(sort_name=Lower(Trim("user__name")))
    return _union_sql(
        contact_part.values("person_key", "sort_name"),
        profile_part.values("person_key", "sort_name"),
    )


class PeopleResult:
    """The matching people, in name order; sliced by Django's Paginator (`count` then one
    slice), each slice costing a constant number of queries."""

    def __init__(self, f: PeerFilters) -> None:
        self.filters = f
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            sql, params = _keys_sql(self.filters)
            self._count = _fetch("COUNT(DISTINCT entries.person_key)", sql, "", params)[0][0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list["Person"]:
        if not isinstance(item, slice):
            raise TypeError("PeopleResult supports slicing only")
        start = item.start or 0
        stop = item.stop if item.stop is not None else self.count()
        if stop <= start:
            return []
        sql, params = _keys_sql(self.filters)
        tail = (
            "GROUP BY entries.person_key ORDER BY MIN(entries.sort_name), entries.person_key "
            "LIMIT %s OFFSET %s"
        )
        rows = _fetch("entries.person_key", sql, tail, (*params, stop - start, start))
        keys = [row[0] for row in rows]
        return people_for_keys(keys)


@dataclass
class PersonProject:
    project: Project
    roles: list[str] = field(default_factory=list)


@dataclass
class Person:
    key: str
    name: str = ""
    profile: PeerProfile | None = None
    titles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)
    projects: list[PersonProject] = field(default_factory=list)
    contact_id: int | None = None  # a public contact with an email address, for "Skriv til"
    contact_project_slug: str = ""

    @property
    def shown_projects(self) -> list[PersonProject]:
        return self.projects[:MAX_PROJECTS_PER_PERSON]

    @property
    def more_projects(self) -> int:
        return max(len(self.projects) - MAX_PROJECTS_PER_PERSON, 0)


def _add_unique(items: list, value: Any, key: Any = None) -> None:
    seen = {key(i) for i in items} if key else set(items)
    if value and (key(value) if key else value) not in seen:
        items.append(value)


def people_for_keys(keys: list[str]) -> list[Person]:
    """The people with these keys, in this order: 7 queries (none for an empty list)."""
    if not keys:
        return []
    people = {key: Person(key=key) for key in keys}
    contacts = (
        consented_contacts()
        .filter(person_key__in=keys)
        .select_related("project__area", "project__lead_organisation")
        .prefetch_related(
            Prefetch("project__municipalities", queryset=Municipality.objects.order_by("name")),
            "project__technologies",
        )
        .order_by("-project__updated_at", "project_id", "id")
    )
    emails = [key[2:] for key in keys if key.startswith("e:")]
    profiles = (
        visible_profiles()
        .filter(person_key__in=[f"e:{e}" for e in emails])
        .select_related("user")
        .prefetch_related(
            "areas",
            "technologies",
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.select_related("organisation__municipality").order_by(
                    "organisation__name"
                ),
            ),
        )
    )
    for profile in profiles:
        person = people[profile.person_key]
        person.profile = profile
        person.name = profile.display_name
        _add_unique(person.titles, profile.title)
        for membership in profile.user.memberships.all():
            org = membership.organisation
            _add_unique(person.organisations, org.name)
            if org.municipality:
                _add_unique(person.municipalities, org.municipality, key=lambda m: m.pk)
        for area in profile.areas.all():
            _add_unique(person.areas, area, key=lambda a: a.pk)
        for tech in profile.technologies.all():
            _add_unique(person.technologies, tech, key=lambda t: t.pk)
    for contact in contacts:
        person = people[contact.person_key]
        project = contact.project
        if not person.name:
            person.name = contact.name
        _add_unique(person.titles, contact.role)
        _add_unique(person.organisations, contact.organisation)
        existing = next((p for p in person.projects if p.project.pk == project.pk), None)
        if existing is None:
            existing = PersonProject(project)
            person.projects.append(existing)
        _add_unique(existing.roles, contact.role)
        _add_unique(person.areas, project.area, key=lambda a: a.pk)
        for tech in project.technologies.all():
            _add_unique(person.technologies, tech, key=lambda t: t.pk)
        if person.profile is None:
            for m in project.municipalities.all():
                _add_unique(person.municipalities, m, key=lambda m: m.pk)
        if person.contact_id is None and contact.public and contact.email:
            person.contact_id = contact.pk
            person.contact_project_slug = project.slug
    for person in people.values():
        person.municipalities.sort(key=lambda m: m.name)
        person.areas.sort(key=lambda a: (a.sort_order, a.name))
        person.technologies.sort(key=lambda t: t.name)
    return [people[key] for key in keys]


# Facets -------------------------------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def _facet_counts(
    f: PeerFilters, name: str, contact_value: Any, profile_value: Any
) -> dict[str, int]:
    """Distinct people per facet value, with the other facets' filters applied."""
    g = f.without(name)
    contact_part = (
        _contact_entries(g).annotate(facet_value=contact_value).values("person_key", "facet_value")
    )
    profile_part = (
        _profile_entries(g).annotate(facet_value=profile_value).values("person_key", "facet_value")
    )
    sql, params = _union_sql(contact_part, profile_part)
    rows = _fetch(
        "entries.facet_value, COUNT(DISTINCT entries.person_key)",
        sql,
        "WHERE entries.facet_value IS NOT NULL GROUP BY entries.facet_value",
        params,
    )
    return {str(value): count for value, count in rows}


def facets(f: PeerFilters) -> dict[str, list[FacetValue]]:
    """Counts for every facet value: 9 queries."""
    memberships = "user__memberships__organisation__"
    counts = {
        "area": _facet_counts(f, "area", F("project__area__slug"), F("areas__slug")),
        "technology": _facet_counts(
            f, "technology", F("project__technologies__slug"), F("technologies__slug")
        ),
        "municipality": _facet_counts(
            f,
            "municipality",
            F("project__municipalities__code"),
            F(f"{memberships}municipality__code"),
        ),
        "region": _facet_counts(
            f,
            "region",
            F("project__municipalities__region__slug"),
            Coalesce(
                F(f"{memberships}municipality__region__slug"), F(f"{memberships}region__slug")
            ),
        ),
        "kind": _facet_counts(
            f, "kind", F("project__municipalities__kind"), F(f"{memberships}municipality__kind")
        ),
    }

    def values(name: str, options: Iterable[tuple[str, str]]) -> list[FacetValue]:
        selected = getattr(f, name)
        return [
            FacetValue(value, str(label), counts[name].get(value, 0), value in selected)
            for value, label in options
        ]

    technologies = sorted(
        values("technology", Technology.objects.values_list("slug", "name")),
        key=lambda v: (-v.count, v.label),
    )
    return {
        "area": values("area", Area.objects.values_list("slug", "name")),
        "technology": technologies,
        "municipality": values(
            "municipality", Municipality.objects.order_by("name").values_list("code", "name")
        ),
        "region": values("region", Region.objects.values_list("slug", "name")),
        "kind": values("kind", MunicipalityKind.choices),
    }
