"""The readable difference between versions."""

from smartby.guides.diff import change_counts, diff_texts


def _render(hunks):
    return [(line.kind, [(s.op, s.text) for s in line.segments]) for h in hunks for line in h.lines]


def test_equal_texts_have_no_changes():
    assert diff_texts("a\nb", "a\nb") == []


def test_added_removed_and_changed_lines_with_words():
    old = "# Titel\nFørste linje\nAnden linje om data\nSidste linje"
    new = "# Titel\nFørste linje\nAnden linje om åbne data\nNy linje\nSidste linje"
    lines = _render(diff_texts(old, new))
    assert ("same", [("same", "Første linje")]) in lines
    changed = next(segs for kind, segs in lines if kind == "changed")
    assert ("ins", "åbne ") in changed or ("ins", "åbne") in changed
    assert not [s for s in changed if s[0] == "del"]
    assert ("added", [("ins", "Ny linje")]) in lines
    assert change_counts(diff_texts(old, new)) == (1, 2)


def test_removed_line_and_context_is_limited():
    old = "\n".join(f"linje {i}" for i in range(1, 21))
    new = old.replace("linje 10\n", "")
    [hunk] = diff_texts(old, new)
    kinds = [line.kind for line in hunk.lines]
    assert kinds == ["same", "same", "removed", "same", "same"]
    assert hunk.old_start == 8 and hunk.new_start == 8
    assert hunk.lines[2].segments[0].text == "linje 10"
