"""The reference data the migration loads from the KD-Net minutes, and the database's own
guarantees (one plan per municipality, valid status, adopted plans have a date)."""

import pytest
from django.db import IntegrityError, transaction

from smartby.climate.models import ClimatePlan, Phase, PhaseEvent, PlanStatus
from smartby.climate.reference import ALREADY_TAKING_PART, MEETING_DATE
from smartby.geo.models import Municipality

pytestmark = pytest.mark.django_db


def test_phases_follow_the_minutes_and_mark_what_they_do_not_describe():
    phases = list(Phase.objects.order_by("position"))
    assert [p.code for p in phases] == [
        "tilslutning",
        "ansoegning",
        "optagelse",
        "igangsaettelse",
        "udarbejdelse",
        "vedtagelse",
        "godkendelse",
        "implementering",
    ]
    seeded = [p for p in phases if p.from_seed]
    assert [p.position for p in seeded] == [1, 2, 3, 4, 5]
    assert all(p.source_quote and "KD-Net" in p.source for p in seeded)
    assert "21. oktober 2020" in phases[1].source_quote
    assert "C40-byerne" in phases[4].source_quote
    assert all(not p.source_quote for p in phases if not p.from_seed)


def test_the_four_municipalities_already_taking_part_are_reference_data():
    plans = ClimatePlan.objects.select_related("municipality", "phase")
    assert sorted(p.municipality.name for p in plans) == ["Aarhus", "Lemvig", "Randers", "Samsø"]
    assert sorted(p.municipality.code for p in plans) == sorted(ALREADY_TAKING_PART)
    for plan in plans:
        assert plan.cohort == "foer_1_runde" and plan.phase.code == "optagelse"
        assert plan.status == PlanStatus.IN_PROGRESS and not plan.is_demo
        [event] = plan.events.all()
        assert event.date == MEETING_DATE and "allerede med" in event.comment
    assert str(plans.get(municipality__code="751")) == "Klimaplan for Aarhus"
    assert plans.get(municipality__code="751").get_absolute_url() == "/dk2020/751/"


def test_database_refuses_inconsistent_plans():
    odense = Municipality.objects.get(code="461")
    phase = Phase.objects.get(code="udarbejdelse")
    cases = [
        {"status": "ukendt", "phase": phase},
        {"status": PlanStatus.ADOPTED, "phase": phase, "adopted_date": None},
        {"status": PlanStatus.IN_PROGRESS, "phase": None},
        {"status": PlanStatus.IN_PROGRESS, "phase": phase, "joined_year": 1999},
        {"status": PlanStatus.IN_PROGRESS, "phase": phase, "cohort": "3_runde"},
    ]
    for fields in cases:
        with pytest.raises(IntegrityError), transaction.atomic():
            ClimatePlan.objects.create(municipality=odense, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClimatePlan.objects.create(
            municipality=Municipality.objects.get(code="751"), status=PlanStatus.NOT_STARTED
        )
    plan = ClimatePlan.objects.get(municipality__code="751")
    with pytest.raises(IntegrityError), transaction.atomic():
        PhaseEvent.objects.create(plan=plan, status="x", date=MEETING_DATE)
