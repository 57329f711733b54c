"""A readable difference between two texts: changed lines with a little context, and inside a
changed line the words that were removed and added (rendered with <del> and <ins>)."""

import difflib
import re
from dataclasses import dataclass, field

CONTEXT_LINES = 2
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "del" or "ins"
    text: str


@dataclass
class DiffLine:
    kind: str  # "same", "removed", "added" or "changed"
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Hunk:
    old_start: int  # 1-based line numbers where the hunk begins
    new_start: int
    lines: list[DiffLine]


def _words(old: str, new: str) -> list[Segment]:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(Segment("ins", "".join(b[j1:j2])))
    return out


def diff_texts(old: str, new: str, context: int = CONTEXT_LINES) -> list[Hunk]:
    """The changes from `old` to `new` as hunks; no hunks when the texts are equal."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        lines: list[DiffLine] = []
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                lines += [DiffLine("same", [Segment("same", line)]) for line in a[i1:i2]]
            elif op == "delete":
                lines += [DiffLine("removed", [Segment("del", line)]) for line in a[i1:i2]]
            elif op == "insert":
                lines += [DiffLine("added", [Segment("ins", line)]) for line in b[j1:j2]]
            else:  # replace: pair the lines up, word differences inside each pair
                pairs = min(i2 - i1, j2 - j1)
                for k in range(pairs):
                    lines.append(DiffLine("changed", _words(a[i1 + k], b[j1 + k])))
                lines += [DiffLine("removed", [Segment("del", x)]) for x in a[i1 + pairs : i2]]
                lines += [DiffLine("added", [Segment("ins", x)]) for x in b[j1 + pairs : j2]]
        hunks.append(Hunk(group[0][1] + 1, group[0][3] + 1, lines))
    return hunks


def change_counts(hunks: list[Hunk]) -> tuple[int, int]:
    """(lines removed or changed, lines added or changed)."""
    removed = sum(1 for h in hunks for x in h.lines if x.kind in ("removed", "changed"))
    added = sum(1 for h in hunks for x in h.lines if x.kind in ("added", "changed"))
    return removed, added
