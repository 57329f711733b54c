"""Demo content for teknologiradar (called by `smartby demo`): a published 2025 edition before
the reference edition of 2026 (radar.reference), so that the radar shows moves: technologies
that moved in or out, new ones and one (Blockchain) that left the radar. The content is fixed,
so every seed gives the same edition; nothing happens when a 2025 edition exists."""

import datetime as dt

from django.db import transaction

from smartby.radar.models import Blip, Edition
from smartby.registry.models import Technology

YEAR = 2025
TITLE = "Teknologiradar 2025"
INTRODUCTION = (
    "Den første fælles udgave af teknologiradaren fra netværkets arbejdsgruppe. Den samler "
    "erfaringerne fra de kommuner, der har arbejdet med IoT de seneste år, og peger på, hvor "
    "vi skal afprøve sammen i det kommende år."
)

BLIPS: list[tuple[str, str, str, str]] = [
    (
        "IoT-sensorer",
        "sensorer",
        "anvend",
        "Sensorer er billige og afprøvet i mange kommuner. Brug dem, men stil krav om adgang "
        "til data.",
    ),
    (
        "Affaldssensorer",
        "sensorer",
        "undersoeg",
        "Flere kommuner overvejer fyldningssensorer, men tilbuddene er dyre og giver ikke "
        "kommunen adgang til data. Undersøg markedet sammen.",
    ),
    (
        "Intelligent bygningsstyring",
        "sensorer",
        "afproev",
        "Indeklimamålinger i skoler er efterspurgte. Afprøv med fokus på de samlede "
        "abonnementsudgifter.",
    ),
    (
        "Droner",
        "sensorer",
        "undersoeg",
        "Droner er lovende til inspektion, men regler og kompetencer mangler i de fleste kommuner.",
    ),
    (
        "Robotter",
        "sensorer",
        "undersoeg",
        "Robotter afprøves i Aarhus. Undersøg, hvilke opgaver de kan løse i mindre kommuner.",
    ),
    (
        "LoRaWAN",
        "netvaerk",
        "afproev",
        "Et billigt netværk til sensorer. Afprøv fælles netværk, før hver forvaltning bygger "
        "sit eget.",
    ),
    (
        "Wi-Fi og bredbånd",
        "netvaerk",
        "anvend",
        "Findes allerede i kommunale bygninger; brug det til enheder med strøm.",
    ),
    (
        "Smart grid og energistyring",
        "netvaerk",
        "undersoeg",
        "Interessant for klimaplanerne, men markedet er umodent.",
    ),
    (
        "Blockchain",
        "netvaerk",
        "undersoeg",
        "Nævnt som en af GovTech-teknologierne. Undersøg, om der findes kommunale use cases, "
        "hvor en delt database ikke er nok.",
    ),
    (
        "Åbne data",
        "data",
        "anvend",
        "Byg videre på Open Data DK, og stil krav om offentliggørelse i kontrakter.",
    ),
    ("Geodata og GIS", "data", "anvend", "Kommunernes fælles grunddata er modne og brugte."),
    (
        "Dataplatform",
        "data",
        "undersoeg",
        "En fælles platform kan forhindre, at data låses inde. Undersøg mulighederne.",
    ),
    (
        "Smart belysning",
        "anvendelser",
        "afproev",
        "Styret LED-belysning sparer strøm; afprøv styring efter behov.",
    ),
    (
        "Trafikstyring",
        "anvendelser",
        "afproev",
        "Intelligent trafikregulering afprøves i de større byer.",
    ),
    (
        "Parkeringshenvisning",
        "anvendelser",
        "afvent",
        "Abonnementer pr. P-plads er dyre; vent på erfaringerne fra de første kommuner.",
    ),
    (
        "Velfærdsteknologi",
        "anvendelser",
        "afproev",
        "Monitorering hos hjemmeboende ældre afprøves med respekt for persondata.",
    ),
    (
        "AI",
        "anvendelser",
        "afvent",
        "Kræver data af god kvalitet, som de fleste kommuner endnu ikke har. Vent.",
    ),
]


def load(*, seed: int) -> None:
    """Create the 2025 edition unless it exists (the same for every seed)."""
    if Edition.objects.filter(year=YEAR).exists():
        return
    technologies = {
        t.name: t for t in Technology.objects.filter(name__in=[name for name, *_ in BLIPS])
    }
    with transaction.atomic():
        edition = Edition.objects.create(
            year=YEAR,
            title=TITLE,
            introduction=INTRODUCTION,
            published=True,
            published_at=dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC),
        )
        Blip.objects.bulk_create(
            Blip(
                edition=edition,
                technology=technologies[name],
                quadrant=quadrant,
                ring=ring,
                rationale=rationale,
            )
            for name, quadrant, ring, rationale in BLIPS
            if name in technologies
        )
