"""The use cases of cost sharing. Each write checks permission (coordinators only), validates
through `costs.forms`, writes in one transaction and records an audit entry. The reads turn a
budget year or scenario into `allocation.allocate`'s input and compare two allocations.
`actor` None means a trusted caller (data migration, demo loader)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.costs import allocation, permissions
from smartby.costs.allocation import Allocation
from smartby.costs.forms import BudgetYearForm, CollaborationForm, MemberForm, ScenarioForm
from smartby.costs.models import (
    BudgetYear,
    Collaboration,
    Contribution,
    Member,
    Participant,
    Scenario,
)
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug

RESERVED_SLUGS = {"ny"}


def _check(actor: Any, message: str) -> None:
    if actor is not None and not permissions.can_manage(actor):
        raise PermissionDenied(message)


# --- snapshots for the audit trail ------------------------------------------------------------


def collaboration_snapshot(c: Collaboration) -> dict[str, Any]:
    return {"name": c.name, "description": c.description}


def member_snapshot(m: Member) -> dict[str, Any]:
    return {
        "name": m.name,
        "kind": m.kind,
        "municipality": m.municipality.code if m.municipality_id else None,
        "region": m.region.code if m.region_id else None,
        "population": m.population,
    }


def budget_year_snapshot(by: BudgetYear) -> dict[str, Any]:
    return {
        "year": by.year,
        "budget": by.budget,
        "equal_percent": str(by.equal_percent),
        "population_date": by.population_date.isoformat() if by.population_date else None,
        "contributions": [[c.name, c.amount] for c in by.contributions.order_by("id")],
        "participants": [
            [p.member.name, p.population]
            for p in by.participants.select_related("member").order_by("member__name")
        ],
        "notes": by.notes,
    }


def scenario_snapshot(s: Scenario) -> dict[str, Any]:
    return {
        "name": s.name,
        "description": s.description,
        "budget": s.budget,
        "equal_percent": None if s.equal_percent is None else str(s.equal_percent),
        "contributions": s.contributions,
        "leaving": sorted(s.leaving.values_list("name", flat=True)),
        "joining": sorted(s.joining.values_list("name", flat=True)),
    }


# --- collaborations -----------------------------------------------------------------------------


def create_collaboration(actor: Any, data: Any, *, source: str = "web") -> Collaboration:
    _check(actor, _("Kun koordinatorer kan oprette samarbejder."))
    form = CollaborationForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        c = form.save(commit=False)
        c.slug = unique_slug(
            Collaboration.objects, c.name, fallback="samarbejde", reserved=RESERVED_SLUGS
        )
        c.save()
        audit(
            actor=actor,
            action="create",
            obj=c,
            changes=audit_changes({}, collaboration_snapshot(c)),
            source=source,
        )
    return c


def update_collaboration(
    actor: Any, c: Collaboration, data: Any, *, source: str = "web"
) -> Collaboration:
    _check(actor, _("Kun koordinatorer kan redigere samarbejder."))
    before = collaboration_snapshot(c)
    form = CollaborationForm(data, instance=c)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        c = form.save()
        if changes := audit_changes(before, collaboration_snapshot(c)):
            audit(actor=actor, action="update", obj=c, changes=changes, source=source)
    return c


def delete_collaboration(actor: Any, c: Collaboration, *, source: str = "web") -> None:
    _check(actor, _("Kun koordinatorer kan slette samarbejder."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=c,
            changes=audit_changes(collaboration_snapshot(c), {}),
            source=source,
        )
        Participant.objects.filter(budget_year__collaboration=c).delete()
        c.delete()


# --- members ------------------------------------------------------------------------------------


def save_member(
    actor: Any, c: Collaboration, data: Any, member: Member | None = None, *, source: str = "web"
) -> Member:
    """Add a member (`member` None) or change one."""
    _check(actor, _("Kun koordinatorer kan ændre samarbejdets medlemmer."))
    before = member_snapshot(member) if member else {}
    form = MemberForm(data, instance=member, collaboration=c)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        saved = form.save()
        if changes := audit_changes(before, member_snapshot(saved)):
            audit(
                actor=actor,
                action="update" if member else "create",
                obj=saved,
                changes=changes,
                source=source,
            )
    return saved


def delete_member(actor: Any, member: Member, *, source: str = "web") -> None:
    """Remove a member that no budget year uses (years keep their participants)."""
    _check(actor, _("Kun koordinatorer kan ændre samarbejdets medlemmer."))
    try:
        with transaction.atomic():
            audit(
                actor=actor,
                action="delete",
                obj=member,
                changes=audit_changes(member_snapshot(member), {}),
                source=source,
            )
            member.delete()
    except ProtectedError:
        raise ValidationFailed(
            [
                {
                    "field": "",
                    "message": _(
                        "%(name)s deltager i et budgetår og kan ikke fjernes; fravælg medlemmet "
                        "i de kommende budgetår i stedet."
                    )
                    % {"name": member.name},
                }
            ]
        ) from None


# --- budget years -------------------------------------------------------------------------------


def save_budget_year(
    actor: Any,
    c: Collaboration,
    data: Any,
    budget_year: BudgetYear | None = None,
    *,
    source: str = "web",
) -> BudgetYear:
    """Create a budget year or change one; the participants' populations are stored with it."""
    _check(actor, _("Kun koordinatorer kan ændre budgetår."))
    before = budget_year_snapshot(budget_year) if budget_year else {}
    form = BudgetYearForm(data, collaboration=c, instance=budget_year)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    d = form.cleaned_data
    with transaction.atomic():
        by = budget_year or BudgetYear(
            collaboration=c, created_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        by.year = d["year"]
        by.budget = d["budget"]
        by.equal_percent = d["equal_percent"]
        by.population_date = d["population_date"]
        by.notes = d["notes"]
        by.save()
        by.contributions.all().delete()
        Contribution.objects.bulk_create(
            Contribution(budget_year=by, name=name, amount=amount)
            for name, amount in d["contributions"]
        )
        by.participants.all().delete()
        Participant.objects.bulk_create(
            Participant(budget_year=by, member=m, population=p) for m, p in form.participants
        )
        # A scenario can no longer let a member leave that stopped taking part, nor join one
        # that now takes part.
        participating = [m.pk for m, _p in form.participants]
        for scenario in by.scenarios.all():
            scenario.leaving.remove(*scenario.leaving.exclude(pk__in=participating))
            scenario.joining.remove(*scenario.joining.filter(pk__in=participating))
        if changes := audit_changes(before, budget_year_snapshot(by)):
            audit(
                actor=actor,
                action="update" if budget_year else "create",
                obj=by,
                changes=changes,
                source=source,
            )
    return by


def delete_budget_year(actor: Any, by: BudgetYear, *, source: str = "web") -> None:
    _check(actor, _("Kun koordinatorer kan slette budgetår."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=by,
            changes=audit_changes(budget_year_snapshot(by), {}),
            source=source,
        )
        by.delete()


# --- scenarios ----------------------------------------------------------------------------------


def save_scenario(
    actor: Any,
    by: BudgetYear,
    data: Any,
    scenario: Scenario | None = None,
    *,
    source: str = "web",
) -> Scenario:
    _check(actor, _("Kun koordinatorer kan ændre scenarier."))
    before = scenario_snapshot(scenario) if scenario else {}
    form = ScenarioForm(data, budget_year=by, instance=scenario)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    d = form.cleaned_data
    with transaction.atomic():
        s = scenario or Scenario(budget_year=by)
        s.name = d["name"]
        s.description = d["description"]
        s.budget = d["budget"]
        s.equal_percent = d["equal_percent"]
        s.contributions = (
            [[n, a] for n, a in d["contributions"]] if d["replace_contributions"] else None
        )
        s.save()
        s.leaving.set(d["leaving"])
        s.joining.set(d["joining"])
        if changes := audit_changes(before, scenario_snapshot(s)):
            audit(
                actor=actor,
                action="update" if scenario else "create",
                obj=s,
                changes=changes,
                source=source,
            )
    return s


def delete_scenario(actor: Any, s: Scenario, *, source: str = "web") -> None:
    _check(actor, _("Kun koordinatorer kan slette scenarier."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=s,
            changes=audit_changes(scenario_snapshot(s), {}),
            source=source,
        )
        s.delete()


# --- computations -------------------------------------------------------------------------------


def budget_year_allocation(by: BudgetYear) -> Allocation:
    return allocation.allocate(
        by.budget,
        [(c.name, c.amount) for c in by.contributions.all()],
        by.equal_percent,
        [(p.member.name, p.population) for p in by.participants.all()],
    )


def scenario_allocation(s: Scenario) -> Allocation:
    by = s.budget_year
    leaving = {m.pk for m in s.leaving.all()}
    members = [
        (p.member.name, p.population) for p in by.participants.all() if p.member_id not in leaving
    ]
    members += [(m.name, m.effective_population or 0) for m in s.joining.all()]
    contributions = (
        [(n, a) for n, a in s.contributions]
        if s.contributions is not None
        else [(c.name, c.amount) for c in by.contributions.all()]
    )
    return allocation.allocate(
        by.budget if s.budget is None else s.budget,
        contributions,
        by.equal_percent if s.equal_percent is None else s.equal_percent,
        members,
    )


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    base: int | None  # None: not a member in the base
    variant: int | None  # None: not a member in the variant

    @property
    def difference(self) -> int:
        return (self.variant or 0) - (self.base or 0)

    @property
    def percent(self) -> Decimal | None:
        """Change in percent of the base amount (one decimal); None when the base is 0/none."""
        if not self.base:
            return None
        return (Decimal(self.difference) * 100 / Decimal(self.base)).quantize(Decimal("0.1"))


def compare(base: Allocation, variant: Allocation) -> list[ComparisonRow]:
    """One row per member of either allocation: the base's members in order, then those that
    only the variant has."""
    variant_totals = {m.name: m.total for m in variant.members}
    rows = [ComparisonRow(m.name, m.total, variant_totals.pop(m.name, None)) for m in base.members]
    rows += [ComparisonRow(name, None, total) for name, total in variant_totals.items()]
    return rows
