"""Operations: permissions per persona, validation, frozen populations per year, scenarios and
their comparison, audit."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.costs import operations
from smartby.costs.models import BudgetYear, Collaboration, Member
from smartby.costs.tests.helpers import (
    JOINING,
    make_budget_year,
    make_collaboration,
    make_scenario,
    year_data,
)
from smartby.geo.models import Municipality, Region
from smartby.lib.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def _fields(excinfo: pytest.ExceptionInfo) -> dict[str, str]:
    return {e["field"]: e["message"] for e in excinfo.value.errors}


def test_coordinator_creates_a_collaboration_with_audit(coordinator) -> None:
    c = operations.create_collaboration(
        coordinator, {"name": "Fælles klimakoordinator", "description": ""}
    )
    assert c.slug == "faelles-klimakoordinator"
    entry = AuditEntry.objects.get(object_type="costs.collaboration", object_id=str(c.pk))
    assert entry.action == "create" and entry.actor == coordinator


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_only_coordinators_write(persona, request) -> None:
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    by = make_budget_year()
    c = by.collaboration
    member = c.members.first()
    counts = (Collaboration.objects.count(), BudgetYear.objects.count(), Member.objects.count())
    calls = [
        lambda: operations.create_collaboration(user, {"name": "X"}),
        lambda: operations.update_collaboration(user, c, {"name": "Y"}),
        lambda: operations.delete_collaboration(user, c),
        lambda: operations.save_member(user, c, {"kind": "anden", "name": "Z", "population": "5"}),
        lambda: operations.delete_member(user, member),
        lambda: operations.save_budget_year(user, c, year_data(c, year="2027")),
        lambda: operations.delete_budget_year(user, by),
        lambda: operations.save_scenario(user, by, {"name": "S"}),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert counts == (
        Collaboration.objects.count(),
        BudgetYear.objects.count(),
        Member.objects.count(),
    )


def test_budget_year_freezes_the_populations(coordinator) -> None:
    by = make_budget_year()
    before = operations.budget_year_allocation(by)
    assert before.to_allocate == 800_000 and before.sum == 800_000
    Municipality.objects.filter(code="751").update(population=400_000)
    by.refresh_from_db()
    after = operations.budget_year_allocation(by)
    assert after == before
    assert by.participants.get(member__municipality__code="751").population == 367_000
    assert str(by.population_date) == "2024-01-01"


def test_entered_populations_override_the_registry(coordinator) -> None:
    c = make_collaboration()
    by = operations.save_budget_year(coordinator, c, year_data(c, populations="Odder=25000"))
    assert by.participants.get(member__name="Odder").population == 25_000
    assert by.participants.get(member__name="Aarhus").population == 367_000


def test_budget_year_validation(coordinator) -> None:
    c = make_collaboration()
    municipalities = year_data(c)["members"]
    region = Region.objects.get(code="1082")
    operations.save_member(coordinator, c, {"kind": "region", "region": str(region.pk)})
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_budget_year(
            coordinator,
            c,
            year_data(
                c,
                budget="100000",
                contributions="Region Midtjylland=200000",
                equal_percent="120",
                members=[str(m.pk) for m in c.members.all()],
                populations="Ukendt=5",
            ),
        )
    errors = _fields(excinfo)
    assert errors["equal_percent"] == "Den ligelige andel skal være mellem 0 og 100 %."
    assert "Region Midtjylland" in errors["members"]  # no population entered for the region
    assert errors["populations"] == "Ikke blandt de valgte medlemmer: ukendt."
    assert not c.budget_years.exists()

    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_budget_year(
            coordinator, c, year_data(c, budget="100000", members=municipalities)
        )
    assert _fields(excinfo)["contributions"] == (
        "De faste bidrag (200.000 kr.) er større end budgettet (100.000 kr.)."
    )
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_budget_year(
            coordinator, c, year_data(c, budget="-5", contributions="R=fem", members=municipalities)
        )
    errors = _fields(excinfo)
    assert errors["budget"] == "Beløbet må ikke være negativt."
    assert errors["contributions"] == "„fem“ er ikke et helt antal kroner."

    make_budget_year(c, members=municipalities)
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_budget_year(coordinator, c, year_data(c, members=municipalities))
    assert _fields(excinfo)["year"] == "Samarbejdet har allerede et budget for 2026."


def test_history_is_kept_per_year_and_audited(coordinator) -> None:
    c = make_collaboration()
    first = make_budget_year(c)
    second = operations.save_budget_year(
        coordinator, c, year_data(c, year="2027", budget="1100000")
    )
    operations.save_budget_year(coordinator, c, year_data(c, year="2027", budget="1200000"), second)
    assert operations.budget_year_allocation(first).to_allocate == 800_000
    second.refresh_from_db()
    assert operations.budget_year_allocation(second).to_allocate == 1_000_000
    entry = AuditEntry.objects.filter(object_type="costs.budgetyear", action="update").get()
    assert entry.changes["budget"] == {"old": 1_100_000, "new": 1_200_000}


def test_scenario_comparison(coordinator) -> None:
    by = make_budget_year()
    scenario = make_scenario(by)
    base = operations.budget_year_allocation(by)
    variant = operations.scenario_allocation(scenario)
    assert variant.sum == base.sum == 800_000
    rows = {row.name: row for row in operations.compare(base, variant)}
    assert list(rows) == ["Aarhus", "Odder", "Randers", "Samsø", "Lemvig"]
    assert rows["Samsø"].variant is None and rows["Samsø"].difference == -rows["Samsø"].base
    assert rows["Lemvig"].base is None and rows["Lemvig"].percent is None
    aarhus = rows["Aarhus"]
    assert aarhus.difference == aarhus.variant - aarhus.base
    # Base: 50,000 + 600,000 × 367,000 / 493,700 = 446,019.85 (+1 leftover krone);
    # variant: 50,000 + 600,000 × 367,000 / 509,500 = 432,188.42; −13,832 kr. = −2.79 %.
    assert (aarhus.base, aarhus.variant, aarhus.difference) == (496_020, 482_188, -13_832)
    assert aarhus.percent == Decimal("-2.8")
    assert sum(row.difference for row in rows.values()) == 0


def test_scenario_with_other_budget_key_and_contributions(coordinator) -> None:
    by = make_budget_year()
    scenario = make_scenario(
        by,
        name="Større budget",
        leaving=[],
        joining=[],
        budget="1.200.000",
        equal_percent="50",
        replace_contributions="on",
        contributions="",
    )
    a = operations.scenario_allocation(scenario)
    assert (a.budget, a.contributions, a.to_allocate, a.equal_part) == (
        1_200_000,
        (),
        1_200_000,
        600_000,
    )


def test_scenario_validation(coordinator) -> None:
    by = make_budget_year()
    all_members = [str(p.member_id) for p in by.participants.all()]
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_scenario(coordinator, by, {"name": "Alle ud", "leaving": all_members})
    assert _fields(excinfo)["leaving"] == "Der skal være mindst ét medlem at fordele udgiften på."
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_scenario(coordinator, by, {"name": "Lille", "budget": "100000"})
    assert "er større end budgettet" in _fields(excinfo)["budget"]
    with pytest.raises(ValidationFailed) as excinfo:
        # A participant cannot join; a non-participant cannot leave.
        lemvig = by.collaboration.members.get(municipality__code=JOINING)
        operations.save_scenario(
            coordinator,
            by,
            {"name": "Forkert", "joining": all_members[:1], "leaving": [str(lemvig.pk)]},
        )
    assert set(_fields(excinfo)) == {"joining", "leaving"}
    make_scenario(by)
    with pytest.raises(ValidationFailed) as excinfo:
        make_scenario(by)
    assert _fields(excinfo)["name"] == "Budgetåret har allerede et scenarie med det navn."


def test_members(coordinator) -> None:
    c = make_collaboration()
    odder = Municipality.objects.get(code="727")
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_member(coordinator, c, {"kind": "kommune", "municipality": str(odder.pk)})
    assert _fields(excinfo) == {
        "name": "Samarbejdet har allerede et medlem med det navn.",
        "municipality": "Kommunen er allerede medlem.",
    }
    with pytest.raises(ValidationFailed) as excinfo:
        operations.save_member(coordinator, c, {"kind": "kommune"})
    assert _fields(excinfo)["municipality"] == "Vælg kommunen."
    other = operations.save_member(
        coordinator, c, {"kind": "anden", "name": "Erhvervshuset", "population": "1000"}
    )
    assert other.effective_population == 1000

    by = make_budget_year(c, members=[str(m.pk) for m in c.members.filter(kind="kommune")])
    used = by.participants.first().member
    with pytest.raises(ValidationFailed):
        operations.delete_member(coordinator, used)
    assert Member.objects.filter(pk=used.pk).exists()
    operations.delete_member(coordinator, other)
    assert not Member.objects.filter(pk=other.pk).exists()


def test_editing_the_year_keeps_scenarios_consistent(coordinator) -> None:
    by = make_budget_year()
    scenario = make_scenario(by)
    c = by.collaboration
    # Lemvig now takes part and Samsø does not: the scenario's join and leave fall away.
    members = [str(m.pk) for m in c.members.exclude(municipality__code="741")]
    operations.save_budget_year(coordinator, c, year_data(c, members=members), by)
    assert not scenario.leaving.exists() and not scenario.joining.exists()


def test_delete_collaboration_with_history(coordinator) -> None:
    by = make_budget_year()
    make_scenario(by)
    pk = by.collaboration.pk
    operations.delete_collaboration(coordinator, by.collaboration)
    assert not Collaboration.objects.filter(pk=pk).exists()
    assert not Member.objects.filter(collaboration_id=pk).exists()
