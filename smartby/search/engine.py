"""Reading the search index: matching and ranking projects, typo tolerance, suggestions and
highlighted snippets. PostgreSQL (tsquery over the GIN-indexed `document`) and SQLite (FTS5)
get the same query tree from `search.query`."""

import contextlib
import functools
import itertools
import math
import operator
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Max, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz.distance import OSA

from smartby.registry.filters import uses_postgres
from smartby.search import index, vocabulary
from smartby.search.analysis import WORD_RE, stem
from smartby.search.models import Kind, SearchEntry, Term
from smartby.search.query import Node, Parsed, all_of, any_of, parse, terms_of, to_fts5, to_tsquery

# ts_rank weights for the sections D, C, B, A; rank normalised by 1 + log(document length)
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]
RANK_NORMALIZATION = 1
BM25_WEIGHTS = (10.0, 4.0, 1.0)  # SQLite FTS5: A, B, C
TYPO_CANDIDATES = 20
CACHE_SECONDS = 30


# --- the lexicon ----------------------------------------------------------------------------


def known_terms(terms: set[str]) -> set[str]:
    return set(Term.objects.filter(term__in=list(terms)).values_list("term", flat=True))


def max_typos(word: str) -> int:
    """Edits allowed between a typed word and a known term: none for short words (too many
    real words are one letter apart), one up to seven letters, two above."""
    return 0 if len(word) < 5 else 1 if len(word) <= 7 else 2


def similar_terms(words: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per (folded) word, the indexed terms within a small edit distance of the word or its
    stem (a transposition counts once), the most frequent first: trigram candidates on
    PostgreSQL, terms with the same first letter on SQLite."""
    found: dict[str, list[tuple[str, str]]] = {}
    for word in words:
        if not max_typos(word):
            continue
        stemmed = stem(word)
        if uses_postgres():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            rows = (
                Term.objects.filter(term__trigram_similar=word)
                .annotate(similarity=TrigramSimilarity("term", word))
                .order_by("-similarity", "-df")
                .values_list("term", "word", "df")[:TYPO_CANDIDATES]
            )
        else:
            rows = (
                Term.objects.filter(term__startswith=word[0])
                .filter(term__regex=rf"^.{{{max(len(stemmed) - 2, 1)},{len(word) + 2}}}$")
                .values_list("term", "word", "df")
            )
        scored = []
        for t, w, df in rows:
            distance = min(OSA.distance(word, t), OSA.distance(stemmed, t))
            if distance <= max_typos(word):
                scored.append((distance, -df, t, w))
        scored.sort()
        found[word] = [(t, w) for d, _, t, w in scored[:3] if d == scored[0][0]]
    return found


# --- prepared queries -----------------------------------------------------------------------


@dataclass
class Prepared:
    """A parsed query, what a match must satisfy, and per word group its weight in the rank
    (the idf of its most frequent alternative: rare words count more)."""

    parsed: Parsed
    node: Node | None
    relaxed: bool
    groups: list[tuple[Node, float]] = field(default_factory=list)
    # Every word group is required: all matches cover all groups, so the rank needs no
    # coverage term (which reads each match's whole document; bench/RESULTS.md).
    strict: bool = False

    @property
    def empty(self) -> bool:
        return self.node is None

    def tsquery(self, node: Node | None = None) -> SearchQuery:
        text = to_tsquery(node or self.node, self.parsed.excluded if node is None else ())
        return SearchQuery(text, config="simple", search_type="raw")

    def fts5(self, node: Node | None = None) -> str:
        return to_fts5(node or self.node, self.parsed.excluded if node is None else ())

    def terms(self) -> set[str]:
        return self.parsed.terms()


MAX_COMBINED = 6  # up to this many word groups, a match needs at least half of them


def required(n: int) -> int:
    """How many of n word groups a project must match when all of them find too few: at
    least half of up to six words (a searcher's words are not all in every relevant
    description; the rank puts projects with more of them first), any of longer texts."""
    return math.ceil(n / 2) if n <= MAX_COMBINED else 1


def at_least(nodes: list[Node], k: int) -> Node | None:
    if k <= 1:
        return any_of(nodes)
    if k >= len(nodes):
        return all_of(nodes)
    return any_of(all_of(c) for c in itertools.combinations(nodes, k))


def index_version() -> str:
    """Changes whenever an entry is written — every project operation re-indexes its project —
    at the cost of one index lookup: cached results are keyed by it. A deletion alone does not
    change it; cached results may then name a project that is gone until they expire."""
    latest = SearchEntry.objects.aggregate(latest=Max("indexed_at"))["latest"]
    return latest.isoformat() if latest else "empty"


def project_total() -> int:
    """How many projects are indexed (for idf), cached for a few minutes: counting 100,000
    entries costs ~70 ms and idf does not need the exact figure."""
    key = f"smartby:search:projects:{index.generation[0]}"  # recounted after writes here
    total = cache.get(key)
    if total is None:
        total = SearchEntry.objects.filter(kind=Kind.PROJECT).count()
        cache.set(key, total, 300)
    return max(total, 1)


def group_weights(nodes: list[Node]) -> list[float]:
    terms = set().union(*(terms_of(n) for n in nodes)) if nodes else set()
    df = dict(Term.objects.filter(term__in=list(terms)).values_list("term", "df"))
    total = project_total()
    weights = []
    for n in nodes:
        frequency = min(max((df.get(t, 0) for t in terms_of(n)), default=0), total)
        weights.append(idf(frequency, total))
    return weights


_cache: dict[tuple, tuple[float, Prepared]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


ENOUGH = 10  # matches of all the words that make a result worth keeping strict


def prepare(q: str, *, prefix_last: bool = False, relax: bool = True) -> Prepared:
    """Parse a query. A match needs all of its words while that finds at least ENOUGH
    projects; otherwise the share given by `required` (at least half), and when even that finds
    nothing, any one word (`relaxed`). A broad query stays strict — fewer, better matches, and
    cheap to rank at 100,000 projects — and a narrow one widens to what shares most words."""
    setup = vocabulary.current()
    key = (setup.version, index.generation[0], q, prefix_last, relax)
    with _cache_lock:
        hit = _cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
    parsed = parse(q, setup, prefix_last=prefix_last, known=known_terms, similar=similar_terms)
    nodes = [g.node for g in parsed.groups]
    groups = list(zip(nodes, group_weights(nodes), strict=True)) if nodes else []
    prepared = Prepared(
        parsed, at_least(nodes, len(nodes)), relaxed=False, groups=groups, strict=True
    )
    k = required(len(nodes))
    if relax and k < len(nodes) and enough(prepared) < ENOUGH:
        prepared = Prepared(parsed, at_least(nodes, k), relaxed=False, groups=groups)
        if k > 1 and not enough(prepared):
            prepared = Prepared(parsed, at_least(nodes, 1), relaxed=True, groups=groups)
    with _cache_lock:
        if len(_cache) > 2000:
            _cache.clear()
        _cache[key] = (time.monotonic(), prepared)
    return prepared


def enough(p: Prepared) -> int:
    """How many projects match, counted up to ENOUGH."""
    return limited_count(entries(Kind.PROJECT, p), ENOUGH)


@contextlib.contextmanager
def index_scan() -> Iterator[None]:
    """PostgreSQL: with a LIMIT the planner may choose a sequential scan of the entries,
    expecting to find enough matches early, and then evaluates the text query on every row it
    reads (84 ms instead of 10 for 1,000 of 4,700 matches at 100,000 projects). Within this
    block it uses the GIN index; the setting is restored afterwards."""
    if not uses_postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def limited_count(qs: QuerySet, limit: int) -> int:
    """How many rows `qs` has, counted up to `limit`, through the index."""
    with index_scan():
        return qs[:limit].count()


# Other apps' content (search.sources): written exactly as the predicate of the partial GIN
# index of migration 0007, so PostgreSQL searches the small content index, not all projects.
CONTENT = ~Q(kind__in=[Kind.PROJECT, Kind.ORGANISATION])


def entries(kind: str | None, p: Prepared) -> QuerySet[SearchEntry]:
    """Entries of one kind (None: all registered content) that match the query."""
    qs = SearchEntry.objects.filter(CONTENT if kind is None else Q(kind=kind))
    if p.empty:
        return qs.none()
    if uses_postgres():
        return qs.filter(document=p.tsquery())
    return qs.filter(
        pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [p.fts5()])
    )


COVERAGE = 1.0  # per matched word group (× its weight): more of the words first


def _rank(p: Prepared, entry: str, sqlite_row: str) -> Any:
    """Sum over the word groups of weight × (COVERAGE if the group matches + the group's rank).
    PostgreSQL: ts_rank over the small `head` vector (sections A and B; section C still counts
    through coverage); SQLite: FTS5 bm25 with column weights. Projects matching more (and
    rarer) words come first, then those with the words in title and summary. With one word
    group every match covers it, so only the rank is computed."""
    parts = []
    single = len(p.groups) == 1
    for node, weight in p.groups:
        if uses_postgres():
            query = p.tsquery(node)
            rank = SearchRank(
                F(f"{entry}head"), query, weights=RANK_WEIGHTS, normalization=RANK_NORMALIZATION
            )
            if single:
                parts.append(rank)
                continue
            if p.strict:  # every match covers every group: the same constant for all
                parts.append(Coalesce(rank, 0.0, output_field=FloatField()) * Value(weight))
                continue
            covered = Case(
                When(**{f"{entry}document": query}, then=Value(COVERAGE)), default=Value(0.0)
            )
            parts.append((Coalesce(rank, 0.0, output_field=FloatField()) + covered) * Value(weight))
        else:
            # sqlite_row is one of two constants in this module, never user input.
            rank = RawSQL(  # noqa: S611
                "(SELECT -bm25(search_fts, %s, %s, %s) FROM search_fts "  # noqa: S608
                f"WHERE search_fts MATCH %s AND search_fts.rowid = {sqlite_row})",
                [*BM25_WEIGHTS, p.fts5(node)],
                output_field=FloatField(),
            )
            bm25 = Coalesce(rank, 0.0, output_field=FloatField())
            covered = Case(When(GreaterThan(bm25, 0), then=Value(COVERAGE)), default=Value(0.0))
            parts.append((bm25 + covered) * Value(weight))
    return functools.reduce(operator.add, parts) if parts else Value(0.0)


def ranked_entries(kind: str | None, p: Prepared) -> QuerySet[SearchEntry]:
    qs = entries(kind, p)
    if p.empty:
        return qs
    rank = _rank(p, "", '"search_searchentry"."id"')
    return qs.annotate(rank=rank).order_by("-rank", "-id")


# A word group dominates when its weight exceeds this many times the others' together: a
# match's share of the rank per group is weight × (coverage 1 + ts_rank ≤ 1), so every match
# of the dominant group outranks every match without it.
DOMINANCE = 2.0


def dominant_tier(p: Prepared) -> Prepared | None:
    """PostgreSQL, when not every group is required: the matches that also contain a dominant
    (much rarer) word group, ranked the same way — or None. When the tier holds at least the
    n wanted, its top n are the top n of all matches, found without ranking the (often tens of
    thousands of) matches of the common words."""
    if p.empty or p.strict or len(p.groups) < 2 or not uses_postgres():
        return None
    (top, weight), *others = sorted(p.groups, key=lambda g: -g[1])
    if weight <= DOMINANCE * sum(w for _, w in others):
        return None
    return Prepared(p.parsed, all_of([p.node, top]), p.relaxed, p.groups)


def top_entries(kind: str, p: Prepared, n: int) -> QuerySet[SearchEntry]:
    """The n best matches of one kind (call inside `index_scan`): from the dominant tier when
    it has enough, else from all matches. Same order either way."""
    tier = dominant_tier(p)
    if tier is not None and limited_count(entries(kind, tier), n) >= n:
        p = tier
    return ranked_entries(kind, p)[:n]


def filter_projects[QS: QuerySet](qs: QS, q: str) -> QS:
    p = prepare(q)
    if p.empty:
        return qs.none()
    if uses_postgres():
        return qs.filter(search_entry__document=p.tsquery())
    return qs.filter(pk__in=entries(Kind.PROJECT, p).values("project_id"))


def rank_projects[QS: QuerySet](qs: QS, q: str) -> QS:
    """Annotate `rank` (higher is better) on projects already filtered by `filter_projects`."""
    p = prepare(q)
    if p.empty:
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    row = '(SELECT e.id FROM search_searchentry e WHERE e.project_id = "registry_project"."id")'
    return qs.annotate(rank=_rank(p, "search_entry__", row))


# --- showing matches ------------------------------------------------------------------------


def matching_words(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Spans of the words in `text` that a query with these terms matches."""
    analyzer = vocabulary.current().analyzer
    spans = []
    for m in WORD_RE.finditer(text):
        a = analyzer.word(m.group().casefold())
        if a is not None and set(a.terms()) & terms:
            spans.append(m.span())
    return spans


def highlight(text: str, terms: set[str], *, around: int | None = None) -> SafeString:
    """`text` escaped, the matching words in <mark>. With `around`, a snippet of about that
    many characters around the first match."""
    spans = matching_words(text, terms) if terms else []
    start, end = 0, len(text)
    if around is not None and len(text) > around:
        first = spans[0][0] if spans else 0
        start = max(0, first - around // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), start + around)
        while end < len(text) and not text[end].isspace():
            end += 1
    out, pos = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [escape(text[pos:a]), "<mark>", escape(text[a:b]), "</mark>"]
        pos = b
    out.append(escape(text[pos:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 - escaped above


def idf(frequency: int, total: int) -> float:
    """Inverse document frequency (smoothed, as BM25): rare terms weigh more."""
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
