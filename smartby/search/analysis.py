"""Danish text analysis shared by the index and the queries, on PostgreSQL and SQLite alike.

A word goes through: lower case → stop word? → folding (æ/ø/å and ae/oe/aa become one form) →
the Snowball Danish stemmer (the algorithm of PostgreSQL's `danish` configuration, through
PyStemmer) → compound splitting against the platform's vocabulary (`affaldssensorer` also gives
`affald` and `sensor`). Documents and queries pass through the same functions, so whatever the
spelling a searcher uses, the terms meet.

The work is done in Python rather than in a PostgreSQL text-search configuration because
decompounding and folding need dictionary files installed into the database server's share
directory, which a managed PostgreSQL does not allow, and because the SQLite demo (FTS5) must
behave the same. PostgreSQL stores and searches the analysed terms (`simple` configuration, GIN
index); `tests/test_analysis.py` checks that the stems equal `ts_lexize('danish_stem', …)`.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

# Snowball's Danish stop word list (the one PostgreSQL's `danish` configuration uses).
STOPWORDS_RAW = [
    "og",
    "i",
    "jeg",
    "det",
    "at",
    "en",
    "den",
    "til",
    "er",
    "som",
    "på",
    "de",
    "med",
    "han",
    "af",
    "for",
    "ikke",
    "der",
    "var",
    "mig",
    "sig",
    "men",
    "et",
    "har",
    "om",
    "vi",
    "min",
    "havde",
    "ham",
    "hun",
    "nu",
    "over",
    "da",
    "fra",
    "du",
    "ud",
    "sin",
    "dem",
    "os",
    "op",
    "man",
    "hans",
    "hvor",
    "eller",
    "hvad",
    "skal",
    "selv",
    "her",
    "alle",
    "vil",
    "blev",
    "kunne",
    "ind",
    "når",
    "være",
    "dog",
    "noget",
    "ville",
    "jo",
    "deres",
    "efter",
    "ned",
    "skulle",
    "denne",
    "end",
    "dette",
    "mit",
    "også",
    "under",
    "have",
    "dig",
    "anden",
    "hende",
    "mine",
    "alt",
    "meget",
    "sit",
    "sine",
    "vor",
    "mod",
    "disse",
    "hvis",
    "din",
    "nogle",
    "hos",
    "blive",
    "mange",
    "ad",
    "bliver",
    "hendes",
    "været",
    "thi",
    "jer",
    "sådan",
]

FOLDING = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "u",
        "é": "e",
        "è": "e",
        "á": "a",
        "à": "a",
        "ó": "o",
        "í": "i",
        "ú": "u",
    }
)

WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
MIN_COMPOUND = 7  # shorter words are not split
MIN_PART = 4  # a compound part has at least this many letters …
SHORT_PARTS = frozenset(
    # … unless it is one of these short words, common as the first or last part of compounds
    [
        "app",
        "bil",
        "bus",
        "cpr",
        "gas",
        "el",
        "lys",
        "led",
        "net",
        "sti",
        "vej",
        "vand",
        "sol",
        "mad",
        "bad",
        "data",
        "kort",
        "kode",
        "rum",
        "tog",
        "ur",
    ]
)
LINKS = ("", "s", "e")  # Danish linking morphemes (fuge-s, fuge-e)

_stemmer = Stemmer.Stemmer("danish")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def fold(word: str) -> str:
    return word.translate(FOLDING)


# Question and filler words of searchers' sentences ("hvordan måler man …"), not in Snowball's list.
QUESTION_WORDS = [
    "hvordan",
    "hvorfor",
    "hvornår",
    "hvilke",
    "hvilken",
    "hvilket",
    "hvem",
    "kan",
    "får",
    "gør",
    "gøre",
    "via",
    "samt",
    "både",
    "fx",
    "osv",
    "bl",
    "mv",
    "evt",
    "ca",
]
STOPWORDS = frozenset(w for raw in (*STOPWORDS_RAW, *QUESTION_WORDS) for w in (raw, fold(raw)))


SYNCOPE = re.compile(r"(?<=[^aeiouyæøå])el$")


@lru_cache(maxsize=200_000)
def stem(folded: str) -> str:
    """The Snowball Danish stem, taken again until it no longer changes (one pass removes one
    suffix: `pladsen` → `plads` but `plads` → `plad`; repeating makes both `plad`), and with
    the e of a final consonant + el dropped, as Danish inflection does (`cykel` → `cykler`,
    `møbel` → `møbler`): both become `cykl`, `moebl`."""
    word, previous = _stemmer.stemWord(folded), folded
    while word != previous:
        word, previous = _stemmer.stemWord(word), word
    return SYNCOPE.sub("l", word)


def words(text: str) -> Iterator[str]:
    """Lower-cased, NFC-normalised words; hyphenated words stay whole (`iot-sensorer`)."""
    for match in WORD_RE.finditer(unicodedata.normalize("NFC", text).casefold()):
        yield match.group()


@dataclass(frozen=True)
class Vocabulary:
    """Words the decompounder may split into: folded word forms and their stems."""

    forms: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    version: str = "empty"

    @classmethod
    def of(cls, items: Iterable[str], version: str = "") -> "Vocabulary":
        forms: set[str] = set()
        for item in items:
            for w in words(item):
                for part in w.split("-"):
                    f = fold(part)
                    if f not in STOPWORDS and (len(f) >= MIN_PART or f in SHORT_PARTS):
                        forms.add(f)
        return cls(frozenset(forms), frozenset(stem(f) for f in forms), version or str(len(forms)))

    def knows(self, part: str) -> bool:
        if len(part) < MIN_PART and part not in SHORT_PARTS:
            return False
        return part in self.forms or stem(part) in self.stems


@dataclass
class Analysed:
    """One word of a text: its stem and, for a compound, the stems of its parts."""

    word: str
    folded: str
    stem: str
    parts: tuple[str, ...] = field(default_factory=tuple)  # the parts a query needs all of
    subparts: tuple[str, ...] = field(default_factory=tuple)  # parts of parts (index only)

    def terms(self) -> list[str]:
        return [self.stem, *self.parts, *self.subparts]


class Analyzer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._splits: dict[str, tuple[str, ...]] = {}

    def split(self, folded: str) -> tuple[str, ...]:
        """Compound parts (folded, unstemmed) or () when the word is not a known compound.
        Hyphenated words split at the hyphens. Prefers the fewest parts, then the longest
        last part."""
        if "-" in folded:
            return tuple(p for p in folded.split("-") if p and p not in STOPWORDS)
        if len(folded) < MIN_COMPOUND:
            return ()
        cached = self._splits.get(folded)
        if cached is None:
            cached = self._split(folded, depth=0) or ()
            if len(self._splits) < 500_000:
                self._splits[folded] = cached
        return cached

    def _split(self, word: str, depth: int) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        knows = self.vocabulary.knows
        for i in range(3, len(word) - 2):
            head = word[:i]
            if not knows(head):
                continue
            for link in LINKS:
                if not word.startswith(link, i):
                    continue
                rest = word[i + len(link) :]
                if len(rest) < 3:
                    continue
                candidate: tuple[str, ...] | None = None
                if knows(rest):
                    candidate = (head, rest)
                elif depth < 2 and len(rest) >= MIN_COMPOUND - 1:
                    tail = self._split(rest, depth + 1)
                    candidate = (head, *tail) if tail else None
                if candidate and (best is None or self._rank(candidate) < self._rank(best)):
                    best = candidate
        return best

    def _rank(self, parts: tuple[str, ...]) -> tuple[int, ...]:
        """Fewer parts, then a longer last part, then more parts that are words as written
        (`affald` + s rather than `affalds`)."""
        exact = sum(p in self.vocabulary.forms for p in parts)
        return (len(parts), -len(parts[-1]), -exact)

    def word(self, w: str) -> Analysed | None:
        if w in STOPWORDS:
            return None
        folded = fold(w)
        if folded in STOPWORDS or (len(folded) < 2 and not folded.isdigit()):
            return None
        joined = folded.replace("-", "")
        whole = stem(joined)
        top = self.split(folded)
        parts = _unique(stem(p) for p in top if len(p) >= 2 or p.isdigit())
        sub = _unique(stem(x) for p in top if "-" not in folded for x in self.split(p))
        return Analysed(
            w,
            joined,
            whole,
            tuple(p for p in parts if p != whole),
            tuple(x for x in sub if x != whole and x not in parts),
        )

    def analyse(self, text: str) -> list[Analysed]:
        return [a for w in words(text or "") if (a := self.word(w)) is not None]

    def terms(self, text: str) -> list[str]:
        """The index terms of a text: every word's stem followed by its parts' stems."""
        return [t for a in self.analyse(text) for t in a.terms()]
