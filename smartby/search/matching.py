""" "Lignende projekter" and "Hvem har gjort det før?": projects ranked by the distinctive terms
they share with a project or with a described challenge, plus shared area and technologies,
preferring other municipalities. Every result says why it matched.

Candidates come from the index (projects sharing at least two of the most distinctive terms, or
one when that finds too few), ranked by the database; the best are scored here by the idf of the
shared terms (weighted by section) and the classification bonuses.
"""

import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from smartby.geo.models import Municipality
from smartby.registry.models import Project, Technology
from smartby.search import engine, vocabulary
from smartby.search.models import Kind, SearchEntry, Term
from smartby.search.query import Parsed, all_of, any_of
from smartby.search.query import Term as QTerm

SECTION_WEIGHTS = {"a": 3.0, "b": 2.0, "c": 1.0}
QUERY_TERMS = 10
PAIR_TERMS = 6
CANDIDATES = 120
COMMON = 0.3  # terms in more than this share of projects say little
AREA_BONUS = 0.15
TECHNOLOGY_BONUS = 0.06  # per shared technology, at most three
OTHER_MUNICIPALITY_BONUS = 0.05
EPOCH = dt.date(1970, 1, 1)
MIN_NAME = 3  # letters a name search needs


@dataclass
class Scored:
    project: Project
    score: float
    words: list[str] = field(default_factory=list)
    same_area: bool = False
    technologies: list[Technology] = field(default_factory=list)
    other_municipality: bool = False

    def reasons(self) -> list[str]:
        out = []
        if self.words:
            out.append(_("Fælles ord: %(words)s") % {"words": ", ".join(self.words)})
        if self.same_area:
            out.append(_("Samme område: %(area)s") % {"area": self.project.area.name})
        if self.technologies:
            names = ", ".join(t.name for t in self.technologies)
            out.append(_("Fælles teknologier: %(names)s") % {"names": names})
        if self.other_municipality:
            out.append(_("En anden kommune"))
        return out


def section_weights(entry: SearchEntry) -> Counter[str]:
    weights: Counter[str] = Counter()
    for section, w in SECTION_WEIGHTS.items():
        for t in getattr(entry, f"terms_{section}").split():
            weights[t] = max(weights[t], w)
    return weights


def term_weights(entry: SearchEntry, terms: list[str]) -> dict[str, float]:
    """section_weights for just these terms (a candidate is scored on the few looked-for
    terms only; building its whole weight table costs three times as much)."""
    sections = [
        (w, set(getattr(entry, f"terms_{section}").split()))
        for section, w in SECTION_WEIGHTS.items()
    ]
    out = {}
    for t in terms:
        for w, found in sections:
            if t in found:
                out[t] = w
                break
    return out


def _distinctive(
    weights: dict[str, float],
    idf: dict[str, float],
    total: int,
    df: dict[str, int],
    *,
    least: int = 1,
) -> list[str]:
    """The best terms to look for: rare (high idf) but in at least `least` projects — for a
    project's own terms 2, since a word only the project itself has cannot find another."""
    usable = [t for t in weights if least <= df.get(t, 0) <= max(2, COMMON * total)]
    return sorted(usable, key=lambda t: (-weights[t] * idf[t], t))[:QUERY_TERMS]


def _candidates(terms: list[str], exclude: int | None) -> list[SearchEntry]:
    top = terms[:PAIR_TERMS]
    pairs = any_of(all_of([QTerm(a), QTerm(b)]) for a, b in itertools.combinations(top, 2))
    found: list[SearchEntry] = []
    for node in (pairs, any_of(QTerm(t) for t in terms)):
        if node is None:
            continue
        prepared = engine.Prepared(Parsed(), node, relaxed=False, groups=[(node, 1.0)])
        qs = engine.ranked_entries(Kind.PROJECT, prepared)
        if exclude is not None:
            qs = qs.exclude(project_id=exclude)
        seen = {e.pk for e in found}
        with engine.index_scan():
            rows = list(qs.only("id", "project_id", "terms_a", "terms_b", "terms_c")[:CANDIDATES])
        found += [e for e in rows if e.pk not in seen]
        if len(found) >= CANDIDATES // 3:
            break
    return found


def rank_by_terms(
    weights: dict[str, float],
    *,
    exclude: Project | None = None,
    limit: int = 10,
) -> list[Scored]:
    """Projects ranked by the weighted terms; with `exclude`, also by shared area and
    technologies, preferring other municipalities than `exclude`'s.

    The candidates are scored from ids alone (area, shared technology and municipality ids);
    only the best `limit` projects are then loaded whole with their names."""
    total = engine.project_total()
    lexicon = {
        t: (df, word)
        for t, df, word in Term.objects.filter(term__in=list(weights)).values_list(
            "term", "df", "word"
        )
    }
    df = {t: v[0] for t, v in lexicon.items()}
    idf = {t: engine.idf(df.get(t, 0), total) for t in weights}
    terms = _distinctive(weights, idf, total, df, least=2 if exclude else 1)
    if not terms:
        return []
    candidates = _candidates(terms, exclude.pk if exclude else None)
    norm = sum(weights[t] * idf[t] for t in terms) or 1.0
    text_scores: dict[int, tuple[float, list[str]]] = {}
    for entry in candidates:
        cand = term_weights(entry, terms)
        shared = [t for t in terms if t in cand]
        score = sum(weights[t] * idf[t] * cand[t] / 3.0 for t in shared) / norm
        text_scores[entry.project_id] = (
            score,
            [lexicon[t][1] if t in lexicon else t for t in shared],
        )
    ids = list(text_scores)
    rows = Project.objects.filter(pk__in=ids).values_list("pk", "area_id", "last_verified")
    shared_techs: dict[int, set[int]] = defaultdict(set)
    same_municipality: set[int] = set()
    if exclude is not None:
        own_techs = exclude.technologies.values("pk")
        own_munis = exclude.municipalities.values("pk")
        links = Project.technologies.through.objects.filter(
            project_id__in=ids, technology_id__in=own_techs
        ).values_list("project_id", "technology_id")
        for pk, tech in links:
            shared_techs[pk].add(tech)
        same_municipality = set(
            Project.municipalities.through.objects.filter(
                project_id__in=ids, municipality_id__in=own_munis
            ).values_list("project_id", flat=True)
        )
    scored = []
    for pk, area_id, last_verified in rows:
        text, shared_words = text_scores[pk]
        s = Scored(Project(pk=pk, area_id=area_id, last_verified=last_verified), text)
        s.words = shared_words[:6]
        if exclude is not None:
            s.same_area = area_id == exclude.area_id
            s.other_municipality = pk not in same_municipality
            s.score += AREA_BONUS * s.same_area
            s.score += TECHNOLOGY_BONUS * min(len(shared_techs[pk]), 3)
            s.score += OTHER_MUNICIPALITY_BONUS * s.other_municipality
        scored.append(s)
    scored.sort(
        key=lambda s: (-s.score, -(s.project.last_verified or EPOCH).toordinal(), -s.project.pk)
    )
    best = scored[:limit]
    projects = Project.objects.select_related("area", "lead_organisation").prefetch_related(
        Prefetch("technologies", queryset=Technology.objects.order_by("name")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
    )
    loaded = projects.in_bulk([s.project.pk for s in best])
    best = [s for s in best if s.project.pk in loaded]  # deleted meanwhile
    for s in best:
        s.project = loaded[s.project.pk]
        wanted = shared_techs[s.project.pk]
        s.technologies = [t for t in s.project.technologies.all() if t.pk in wanted][:3]
    return best


def similar_projects(project: Project, limit: int = 10) -> list[Scored]:
    entry = (
        SearchEntry.objects.filter(project=project).only("terms_a", "terms_b", "terms_c").first()
    )
    if entry is None:
        return []
    return rank_by_terms(dict(section_weights(entry)), exclude=project, limit=limit)


def text_weights(text: str) -> dict[str, float]:
    """Terms of a described challenge: each word and its parts, synonyms at half weight."""
    setup = vocabulary.current()
    weights: dict[str, float] = defaultdict(float)
    for a in setup.analyzer.analyse(text):
        for t in a.terms():
            weights[t] = max(weights[t], 1.0) + 0.2
        for phrase in setup.synonyms((a.stem,)):
            for b in phrase:
                weights[b.stem] = max(weights[b.stem], 0.5)
    return dict(weights)


@dataclass
class MatchResult:
    projects: list[Scored]
    municipalities: list[tuple[Municipality, float, int]]
    terms: list[str]


def match_challenge(text: str, limit: int = 10) -> MatchResult:
    """ "Hvem har gjort det før?": projects for a described challenge, and from them the
    municipalities (by summed score) that have worked on it."""
    weights = text_weights(text)
    projects = rank_by_terms(weights, limit=limit) if weights else []
    by_muni: dict[int, list[float]] = defaultdict(list)
    munis: dict[int, Municipality] = {}
    for s in projects:
        for m in s.project.municipalities.all():
            munis[m.pk] = m
            by_muni[m.pk].append(s.score)
    ranking = sorted(
        ((munis[k], sum(v), len(v)) for k, v in by_muni.items()),
        key=lambda x: (-x[1], x[0].name),
    )
    words = sorted({w for s in projects for w in s.words})
    return MatchResult(projects, ranking, words)


def people_to_call(projects: list[Scored], limit: int = 10) -> list[dict[str, str]]:
    """Contact persons of the best projects who consented to be shown."""
    return people_for_projects([s.project.pk for s in projects], limit)


def people_for_projects(project_ids: list[int], limit: int = 10) -> list[dict[str, str]]:
    """Contact persons of these projects who consented to be shown (public contacts and
    opted-in users), one entry per person, in the projects' order. Addresses are never shown:
    the link opens the contact form."""
    from django.urls import reverse

    from smartby.network.directory import consented_contacts

    order = {pk: i for i, pk in enumerate(project_ids)}
    contacts = consented_contacts().filter(project__in=list(order)).select_related("project")
    people: dict[str, dict[str, str]] = {}
    for c in sorted(contacts, key=lambda c: (order[c.project_id], c.pk)):
        if c.person_key not in people:
            people[c.person_key] = {
                "name": c.name,
                "role": c.role,
                "organisation": c.organisation,
                "project": c.project.title,
                "contact_url": reverse("network:project_contact", args=[c.project.slug]),
            }
    return list(people.values())[:limit]


def people_named(text: str, limit: int = 5) -> list[dict[str, str]]:
    """People who allow being shown and whose name contains `text`: opted-in users (their
    profile's contact form), then consenting project contacts (the project's contact form).
    Names only — addresses never leave the directory. A trigram index on contact names keeps
    this fast at 100,000 projects (registry migration 0007)."""
    from django.urls import reverse

    from smartby.network.directory import consented_contacts, visible_profiles

    text = " ".join(text.split())
    if len(text) < MIN_NAME:
        return []
    people: dict[str, dict[str, str]] = {}
    profiles = visible_profiles().filter(user__name__icontains=text).select_related("user")
    for p in profiles.order_by("user__name", "pk")[:limit]:
        people[p.person_key] = {
            "name": p.user.name,
            "role": p.title,
            "organisation": "",
            "project": "",
            "contact_url": reverse("network:peer_contact", args=[p.pk]),
        }
    contacts = consented_contacts().filter(name__icontains=text).select_related("project")
    for c in contacts.order_by("name", "pk")[: limit * 3]:
        if c.person_key not in people:
            people[c.person_key] = {
                "name": c.name,
                "role": c.role,
                "organisation": c.organisation,
                "project": c.project.title,
                "contact_url": reverse("network:project_contact", args=[c.project.slug]),
            }
    return list(people.values())[:limit]
