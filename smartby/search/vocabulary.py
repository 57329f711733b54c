"""The platform's own vocabulary: the curated word list, the taxonomy names and the synonym
groups. It feeds the decompounder and the synonym expansion. Each process keeps one analyser and
rebuilds it when the synonyms or taxonomies change (checked at most every CHECK_SECONDS)."""

import hashlib
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smartby.search.analysis import Analysed, Analyzer, Vocabulary

DATA = Path(__file__).parent / "data"
CHECK_SECONDS = 15


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def curated_words() -> tuple[str, ...]:
    return tuple(_lines("vocabulary.txt"))


def reference_synonyms() -> list[list[str]]:
    return [[t.strip() for t in line.split(",") if t.strip()] for line in _lines("synonyms.txt")]


Phrase = tuple[Analysed, ...]


@dataclass(frozen=True)
class Setup:
    """An analyser and the synonym groups analysed with it."""

    analyzer: Analyzer
    groups: tuple[tuple[Phrase, ...], ...]
    by_key: dict[tuple[str, ...], tuple[int, ...]]  # stems of a phrase -> its groups
    longest: int  # the longest phrase, in words
    version: str = ""

    def synonyms(self, key: tuple[str, ...]) -> list[Phrase]:
        seen = {key}
        found: list[Phrase] = []
        for g in self.by_key.get(key, ()):
            for phrase in self.groups[g]:
                k = tuple(a.stem for a in phrase)
                if k not in seen:
                    seen.add(k)
                    found.append(phrase)
        return found


def build(synonym_groups: list[list[str]], names: list[str], version: str = "") -> Setup:
    words = [*curated_words(), *names, *(t for g in synonym_groups for t in g)]
    analyzer = Analyzer(Vocabulary.of(words))
    groups: list[tuple[Phrase, ...]] = []
    by_key: dict[tuple[str, ...], list[int]] = {}
    for terms in synonym_groups:
        phrases = tuple(p for p in (tuple(analyzer.analyse(t)) for t in terms) if p)
        if len(phrases) < 2:
            continue
        for phrase in phrases:
            by_key.setdefault(tuple(a.stem for a in phrase), []).append(len(groups))
        groups.append(phrases)
    longest = max((len(p) for g in groups for p in g), default=1)
    by = {k: tuple(v) for k, v in by_key.items()}
    return Setup(analyzer, tuple(groups), by, longest, version)


def _database_state() -> tuple[str, list[list[str]], list[str]]:
    from django.db.models import Count, Max, Min

    from smartby.registry.models import Area, Technology
    from smartby.search.models import CorpusWord, SynonymGroup

    groups = [g.term_list() for g in SynonymGroup.objects.order_by("pk")]
    names = [*Area.objects.values_list("name", flat=True)]
    names += Technology.objects.values_list("name", flat=True)
    corpus = CorpusWord.objects.aggregate(n=Count("word"), a=Min("word"), b=Max("word"))
    raw = repr((groups, sorted(names), corpus)).encode()
    if corpus["n"]:
        names += CorpusWord.objects.values_list("word", flat=True)
    return hashlib.sha256(raw).hexdigest()[:16], groups, names


_lock = threading.Lock()
_current: dict[str, object] = {"checked": 0.0, "version": None, "setup": None}


def current() -> Setup:
    """The analyser for this process, rebuilt when the vocabulary in the database changed."""
    with _lock:
        if time.monotonic() - _current["checked"] < CHECK_SECONDS and _current["setup"]:
            return _current["setup"]  # type: ignore[return-value]
        version, groups, names = _database_state()
        if version != _current["version"]:
            _current["setup"] = build(groups, names, version)
            _current["version"] = version
        _current["checked"] = time.monotonic()
        return _current["setup"]  # type: ignore[return-value]


def invalidate() -> None:
    """Forget the cached analyser (after an edit in this process; others notice within
    CHECK_SECONDS)."""
    with _lock:
        _current["checked"] = 0.0
