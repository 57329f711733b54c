"""Demo content for porteføljeopfølgning (called by `smartby demo` after the projects).

The real 2016-2020 strategy and initiative 5.2 come from the data migration and get no invented
status. The demo adds one clearly marked, invented strategy with four initiatives carried out by
demo projects (the lead organisation of the first project is the responsible organisation, so
its members may report), an effect goal each with yearly measurements, and quarterly status
reports with traffic lights. Deterministic for a seed; idempotent: skipped if the demo strategy
exists."""

import random
from dataclasses import dataclass

from django.db import transaction

from smartby.portfolio import operations
from smartby.portfolio.models import Strategy
from smartby.registry.models import Project

TITLE = "Fælles datadrevet by 2024-2027 (demo)"
LIGHTS = ["groen", "groen", "groen", "gul", "gul", "roed"]


@dataclass(frozen=True)
class Demo:
    focus_area: str
    number: str
    title: str
    area: str  # registry area name of the projects that carry it out
    budget: int
    spend_share: float
    indicator: str
    unit: str
    baseline: int
    target: int


DEMOS = [
    Demo(
        "1",
        "1.1",
        "Fælles sensornetværk",
        "Forsyning",
        3_200_000,
        0.94,
        "Kommuner med LoRaWAN-dækning",
        "kommuner",
        6,
        20,
    ),
    Demo(
        "1",
        "1.2",
        "Data om trafik og parkering",
        "Teknik og miljø",
        1_800_000,
        1.12,
        "Kommuner der deler parkeringsdata",
        "kommuner",
        2,
        12,
    ),
    Demo(
        "2",
        "2.1",
        "Indeklima i skoler",
        "Læring og uddannelse",
        2_400_000,
        0.88,
        "Klasselokaler med CO2-måling",
        "lokaler",
        150,
        900,
    ),
    Demo(
        "2",
        "2.2",
        "Velfærdsteknologi i hjemmeplejen",
        "Social og sundhed",
        2_900_000,
        1.03,
        "Borgere med digitalt understøttet pleje",
        "borgere",
        400,
        1500,
    ),
]
FOCUS_AREAS = {"1": "Data og sensorer i byen", "2": "Bedre velfærd med teknologi"}


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    if Strategy.objects.filter(title=TITLE).exists():
        return
    rng = random.Random(seed)
    with transaction.atomic():
        strategy = operations.create_strategy(
            None,
            {
                "title": TITLE,
                "short_title": "",
                "period": "2024-2027",
                "owner": "Kommunerne i demo-netværket",
                "description": "Opdigtet demo-strategi til at vise porteføljeopfølgningen.",
                "source": "",
            },
        )
        for number, title in FOCUS_AREAS.items():
            operations.create_focus_area(
                None, strategy, {"number": number, "title": title, "description": ""}
            )
        for demo in DEMOS:
            _initiative(strategy, demo, rng)


def _initiative(strategy: Strategy, demo: Demo, rng: random.Random) -> None:
    projects = list(
        Project.objects.filter(area__name=demo.area)
        .order_by("id")
        .select_related("lead_organisation")[:3]
    )
    spend = round(demo.budget * demo.spend_share / 1000) * 1000
    initiative = operations.create_initiative(
        None,
        strategy,
        {
            "focus_area": str(strategy.focus_areas.get(number=demo.focus_area).pk),
            "number": demo.number,
            "title": demo.title,
            "description": f"Demo-initiativ: {demo.title.lower()} på tværs af kommunerne.",
            "ministry": "",
            "institution": "Demo-netværket",
            "steering_group": "Styregruppen for datadrevet by",
            "project_owner": "Projektejer (demo)",
            "project_leader": "Projektleder (demo)",
            "responsible_organisation": str(projects[0].lead_organisation_id) if projects else "",
            "start_date": "2024-01-01",
            "expected_end": "2027-12-31",
            "actual_end": "",
            "budget_dkk": str(demo.budget),
            "budget_note": "Fælleskommunalt finansieret",
            "spend_dkk": str(spend),
            "spend_note": "",
            "purpose": f"At {demo.title.lower()} bliver udbredt i flere kommuner.",
            "results": "",
            "effect_summary": "",
            "evaluation": "",
            "future_ownership": "",
            "economy": "",
            "more_info_url": "",
            "projects": "\n".join(p.slug for p in projects),
        },
    )
    goal = operations.create_effect_goal(
        None,
        initiative,
        {
            "number": "1",
            "kind": "adfaerd",
            "text": f"Flere kommuner tager {demo.title.lower()} i brug",
            "description": "",
            "indicator": demo.indicator,
            "unit": demo.unit,
            "baseline_value": str(demo.baseline),
            "baseline_date": "2024-01-01",
            "target_value": str(demo.target),
            "target_date": "2027-12-31",
            "result": "",
        },
    )
    step = (demo.target - demo.baseline) / 4
    for i, year in enumerate((2024, 2025, 2026), start=1):
        value = demo.baseline + step * i * rng.uniform(0.7, 1.1)
        operations.add_measurement(
            None, goal, {"date": f"{year}-12-31", "value": str(round(value)), "note": ""}
        )
    for year in (2025, 2026):
        for quarter, day in ((1, "03-31"), (2, "06-30"), (3, "09-30"), (4, "12-31")):
            lights = [rng.choice(LIGHTS) for _ in range(3)]
            operations.add_status_report(
                None,
                initiative,
                {
                    "period": f"{year} K{quarter}",
                    "report_date": f"{year}-{day}",
                    "time": lights[0],
                    "economy": lights[1],
                    "quality": lights[2],
                    "comment": _comment(lights),
                },
            )


def _comment(lights: list[str]) -> str:
    if "roed" in lights:
        return "Leverancen er forsinket; styregruppen har godkendt en ny plan."
    if "gul" in lights:
        return "Enkelte aktiviteter er skubbet, men slutdatoen holder."
    return "Initiativet følger planen."
