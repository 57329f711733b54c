"""Demo content for DK2020 (called by `smartby demo`): a plausible, invented phase and status
with a short history for every municipality that has no plan yet (the plans the KD-Net minutes
state are reference data and are left alone). Every demo plan is marked `is_demo` and shown as
"Demodata"; its history entries are signed "Demodata". The same seed gives the same content
(all dates are fixed, 2020–2025); a second call adds nothing."""

import datetime as dt
import random

from django.db import transaction

from smartby.climate.models import ClimatePlan, Cohort, Phase, PhaseEvent, PlanStatus
from smartby.geo.models import Municipality

DEMO_LABEL = "Demodata"
NOTE = "Demodata: fasen, statussen og historikken er opdigtet til demonstration."
# (cohort, first possible start, share of municipalities, the furthest phase positions possible)
COHORTS = [
    (Cohort.ROUND_1, dt.date(2020, 11, 1), 0.45, (5, 8)),
    (Cohort.ROUND_2, dt.date(2021, 11, 1), 0.45, (4, 7)),
]
LAST_DATE = dt.date(2025, 6, 30)


def _status(position: int, last: bool, rng: random.Random) -> str:
    """Writing the plan (1–5) is in progress; adoption makes it adopted; in the approval phase
    the last entry may still await approval; after that it is approved."""
    if position <= 5:
        return PlanStatus.IN_PROGRESS
    if position == 6:
        return PlanStatus.ADOPTED
    if position == 7 and last:
        return rng.choice([PlanStatus.ADOPTED, PlanStatus.APPROVED])
    return PlanStatus.APPROVED


def load(*, seed: int) -> None:
    """Create a demo plan with history for each municipality without a plan."""
    phases = {p.position: p for p in Phase.objects.all()}
    if not phases:
        return
    todo = list(Municipality.objects.filter(climate_plan__isnull=True).order_by("code"))
    with transaction.atomic():
        for m in todo:
            # One generator per municipality: its demo plan does not depend on the others.
            rng = random.Random(f"climate-{seed}-{m.code}")
            draw = rng.random()
            if draw >= 0.9:
                # Not joined: half without any plan, half discussing joining.
                if draw < 0.95:
                    continue
                plan = ClimatePlan.objects.create(
                    municipality=m,
                    phase=phases[1],
                    status=PlanStatus.NOT_STARTED,
                    notes=NOTE,
                    is_demo=True,
                )
                PhaseEvent.objects.create(
                    plan=plan,
                    phase=phases[1],
                    status=PlanStatus.NOT_STARTED,
                    date=dt.date(2021, 9, 1) + dt.timedelta(days=rng.randrange(0, 300)),
                    comment="Kommunalbestyrelsen har endnu ikke behandlet tilslutning.",
                    actor_name=DEMO_LABEL,
                )
                continue
            cohort, start, _share, (low, high) = COHORTS[0 if draw < 0.45 else 1]
            furthest = rng.randint(low, high)
            day = start - dt.timedelta(days=rng.randrange(60, 120))
            events = []
            adopted = None
            for position in range(1, furthest + 1):
                status = _status(position, position == furthest, rng)
                if position == 6:
                    adopted = day
                events.append((phases[position], status, min(day, LAST_DATE)))
                gap = 330 if position == 5 else rng.randrange(20, 75)
                day += dt.timedelta(days=gap + rng.randrange(0, 60))
            last_phase, last_status, _date = events[-1]
            plan = ClimatePlan.objects.create(
                municipality=m,
                cohort=cohort,
                joined_year=events[0][2].year,
                phase=last_phase,
                status=last_status,
                adopted_date=min(adopted, LAST_DATE) if adopted else None,
                notes=NOTE,
                is_demo=True,
            )
            PhaseEvent.objects.bulk_create(
                PhaseEvent(
                    plan=plan,
                    phase=phase,
                    status=status,
                    date=date,
                    comment=f"{phase.name} ({DEMO_LABEL.lower()}).",
                    actor_name=DEMO_LABEL,
                )
                for phase, status, date in events
            )
