"""The clause library in the site search (/soeg/): published clauses in use."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartby.procurement.models import Clause
from smartby.search.sources import Sections, Source, register


def searchable_clauses() -> QuerySet[Clause]:
    return (
        Clause.objects.filter(retired=False, current_version__isnull=False)
        .select_related("current_version")
        .prefetch_related("tags")
    )


def clause_sections(clause: Clause) -> Sections:
    version = clause.current_version
    tags = " ".join(t.name for t in clause.tags.all())
    return Sections(
        title=clause.title,
        a=clause.title,
        b=" ".join([version.text if version else "", str(clause.get_topic_display()), tags]),
        c=" ".join([version.reason, version.guidance]) if version else "",
    )


def register_sources() -> None:
    register(
        Source(
            kind="clause",
            label=_("Udbudsklausuler"),
            objects=searchable_clauses,
            sections=clause_sections,
            url=lambda clause: clause.get_absolute_url(),
            meta=lambda clause: str(clause.get_topic_display()),
            more_url="procurement:clause_list",
        )
    )
