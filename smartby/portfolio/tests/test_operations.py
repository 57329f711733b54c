"""Operations: validation, audit, history kept, and the permission of each persona."""

import pytest
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.lib.errors import ValidationFailed
from smartby.portfolio import operations
from smartby.portfolio.models import Measurement, StatusReport
from smartby.portfolio.tests.helpers import (
    add_status,
    goal_data,
    initiative_data,
    make_goal,
    make_initiative,
    make_strategy,
    smart_city,
    strategy_data,
)

pytestmark = pytest.mark.django_db


def _fields(exc: ValidationFailed) -> set[str]:
    return {e["field"] for e in exc.errors}


def test_coordinator_creates_strategy_focus_area_and_initiative_audited(coordinator):
    strategy = make_strategy(coordinator)
    assert strategy.slug == "digitaliseringsstrategi-2022-2025-2022-2025"
    initiative = make_initiative(coordinator, strategy)
    assert initiative.variance_dkk == 250_000
    assert initiative.focus_area.strategy == strategy
    entry = AuditEntry.objects.get(object_type="portfolio.initiative", action="create")
    assert entry.actor == coordinator
    assert entry.changes["budget_dkk"]["new"] == 2_500_000
    operations.update_initiative(
        coordinator, initiative, initiative_data(strategy, spend_dkk="2000000")
    )
    initiative.refresh_from_db()
    assert initiative.variance_dkk == -500_000
    update = AuditEntry.objects.get(object_type="portfolio.initiative", action="update")
    assert update.changes == {"spend_dkk": {"old": 2_750_000, "new": 2_000_000}}


@pytest.mark.parametrize("persona", ["editor_a", "editor_b", None])
def test_only_coordinators_manage_strategies_and_initiatives(request, persona, coordinator):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    strategy = make_strategy(coordinator)
    with pytest.raises(PermissionDenied):
        operations.create_strategy(user, strategy_data())
    with pytest.raises(PermissionDenied):
        operations.update_strategy(user, strategy, strategy_data(title="Ny"))
    with pytest.raises(PermissionDenied):
        operations.create_focus_area(user, strategy, {"number": "2", "title": "X"})
    with pytest.raises(PermissionDenied):
        operations.create_initiative(user, strategy, initiative_data(strategy))
    with pytest.raises(PermissionDenied):
        operations.create_effect_goal(user, smart_city(), goal_data(number="9"))


def test_initiative_validation_errors_are_danish_and_per_field(coordinator):
    strategy = make_strategy(coordinator)
    make_initiative(coordinator, strategy)
    with pytest.raises(ValidationFailed) as exc:
        operations.create_initiative(
            coordinator,
            strategy,
            initiative_data(
                strategy,
                number="1.1",
                title="",
                budget_dkk="-5",
                start_date="2024-01-01",
                expected_end="2023-01-01",
                projects="findes-ikke",
            ),
        )
    assert _fields(exc.value) >= {"number", "title", "budget_dkk", "expected_end", "projects"}
    messages = " ".join(e["message"] for e in exc.value.errors)
    assert "allerede et initiativ med nummeret" in messages
    assert "Ukendt projekt: findes-ikke" in messages
    with pytest.raises(ValidationFailed) as exc:
        operations.create_initiative(coordinator, strategy, initiative_data(strategy, number="x"))
    assert _fields(exc.value) == {"number"}


def test_initiative_links_registry_projects(coordinator, editor_a):
    from smartby.registry.tests.helpers import make_project

    project = make_project(editor_a)
    initiative = make_initiative(coordinator, projects=f"https://x/projekter/{project.slug}/")
    assert list(initiative.projects.all()) == [project]


def test_status_reports_keep_history(coordinator):
    initiative = smart_city()
    first = add_status(coordinator, initiative, period="2020 K3", report_date="2020-09-30")
    second = add_status(
        coordinator, initiative, period="2020 K4", report_date="2020-12-31", time="roed"
    )
    assert list(initiative.status_reports.all()) == [second, first]
    assert first.author == coordinator
    assert first.author_name == (coordinator.name or coordinator.email)
    assert StatusReport.objects.filter(initiative=initiative).count() == 2
    assert AuditEntry.objects.filter(object_type="portfolio.statusreport").count() == 2


def test_status_report_validation(coordinator):
    with pytest.raises(ValidationFailed) as exc:
        add_status(coordinator, smart_city(), time="blaa", report_date="31-12-2020", period="")
    assert _fields(exc.value) == {"time", "report_date", "period"}
    assert not StatusReport.objects.exists()


def test_responsible_organisation_members_report_others_do_not(
    coordinator, editor_a, editor_b, org_a
):
    initiative = make_initiative(coordinator, responsible_organisation=str(org_a.pk))
    goal = make_goal(coordinator, initiative)
    add_status(editor_a, initiative)
    operations.add_measurement(editor_a, goal, {"date": "2023-01-01", "value": "20"})
    with pytest.raises(PermissionDenied):
        add_status(editor_b, initiative)
    with pytest.raises(PermissionDenied):
        operations.add_measurement(editor_b, goal, {"date": "2023-06-01", "value": "25"})
    # Members may report, not edit the Stamdata.
    with pytest.raises(PermissionDenied):
        operations.update_initiative(
            editor_a, initiative, initiative_data(initiative.focus_area.strategy)
        )
    # Without a responsible organisation only coordinators report.
    with pytest.raises(PermissionDenied):
        add_status(editor_a, smart_city())


def test_measurements_validated_one_per_day(coordinator):
    initiative = make_initiative(coordinator)
    goal = make_goal(coordinator, initiative)
    operations.add_measurement(coordinator, goal, {"date": "2023-01-01", "value": "20.5"})
    with pytest.raises(ValidationFailed) as exc:
        operations.add_measurement(coordinator, goal, {"date": "2023-01-01", "value": "30"})
    assert _fields(exc.value) == {"date"}
    with pytest.raises(ValidationFailed) as exc:
        operations.add_measurement(coordinator, goal, {"date": "2023-02-01", "value": "mange"})
    assert _fields(exc.value) == {"value"}
    assert Measurement.objects.filter(goal=goal).count() == 1


def test_effect_goal_numbers_unique_and_dates_ordered(coordinator):
    initiative = smart_city()
    with pytest.raises(ValidationFailed) as exc:
        make_goal(coordinator, initiative, number="1")
    assert _fields(exc.value) == {"number"}
    with pytest.raises(ValidationFailed) as exc:
        make_goal(coordinator, initiative, number="5", target_date="2021-01-01")
    assert _fields(exc.value) == {"target_date"}


def test_focus_area_number_unique(coordinator):
    strategy = make_strategy(coordinator)
    with pytest.raises(ValidationFailed) as exc:
        operations.create_focus_area(coordinator, strategy, {"number": "1", "title": "Igen"})
    assert _fields(exc.value) == {"number"}
