"""One search box over everything: projects, organisations and people, grouped by kind with
highlighted snippets; and the as-you-type suggestions."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from smartby.network.directory import PeerFilters, PeopleResult
from smartby.orgs.models import Organisation
from smartby.registry.filters import ProjectFilters, filtered_projects, sort_projects
from smartby.registry.models import Project
from smartby.search import engine
from smartby.search.models import Kind, Term

SNIPPET_CHARS = 220
MIN_PREFIX = 2


@dataclass
class Hit:
    kind: str
    title: SafeString
    url: str
    snippet: SafeString
    meta: str = ""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit]
    more_url: str = ""


@dataclass
class Everything:
    q: str
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    relaxed: bool = False

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def project_hits(projects: QuerySet[Project] | list[Project], terms: set[str]) -> list[Hit]:
    return [
        Hit(
            kind=Kind.PROJECT,
            title=engine.highlight(p.title, terms),
            url=p.get_absolute_url(),
            snippet=engine.highlight(p.summary, terms, around=SNIPPET_CHARS),
            meta=", ".join(m.name for m in p.municipalities.all()),
        )
        for p in projects
    ]


def search_everything(q: str, *, limit: int = 5) -> Everything:
    prepared = engine.prepare(q)
    result = Everything(q, corrections=prepared.parsed.corrections(), relaxed=prepared.relaxed)
    if prepared.empty:
        return result
    terms = prepared.terms()
    f = ProjectFilters(q=q)
    projects = filtered_projects(f)
    top = sort_projects(projects, "relevans", f).select_related("area")
    top = top.prefetch_related("municipalities")[:limit]
    result.groups.append(
        Group(
            Kind.PROJECT,
            str(Kind.PROJECT.label),
            projects.count(),
            project_hits(top, terms),
            more_url=reverse("registry:project_list") + "?" + f.as_query().urlencode(),
        )
    )
    orgs = engine.ranked_entries(Kind.ORGANISATION, prepared)
    org_rows = (
        Organisation.objects.filter(pk__in=[e.organisation_id for e in orgs[:limit]])
        .annotate(n=Count("led_projects"))
        .in_bulk()
    )
    org_hits = []
    for e in orgs[:limit]:
        o = org_rows.get(e.organisation_id)
        if o is not None:
            org_hits.append(
                Hit(
                    kind=Kind.ORGANISATION,
                    title=engine.highlight(o.name, terms),
                    url=reverse("orgs:organisation_detail", args=[o.slug]),
                    snippet=engine.highlight(o.get_kind_display(), terms),
                    meta=str(o.n),
                )
            )
    result.groups.append(
        Group(
            Kind.ORGANISATION,
            str(Kind.ORGANISATION.label),
            orgs.count(),
            org_hits,
            more_url=reverse("orgs:organisation_list") + "?" + urlencode({"q": q}),
        )
    )
    people = PeopleResult(PeerFilters(q=q))
    people_hits = [
        Hit(
            kind="person",
            title=engine.highlight(person.name, terms),
            url=reverse("network:directory") + "?" + urlencode({"q": person.name}),
            snippet=engine.highlight(", ".join([*person.titles, *person.organisations]), terms),
        )
        for person in people[:limit]
    ]
    result.groups.append(
        Group(
            "person",
            "Fagkolleger",
            people.count(),
            people_hits,
            more_url=reverse("network:directory") + "?" + urlencode({"q": q}),
        )
    )
    return result


@dataclass
class Suggestion:
    text: str
    kind: str  # "term" or "project"
    url: str = ""


def suggestions(q: str, *, limit: int = 8) -> list[Suggestion]:
    """Words that complete the last word (most used first), then project titles that match
    what is typed so far."""
    words = q.split()
    if not words or len(words[-1]) < MIN_PREFIX:
        return []
    setup = engine.vocabulary.current()
    last = setup.analyzer.word(words[-1].casefold())
    if last is None:
        return []
    head = " ".join(words[:-1])
    completions = (
        Term.objects.filter(term__startswith=last.folded)
        .order_by("-df", "term")
        .values_list("word", flat=True)[: limit // 2]
    )
    out = [Suggestion(f"{head} {w}".strip(), "term") for w in dict.fromkeys(completions)]
    prepared = engine.prepare(q, prefix_last=True, relax=False)
    if not prepared.empty:
        rows = engine.entries(Kind.PROJECT, prepared).select_related("project")
        for e in rows.only("title", "project__slug")[: limit - len(out)]:
            out.append(Suggestion(e.title, "project", e.project.get_absolute_url()))
    return out
