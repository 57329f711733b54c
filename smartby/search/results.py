"""One search box over everything: projects, organisations, people and the content other apps
register (search.sources), grouped by kind with highlighted snippets; and the as-you-type
suggestions."""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from smartby.orgs.models import Organisation
from smartby.registry.filters import ProjectFilters
from smartby.registry.models import Project
from smartby.search import engine
from smartby.search.matching import people_for_projects, people_named
from smartby.search.models import Kind, Term
from smartby.search.query import Term as QTerm
from smartby.search.query import any_of, parse, terms_of
from smartby.search.sources import SOURCES

SNIPPET_CHARS = 220
# Counts in the mixed search are exact up to this many: counting tens of thousands of matches
# costs more than the rest of the search; the project list gives the exact figure.
COUNT_CAP = 1000
PEOPLE_FROM_PROJECTS = 20  # fagkolleger: consenting contacts of the best projects
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
    capped: bool = False  # more than COUNT_CAP: `count` is COUNT_CAP

    @property
    def shown_count(self) -> str:
        return f"{self.count}+" if self.capped else str(self.count)


@dataclass
class Everything:
    q: str
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    relaxed: bool = False

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def capped(self) -> bool:
        return any(g.capped for g in self.groups)


def capped_count(qs: QuerySet) -> tuple[int, bool]:
    n = engine.limited_count(qs, COUNT_CAP + 1)
    return min(n, COUNT_CAP), n > COUNT_CAP


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


CACHE_SECONDS = 60


def search_everything(q: str, *, limit: int = 5) -> Everything:
    """Cached per query until the index or the vocabulary changes (popular searches repeat)."""
    state = f"{engine.index_version()}|{engine.vocabulary.current().version}|{limit}|{q}"
    key = "smartby:search:" + hashlib.sha256(state.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _search_everything(q, limit)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _search_everything(q: str, limit: int) -> Everything:
    prepared = engine.prepare(q)
    result = Everything(q, corrections=prepared.parsed.corrections(), relaxed=prepared.relaxed)
    if prepared.empty:
        return result
    terms = prepared.terms()
    f = ProjectFilters(q=q)
    # Ranked in the index alone (no join with the projects: ties by newest entry).
    with engine.index_scan():  # else a broad query makes the planner scan the whole table
        ranked = list(
            engine.top_entries(
                Kind.PROJECT, prepared, max(limit, PEOPLE_FROM_PROJECTS)
            ).values_list("project_id", flat=True)
        )
    by_id = (
        Project.objects.filter(pk__in=ranked[:limit])
        .select_related("area")
        .prefetch_related("municipalities")
        .in_bulk()
    )
    top = [by_id[pk] for pk in ranked[:limit] if pk in by_id]
    count, capped = capped_count(engine.entries(Kind.PROJECT, prepared))
    result.groups.append(
        Group(
            Kind.PROJECT,
            str(Kind.PROJECT.label),
            count,
            project_hits(top, terms),
            more_url=reverse("registry:project_list") + "?" + f.as_query().urlencode(),
            capped=capped,
        )
    )
    orgs = list(engine.ranked_entries(Kind.ORGANISATION, prepared)[:limit])
    org_rows = (
        Organisation.objects.filter(pk__in=[e.organisation_id for e in orgs])
        .annotate(n=Count("led_projects"))
        .in_bulk()
    )
    org_hits = [
        Hit(
            kind=Kind.ORGANISATION,
            title=engine.highlight(o.name, terms),
            url=reverse("orgs:organisation_detail", args=[o.slug]),
            snippet=engine.highlight(o.get_kind_display(), terms),
            meta=str(o.n),
        )
        for e in orgs
        if (o := org_rows.get(e.organisation_id)) is not None
    ]
    count, capped = capped_count(engine.entries(Kind.ORGANISATION, prepared))
    result.groups.append(
        Group(
            Kind.ORGANISATION,
            str(Kind.ORGANISATION.label),
            count,
            org_hits,
            more_url=reverse("orgs:organisation_list") + "?" + urlencode({"q": q}),
            capped=capped,
        )
    )
    people = people_named(q, limit)  # a colleague searched for by name comes first
    named = {(p["name"], p["organisation"]) for p in people}
    people += [
        p for p in people_for_projects(ranked, limit) if (p["name"], p["organisation"]) not in named
    ]
    people = people[:limit]
    people_hits = [
        Hit(
            kind="person",
            title=engine.highlight(p["name"], terms),
            url=reverse("network:directory") + "?" + urlencode({"q": p["name"]}),
            snippet=engine.highlight(
                ", ".join(x for x in (p["role"], p["organisation"]) if x), terms
            ),
            meta=p["project"],
        )
        for p in people
    ]
    result.groups.append(
        Group(
            "person",
            str(_("Fagkolleger")),
            len(people_hits),
            people_hits,
            more_url=reverse("network:directory") + "?" + urlencode({"q": q}),
        )
    )
    result.groups += content_groups(prepared, q, terms, limit)
    return result


CONTENT_SCAN = 1000  # content matches read per search; a group's count is capped there


def content_groups(prepared: engine.Prepared, q: str, terms: set[str], limit: int) -> list[Group]:
    """One group per registered source (search.sources) that has matches, in registration
    order. All content is ranked in one query over its own small index; hits come from the
    entries alone (title, summary, URL and meta line are stored with them)."""
    if not SOURCES:
        return []
    with engine.index_scan():
        rows = list(
            engine.ranked_entries(None, prepared).values_list(
                "kind", "title", "summary", "url", "meta"
            )[: CONTENT_SCAN + 1]
        )
    capped = len(rows) > CONTENT_SCAN
    by_kind: dict[str, list[tuple[str, str, str, str]]] = {}
    for kind, *rest in rows[:CONTENT_SCAN]:
        by_kind.setdefault(kind, []).append(tuple(rest))
    groups = []
    for kind, source in SOURCES.items():
        found = by_kind.get(kind)
        if not found:
            continue
        groups.append(
            Group(
                kind,
                str(source.label),
                len(found),
                [
                    Hit(
                        kind=kind,
                        title=engine.highlight(title, terms),
                        url=url,
                        snippet=engine.highlight(summary, terms, around=SNIPPET_CHARS),
                        meta=meta,
                    )
                    for title, summary, url, meta in found[:limit]
                ],
                more_url=reverse(source.more_url) + "?" + urlencode({"q": q})
                if source.more_url
                else "",
                capped=capped,
            )
        )
    return groups


@dataclass
class Suggestion:
    text: str
    kind: str  # "term" or "project"
    url: str = ""


MAX_TITLE_SCAN = 2000  # title suggestions only when the words typed are this selective
COMPLETIONS = 30


def suggestions(q: str, *, limit: int = 8) -> list[Suggestion]:
    """Words that complete the last word (most used first), then titles of projects that have
    every word typed so far, the last one completed by the lexicon. Titles are only looked up
    when the lexicon says the words are selective enough to answer in a few milliseconds (and
    with the completions as exact terms, so the planner uses the GIN index); no typo
    correction while typing."""
    words = q.split()
    if not words or len(words[-1]) < MIN_PREFIX:
        return []
    setup = engine.vocabulary.current()
    last = setup.analyzer.word(words[-1].casefold())
    if last is None:
        return []
    head = " ".join(words[:-1])
    completions = list(
        Term.objects.filter(term__startswith=last.folded)
        .order_by("-df", "term")
        .values_list("term", "word", "df")[:COMPLETIONS]
    )
    seen = dict.fromkeys(w for _, w, _ in completions[: limit // 2])
    out = [Suggestion(f"{head} {w}".strip(), "term") for w in seen]
    parsed = parse(q, setup)
    if not parsed.groups or not completions:
        return out
    typed = parsed.groups[-1]
    typed.node = any_of([typed.node, *(QTerm(t) for t, _, _ in completions)])
    others = set().union(*(terms_of(g.node) for g in parsed.groups[:-1]))
    df = dict(Term.objects.filter(term__in=list(others)).values_list("term", "df"))
    estimates = [sum(n for _, _, n in completions)]
    estimates += [
        max((df.get(t, 0) for t in terms_of(g.node)), default=0) for g in parsed.groups[:-1]
    ]
    if not 0 < min(estimates) <= MAX_TITLE_SCAN:
        return out
    prepared = engine.Prepared(parsed, parsed.tree(), relaxed=False)
    rows = engine.entries(Kind.PROJECT, prepared).select_related("project")
    for e in rows.only("title", "project__slug")[: limit - len(out)]:
        out.append(Suggestion(e.title, "project", e.project.get_absolute_url()))
    return out
