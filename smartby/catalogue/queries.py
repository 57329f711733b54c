"""Read-side helpers of the markedsoverblik: solution filters and facets, municipalities using a
solution, and proposals shown against the current values."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict

from smartby.catalogue.forms import (
    MULTI_FIELDS,
    PROPOSABLE_SOLUTION_FIELDS,
    PROPOSABLE_SUPPLIER_FIELDS,
    SolutionForm,
    SupplierForm,
    solution_data,
    supplier_data,
)
from smartby.catalogue.models import (
    Hosting,
    Proposal,
    ProposalKind,
    Solution,
    SolutionCategory,
    SolutionUse,
    Standard,
)
from smartby.lib.text import without_control_characters
from smartby.registry.models import Technology
from smartby.registry.queries import FacetValue

MAX_VALUES = 20


def _values(query: QueryDict, name: str) -> list[str]:
    return [
        without_control_characters(v)[:100] for v in query.getlist(name)[:MAX_VALUES] if v.strip()
    ]


@dataclass
class SolutionFilters:
    q: str = ""
    category: list[str] = field(default_factory=list)
    technology: list[str] = field(default_factory=list)
    standard: list[str] = field(default_factory=list)
    hosting: list[str] = field(default_factory=list)
    area: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> "SolutionFilters":
        return cls(
            q=without_control_characters(query.get("q", "")).strip()[:200],
            category=_values(query, "category"),
            technology=_values(query, "technology"),
            standard=_values(query, "standard"),
            hosting=_values(query, "hosting"),
            area=_values(query, "area"),
        )

    def without(self, name: str) -> "SolutionFilters":
        return SolutionFilters(**{**self.__dict__, name: [] if name != "q" else ""})

    def is_empty(self) -> bool:
        return not any(self.__dict__.values())


def filtered_solutions(f: SolutionFilters) -> QuerySet[Solution]:
    """Solutions matching every facet (values within one facet are alternatives)."""
    qs = Solution.objects.all()
    if f.q:
        qs = qs.filter(
            Q(name__icontains=f.q)
            | Q(description__icontains=f.q)
            | Q(supplier__organisation__name__icontains=f.q)
        )
    if f.category:
        qs = qs.filter(category__in=f.category)
    if f.hosting:
        qs = qs.filter(hosting__in=f.hosting)
    for name, lookup in (
        ("technology", "technologies__slug__in"),
        ("standard", "standards__slug__in"),
        ("area", "areas__slug__in"),
    ):
        values = getattr(f, name)
        if values:
            qs = qs.filter(pk__in=Solution.objects.filter(**{lookup: values}).values("pk"))
    return qs


def facets(f: SolutionFilters) -> dict[str, list[FacetValue]]:
    """Counts per facet value, each computed with the other facets' filters applied; values
    that no solution has are left out unless selected."""

    def field_counts(name: str, column: str) -> dict[Any, int]:
        return dict(filtered_solutions(f.without(name)).values_list(column).annotate(n=Count("pk")))

    def m2m_counts(name: str, relation: str) -> dict[Any, int]:
        through = getattr(Solution, relation).through
        target = getattr(Solution, relation).field.related_model._meta.model_name
        return dict(
            through.objects.filter(solution__in=filtered_solutions(f.without(name)).values("pk"))
            .values_list(f"{target}_id")
            .annotate(n=Count("*"))
        )

    def kept(values: list[FacetValue]) -> list[FacetValue]:
        return [v for v in values if v.count or v.selected]

    category = field_counts("category", "category")
    hosting = field_counts("hosting", "hosting")
    tech = m2m_counts("technology", "technologies")
    std = m2m_counts("standard", "standards")
    return {
        "category": kept(
            [
                FacetValue(code, str(label), category.get(code, 0), code in f.category)
                for code, label in SolutionCategory.choices
            ]
        ),
        "technology": kept(
            sorted(
                (
                    FacetValue(t.slug, t.name, tech.get(t.pk, 0), t.slug in f.technology)
                    for t in Technology.objects.all()
                ),
                key=lambda v: (-v.count, v.label),
            )
        ),
        "standard": kept(
            sorted(
                (
                    FacetValue(s.slug, s.name, std.get(s.pk, 0), s.slug in f.standard)
                    for s in Standard.objects.all()
                ),
                key=lambda v: (-v.count, v.label),
            )
        ),
        "hosting": kept(
            [
                FacetValue(code, str(label), hosting.get(code, 0), code in f.hosting)
                for code, label in Hosting.choices
            ]
        ),
    }


def solution_details() -> QuerySet[Solution]:
    """Solutions with everything a detail page, the comparison and the API show."""
    return Solution.objects.select_related("supplier__organisation").prefetch_related(
        "technologies",
        "areas",
        "standards",
        Prefetch(
            "uses",
            queryset=SolutionUse.objects.select_related("project").prefetch_related(
                "project__municipalities"
            ),
        ),
    )


def municipality_names(solution: Solution) -> list[str]:
    """The municipalities of the projects using the solution (needs `solution_details`)."""
    return sorted({m.name for use in solution.uses.all() for m in use.project.municipalities.all()})


@dataclass
class ProposedValue:
    label: str
    current: str
    proposed: str
    changed: bool


def _display(form: Any, name: str, value: Any) -> str:
    """A form value as the reader sees it (choice labels, names of related objects)."""
    formfield = form.fields[name]
    if name in MULTI_FIELDS:
        names = dict(formfield.queryset.values_list("slug", "name"))
        return ", ".join(names.get(v, v) for v in value) or "–"
    choices = dict(getattr(formfield, "choices", []) or [])
    if choices.get(value):
        return str(choices[value])
    return str(value) if value not in (None, "") else "–"


def proposal_rows(proposal: Proposal) -> list[ProposedValue]:
    """Every proposable field with the current value and the proposed one."""
    if proposal.kind == ProposalKind.SUPPLIER:
        form: Any = SupplierForm(instance=proposal.supplier)
        current = supplier_data(proposal.supplier)
        fields = PROPOSABLE_SUPPLIER_FIELDS
    else:
        form = SolutionForm()
        current = solution_data(proposal.solution) if proposal.solution else {}
        fields = PROPOSABLE_SOLUTION_FIELDS
    rows = []
    for name in fields:
        now = current.get(name, [] if name in MULTI_FIELDS else "")
        new = proposal.data.get(name, now)
        rows.append(
            ProposedValue(
                label=str(form.fields[name].label),
                current=_display(form, name, now) if current else "–",
                proposed=_display(form, name, new),
                changed=name in proposal.data and new != now,
            )
        )
    return rows
