"""Reference data from the KD-Net material (seed 003, the minutes of KD-Net's meeting on
28 Aug 2020, item 4 "DK2020"): the process phases with the sentences they rest on, and the
municipalities the minutes name as already taking part.

What the minutes do not say is not invented here:
- they describe the process up to the start in December 2020 and that each municipality then
  writes its plan by the C40 method; the phases after that (adoption, approval in the
  partnership, implementation) are added with `from_seed=False` and no quote;
- they name Randers, Aarhus, Samsø and Lemvig as "already taking part" but neither the year they
  joined nor how far their plans were, so those plans stand in the phase "Optagelse" with status
  "I gang" as of the meeting date;
- they name no municipality for round 1 or round 2 (applications were due after the meeting).

Loaded by the data migration `0002_reference_data` (and again by the tests after a flush).
"""

import datetime as dt
from typing import Any

SOURCE = "KD-Net, referat af mødet 28. august 2020, punkt 4 (DK2020)"
SOURCE_SHORT = "KD-Net-referat 28.08.2020"
MEETING_DATE = dt.date(2020, 8, 28)

# (position, code, name, description, quote from the minutes or "")
PHASES: list[tuple[int, str, str, str, str]] = [
    (
        1,
        "tilslutning",
        "Kommunalbestyrelsens behandling af tilslutning",
        "Kommunalbestyrelsen drøfter og beslutter, om kommunen vil deltage i DK2020. "
        "Beslutningen træffes lokalt på grundlag af den fælles sagsfremstilling.",
        "August – oktober: Kommunalbestyrelserne drøfter og behandler tilslutning. "
        "[…] Den endelige beslutning om deltagelse i projektet for den enkelte kommune træffes "
        "lokalt.",
    ),
    (
        2,
        "ansoegning",
        "Ansøgning til Realdania",
        "Kommunen ansøger via Realdania om at deltage i et DK2020-projektforløb.",
        "De enkelte kommuner skal ansøge om at deltage i et DK2020-projektforløb via Realdania. "
        "Deadline er 21. oktober 2020 for ansøgning til 1. runde – og forventeligt oktober 2021 "
        "til 2. runde.",
    ),
    (
        3,
        "optagelse",
        "Optagelse i fase 1 eller 2",
        "KKR behandler overblikket over tilslutningen, og kommunen optages i 1. eller 2. runde.",
        "November: KKR behandler overblik over tilslutning, herunder antal deltagende kommuner "
        "i hhv. fase 1 og 2.",
    ),
    (
        4,
        "igangsaettelse",
        "Igangsættelse af DK2020",
        "Projektforløbet sættes i gang, eventuelt med en opstartskonference.",
        "December: Igangsættelse af DK2020 evt. med opstartskonference",
    ),
    (
        5,
        "udarbejdelse",
        "Udarbejdelse af klimaplan efter C40-metoden",
        "Kommunen udarbejder sin klimaplan efter C40-byernes metode med 1:1-vejledning fra den "
        "fælleskommunale klimakoordinator.",
        "Med DK2020 inviteres alle landets kommuner til at deltage i et projektforløb, der "
        "understøtter den enkelte kommune i at udarbejde en klimaplan efter samme metode, som "
        "bruges af de nogle af de største byer i verden, C40-byerne. […] Klimakoordinatorens "
        "primære opgave er 1:1 vejledning af kommunerne i forbindelse med udarbejdelse af "
        "klimaplanerne.",
    ),
    (
        6,
        "vedtagelse",
        "Politisk vedtagelse",
        "Kommunalbestyrelsen vedtager klimaplanen. KD-Net-referatet beskriver ikke denne fase.",
        "",
    ),
    (
        7,
        "godkendelse",
        "Godkendelse i DK2020-partnerskabet",
        "Klimaplanen vurderes i partnerskabet i forhold til C40-metoden og godkendes. "
        "KD-Net-referatet beskriver ikke denne fase.",
        "",
    ),
    (
        8,
        "implementering",
        "Implementering",
        "Kommunen gennemfører og følger op på klimaplanens handlinger. KD-Net-referatet "
        "beskriver ikke denne fase.",
        "",
    ),
]

ALREADY_TAKING_PART_QUOTE = (
    "Det forventes at der optages 7 - 8 kommuner fra den midtjyske region i hver de to rul "
    "(Randers, Aarhus, Samsø og Lemvig er allerede med)."
)
# Municipality codes the minutes name as already taking part (Randers, Aarhus, Samsø, Lemvig).
ALREADY_TAKING_PART = ["730", "751", "741", "665"]
REFERENCE_PHASE = "optagelse"


def load_reference_data(
    phase_model: Any, plan_model: Any, event_model: Any, municipality_model: Any
) -> None:
    """Create or update the phases; create the plans the minutes state, unless a plan exists
    (a later update by a user is never overwritten). Works with historical migration models."""
    phases = {}
    for position, code, name, description, quote in PHASES:
        phases[code], _ = phase_model.objects.update_or_create(
            code=code,
            defaults={
                "position": position,
                "name": name,
                "description": description,
                "source_quote": quote,
                "source": SOURCE if quote else "",
                "from_seed": bool(quote),
            },
        )
    for code in ALREADY_TAKING_PART:
        municipality = municipality_model.objects.filter(code=code).first()
        if municipality is None or plan_model.objects.filter(municipality=municipality).exists():
            continue
        plan = plan_model.objects.create(
            municipality=municipality,
            cohort="foer_1_runde",
            phase=phases[REFERENCE_PHASE],
            status="i_gang",
            notes=f"{SOURCE}: »{ALREADY_TAKING_PART_QUOTE}«",
        )
        event_model.objects.create(
            plan=plan,
            phase=phases[REFERENCE_PHASE],
            status="i_gang",
            date=MEETING_DATE,
            comment=f"»{ALREADY_TAKING_PART_QUOTE}«",
            actor_name=SOURCE_SHORT,
        )
