"""The reference collaboration (data migration) and the demo content: realistic, idempotent."""

import pytest

from smartby.costs import demo, operations
from smartby.costs.models import BudgetYear, Collaboration, Scenario

pytestmark = pytest.mark.django_db


def test_govtech_midtjylland_is_reference_data() -> None:
    govtech = Collaboration.objects.get(slug="govtech-midtjylland")
    assert govtech.members.count() == 19
    by = govtech.budget_years.get(year=2021)
    a = operations.budget_year_allocation(by)
    assert (a.budget, a.contributions, a.equal_percent) == (
        2_900_000,
        (("Region Midtjylland", 500_000),),
        25,
    )
    assert a.sum == 2_400_000
    scenario = by.scenarios.get()
    variant = operations.scenario_allocation(scenario)
    assert variant.sum == 2_400_000 and len(variant.members) == 17


def test_demo_is_idempotent() -> None:
    demo.load(seed=7)
    counts = (Collaboration.objects.count(), BudgetYear.objects.count(), Scenario.objects.count())
    assert counts == (2, 4, 3)
    govtech_2022 = BudgetYear.objects.get(collaboration__slug="govtech-midtjylland", year=2022)
    assert govtech_2022.participants.count() == 17
    network = Collaboration.objects.get(name=demo.NETWORK)
    by = network.budget_years.get(year=2026)
    for scenario in by.scenarios.all():
        assert operations.scenario_allocation(scenario).sum > 0
    demo.load(seed=7)
    assert counts == (
        Collaboration.objects.count(),
        BudgetYear.objects.count(),
        Scenario.objects.count(),
    )
