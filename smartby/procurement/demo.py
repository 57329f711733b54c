"""Demo content for udbudsklausuler (called by `smartby demo`).

Four municipalities get a saved requirement document each, composed from the reference clauses
for a purchase like those in the GovTech Midtjylland note (waste-bin sensors, indoor-climate
sensors in classrooms, parking sensors, air-quality sensors), and the exit-plan clause gets one
pending proposal so the coordinators' review queue has something in it. The deadlines vary with
the seed. Organisations that already have documents are skipped, so running it again changes
nothing.
"""

import random

from django.db import transaction

from smartby.orgs.models import Organisation
from smartby.procurement import composer
from smartby.procurement.models import Clause, ClauseVersion, RequirementDocument, VersionStatus

COMMON = {
    "leverandør": "Leverandøren",
    "dataformat": "CSV og JSON",
    "licens": "Creative Commons CC BY 4.0",
    "api_standard": "OpenAPI 3",
    "sikkerhedsstandard": "ISO/IEC 27001",
    "revisionserklæring": "ISAE 3402 type 2",
    "databehandleraftale": "Datatilsynets standardkontraktbestemmelser",
    "behandlingssted": "EU/EØS",
    "datamodel": "FIWARE Smart Data Models",
}

DOCUMENTS = [
    {
        "code": "730",  # Randers
        "title": "Kravspecifikation: sensorer i affaldsspande",
        "løsning": "affaldsløsningen",
        "forsinkelse": "1 time",
        "clauses": [
            "ejerskab-til-data",
            "adgang-til-raadata",
            "genbrug-af-enheder",
            "exitplan",
            "dataudlevering-ved-ophoer",
            "ingen-leverandoerbinding",
            "gennemsigtige-loebende-omkostninger",
        ],
    },
    {
        "code": "615",  # Horsens
        "title": "Indeklimamålinger i alle klasselokaler",
        "løsning": "indeklimaløsningen",
        "forsinkelse": "15 minutter",
        "clauses": [
            "ejerskab-til-data",
            "adgang-til-raadata",
            "offentliggoerelse-af-data",
            "dokumenteret-api",
            "gennemsigtige-loebende-omkostninger",
            "sikre-enheder-og-opdateringer",
        ],
    },
    {
        "code": "665",  # Lemvig
        "title": "Parkeringssensorer i midtbyen",
        "løsning": "parkeringsløsningen",
        "forsinkelse": "5 minutter",
        "clauses": [
            "adgang-til-raadata",
            "aabne-standarder-og-datamodeller",
            "genbrug-af-enheder",
            "dataudlevering-ved-ophoer",
            "dataminimering-i-sensorloesninger",
        ],
    },
    {
        "code": "751",  # Aarhus
        "title": "Luftkvalitetssensorer – OPI-samarbejde",
        "løsning": "luftkvalitetsløsningen",
        "forsinkelse": "10 minutter",
        "pilotområde": "Aarhus Ø og Frederiksbjerg",
        "clauses": [
            "ejerskab-til-data",
            "offentliggoerelse-af-data",
            "ledelsessystem-for-informationssikkerhed",
            "databehandleraftale",
            "behandling-i-eu",
            "opi-rettigheder",
            "opi-rammer-og-senere-udbud",
        ],
    },
]


def _values(rng: random.Random, spec: dict) -> dict[str, str]:
    return COMMON | {
        "løsning": spec["løsning"],
        "forsinkelse": spec["forsinkelse"],
        "pilotområde": spec.get("pilotområde", ""),
        "frist_arbejdsdage": str(rng.choice((10, 15, 20, 30))),
        "exit_frist_arbejdsdage": str(rng.choice((20, 30, 40))),
        "opbevaring_dage": str(rng.choice((60, 90))),
        "hændelse_timer": str(rng.choice((24, 36, 48))),
        "sårbarhed_dage": str(rng.choice((7, 14, 30))),
        "kildekode_licens": rng.choice(("MPL 2.0", "GPL 3.0")),
        "udviklingsperiode_måneder": str(rng.choice((9, 12, 18))),
    }


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    by_code = {
        o.municipality.code: o
        for o in Organisation.objects.filter(
            municipality__code__in=[d["code"] for d in DOCUMENTS]
        ).select_related("municipality")
    }
    with transaction.atomic():
        for spec in DOCUMENTS:
            organisation = by_code.get(spec["code"])
            if organisation is None or organisation.requirement_documents.exists():
                continue
            rng = random.Random(f"procurement-{seed}-{spec['code']}")
            versions = composer.current_versions(spec["clauses"])
            if not versions:
                continue
            names = composer.placeholder_names(versions)
            values = {k: v for k, v in _values(rng, spec).items() if k in names}
            document = RequirementDocument.objects.create(
                title=spec["title"],
                buyer=organisation.name,
                include_reasons=True,
                organisation=organisation,
                values=values,
            )
            document.clause_versions.set(versions)
        _proposal()


def _proposal() -> None:
    clause = Clause.objects.filter(slug="exitplan").select_related("current_version").first()
    if clause is None or clause.current_version is None or clause.versions.count() > 1:
        return
    current = clause.current_version
    ClauseVersion.objects.create(
        clause=clause,
        number=current.number + 1,
        status=VersionStatus.PROPOSED,
        text=current.text.replace("mindst én gang om året", "mindst hvert halve år"),
        reason=current.reason,
        guidance=current.guidance,
        change_note="Forslag: opdatér exitplanen hvert halve år, da IoT-løsninger ændres ofte.",
        based_on=current,
    )
