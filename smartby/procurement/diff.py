"""A readable word diff between two clause versions, as HTML with <ins>/<del> (difflib).

Screen readers do not announce <ins>/<del> by default, so each change starts with a visually
hidden "Tilføjet:"/"Slettet:" and ends with "(slut)"."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from smartby.procurement.models import ClauseVersion

# A word with the whitespace after it: spaces alone would match between changed words and cut
# one change into many small ones.
_TOKENS = re.compile(r"\s+|\S+\s*")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _change(tag: str, words: str) -> str:
    if not words:
        return ""
    marker = _("Tilføjet:") if tag == "ins" else _("Slettet:")
    return format_html(
        '<{tag}><span class="visually-hidden">{marker} </span>{words}'
        '<span class="visually-hidden"> ({end})</span></{tag}>',
        tag=tag,
        marker=marker,
        words=words,
        end=_("slut"),
    )


def diff_html(old: str, new: str) -> SafeString:
    """`new` compared with `old` word by word; unchanged text escaped, changes marked."""
    a, b = _tokens(old), _tokens(new)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        out.append(_change("del", escape(removed.rstrip())))
        out.append(_change("ins", escape(added.rstrip())))
        # The whitespace after the change stays outside the marks.
        after = added if op != "delete" else removed
        out.append(escape(after[len(after.rstrip()) :]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString
    changed: bool


def version_diff(old: ClauseVersion | None, new: ClauseVersion) -> list[FieldDiff]:
    """The requirement text, reason and guidance of `new` compared with `old` (None: all new)."""
    fields = [
        (_("Kravtekst"), "text"),
        (_("Hvorfor"), "reason"),
        (_("Vejledning"), "guidance"),
    ]
    result = []
    for label, name in fields:
        before = getattr(old, name) if old is not None else ""
        after = getattr(new, name)
        result.append(FieldDiff(label, diff_html(before, after), before != after))
    return result
