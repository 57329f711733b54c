"""Writing the search index: one SearchEntry per project, organisation and piece of registered
content (search.sources), and the lexicon.

Registry and organisation operations call `index_projects` / `index_organisations` inside their
transaction, so a change is searchable the moment it is committed. Deleting a project or an
organisation deletes its entry by cascade (the lexicon follows through `entry_deleted`).
`reindex_stale` is the safety net for writes that bypass the operations (bulk scripts, the
admin); `reindex_all` rebuilds everything (after vocabulary changes, and in the demo loader).
"""

from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from smartby.orgs.models import Organisation
from smartby.registry.models import LinkKind, Project
from smartby.search import vocabulary
from smartby.search.analysis import Analyzer
from smartby.search.models import CorpusWord, Kind, SearchEntry, Term
from smartby.search.sources import SOURCES, Sections

BATCH = 500
# Bumped on every write in this process: cached query decisions (typo corrections, relaxing to
# any word) that depend on the index are dropped then; other processes drop them by age.
generation = [0]


def project_sections(p: Project) -> Sections:
    """Title (A) above summary and classification (B) above everything else (C)."""
    municipalities = list(p.municipalities.all())
    regions = {m.region.name for m in municipalities}
    partners = [pa.organisation.name for pa in p.partners.all()]
    links = list(p.links.all())
    return Sections(
        title=p.title,
        a=p.title,
        b=" ".join([p.summary, p.area.name, *(t.name for t in p.technologies.all())]),
        c=" ".join(
            [
                p.description,
                p.lead_organisation.name,
                *partners,
                *(m.name for m in municipalities),
                *sorted(regions),
                *(x.title for x in links if x.kind == LinkKind.STANDARD),
                *(b.description for b in p.benefits.all()),
            ]
        ),
    )


def organisation_sections(o: Organisation) -> Sections:
    place = o.municipality.name if o.municipality_id else o.region.name if o.region_id else ""
    return Sections(
        title=o.name, a=o.name, b=" ".join([o.get_kind_display(), place]), c=o.website or ""
    )


def _projects(pks: list[int]) -> Iterator[Project]:
    return (
        Project.objects.filter(pk__in=pks)
        .select_related("area", "lead_organisation")
        .prefetch_related(
            "municipalities__region",
            "technologies",
            "partners__organisation",
            "links",
            "benefits",
        )
        .iterator(chunk_size=BATCH)
    )


def _organisations(pks: list[int]) -> Iterator[Organisation]:
    return (
        Organisation.objects.filter(pk__in=pks)
        .select_related("municipality", "region")
        .iterator(chunk_size=BATCH)
    )


class _Writer:
    """Collects entries and lexicon changes for one batch and writes them."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.df: Counter[str] = Counter()
        self.words: dict[str, str] = {}

    def analyse(self, text: str) -> str:
        out = []
        for a in self.analyzer.analyse(text):
            self.words.setdefault(a.stem, a.word)
            for part in a.parts:
                self.words.setdefault(part, part)
            out += a.terms()
        return " ".join(out)

    def entry(self, s: Sections, old: SearchEntry | None, **source) -> SearchEntry:
        entry = old or SearchEntry(**source)
        before = old.terms() if old else set()
        entry.title = s.title[:300]
        entry.terms_a, entry.terms_b, entry.terms_c = map(self.analyse, (s.a, s.b, s.c))
        after = entry.terms()
        for t in after - before:
            self.df[t] += 1
        for t in before - after:
            self.df[t] -= 1
        return entry

    def save(
        self, created: list[SearchEntry], updated: list[SearchEntry], *, content: bool = False
    ) -> None:
        SearchEntry.objects.bulk_create(created, batch_size=BATCH)
        if updated:
            # bulk_update skips auto_now: set it, so the index version (engine.index_version)
            # moves and cached results of the changed entries are not served again.
            now = timezone.now()
            for entry in updated:
                entry.indexed_at = now
            fields = ["title", "terms_a", "terms_b", "terms_c", "source_updated", "indexed_at"]
            if content:
                fields += ["url", "summary", "meta"]
            SearchEntry.objects.bulk_update(updated, fields, BATCH)
        change_df(self.df, self.words)


def change_df(delta: Counter[str] | dict[str, int], words: dict[str, str]) -> None:
    """Add to the lexicon's document frequencies (one upsert), dropping terms no longer used."""
    rows = [(t[:100], words.get(t, t)[:100], n) for t, n in delta.items() if n]
    generation[0] += 1
    if not rows:
        return
    table = Term._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term, word, df) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df",
            rows,
        )
    if any(n < 0 for _, _, n in rows):
        Term.objects.filter(term__in=[t for t, _, n in rows if n < 0], df__lte=0).delete()


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def index_projects(pks: Iterable[int]) -> int:
    """(Re)index these projects; ids of deleted projects are ignored. Returns the count."""
    analyzer = vocabulary.current().analyzer
    n = 0
    with transaction.atomic():
        for batch in _chunks(sorted(set(pks))):
            writer = _Writer(analyzer)
            old = {e.project_id: e for e in SearchEntry.objects.filter(project_id__in=batch)}
            created, updated = [], []
            for p in _projects(batch):
                entry = writer.entry(
                    project_sections(p), old.get(p.pk), kind=Kind.PROJECT, project=p
                )
                entry.source_updated = p.updated_at
                (updated if entry.pk else created).append(entry)
            writer.save(created, updated)
            n += len(created) + len(updated)
    return n


def index_organisations(pks: Iterable[int]) -> int:
    analyzer = vocabulary.current().analyzer
    n = 0
    with transaction.atomic():
        for batch in _chunks(sorted(set(pks))):
            writer = _Writer(analyzer)
            old = {
                e.organisation_id: e for e in SearchEntry.objects.filter(organisation_id__in=batch)
            }
            created, updated = [], []
            for o in _organisations(batch):
                entry = writer.entry(
                    organisation_sections(o),
                    old.get(o.pk),
                    kind=Kind.ORGANISATION,
                    organisation=o,
                )
                entry.source_updated = o.created_at
                (updated if entry.pk else created).append(entry)
            writer.save(created, updated)
            n += len(created) + len(updated)
    return n


def projects_of_organisations(org_ids: Iterable[int]) -> list[int]:
    ids = list(org_ids)
    return list(
        Project.objects.filter(Q(lead_organisation__in=ids) | Q(partners__organisation__in=ids))
        .values_list("pk", flat=True)
        .distinct()
    )


CORPUS_MIN_DF = 2
CORPUS_MIN_LENGTH = 4


def refresh_corpus_words() -> int:
    """Take the decompounder's corpus words from the current lexicon."""
    words = {
        w
        for w, t in Term.objects.filter(df__gte=CORPUS_MIN_DF).values_list("word", "term")
        if len(t) >= CORPUS_MIN_LENGTH and w.isalpha()
    }
    CorpusWord.objects.all().delete()
    CorpusWord.objects.bulk_create([CorpusWord(word=w[:100]) for w in words], batch_size=2000)
    return len(words)


def reindex_all() -> tuple[int, int]:
    """Rebuild the whole index and lexicon with the corpus words of the current lexicon.
    Returns (projects, organisations)."""
    with transaction.atomic():
        refresh_corpus_words()
        vocabulary.invalidate()
        with connection.cursor() as cursor:  # no per-row signals: the lexicon goes too
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")  # noqa: S608
            cursor.execute(f"DELETE FROM {Term._meta.db_table}")  # noqa: S608
        projects = index_projects(Project.objects.values_list("pk", flat=True))
        organisations = index_organisations(Organisation.objects.values_list("pk", flat=True))
        index_missing_content()
    return projects, organisations


def vacuum() -> None:
    """PostgreSQL: VACUUM ANALYZE the entries after a full rebuild (outside any transaction):
    the rebuild rewrites every row, and until the visibility map and statistics are fresh a
    search at 100,000 projects costs ~70 % more (bench/RESULTS.md)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
            cursor.execute(f"VACUUM ANALYZE {Term._meta.db_table}")


def stale_projects() -> list[int]:
    missing = Project.objects.filter(search_entry__isnull=True)
    changed = Project.objects.exclude(search_entry__source_updated=F("updated_at"))
    return sorted(
        set(missing.values_list("pk", flat=True)) | set(changed.values_list("pk", flat=True))
    )


def reindex_stale() -> tuple[int, int]:
    """Index what is missing or changed since it was indexed (and registered content that is
    missing). Returns (projects, organisations)."""
    projects = index_projects(stale_projects())
    orgs = Organisation.objects.filter(search_entry__isnull=True).values_list("pk", flat=True)
    organisations = index_organisations(orgs)
    index_missing_content()
    return projects, organisations


SUMMARY_CHARS = 600


def index_content(kind: str, pks: Iterable[int]) -> int:
    """(Re)index objects of a registered source (search.sources); removes the entries of
    objects that are gone or no longer searchable. Call it inside the operation's transaction.
    Returns the number of entries written."""
    source = SOURCES[kind]
    analyzer = vocabulary.current().analyzer
    n = 0
    with transaction.atomic():
        for batch in _chunks(sorted(set(pks))):
            writer = _Writer(analyzer)
            old = {
                e.object_id: e for e in SearchEntry.objects.filter(kind=kind, object_id__in=batch)
            }
            created, updated = [], []
            for obj in source.objects().filter(pk__in=batch):
                sections = source.sections(obj)
                entry = writer.entry(sections, old.pop(obj.pk, None), kind=kind, object_id=obj.pk)
                entry.url = source.url(obj)[:500]
                entry.summary = sections.b[:SUMMARY_CHARS]
                entry.meta = source.meta(obj)[:300]
                (updated if entry.pk else created).append(entry)
            writer.save(created, updated, content=True)
            n += len(created) + len(updated)
            if old:  # gone or no longer public; the lexicon follows through entry_deleted
                SearchEntry.objects.filter(pk__in=[e.pk for e in old.values()]).delete()
    return n


def index_missing_content() -> int:
    """Index registered content that has no entry yet (e.g. reference data of migrations)."""
    n = 0
    for kind, source in SOURCES.items():
        indexed = SearchEntry.objects.filter(kind=kind).values("object_id")
        n += index_content(
            kind, source.objects().exclude(pk__in=indexed).values_list("pk", flat=True)
        )
    return n
