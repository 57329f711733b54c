"""update_plan: who may update (coordinators, members of the municipality's organisation),
validation with Danish messages and nothing written on error, history kept, audit entries."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.climate import operations
from smartby.climate.models import ClimatePlan, PhaseEvent, PlanStatus
from smartby.climate.tests.helpers import TODAY, set_plan, update_data
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def errors_of(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {e["field"]: e["message"] for e in exc.value.errors}


@pytest.mark.parametrize(
    ("persona", "code", "allowed"),
    [
        ("editor_a", "751", True),  # Aarhus's own member
        ("editor_a", "461", False),  # another municipality
        ("editor_b", "751", False),
        ("editor_b", "461", True),
        ("coordinator", "751", True),
        ("coordinator", "101", True),
        ("superuser", "461", True),
    ],
)
def test_who_may_update(request, persona, code, allowed):
    user = request.getfixturevalue(persona)
    events = PhaseEvent.objects.count()
    if allowed:
        plan = set_plan(user, code)
        assert plan.phase.code == "udarbejdelse" and plan.status == PlanStatus.IN_PROGRESS
        assert PhaseEvent.objects.count() == events + 1
    else:
        with pytest.raises(PermissionDenied):
            set_plan(user, code)
        assert PhaseEvent.objects.count() == events


def test_anonymous_and_inactive_users_are_refused(editor_a):
    with pytest.raises(PermissionDenied):
        set_plan(AnonymousUser(), "751")
    editor_a.is_active = False
    editor_a.save()
    with pytest.raises(PermissionDenied):
        set_plan(editor_a, "751")


def test_update_keeps_history_and_is_audited(editor_a):
    plan = set_plan(editor_a, "751")
    set_plan(
        editor_a,
        "751",
        phase="vedtagelse",
        status="vedtaget",
        event_date="2024-05-02",
        adopted_date="2024-05-02",
        comment="Byrådet vedtog planen enstemmigt.",
        plan_url="https://example.org/aarhus-klimaplan.pdf",
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED and plan.adopted_date == dt.date(2024, 5, 2)
    history = list(plan.events.order_by("date", "id").values_list("phase__code", "status"))
    assert history == [
        ("optagelse", "i_gang"),  # the reference entry from the KD-Net minutes is kept
        ("udarbejdelse", "i_gang"),
        ("vedtagelse", "vedtaget"),
    ]
    latest = plan.events.order_by("-id").first()
    assert latest.actor == editor_a and latest.actor_name == "Anna Aarhus"
    entries = AuditEntry.objects.filter(object_type="climate.climateplan", object_id=str(plan.pk))
    assert entries.count() == 2
    last = entries.order_by("-id").first()
    assert last.actor == editor_a and last.action == "update"
    assert last.changes["status"] == {"old": "i_gang", "new": "vedtaget"}
    assert last.changes["phase"] == {"old": "udarbejdelse", "new": "vedtagelse"}


def test_first_update_creates_the_plan(coordinator):
    odense = Municipality.objects.get(code="461")
    assert not ClimatePlan.objects.filter(municipality=odense).exists()
    plan = set_plan(coordinator, "461", comment="")
    assert plan.municipality == odense and plan.events.count() == 1
    assert plan.events.get().actor_name == "Kim Koordinator"
    entry = AuditEntry.objects.get(object_type="climate.climateplan", object_id=str(plan.pk))
    assert entry.action == "create" and entry.changes["phase"]["new"] == "udarbejdelse"


def test_no_history_entry_without_a_change_or_comment(coordinator):
    set_plan(coordinator, "461")
    set_plan(coordinator, "461", comment="", notes="Kontakt: klimateamet.")
    plan = ClimatePlan.objects.get(municipality__code="461")
    assert plan.events.count() == 1 and plan.notes == "Kontakt: klimateamet."
    set_plan(coordinator, "461", comment="Møde med klimakoordinatoren.")
    assert plan.events.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"status": "vedtaget"}, "adopted_date", "vedtaget"),
        ({"phase": "", "status": "i_gang"}, "phase", "Vælg den fase"),
        ({"phase": "ukendt-fase"}, "phase", "Ukendt fase"),
        ({"status": "faerdig"}, "status", "Ukendt status"),
        ({"event_date": ""}, "event_date", "Skriv datoen"),
        ({"event_date": "1. marts"}, "event_date", "ÅÅÅÅ-MM-DD"),
        ({"event_date": "2030-01-01"}, "event_date", "fremtiden"),
        ({"event_date": "2018-12-31"}, "event_date", "før DK2020"),
        ({"joined_year": "2031"}, "joined_year", "mellem 2019 og 2024"),
        ({"cohort": "3_runde"}, "cohort", "Ukendt runde"),
        ({"plan_url": "ikke en adresse"}, "plan_url", "https://"),
        ({"comment": "x" * 2001}, "comment", "2000"),
    ],
)
def test_validation_errors_write_nothing(coordinator, overrides, field, text):
    before = (ClimatePlan.objects.count(), PhaseEvent.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        set_plan(coordinator, "461", **overrides)
    assert text in errors_of(exc)[field]
    after = (ClimatePlan.objects.count(), PhaseEvent.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_control_characters_are_cleaned(coordinator):
    plan = set_plan(coordinator, "461", comment="  Ny\x07 fase\r\n", notes="a\x07b")
    assert plan.events.get().comment == "Ny fase" and plan.notes == "ab"


def test_not_started_without_phase_is_allowed(coordinator):
    plan = operations.update_plan(
        coordinator,
        Municipality.objects.get(code="461"),
        update_data(phase="", status="ikke_startet", cohort="", joined_year=""),
        today=TODAY,
    )
    assert plan.phase is None and plan.status == PlanStatus.NOT_STARTED
