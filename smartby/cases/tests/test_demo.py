"""The demo use cases: realistic, linked to matching demo projects, deterministic, idempotent."""

import pytest

from smartby.cases import demo, operations
from smartby.cases.models import BusinessCase, UseCase
from smartby.registry.demo import generate

pytestmark = pytest.mark.django_db


def test_demo_use_cases_are_linked_and_idempotent():
    generate(60, 7)
    demo.load(seed=7)
    assert UseCase.objects.count() == len(demo.DEMOS) == 10
    assert BusinessCase.objects.count() == 11
    linked = {u.title: list(u.projects.all()) for u in UseCase.objects.prefetch_related("projects")}
    assert sum(1 for projects in linked.values() if projects) >= 5
    for use_case in UseCase.objects.prefetch_related("projects"):
        assert all(p.area_id == use_case.area_id for p in use_case.projects.all())
    waste = UseCase.objects.get(title="Affaldssensorer i kuber")
    assert waste.owner_organisation.name == "Randers Kommune"
    result = operations.calculate(waste.business_cases.get())
    # 900,000 invested; 330,000 a year in benefits against 90,000-120,000 in running costs.
    assert result.total_investment == 900_000
    assert result.npv > 0 and result.payback_year is not None
    # The school scenarios: the supplier's subscription never pays back, a joint purchase does.
    school = UseCase.objects.get(title="Fugt- og indeklimasensorer i skoler")
    figures = {b.title: operations.calculate(b) for b in school.business_cases.all()}
    assert figures["Basisscenarie"].npv < 0 < figures["Fælles indkøb med egen LoRaWAN"].npv
    snapshot = sorted(
        (u.slug, tuple(sorted(p.slug for p in u.projects.all())))
        for u in UseCase.objects.prefetch_related("projects")
    )
    demo.load(seed=7)
    assert UseCase.objects.count() == 10 and BusinessCase.objects.count() == 11
    again = sorted(
        (u.slug, tuple(sorted(p.slug for p in u.projects.all())))
        for u in UseCase.objects.prefetch_related("projects")
    )
    assert again == snapshot
