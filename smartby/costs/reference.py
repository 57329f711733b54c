"""Reference content from the seed (KD-Net, 28 Aug 2020, item 5 and the GovTech annexes):
GovTech Midtjylland, its 19 municipalities and the budget rule — DKK 2,900,000 a year, Region
Midtjylland pays DKK 500,000, the municipalities share DKK 2,400,000 with 25 % split equally and
75 % by population — plus the scenario the notes record: Viborg and Samsø withdraw and the
total is kept. Installed by a data migration; populations are the registry's at that time."""

from typing import Any

GOVTECH_NAME = "GovTech Midtjylland"
GOVTECH_SLUG = "govtech-midtjylland"
GOVTECH_DESCRIPTION = (
    "En fælles struktur – ikke en ny organisation – for de 19 midtjyske kommuner og Region "
    "Midtjylland, der skal hjælpe med at tage nye teknologier (først IoT) i brug og stille de "
    "rigtige krav til leverandører. Værtskab hos ITK i Aarhus Kommune, 3 årsværk inkl. en "
    "daglig leder.\n\n"
    "Budget pr. år i 3 år: 3 årsværk 1.800.000 kr., udviklingsmidler 500.000 kr., drift, "
    "administration og overhead 600.000 kr. – i alt 2.900.000 kr. Region Midtjylland betaler "
    "500.000 kr.; resten fordeles mellem kommunerne: 25 % på antal kommuner og 75 % på antal "
    "indbyggere (KD-Net 28. august 2020, bilag 6: „Scenarie 1“)."
)
# The 19 municipalities of Region Midtjylland, by DAGI code.
GOVTECH_CODES = [
    "751", "730", "791", "740", "615", "657", "746", "661", "760", "710",
    "766", "779", "706", "756", "707", "727", "671", "665", "741",
]  # fmt: skip
GOVTECH_YEAR = 2021
GOVTECH_BUDGET = 2_900_000
GOVTECH_REGION = ("Region Midtjylland", 500_000)
GOVTECH_EQUAL_PERCENT = 25
WITHDRAWN = ["791", "741"]  # Viborg and Samsø


def install_govtech(apps: Any) -> None:
    """Create GovTech Midtjylland (skipped if it exists or the municipalities lack figures)."""
    Collaboration = apps.get_model("costs", "Collaboration")
    Member = apps.get_model("costs", "Member")
    BudgetYear = apps.get_model("costs", "BudgetYear")
    Contribution = apps.get_model("costs", "Contribution")
    Participant = apps.get_model("costs", "Participant")
    Scenario = apps.get_model("costs", "Scenario")
    Municipality = apps.get_model("geo", "Municipality")

    if Collaboration.objects.filter(slug=GOVTECH_SLUG).exists():
        return
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=GOVTECH_CODES)}
    if len(municipalities) != len(GOVTECH_CODES) or any(
        m.population is None for m in municipalities.values()
    ):
        return
    collaboration = Collaboration.objects.create(
        name=GOVTECH_NAME, slug=GOVTECH_SLUG, description=GOVTECH_DESCRIPTION
    )
    members = {
        code: Member.objects.create(
            collaboration=collaboration,
            name=municipalities[code].name,
            kind="kommune",
            municipality=municipalities[code],
        )
        for code in GOVTECH_CODES
    }
    dates = [m.population_date for m in municipalities.values() if m.population_date]
    by = BudgetYear.objects.create(
        collaboration=collaboration,
        year=GOVTECH_YEAR,
        budget=GOVTECH_BUDGET,
        equal_percent=GOVTECH_EQUAL_PERCENT,
        population_date=max(dates) if dates else None,
        notes=(
            "Fordelingen ved deltagelse af alle 19 kommuner og Region Midtjylland, som skitseret "
            "i notatet til KD-Net."
        ),
    )
    Contribution.objects.create(budget_year=by, name=GOVTECH_REGION[0], amount=GOVTECH_REGION[1])
    for code in GOVTECH_CODES:
        Participant.objects.create(
            budget_year=by, member=members[code], population=municipalities[code].population
        )
    scenario = Scenario.objects.create(
        budget_year=by,
        name="Viborg og Samsø træder ud",
        description=(
            "Viborg og Samsø trak sig; det samlede budget blev fastholdt, så de øvrige "
            "kommuner betaler forholdsmæssigt mere."
        ),
    )
    scenario.leaving.set([members[code] for code in WITHDRAWN])


def uninstall_govtech(apps: Any) -> None:
    Collaboration = apps.get_model("costs", "Collaboration")
    Participant = apps.get_model("costs", "Participant")
    Participant.objects.filter(budget_year__collaboration__slug=GOVTECH_SLUG).delete()
    Collaboration.objects.filter(slug=GOVTECH_SLUG).delete()
