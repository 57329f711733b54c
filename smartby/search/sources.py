"""Other apps' content in the search: each app registers a `Source` (in its AppConfig.ready) and
calls `search.index.index_content(kind, pks)` from its operations after every write.

The index keeps one SearchEntry per object (kind + object_id); `index_content` adds, replaces or,
when the object is gone or no longer in `objects()`, removes it. /soeg/ and /api/v1/search show
one group per registered kind, in registration order after projects and organisations.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Sections:
    """Raw text of one object, weighted: title (A) above summary/classification (B) above the
    rest (C). The index analyses it (stemming, compounds, folding)."""

    title: str
    a: str
    b: str
    c: str


@dataclass(frozen=True)
class Source:
    kind: str  # short and stable, e.g. "solution"; stored in the index
    label: Any  # lazy Danish plural for the result group, e.g. _("Løsninger")
    objects: Callable[[], QuerySet]  # everything public and searchable (with select_related)
    sections: Callable[[Any], Sections]
    url: Callable[[Any], str]
    meta: Callable[[Any], str] = field(default=lambda obj: "")  # short line under the title
    more_url: str = ""  # URL name of the full list (e.g. "catalogue:solution_list"), optional


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source
