"""From what a searcher types to a query tree, and from the tree to PostgreSQL's tsquery or
SQLite's FTS5 syntax.

Each word becomes a group of alternatives: its stem, its compound parts (all of them), its
synonyms (each with their own parts) and, when the word is unknown to the index, the nearest
known terms (typo tolerance). Groups are AND'ed; `relaxed` OR's them for when nothing matches
all words. A word written with a leading minus excludes it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from smartby.search.analysis import Analysed
from smartby.search.vocabulary import Phrase, Setup

MAX_WORDS = 12
MAX_CORRECTIONS = 2


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


Node = Term | And | Or


def _combine(kind: type, children: Iterable[Node]) -> Node | None:
    unique: list[Node] = []
    for child in children:
        if child is not None and child not in unique:
            unique.append(child)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else kind(tuple(unique))


def any_of(children: Iterable[Node | None]) -> Node | None:
    return _combine(Or, children)


def all_of(children: Iterable[Node | None]) -> Node | None:
    return _combine(And, children)


def terms_of(node: Node | None) -> set[str]:
    if node is None:
        return set()
    if isinstance(node, Term):
        return {node.text}
    return set().union(*(terms_of(c) for c in node.children))


@dataclass
class Group:
    """One word (or a multi-word synonym) of the query and its alternatives."""

    words: str
    folded: str
    node: Node
    correction: str = ""


@dataclass
class Parsed:
    groups: list[Group] = field(default_factory=list)
    excluded: list[Node] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def tree(self, *, relaxed: bool = False) -> Node | None:
        combine = any_of if relaxed else all_of
        return combine(g.node for g in self.groups)

    def terms(self) -> set[str]:
        """Every term a match may be due to (for highlighting and explanations)."""
        return set().union(*(terms_of(g.node) for g in self.groups)) if self.groups else set()

    def corrections(self) -> dict[str, str]:
        return {g.words: g.correction for g in self.groups if g.correction}


def word_node(a: Analysed, *, with_parts: bool = True) -> Node:
    parts = all_of(Term(p) for p in a.parts) if with_parts and len(a.parts) > 1 else None
    return any_of([Term(a.stem), parts])


def phrase_node(phrase: Phrase) -> Node | None:
    return all_of(word_node(a) for a in phrase)


def word_group(a: Analysed, setup: Setup) -> Node:
    """A word's alternatives: itself, all its parts (each part or one of its synonyms), and
    its synonyms (each with their parts)."""
    alternatives: list[Node | None] = [Term(a.stem)]
    if len(a.parts) > 1:
        alternatives.append(
            all_of(any_of([Term(p), *map(phrase_node, setup.synonyms((p,)))]) for p in a.parts)
        )
    alternatives += map(phrase_node, setup.synonyms((a.stem,)))
    return any_of(alternatives)  # type: ignore[return-value]


def parse(
    text: str,
    setup: Setup,
    *,
    prefix_last: bool = False,
    similar: Callable[[list[str]], dict[str, list[tuple[str, str]]]] | None = None,
    known: Callable[[set[str]], set[str]] | None = None,
) -> Parsed:
    """`known(terms)` returns the terms that are in the index; `similar(unknown)` returns, per
    unknown term, the nearest indexed (term, word) pairs. Both are optional (no typo handling
    without them)."""
    positive, negative = [], []
    for raw in text.split():
        (negative if raw.startswith("-") and len(raw) > 1 else positive).append(raw.lstrip("-"))
    analysed = setup.analyzer.analyse(" ".join(positive))[:MAX_WORDS]
    parsed = Parsed()
    for a in setup.analyzer.analyse(" ".join(negative))[:MAX_WORDS]:
        parsed.excluded.append(Term(a.stem))

    i = 0
    while i < len(analysed):
        taken = 1
        node: Node | None = None
        for k in range(min(setup.longest, len(analysed) - i), 1, -1):
            phrase = tuple(analysed[i : i + k])
            key = tuple(a.stem for a in phrase)
            if key in setup.by_key:
                node = any_of([phrase_node(phrase), *map(phrase_node, setup.synonyms(key))])
                taken = k
                break
        a = analysed[i]
        if node is None:
            node = word_group(a, setup)
        if prefix_last and i + taken == len(analysed):
            node = any_of([node, Term(a.folded, prefix=True)])
        words = " ".join(x.word for x in analysed[i : i + taken])
        parsed.groups.append(Group(words, a.folded, node))  # type: ignore[arg-type]
        i += taken

    if known and similar and parsed.groups:
        _correct_typos(parsed, setup, known, similar, prefix_last)
    return parsed


def _correct_typos(
    parsed: Parsed,
    setup: Setup,
    known: Callable[[set[str]], set[str]],
    similar: Callable[[list[str]], dict[str, list[tuple[str, str]]]],
    prefix_last: bool,
) -> None:
    found = known(parsed.terms())
    unknown: dict[int, str] = {}
    for n, g in enumerate(parsed.groups):
        if prefix_last and n == len(parsed.groups) - 1:
            continue
        if not terms_of(g.node) & found:
            unknown[n] = g.folded
    if not unknown:
        return
    nearest = similar(list(unknown.values())[:5])
    for n, term in unknown.items():
        candidates = nearest.get(term, [])[:MAX_CORRECTIONS]
        if candidates:
            g = parsed.groups[n]
            corrected = [setup.analyzer.word(w.casefold()) for _, w in candidates]
            alternatives = [word_group(c, setup) for c in corrected if c is not None]
            g.node = any_of([g.node, *(Term(t) for t, _ in candidates), *alternatives])  # type: ignore[assignment]
            g.correction = candidates[0][1]


# --- rendering ------------------------------------------------------------------------------


def to_tsquery(node: Node, excluded: list[Node] = ()) -> str:
    def render(n: Node) -> str:
        if isinstance(n, Term):
            quoted = "'" + n.text.replace("\\", "\\\\").replace("'", "''") + "'"
            return quoted + (":*" if n.prefix else "")
        op = " & " if isinstance(n, And) else " | "
        return "(" + op.join(render(c) for c in n.children) + ")"

    text = render(node)
    for x in excluded:
        text += " & !" + render(x)
    return text


def to_fts5(node: Node, excluded: list[Node] = ()) -> str:
    def render(n: Node) -> str:
        if isinstance(n, Term):
            return '"' + n.text.replace('"', '""') + '"' + ("*" if n.prefix else "")
        op = " AND " if isinstance(n, And) else " OR "
        return "(" + op.join(render(c) for c in n.children) + ")"

    text = render(node)
    if excluded:
        text += " NOT (" + " OR ".join(render(x) for x in excluded) + ")"
    return text
