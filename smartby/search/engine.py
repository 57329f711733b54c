"""Reading the search index: matching and ranking projects, typo tolerance, suggestions and
highlighted snippets. PostgreSQL (tsquery over the GIN-indexed `document`) and SQLite (FTS5)
get the same query tree from `search.query`."""

import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz.distance import OSA

from smartby.search import index, vocabulary
from smartby.search.analysis import WORD_RE
from smartby.search.models import Kind, SearchEntry, Term
from smartby.search.query import Node, Parsed, parse, to_fts5, to_tsquery

# ts_rank weights for the sections D, C, B, A; rank normalised by 1 + log(document length)
RANK_WEIGHTS = [0.05, 0.2, 0.5, 1.0]
RANK_NORMALIZATION = 1
BM25_WEIGHTS = (10.0, 4.0, 1.0)  # SQLite FTS5: A, B, C
TYPO_CANDIDATES = 20
CACHE_SECONDS = 30


def postgres() -> bool:
    return connection.vendor == "postgresql"


# --- the lexicon ----------------------------------------------------------------------------


def known_terms(terms: set[str]) -> set[str]:
    return set(Term.objects.filter(term__in=list(terms)).values_list("term", flat=True))


def max_typos(term: str) -> int:
    return 1 if len(term) <= 5 else 2


def similar_terms(terms: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per term, indexed terms within a small edit distance (transpositions count once), most
    frequent first: trigram candidates on PostgreSQL, same first letter on SQLite."""
    found: dict[str, list[tuple[str, str]]] = {}
    for term in terms:
        if len(term) < 4:
            continue
        if postgres():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.2', false)")
            rows = (
                Term.objects.filter(term__trigram_similar=term)
                .annotate(similarity=TrigramSimilarity("term", term))
                .order_by("-similarity", "-df")
                .values_list("term", "word", "df")[:TYPO_CANDIDATES]
            )
        else:
            rows = (
                Term.objects.filter(term__startswith=term[0])
                .filter(term__regex=rf"^.{{{max(len(term) - 2, 1)},{len(term) + 2}}}$")
                .values_list("term", "word", "df")
            )
        scored = [
            (OSA.distance(term, t), -df, t, w)
            for t, w, df in rows
            if OSA.distance(term, t) <= max_typos(term)
        ]
        scored.sort()
        found[term] = [(t, w) for d, _, t, w in scored[:3] if d == scored[0][0]]
    return found


# --- prepared queries -----------------------------------------------------------------------


@dataclass
class Prepared:
    parsed: Parsed
    node: Node | None
    relaxed: bool

    @property
    def empty(self) -> bool:
        return self.node is None

    def tsquery(self) -> SearchQuery:
        return SearchQuery(
            to_tsquery(self.node, self.parsed.excluded), config="simple", search_type="raw"
        )

    def fts5(self) -> str:
        return to_fts5(self.node, self.parsed.excluded)

    def terms(self) -> set[str]:
        return self.parsed.terms()


_cache: dict[tuple, tuple[float, Prepared]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def prepare(q: str, *, prefix_last: bool = False, relax: bool = True) -> Prepared:
    """Parse a query; when no project matches all of its words, fall back to any of them."""
    setup = vocabulary.current()
    key = (id(setup), index.generation[0], q, prefix_last, relax)
    with _cache_lock:
        hit = _cache.get(key)
        if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
            return hit[1]
    parsed = parse(q, setup, prefix_last=prefix_last, known=known_terms, similar=similar_terms)
    prepared = Prepared(parsed, parsed.tree(), relaxed=False)
    if relax and len(parsed.groups) > 1 and not entries(Kind.PROJECT, prepared).exists():
        prepared = Prepared(parsed, parsed.tree(relaxed=True), relaxed=True)
    with _cache_lock:
        if len(_cache) > 2000:
            _cache.clear()
        _cache[key] = (time.monotonic(), prepared)
    return prepared


def entries(kind: str, p: Prepared) -> QuerySet[SearchEntry]:
    qs = SearchEntry.objects.filter(kind=kind)
    if p.empty:
        return qs.none()
    if postgres():
        return qs.filter(document=p.tsquery())
    return qs.filter(
        pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [p.fts5()])
    )


def ranked_entries(kind: str, p: Prepared) -> QuerySet[SearchEntry]:
    qs = entries(kind, p)
    if p.empty:
        return qs
    if postgres():
        rank = SearchRank(
            F("document"), p.tsquery(), weights=RANK_WEIGHTS, normalization=RANK_NORMALIZATION
        )
    else:
        rank = RawSQL(
            "(SELECT -bm25(search_fts, %s, %s, %s) FROM search_fts WHERE search_fts MATCH %s "
            'AND search_fts.rowid = "search_searchentry"."id")',
            [*BM25_WEIGHTS, p.fts5()],
            output_field=FloatField(),
        )
    return qs.annotate(rank=rank).order_by("-rank", "-id")


def filter_projects[QS: QuerySet](qs: QS, q: str) -> QS:
    p = prepare(q)
    if p.empty:
        return qs.none()
    if postgres():
        return qs.filter(search_entry__document=p.tsquery())
    return qs.filter(pk__in=entries(Kind.PROJECT, p).values("project_id"))


def rank_projects[QS: QuerySet](qs: QS, q: str) -> QS:
    """Annotate `rank` (higher is better) on projects already filtered by `filter_projects`."""
    p = prepare(q)
    if p.empty:
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    if postgres():
        rank = SearchRank(
            F("search_entry__document"),
            p.tsquery(),
            weights=RANK_WEIGHTS,
            normalization=RANK_NORMALIZATION,
        )
    else:
        rank = RawSQL(
            "(SELECT -bm25(search_fts, %s, %s, %s) FROM search_fts JOIN search_searchentry e "
            "ON e.id = search_fts.rowid WHERE search_fts MATCH %s "
            'AND e.project_id = "registry_project"."id")',
            [*BM25_WEIGHTS, p.fts5()],
            output_field=FloatField(),
        )
    return qs.annotate(rank=rank)


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


def idf(terms: Iterable[str]) -> dict[str, float]:
    """Inverse document frequency of terms among projects (smoothed)."""
    total = SearchEntry.objects.filter(kind=Kind.PROJECT).count() or 1
    df = dict(Term.objects.filter(term__in=list(terms)).values_list("term", "df"))
    return {t: math.log(1 + (total - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in terms}
