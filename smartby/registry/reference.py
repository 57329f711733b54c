"""The taxonomies every installation starts with. Coordinators edit them afterwards."""

from typing import Any

# The 7 areas of the national smart-city survey (CEDI 2014), in the report's order.
AREAS = [
    "Teknik og miljø",
    "Forsyning",
    "Kultur og fritid",
    "Erhvervsudvikling og innovation",
    "Læring og uddannelse",
    "Social og sundhed",
    "Borgerinddragelse",
]

TECHNOLOGIES = [
    "IoT-sensorer",
    "LoRaWAN",
    "Åbne data",
    "Digital tvilling",
    "AI",
    "Droner",
    "Robotter",
    "Velfærdsteknologi",
    "Smart belysning",
    "Intelligent bygningsstyring",
    "Trafikstyring",
    "Parkeringshenvisning",
    "Affaldssensorer",
    "Apps og selvbetjening",
    "Dataplatform",
    "Telemedicin",
    "Fjernundervisning",
    "Elbiler og ladeinfrastruktur",
    "Smart grid og energistyring",
    "Klimatilpasning og vandsensorer",
    "Wi-Fi og bredbånd",
    "Geodata og GIS",
    "Blockchain",
    "Virtual og augmented reality",
]


def load_reference_taxonomies(area_model: Any, technology_model: Any) -> None:
    from smartby.lib.text import danish_slugify

    for order, name in enumerate(AREAS, start=1):
        area_model.objects.get_or_create(
            name=name, defaults={"slug": danish_slugify(name), "sort_order": order}
        )
    for name in TECHNOLOGIES:
        technology_model.objects.get_or_create(name=name, defaults={"slug": danish_slugify(name)})
