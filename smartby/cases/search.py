"""Use cases in the search (/soeg/): one source, "usecase"; business cases are found through
their use case (their titles and notes are part of its text)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartby.cases.models import UseCase
from smartby.search.sources import Sections, Source, register


def searchable_use_cases() -> QuerySet[UseCase]:
    return UseCase.objects.select_related("area", "owner_organisation").prefetch_related(
        "business_cases", "projects", "solutions", "standards"
    )


def use_case_sections(use_case: UseCase) -> Sections:
    """Title (A) above problem, target group and area (B) above everything else (C)."""
    return Sections(
        title=use_case.title,
        a=use_case.title,
        b=" ".join([use_case.problem, use_case.target_group, use_case.area.name]),
        c=" ".join(
            [
                use_case.data_needed,
                use_case.benefits,
                use_case.risks,
                use_case.owner_organisation.name,
                *(f"{b.title} {b.notes}" for b in use_case.business_cases.all()),
                *(p.title for p in use_case.projects.all()),
                *(s.name for s in use_case.solutions.all()),
                *(s.name for s in use_case.standards.all()),
            ]
        ),
    )


def register_sources() -> None:
    register(
        Source(
            kind="usecase",
            label=_("Use cases"),
            objects=searchable_use_cases,
            sections=use_case_sections,
            url=lambda use_case: use_case.get_absolute_url(),
            meta=lambda use_case: f"{use_case.area.name} · {use_case.owner_organisation.name}",
            more_url="cases:usecase_list",
        )
    )
