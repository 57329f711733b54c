"""The markedsoverblik's content in the search (registered in CatalogueConfig.ready)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartby.catalogue.models import Solution, Standard, Supplier
from smartby.search.sources import Sections, Source, register


def solutions() -> QuerySet[Solution]:
    return Solution.objects.select_related("supplier__organisation").prefetch_related(
        "technologies", "areas", "standards", "uses__project__municipalities"
    )


def solution_sections(solution: Solution) -> Sections:
    municipalities = sorted(
        {m.name for use in solution.uses.all() for m in use.project.municipalities.all()}
    )
    return Sections(
        title=solution.name,
        a=" ".join(
            [
                solution.supplier.name,
                solution.get_category_display(),
                *(t.name for t in solution.technologies.all()),
            ]
        ),
        b=solution.description,
        c="\n".join(
            [
                " ".join(s.name for s in solution.standards.all()),
                " ".join(a.name for a in solution.areas.all()),
                " ".join(municipalities),
                solution.open_apis,
                solution.data_ownership,
                solution.references,
                *(use.experience for use in solution.uses.all()),
            ]
        ),
    )


def supplier_sections(supplier: Supplier) -> Sections:
    return Sections(
        title=supplier.name,
        a=" ".join(s.name for s in supplier.solutions.all()),
        b=supplier.description,
        c=" ".join(s.get_category_display() for s in supplier.solutions.all()),
    )


def standard_sections(standard: Standard) -> Sections:
    return Sections(
        title=standard.name,
        a=f"{standard.body} {standard.get_kind_display()}",
        b=standard.description,
        c="",
    )


def register_sources() -> None:
    register(
        Source(
            kind="solution",
            label=_("Løsninger"),
            objects=solutions,
            sections=solution_sections,
            url=lambda s: s.get_absolute_url(),
            meta=lambda s: f"{s.supplier.name} · {s.get_category_display()}",
            more_url="catalogue:solution_list",
        )
    )
    register(
        Source(
            kind="supplier",
            label=_("Leverandører"),
            objects=lambda: Supplier.objects.select_related("organisation").prefetch_related(
                "solutions"
            ),
            sections=supplier_sections,
            url=lambda s: s.get_absolute_url(),
            meta=lambda s: s.get_size_display(),
            more_url="catalogue:supplier_list",
        )
    )
    register(
        Source(
            kind="standard",
            label=_("Standarder"),
            objects=lambda: Standard.objects.all(),
            sections=standard_sections,
            url=lambda s: s.get_absolute_url(),
            meta=lambda s: " · ".join(x for x in (s.get_kind_display(), s.body) if x),
            more_url="catalogue:standard_list",
        )
    )
