"""Realistic Danish demo content for the registry (`smartby demo`).

Everything is derived from `random.Random(seed)` and from reference data read in a fixed order
(municipalities by code, areas and technologies by name), so a seed and a date give the same
projects in every fresh database. Project N of seed S has the uid ``demo-S-N``.

Rows are written with `bulk_create` in batches (one transaction per batch): projects first,
then their many-to-many rows and children. Demo organisations (a pool of fictitious companies
with valid CVR numbers, and real knowledge institutions and networks without CVR) are created
once with `get_or_create` and reused.
"""

import datetime as dt
import math
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from smartby.geo.models import Municipality, Region
from smartby.lib.text import danish_slugify
from smartby.lib.validators import CVR_WEIGHTS
from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry.models import (
    Area,
    Benefit,
    Contact,
    Funding,
    Link,
    Location,
    Partner,
    Project,
    Status,
    Technology,
)
from smartby.search.index import index_projects, reindex_stale

BATCH_SIZE = 2000
SLUG_MAX = 120
# Every generated point lies inside this box (the Location check constraint is a little wider).
LAT_RANGE = (54.5, 57.8)
LON_RANGE = (8.0, 15.2)

# Municipality code -> (main town, lat, lon, jitter radius in km). The points are the main towns,
# moved inland where the town lies on the coast; each disc of that radius lies inside the
# municipality's DAGI 1:500 000 boundary, so jittered points stay on land and in the right
# municipality.
MUNICIPALITY_POINTS: dict[str, tuple[str, float, float, float]] = {
    "101": ("København", 55.7000, 12.5600, 1.2),
    "147": ("Frederiksberg", 55.6786, 12.5250, 1.1),
    "151": ("Ballerup", 55.7317, 12.3633, 1.7),
    "153": ("Brøndby", 55.6455, 12.4041, 1.3),
    "155": ("Dragør", 55.5930, 12.6521, 1.2),
    "157": ("Gentofte", 55.7500, 12.5500, 2.0),
    "159": ("Søborg", 55.7398, 12.4780, 1.5),
    "161": ("Glostrup", 55.6683, 12.4010, 0.8),
    "163": ("Herlev", 55.7263, 12.4350, 0.9),
    "165": ("Albertslund", 55.6864, 12.3540, 1.7),
    "167": ("Hvidovre", 55.6322, 12.4710, 1.7),
    "169": ("Taastrup", 55.6510, 12.2930, 1.5),
    "173": ("Kongens Lyngby", 55.7836, 12.5110, 1.6),
    "175": ("Rødovre", 55.6810, 12.4500, 1.0),
    "183": ("Ishøj", 55.6218, 12.3381, 1.3),
    "185": ("Kastrup", 55.6232, 12.6189, 1.6),
    "187": ("Vallensbæk", 55.6230, 12.3850, 0.7),
    "190": ("Farum", 55.8080, 12.3600, 1.4),
    "201": ("Lillerød", 55.8750, 12.3450, 1.7),
    "210": ("Fredensborg", 55.9750, 12.4030, 2.0),
    "217": ("Helsingør", 56.0337, 12.5774, 1.8),
    "219": ("Hillerød", 55.9270, 12.3000, 3.0),
    "223": ("Hørsholm", 55.8878, 12.5130, 1.5),
    "230": ("Holte", 55.8210, 12.4700, 1.9),
    "240": ("Stenløse", 55.7680, 12.1940, 1.8),
    "250": ("Frederikssund", 55.8458, 12.0850, 1.8),
    "253": ("Greve", 55.5920, 12.2841, 1.8),
    "259": ("Køge", 55.4625, 12.1582, 1.8),
    "260": ("Frederiksværk", 55.9723, 12.0431, 1.8),
    "265": ("Roskilde", 55.6307, 12.0800, 1.9),
    "269": ("Solrød Strand", 55.5388, 12.2002, 1.8),
    "270": ("Helsinge", 56.0220, 12.1970, 3.0),
    "306": ("Nykøbing Sjælland", 55.9205, 11.6389, 1.8),
    "316": ("Holbæk", 55.7012, 11.7130, 1.9),
    "320": ("Haslev", 55.3230, 11.9640, 3.0),
    "326": ("Kalundborg", 55.6958, 11.0930, 1.8),
    "329": ("Ringsted", 55.4430, 11.7900, 3.0),
    "330": ("Slagelse", 55.4030, 11.3540, 3.0),
    "336": ("Store Heddinge", 55.3100, 12.3900, 3.0),
    "340": ("Sorø", 55.4320, 11.5560, 2.4),
    "350": ("Hvalsø", 55.5968, 11.8739, 1.9),
    "360": ("Nakskov", 54.8390, 11.1645, 1.8),
    "370": ("Næstved", 55.2300, 11.7610, 3.0),
    "376": ("Nykøbing Falster", 54.7758, 11.8935, 1.8),
    "390": ("Vordingborg", 55.0216, 11.8993, 1.8),
    "400": ("Rønne", 55.1000, 14.7296, 1.8),
    "410": ("Middelfart", 55.4924, 9.7657, 1.8),
    "420": ("Assens", 55.2700, 9.9237, 1.9),
    "430": ("Ringe", 55.2380, 10.4800, 3.0),
    "440": ("Kerteminde", 55.4693, 10.6412, 1.7),
    "450": ("Nyborg", 55.3263, 10.7772, 1.8),
    "461": ("Odense", 55.3959, 10.3883, 3.0),
    "479": ("Svendborg", 55.0680, 10.5835, 1.9),
    "480": ("Bogense", 55.5534, 10.1079, 1.8),
    "482": ("Rudkøbing", 54.9247, 10.7295, 1.9),
    "492": ("Ærøskøbing", 54.8677, 10.3925, 1.8),
    "510": ("Haderslev", 55.2513, 9.4634, 1.8),
    "530": ("Grindsted", 55.7570, 8.9270, 3.0),
    "540": ("Sønderborg", 54.9158, 9.8154, 1.8),
    "550": ("Tønder", 54.9330, 8.8670, 3.0),
    "561": ("Esbjerg", 55.4760, 8.4590, 1.5),
    "563": ("Nordby", 55.4450, 8.3772, 1.7),
    "573": ("Varde", 55.6210, 8.4810, 3.0),
    "575": ("Vejen", 55.4810, 9.1380, 3.0),
    "580": ("Aabenraa", 55.0508, 9.3955, 1.8),
    "607": ("Fredericia", 55.5786, 9.7401, 1.9),
    "615": ("Horsens", 55.8610, 9.8260, 1.8),
    "621": ("Kolding", 55.4945, 9.4522, 1.8),
    "630": ("Vejle", 55.7135, 9.5121, 1.9),
    "657": ("Herning", 56.1360, 8.9770, 3.0),
    "661": ("Holstebro", 56.3600, 8.6160, 3.0),
    "665": ("Lemvig", 56.5377, 8.3304, 1.8),
    "671": ("Struer", 56.4762, 8.5808, 1.8),
    "706": ("Ebeltoft", 56.1905, 10.7042, 1.8),
    "707": ("Grenaa", 56.4160, 10.8780, 2.4),
    "710": ("Hinnerup", 56.2660, 10.0630, 3.0),
    "727": ("Odder", 55.9730, 10.1530, 3.0),
    "730": ("Randers", 56.4768, 10.0319, 1.8),
    "740": ("Silkeborg", 56.1700, 9.5450, 3.0),
    "741": ("Tranebjerg", 55.8300, 10.5930, 2.5),
    "746": ("Skanderborg", 56.0390, 9.9260, 3.0),
    "751": ("Aarhus", 56.1612, 10.1826, 1.8),
    "756": ("Ikast", 56.1390, 9.1580, 2.6),
    "760": ("Ringkøbing", 56.1013, 8.2641, 1.9),
    "766": ("Hedensted", 55.7700, 9.7010, 2.3),
    "773": ("Nykøbing Mors", 56.8018, 8.8272, 1.8),
    "779": ("Skive", 56.5683, 9.0188, 1.8),
    "787": ("Thisted", 56.9728, 8.6940, 1.8),
    "791": ("Viborg", 56.4530, 9.4020, 3.0),
    "810": ("Brønderslev", 57.2700, 9.9410, 3.0),
    "813": ("Frederikshavn", 57.4455, 10.5090, 1.8),
    "820": ("Aars", 56.8030, 9.5170, 3.0),
    "825": ("Byrum", 57.2540, 11.0000, 1.4),
    "840": ("Støvring", 56.8870, 9.8380, 1.6),
    "846": ("Hobro", 56.6390, 9.7665, 1.8),
    "849": ("Aabybro", 57.1620, 9.7300, 3.0),
    "851": ("Aalborg", 57.0352, 9.9052, 1.8),
    "860": ("Hjørring", 57.4640, 9.9820, 3.0),
}

# How a municipality is named after "i" in a title when its name is a genitive form.
PLACE_NAMES = {"480": "Nordfyn", "820": "Vesthimmerland"}


# --- Organisations -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    specialties: tuple[str, ...] = ()  # technology names the organisation is a partner for
    website: str = ""


# Fictitious companies; their CVR numbers are generated (see demo_cvr) and pass modulus 11.
COMPANIES = [
    DemoOrganisation("Nordlys Sensorik ApS", "virksomhed", ("IoT-sensorer", "LoRaWAN")),
    DemoOrganisation("Lysnet Danmark A/S", "virksomhed", ("Smart belysning", "LoRaWAN")),
    DemoOrganisation("Fjordbyen Data ApS", "virksomhed", ("Dataplatform", "Åbne data", "AI")),
    DemoOrganisation(
        "Klimaværk Rådgivning A/S",
        "virksomhed",
        ("Klimatilpasning og vandsensorer", "Geodata og GIS", "Digital tvilling"),
    ),
    DemoOrganisation("Bølgetal Analytics ApS", "virksomhed", ("AI", "Dataplatform")),
    DemoOrganisation(
        "Vejkryds Mobilitet A/S", "virksomhed", ("Trafikstyring", "Parkeringshenvisning")
    ),
    DemoOrganisation(
        "Ledig Plads ApS", "virksomhed", ("Parkeringshenvisning", "Apps og selvbetjening")
    ),
    DemoOrganisation("Affaldsradar ApS", "virksomhed", ("Affaldssensorer", "IoT-sensorer")),
    DemoOrganisation(
        "Tvillingbyen ApS",
        "virksomhed",
        ("Digital tvilling", "Geodata og GIS", "Virtual og augmented reality"),
    ),
    DemoOrganisation("Luftblik Droneservice ApS", "virksomhed", ("Droner", "Geodata og GIS")),
    DemoOrganisation("Robotgården A/S", "virksomhed", ("Robotter", "Velfærdsteknologi")),
    DemoOrganisation(
        "Omsorgsteknik Danmark ApS", "virksomhed", ("Velfærdsteknologi", "IoT-sensorer")
    ),
    DemoOrganisation("Telepleje Nord ApS", "virksomhed", ("Telemedicin", "Apps og selvbetjening")),
    DemoOrganisation(
        "Indeklima Kontrol A/S",
        "virksomhed",
        ("Intelligent bygningsstyring", "IoT-sensorer"),
    ),
    DemoOrganisation(
        "Varmestyring ApS",
        "virksomhed",
        ("Intelligent bygningsstyring", "Smart grid og energistyring"),
    ),
    DemoOrganisation(
        "Ladepunkt Danmark A/S",
        "virksomhed",
        ("Elbiler og ladeinfrastruktur", "Smart grid og energistyring"),
    ),
    DemoOrganisation("Landfiber A/S", "virksomhed", ("Wi-Fi og bredbånd",)),
    DemoOrganisation("Byens Trådløse ApS", "virksomhed", ("Wi-Fi og bredbånd", "IoT-sensorer")),
    DemoOrganisation("Borgerappen ApS", "virksomhed", ("Apps og selvbetjening", "Åbne data", "AI")),
    DemoOrganisation("Kortværket GIS ApS", "virksomhed", ("Geodata og GIS", "Digital tvilling")),
    DemoOrganisation(
        "Læringslab Danmark ApS",
        "virksomhed",
        ("Fjernundervisning", "Apps og selvbetjening"),
    ),
    DemoOrganisation("Virkelighedsværkstedet ApS", "virksomhed", ("Virtual og augmented reality",)),
    DemoOrganisation("Kædeblok ApS", "virksomhed", ("Blockchain", "Dataplatform")),
    DemoOrganisation(
        "Energifællesskab Øst ApS",
        "virksomhed",
        ("Smart grid og energistyring", "Blockchain"),
    ),
    DemoOrganisation(
        "Vandvagt ApS",
        "virksomhed",
        ("Klimatilpasning og vandsensorer", "IoT-sensorer", "LoRaWAN"),
    ),
    DemoOrganisation("Rutefinder Logistik ApS", "virksomhed", ("Geodata og GIS", "AI")),
    DemoOrganisation("Byrumsrådgiverne A/S", "virksomhed"),
    DemoOrganisation("Grøn Omstilling Consult ApS", "virksomhed"),
]
KNOWLEDGE_INSTITUTIONS = [
    DemoOrganisation("Alexandra Instituttet", "vidensinstitution", website="https://alexandra.dk"),
    DemoOrganisation("Aarhus Universitet", "vidensinstitution", website="https://au.dk"),
    DemoOrganisation("DTU", "vidensinstitution", website="https://www.dtu.dk"),
    DemoOrganisation("Aalborg Universitet", "vidensinstitution", website="https://www.aau.dk"),
    DemoOrganisation(
        "Teknologisk Institut", "vidensinstitution", website="https://www.teknologisk.dk"
    ),
    DemoOrganisation("Københavns Universitet", "vidensinstitution", website="https://www.ku.dk"),
    DemoOrganisation("Syddansk Universitet", "vidensinstitution", website="https://www.sdu.dk"),
    DemoOrganisation(
        "IT-Universitetet i København", "vidensinstitution", website="https://www.itu.dk"
    ),
    DemoOrganisation("Roskilde Universitet", "vidensinstitution", website="https://ruc.dk"),
    DemoOrganisation("VIA University College", "vidensinstitution", website="https://www.via.dk"),
]
ASSOCIATIONS = [
    DemoOrganisation("Gate 21", "forening", website="https://www.gate21.dk"),
    DemoOrganisation(
        "OS2 – offentligt digitaliseringsfællesskab", "forening", website="https://os2.eu"
    ),
]
DEMO_ORGANISATIONS = COMPANIES + KNOWLEDGE_INSTITUTIONS + ASSOCIATIONS


def demo_cvr(name: str) -> str:
    """A CVR number derived from the name: 8 digits, no leading 0, modulus 11 check digit."""
    rng = random.Random(f"smartby-demo-cvr:{name}")
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, CVR_WEIGHTS, strict=False)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def ensure_demo_organisations() -> dict[str, Organisation]:
    """Create the demo organisations that do not exist yet (matched by name)."""
    result = {}
    for org in DEMO_ORGANISATIONS:
        slug = danish_slugify(org.name)
        if Organisation.objects.filter(slug=slug).exclude(name=org.name).exists():
            slug = f"{slug}-demo"
        defaults = {"slug": slug, "kind": org.kind, "website": org.website}
        if org.kind == OrganisationKind.COMPANY:
            defaults["cvr"] = demo_cvr(org.name)
            defaults["website"] = f"https://{slug}.example.org"
        result[org.name], _ = Organisation.objects.get_or_create(name=org.name, defaults=defaults)
    return result


# --- Content templates ---------------------------------------------------------------------


@dataclass(frozen=True)
class BenefitTemplate:
    kind: str
    description: str
    unit: str = ""
    low: float = 0
    high: float = 0


@dataclass(frozen=True)
class Idea:
    """A kind of project: its area, technologies and the phrases its texts are built from."""

    area: str
    technologies: tuple[str, ...]
    titles: tuple[str, ...]
    summary: str
    background: str
    solution: str
    elements: tuple[str, ...]
    benefits: tuple[BenefitTemplate, ...]
    places: tuple[str, ...]
    budget: tuple[int, int]
    scope: tuple[str, int, int] | None = None  # (plural noun, low, high) e.g. containere
    dataset: str = ""
    weight: float = 1.0


B = BenefitTemplate
OKONOMI, KVALITET, KLIMA, ANDET = "okonomi", "kvalitet", "klima", "andet"

IDEAS: list[Idea] = [
    # Teknik og miljø
    Idea(
        "Teknik og miljø",
        ("Smart belysning", "LoRaWAN", "IoT-sensorer"),
        (
            "Intelligent gadebelysning med LoRaWAN",
            "Behovsstyret vejbelysning",
            "Fjernstyret LED-gadebelysning",
            "Adaptiv belysning på stier og cykelruter",
        ),
        "Gadelamperne skiftes til LED-armaturer med fjernstyring, så lyset dæmpes, når der ikke "
        "er trafik, og fejl meldes automatisk.",
        "Vejbelysningen er en af kommunens største enkeltposter på elregningen, og mange "
        "armaturer er udtjente.",
        "Armaturerne får en styringsenhed, der kommunikerer via et trådløst netværk og kan "
        "dæmpes efter tidspunkt, trafik og årstid.",
        (
            "Dæmpning af lyset om natten på villaveje og stier",
            "Automatisk fejlmelding til driftsafdelingen",
            "Bevægelsessensorer på udvalgte cykelstier",
            "Energiforbruget vist på et dashboard for hver lysmast",
        ),
        (
            B(OKONOMI, "Lavere elforbrug til vejbelysning", "kWh/år", 50_000, 2_000_000),
            B(KLIMA, "Reduceret CO2-udledning fra vejbelysningen", "ton CO2/år", 5, 400),
            B(KVALITET, "Hurtigere udbedring af defekte gadelamper", "dage", 1, 10),
            B(ANDET, "Mindre lysforurening i naturområder"),
        ),
        ("Hovedgaden", "Stationsvej", "Cykelstien langs åen", "Boligvejene", "Skolevejen"),
        (300_000, 15_000_000),
        ("lysmaster", 40, 3000),
        "Energiforbrug pr. lysmast",
    ),
    Idea(
        "Teknik og miljø",
        ("Intelligent bygningsstyring", "IoT-sensorer", "Smart grid og energistyring"),
        (
            "Intelligent bygningsstyring i kommunale bygninger",
            "Energistyring med sensorer i skoler og institutioner",
            "Fjernovervågning af varme og ventilation",
        ),
        "Sensorer og central styring af varme, ventilation og lys skal sænke energiforbruget i "
        "kommunens bygninger uden at gå på kompromis med indeklimaet.",
        "Kommunens bygninger står for en stor del af energiforbruget, og ofte kører varme og "
        "ventilation efter faste tider, uanset om bygningen er i brug.",
        "Bygningerne kobles på et fælles CTS-anlæg, der styrer efter belægning, vejrudsigt og "
        "målt indeklima.",
        (
            "Timeaflæsning af el, vand og varme",
            "Styring af ventilation efter CO2-niveau",
            "Alarmer ved unormalt forbrug, fx løbende toiletter",
            "Fælles energiledelse på tværs af forvaltninger",
        ),
        (
            B(OKONOMI, "Lavere energiudgifter i kommunale bygninger", "kr./år", 100_000, 5_000_000),
            B(KLIMA, "Mindre CO2-udledning fra opvarmning", "ton CO2/år", 10, 900),
            B(KVALITET, "Bedre indeklima for brugere og medarbejdere"),
        ),
        ("Rådhuset", "Skolen", "Svømmehallen", "Administrationsbygningen", "Børnehuset"),
        (500_000, 20_000_000),
        ("bygninger", 5, 250),
        "Energiforbrug i kommunale bygninger",
    ),
    Idea(
        "Teknik og miljø",
        ("Apps og selvbetjening", "Geodata og GIS"),
        (
            "Giv et praj: digital indberetning af fejl i byrummet",
            "App til indberetning af huller i vejen",
            "Borgerindberetninger direkte til driften",
        ),
        "Borgerne kan med en app melde huller i vejen, væltede skilte og defekte gadelamper, og "
        "sagen sendes direkte til den rette driftsmedarbejder.",
        "Henvendelser om fejl i byrummet kom tidligere ind via telefon og e-mail og skulle "
        "registreres manuelt.",
        "En app og en webformular med kort gør det let at placere og fotografere fejlen, og "
        "indberetningen lander i driftens opgavesystem.",
        (
            "Kortbaseret indberetning med foto",
            "Automatisk besked til borgeren, når sagen er løst",
            "Statistik over indberetninger fordelt på bydele",
            "Integration med driftens opgavestyring",
        ),
        (
            B(KVALITET, "Kortere sagsbehandlingstid på indberetninger", "dage", 1, 14),
            B(OKONOMI, "Sparet tid til manuel registrering", "timer/år", 200, 4000),
            B(
                ANDET,
                "Flere borgere involveret i byens vedligehold",
                "indberetninger/år",
                300,
                25_000,
            ),
        ),
        ("Bymidten", "Rådhuset", "Havneområdet"),
        (100_000, 1_500_000),
        None,
        "Indberetninger fra borgere",
    ),
    Idea(
        "Teknik og miljø",
        ("Trafikstyring", "IoT-sensorer", "AI"),
        (
            "Intelligent trafikstyring i lyskryds",
            "Grøn bølge for cyklister",
            "Prioritering af busser i signalregulerede kryds",
            "Trafiktællinger med sensorer og AI",
        ),
        "Lyskryds på de mest belastede strækninger styres efter den faktiske trafik, så "
        "ventetiden falder for bilister, busser og cyklister.",
        "Trængslen på indfaldsvejene vokser, og de faste signalprogrammer passer dårligt til "
        "trafikken uden for myldretiden.",
        "Radar- og kamerasensorer registrerer trafikken i krydsene, og en central styring "
        "tilpasser signalerne løbende. Billederne behandles anonymt i sensoren.",
        (
            "Detektering af cyklister og fodgængere",
            "Prioritering af busser, der er forsinkede",
            "Løbende trafiktællinger som åbne data",
            "Opfølgning på rejsetider på udvalgte strækninger",
        ),
        (
            B(KVALITET, "Kortere rejsetid på indfaldsvejene", "%", 3, 25),
            B(KLIMA, "Færre stop og mindre tomgang", "ton CO2/år", 20, 600),
            B(KVALITET, "Bedre fremkommelighed for busserne", "minutter pr. tur", 1, 6),
        ),
        ("Krydset ved ringvejen", "Indfaldsvejen", "Stationskrydset", "Rundkørslen ved motorvejen"),
        (400_000, 25_000_000),
        ("signalregulerede kryds", 3, 80),
        "Trafiktællinger",
    ),
    Idea(
        "Teknik og miljø",
        ("Parkeringshenvisning", "IoT-sensorer", "Apps og selvbetjening"),
        (
            "Parkeringshenvisning med sensorer i bymidten",
            "Digital parkeringsvejledning",
            "Sensorer på handicap- og ladeparkeringspladser",
        ),
        "Sensorer i parkeringsbåsene viser ledige pladser på skilte og i en app, så der bliver "
        "mindre søgetrafik i bymidten.",
        "En stor del af trafikken i bymidten er bilister, der leder efter en ledig "
        "parkeringsplads.",
        "Hver bås får en lille sensor i asfalten, og data om belægningen vises på dynamiske "
        "skilte ved indfaldsvejene og i en app.",
        (
            "Dynamiske skilte med ledige pladser",
            "Belægningsdata stillet til rådighed som åbne data",
            "Særlig overvågning af handicappladser",
            "Grundlag for en ny parkeringsstrategi",
        ),
        (
            B(KLIMA, "Mindre søgetrafik i bymidten", "%", 5, 30),
            B(KVALITET, "Kortere tid brugt på at finde parkering", "minutter", 1, 8),
            B(OKONOMI, "Bedre udnyttelse af eksisterende p-pladser", "%", 5, 20),
        ),
        ("P-huset ved stationen", "Torvet", "Parkeringspladsen ved rådhuset", "Havnens parkering"),
        (250_000, 8_000_000),
        ("p-pladser", 80, 4000),
        "Ledige p-pladser i realtid",
    ),
    Idea(
        "Teknik og miljø",
        ("Digital tvilling", "Geodata og GIS", "Dataplatform"),
        (
            "Digital tvilling af bymidten",
            "3D-bymodel til byplanlægning",
            "Digital tvilling til planlægning af ny bydel",
        ),
        "En digital tvilling samler 3D-bymodel, geodata og sensordata, så planlæggere og "
        "borgere kan se konsekvenserne af nye projekter, før de bygges.",
        "Byudviklingsprojekter kræver, at mange fagområder ser på det samme grundlag – fra "
        "skygger og vind til trafik og regnvand.",
        "Tvillingen bygges på åbne geodata fra Dataforsyningen, kommunens egne data og "
        "sensormålinger og vises i en webbaseret 3D-viewer.",
        (
            "3D-model af bygninger og terræn",
            "Simulering af skygge, støj og skybrud",
            "Visning af lokalplanforslag i 3D",
            "Adgang for borgere via browseren",
        ),
        (
            B(KVALITET, "Bedre beslutningsgrundlag i byplanlægningen"),
            B(OKONOMI, "Færre ændringer sent i byggeprojekter", "kr.", 200_000, 3_000_000),
            B(ANDET, "Bedre forståelse blandt borgerne ved høringer"),
        ),
        ("Bymidten", "Den nye bydel", "Havnefronten", "Stationsområdet"),
        (500_000, 12_000_000),
        None,
        "3D-bymodel (CityGML)",
    ),
    Idea(
        "Teknik og miljø",
        ("Droner", "Geodata og GIS", "AI"),
        (
            "Droneinspektion af broer og bygninger",
            "Droner til kortlægning af grønne områder",
            "Termografi med droner på kommunale tage",
        ),
        "Kommunen bruger droner til at inspicere broer, tage og grønne områder, og billederne "
        "analyseres automatisk for skader og ændringer.",
        "Inspektion af broer og tage kræver lift eller stillads, og kortlægning af grønne "
        "områder sker sjældent.",
        "Certificerede dronepiloter flyver faste ruter, og billederne sammensættes til "
        "ortofotos og 3D-modeller, som analyseres med billedgenkendelse.",
        (
            "Faste inspektionsruter for broer og tunneller",
            "Termografi af tage for at finde varmetab",
            "Kortlægning af invasive arter",
            "Overholdelse af EU's droneregler og databeskyttelsesreglerne",
        ),
        (
            B(OKONOMI, "Billigere inspektioner uden lift og stillads", "kr./år", 50_000, 800_000),
            B(KVALITET, "Tidligere opdagelse af skader"),
            B(ANDET, "Færre arbejdsulykker ved inspektion i højden"),
        ),
        ("Broen over åen", "Materielgården", "Det rekreative område", "Skolernes tage"),
        (100_000, 2_500_000),
        ("inspektioner om året", 10, 400),
    ),
    Idea(
        "Teknik og miljø",
        ("IoT-sensorer", "Åbne data", "Dataplatform"),
        (
            "Måling af luftkvalitet og støj med sensorer",
            "Sensornetværk for luftkvalitet",
            "Støjmålinger i byrummet",
        ),
        "Et net af billige sensorer måler partikler, NO2 og støj i byen, og målingerne "
        "offentliggøres løbende som åbne data.",
        "Borgerne efterspørger viden om luftkvalitet og støj i deres nærområde, men de "
        "officielle målestationer er få.",
        "Sensorerne monteres på lygtepæle og bygninger og kalibreres mod en officiel "
        "målestation. Data samles på kommunens dataplatform.",
        (
            "Målinger af PM2,5, PM10 og NO2",
            "Støjmålinger ved større veje",
            "Offentligt kort over luftkvaliteten",
            "Kalibrering i samarbejde med forskere",
        ),
        (
            B(KVALITET, "Bedre viden om luftkvalitet i boligområder"),
            B(KLIMA, "Grundlag for målrettede indsatser mod luftforurening"),
            B(ANDET, "Åbne data brugt af borgere og virksomheder", "downloads/år", 100, 20_000),
        ),
        ("Skolevejen", "Hovedgaden", "Busterminalen", "Boligområdet"),
        (150_000, 3_000_000),
        ("målestationer", 5, 120),
        "Luftkvalitet og støj (timeværdier)",
    ),
    Idea(
        "Teknik og miljø",
        ("Robotter", "Geodata og GIS"),
        (
            "Robotplæneklippere på kommunale græsarealer",
            "Robotter til græsslåning på boldbaner",
            "Robot til kridtning af fodboldbaner",
        ),
        "Autonome robotter klipper græsset på boldbaner og i parker, så driftspersonalet kan "
        "bruge tiden på andre opgaver.",
        "Græsslåning binder mange mandetimer i sommerhalvåret, og de store maskiner larmer og "
        "kører på diesel.",
        "Eldrevne robotter klipper inden for GPS-afgrænsede områder om natten og lader selv "
        "op. Kridtning af banerne sker med en robot, der følger et digitalt kort.",
        (
            "GPS-styret klipning uden kantkabler",
            "Eldrift i stedet for diesel",
            "Overvågning af robotterne via app",
            "Kridtning af fodboldbaner efter digitalt kort",
        ),
        (
            B(OKONOMI, "Sparet tid til græsslåning", "timer/år", 200, 6000),
            B(KLIMA, "Mindre dieselforbrug", "liter/år", 500, 20_000),
            B(KVALITET, "Mere ensartet græs på boldbanerne"),
        ),
        ("Stadion", "Byparken", "Boldbanerne ved skolen", "Kirkegården"),
        (100_000, 2_000_000),
        ("robotter", 2, 60),
    ),
    Idea(
        "Teknik og miljø",
        ("Elbiler og ladeinfrastruktur", "Smart grid og energistyring"),
        (
            "Ladestandere til kommunens elbiler",
            "Offentlig ladeinfrastruktur i lokalområderne",
            "Intelligent opladning af kommunens bilflåde",
        ),
        "Kommunen udbygger ladeinfrastrukturen, så både kommunens egne biler og borgernes "
        "elbiler kan lades, og opladningen styres efter elprisen.",
        "Kommunen har besluttet at omstille bilflåden til el, og borgerne efterspørger flere "
        "offentlige ladepunkter.",
        "Ladestanderne styres centralt via OCPP, så opladningen flyttes til timer med lav "
        "elpris og meget vedvarende energi.",
        (
            "Ladestandere ved rådhus og plejecentre",
            "Offentlige ladepunkter i landsbyerne",
            "Styring af opladning efter elpris og CO2-indhold",
            "Data om brugen af ladestandere til planlægning",
        ),
        (
            B(KLIMA, "Reduceret CO2-udledning fra kommunens kørsel", "ton CO2/år", 10, 500),
            B(OKONOMI, "Lavere udgifter til brændstof", "kr./år", 50_000, 2_000_000),
            B(ANDET, "Flere offentlige ladepunkter i landdistrikterne", "ladepunkter", 4, 200),
        ),
        ("Rådhusets parkeringsplads", "Plejecentret", "Forsamlingshuset", "Materielgården"),
        (300_000, 15_000_000),
        ("ladepunkter", 6, 500),
        "Ladestandere og deres belægning",
    ),
    # Forsyning
    Idea(
        "Forsyning",
        ("Affaldssensorer", "IoT-sensorer", "LoRaWAN"),
        (
            "Affaldssensorer i kommunale containere",
            "Fyldningsmålere på glas- og papircontainere",
            "Behovsstyret tømning af affaldsbeholdere",
            "Sensorer i skraldespande i byrummet",
        ),
        "Sensorer måler fyldningsgraden i containere og skraldespande, så tømningsruterne "
        "planlægges efter behov i stedet for faste intervaller.",
        "Mange containere tømmes halvtomme, mens andre flyder over i weekenden og giver klager.",
        "Ultralydssensorer sender fyldningsgraden over LoRaWAN flere gange i døgnet, og "
        "ruteplanlægningen foreslår dagens tømninger.",
        (
            "Sensorer i glas-, papir- og tøjcontainere",
            "Dynamisk ruteplanlægning for skraldebilerne",
            "Alarmer ved brand eller hærværk",
            "Fyldningsdata som åbne data",
        ),
        (
            B(OKONOMI, "Færre unødvendige tømninger", "%", 10, 45),
            B(KLIMA, "Færre kørte kilometer med skraldebiler", "km/år", 2000, 80_000),
            B(KVALITET, "Færre overfyldte containere og klager", "%", 20, 70),
        ),
        ("Genbrugsøen ved supermarkedet", "Genbrugspladsen", "Stranden", "Bymidten"),
        (150_000, 5_000_000),
        ("containere", 20, 2500),
        "Fyldningsgrad for containere",
    ),
    Idea(
        "Forsyning",
        ("Apps og selvbetjening", "Åbne data"),
        (
            "Affaldsapp med tømningskalender",
            "Digital affaldsguide og påmindelser om tømning",
            "Selvbetjening til bestilling af storskrald",
        ),
        "En app giver husstandene deres personlige tømmekalender, påmindelser og en "
        "sorteringsguide, og storskrald kan bestilles digitalt.",
        "Borgerne ringer ofte om tømningsdage og sortering, særligt efter indførelsen af nye "
        "affaldsfraktioner.",
        "Appen henter tømningsplanerne fra renovationssystemet ud fra adressen og sender en "
        "påmindelse aftenen før tømning.",
        (
            "Personlig tømmekalender ud fra adressen",
            "Sorteringsguide med søgning",
            "Bestilling af storskrald og haveaffald",
            "Indberetning af manglende tømning",
        ),
        (
            B(OKONOMI, "Færre telefonopkald til kundeservice", "%", 15, 50),
            B(KLIMA, "Bedre sortering af husholdningsaffald", "%", 2, 15),
            B(KVALITET, "Hurtigere opfølgning på manglende tømninger"),
        ),
        ("Genbrugspladsen", "Forsyningens kundecenter"),
        (100_000, 1_200_000),
        None,
        "Tømningskalender pr. adresse",
    ),
    Idea(
        "Forsyning",
        ("Smart grid og energistyring", "IoT-sensorer", "Dataplatform"),
        (
            "Fjernaflæste el- og varmemålere",
            "Smart grid i lokalt energifællesskab",
            "Fleksibelt elforbrug i kommunale bygninger",
            "Styring af varmepumper efter elprisen",
        ),
        "Fjernaflæste målere og intelligent styring flytter elforbruget til timer med meget "
        "vind- og solstrøm og giver forsyningen bedre data om nettet.",
        "Den grønne omstilling kræver, at elforbruget i højere grad følger produktionen fra "
        "vind og sol.",
        "Målerne sender timeværdier til en fælles dataplatform, og varmepumper og "
        "ladestandere styres efter prissignaler fra elmarkedet.",
        (
            "Fjernaflæsning af el, vand og fjernvarme",
            "Styring af varmepumper efter elprisen",
            "Lokal lagring af solcellestrøm i batterier",
            "Visning af forbruget for den enkelte husstand",
        ),
        (
            B(OKONOMI, "Lavere energiudgifter for deltagerne", "kr./år", 20_000, 3_000_000),
            B(KLIMA, "Højere andel af vedvarende energi i forbruget", "%", 5, 30),
            B(KVALITET, "Hurtigere opdagelse af brud i fjernvarmenettet"),
        ),
        ("Fjernvarmeværket", "Boligområdet", "Energicentralen", "Rådhuset"),
        (500_000, 30_000_000),
        ("målere", 150, 40_000),
        "Timeværdier for energiforbrug (aggregeret)",
    ),
    Idea(
        "Forsyning",
        ("Klimatilpasning og vandsensorer", "IoT-sensorer", "LoRaWAN"),
        (
            "Sensorbaseret overvågning af vandstanden",
            "Varsling af oversvømmelser med vandstandssensorer",
            "Målinger i regnvandsbassiner og vandløb",
        ),
        "Sensorer i vandløb, havne og regnvandsbassiner måler vandstanden løbende, så "
        "beredskab og forsyning kan varsle og handle, før det oversvømmer.",
        "Skybrud og stormfloder er blevet hyppigere, og flere boligområder ligger lavt ved "
        "vandløb og kyst.",
        "Vandstandssensorer sender målinger hvert kvarter via LoRaWAN. Når en tærskelværdi "
        "overskrides, sendes SMS-varsler til beredskabet og de berørte borgere.",
        (
            "Vandstandsmålere i vandløb og havn",
            "Automatisk varsling via SMS",
            "Sammenkobling med DMI's prognoser",
            "Historiske data til dimensionering af klimatilpasning",
        ),
        (
            B(OKONOMI, "Sparede skadesudgifter ved oversvømmelser", "kr.", 100_000, 10_000_000),
            B(KVALITET, "Tidligere varsling af beredskabet", "timer", 1, 12),
            B(KLIMA, "Bedre grundlag for klimatilpasningsprojekter"),
        ),
        ("Åen ved bymidten", "Havnen", "Regnvandsbassinet", "Det lavtliggende boligområde"),
        (150_000, 4_000_000),
        ("sensorer", 8, 250),
        "Vandstand i vandløb og havn",
    ),
    Idea(
        "Forsyning",
        ("IoT-sensorer", "AI", "Dataplatform"),
        (
            "Lækagesøgning i drikkevandsnettet med akustiske sensorer",
            "Digital overvågning af vandforsyningen",
            "Intelligente vandmålere hos forbrugerne",
        ),
        "Akustiske sensorer og intelligente målere finder lækager i drikkevandsnettet tidligt "
        "og nedbringer vandspildet.",
        "Vandspild fra utætte ledninger koster vand, energi og afgifter, og lækager findes "
        "ofte først, når de er store.",
        "Sensorer på ventilerne lytter efter lækagestøj om natten, og en model sammenholder "
        "målingerne med forbruget i målerdistrikterne.",
        (
            "Akustiske loggere på ventiler",
            "Opdeling af nettet i målerdistrikter",
            "Automatisk prioritering af lækager",
            "Alarm til forbrugere ved usædvanligt forbrug",
        ),
        (
            B(OKONOMI, "Lavere vandspild i ledningsnettet", "%", 1, 8),
            B(KLIMA, "Sparet energi til vandbehandling og pumpning", "MWh/år", 10, 600),
            B(KVALITET, "Færre akutte ledningsbrud", "brud/år", 2, 40),
        ),
        ("Vandværket", "Trykforøgerstationen", "Ledningsnettet i den gamle bydel"),
        (200_000, 6_000_000),
        ("km ledningsnet", 20, 900),
        "Vandspild pr. målerdistrikt",
    ),
    Idea(
        "Forsyning",
        ("Digital tvilling", "Klimatilpasning og vandsensorer", "Geodata og GIS"),
        (
            "Digital tvilling af afløbssystemet",
            "Styring af kloaknettet ved skybrud",
            "Realtidsstyring af regnvandsbassiner",
        ),
        "En digital tvilling af kloaknettet bruger regnprognoser og målinger til at styre "
        "pumper og bassiner, så overløb til vandmiljøet mindskes.",
        "Ved kraftig regn løber urenset spildevand over til åer og havn, og ledningsnettet kan "
        "ikke bare udvides.",
        "En hydraulisk model kobles med målinger og radarnedbør, så pumper og spjæld styres "
        "automatisk efter den forventede regn.",
        (
            "Hydraulisk model af hele oplandet",
            "Radarbaserede regnprognoser",
            "Automatisk styring af pumper og spjæld",
            "Kortlægning af risikoområder for oversvømmelse",
        ),
        (
            B(KLIMA, "Færre overløb af spildevand", "%", 10, 60),
            B(OKONOMI, "Udskudte investeringer i nye bassiner", "kr.", 1_000_000, 50_000_000),
            B(KVALITET, "Bedre badevandskvalitet"),
        ),
        ("Renseanlægget", "Pumpestationen", "Regnvandsbassinet", "Havnen"),
        (500_000, 20_000_000),
        None,
        "Overløbsmålinger",
    ),
    Idea(
        "Forsyning",
        ("Blockchain", "Smart grid og energistyring"),
        (
            "Blockchain til sporing af grøn strøm",
            "Handel med solcellestrøm i energifællesskab",
            "Oprindelsesgarantier for lokal grøn energi",
        ),
        "Et energifællesskab afprøver blockchain til at dokumentere og handle lokalt "
        "produceret solcellestrøm mellem husstande, skoler og virksomheder.",
        "Flere borgere og virksomheder producerer egen strøm og ønsker at dele overskuddet lokalt.",
        "Målerdata registreres i en distribueret ledger, så det kan dokumenteres time for "
        "time, hvor strømmen kommer fra, og hvem der har brugt den.",
        (
            "Timeafregning mellem deltagerne",
            "Dokumentation af oprindelsen af grøn strøm",
            "Samspil med netselskabet om tariffer",
            "Vurdering af de juridiske rammer",
        ),
        (
            B(KLIMA, "Højere lokal udnyttelse af solcellestrøm", "%", 5, 35),
            B(ANDET, "Erfaringer med energifællesskaber under den nye lovgivning"),
            B(OKONOMI, "Lavere elregning for deltagerne", "kr./år", 5_000, 400_000),
        ),
        ("Energifællesskabet", "Skolen med solceller", "Erhvervsområdet"),
        (200_000, 4_000_000),
        ("husstande", 10, 400),
        weight=0.4,
    ),
    # Kultur og fritid
    Idea(
        "Kultur og fritid",
        ("Apps og selvbetjening", "Åbne data"),
        (
            "App med overblik over kultur- og fritidstilbud",
            "Digital aktivitetskalender for foreninger",
            "Fælles booking af kommunale lokaler og haller",
        ),
        "Borgere og turister får samlet overblik over arrangementer, foreninger og faciliteter "
        "ét sted, og foreningerne kan selv lægge aktiviteter ind.",
        "Informationen om kultur- og fritidslivet var spredt på mange hjemmesider og "
        "opslagstavler.",
        "En fælles kalender henter data fra foreninger, biblioteker og kulturhuse og udstiller "
        "dem i en app og som åbne data.",
        (
            "Fælles arrangementskalender",
            "Foreningerne redigerer selv deres aktiviteter",
            "Booking af haller og mødelokaler",
            "Åbne data til turistportaler",
        ),
        (
            B(KVALITET, "Flere deltagere i lokale arrangementer", "%", 5, 30),
            B(OKONOMI, "Mindre administration ved lokalebooking", "timer/år", 100, 2500),
            B(ANDET, "Et styrket foreningsliv"),
        ),
        ("Kulturhuset", "Hovedbiblioteket", "Idrætscentret"),
        (100_000, 1_500_000),
        None,
        "Arrangementer i kommunen",
    ),
    Idea(
        "Kultur og fritid",
        ("Virtual og augmented reality", "Apps og selvbetjening", "Geodata og GIS"),
        (
            "Interaktiv byvandring med augmented reality",
            "Digital turguide til byens seværdigheder",
            "AR-oplevelser ved fortidsminder",
            "Geocaching og QR-koder på kulturruter",
        ),
        "En digital guide bringer byens historie til live med augmented reality, lyd og kort, "
        "så besøgende kan gå på opdagelse på egen hånd.",
        "Kommunen vil styrke turismen og gøre kulturarven tilgængelig for et yngre publikum.",
        "Ved udvalgte steder kan man med mobilen se historiske bygninger og personer genskabt "
        "i 3D, og ruten følges på et kort.",
        (
            "Ruter med fortællinger og lydspor",
            "Historiske rekonstruktioner i AR",
            "Tekster på dansk, engelsk og tysk",
            "Samarbejde med det lokale museum",
        ),
        (
            B(KVALITET, "Flere besøgende ved kulturarvsstederne", "%", 5, 40),
            B(ANDET, "Nye formidlingsformer for museet"),
            B(OKONOMI, "Øget turismeomsætning", "kr./år", 100_000, 5_000_000),
        ),
        ("Den gamle bydel", "Museet", "Voldstedet", "Havnen", "Kirken"),
        (100_000, 2_500_000),
        ("fortællepunkter", 5, 60),
    ),
    Idea(
        "Kultur og fritid",
        ("Wi-Fi og bredbånd",),
        (
            "Gratis Wi-Fi i byrummet",
            "Trådløst netværk på biblioteker og i idrætshaller",
            "Offentligt Wi-Fi i bymidten og på havnen",
        ),
        "Gratis trådløst internet i bymidten, på bibliotekerne og i idrætshallerne gør det "
        "lettere for borgere og besøgende at være på nettet.",
        "Turister og unge efterspørger netadgang i byrummet, og foreningerne mangler stabilt "
        "net i hallerne.",
        "Adgangspunkter monteres på bygninger og lygtepæle, og netværket drives som ét fælles "
        "net med en enkel login-side.",
        (
            "Fælles login på tværs af kommunens bygninger",
            "Anonym besøgsstatistik",
            "Netværk til foreningernes resultatformidling",
            "Overholdelse af reglerne for offentlige net",
        ),
        (
            B(KVALITET, "Flere brugere af offentligt Wi-Fi", "brugere/måned", 500, 60_000),
            B(ANDET, "Bedre rammer for arrangementer i byrummet"),
            B(OKONOMI, "Fælles indkøb sænker driftsudgiften", "kr./år", 20_000, 400_000),
        ),
        ("Torvet", "Hovedbiblioteket", "Idrætshallen", "Havnepromenaden"),
        (100_000, 3_000_000),
        ("adgangspunkter", 10, 400),
    ),
    Idea(
        "Kultur og fritid",
        ("Apps og selvbetjening", "Intelligent bygningsstyring", "IoT-sensorer"),
        (
            "Selvbetjente biblioteker med udvidet åbningstid",
            "Nøglefri adgang til haller og mødelokaler",
            "Digital adgangskontrol i kulturhuse",
        ),
        "Borgere og foreninger får adgang til biblioteker, haller og mødelokaler med app eller "
        "sundhedskort uden for den bemandede åbningstid.",
        "Faciliteterne står ofte tomme om aftenen og i weekenden, mens foreningerne mangler "
        "lokaler.",
        "Digitale låse og booking kobles sammen, så adgangen gives automatisk til den, der har "
        "booket, og lys og varme tændes efter bookingen.",
        (
            "Adgang med app eller sundhedskort",
            "Kobling mellem booking og lås",
            "Lys og varme styret efter bookingen",
            "Videoovervågning efter gældende regler",
        ),
        (
            B(KVALITET, "Længere åbningstid for borgerne", "timer/uge", 10, 70),
            B(OKONOMI, "Bedre udnyttelse af eksisterende lokaler", "%", 10, 40),
            B(KLIMA, "Mindre energiforbrug i tomme lokaler"),
        ),
        ("Lokalbiblioteket", "Idrætshallen", "Kulturhuset", "Medborgerhuset"),
        (150_000, 3_000_000),
        ("bygninger", 2, 60),
    ),
    Idea(
        "Kultur og fritid",
        ("IoT-sensorer", "Åbne data"),
        (
            "Besøgstælling i naturområder og på strande",
            "Sensorer på vandrestier og mountainbikespor",
        ),
        "Tællere på stier, strande og i parker giver viden om, hvor mange der bruger naturen "
        "og hvornår, så drift og formidling kan målrettes.",
        "Kommunen investerer i stier og faciliteter i naturen, men har kun få data om brugen.",
        "Anonyme infrarøde tællere og sensorer ved parkeringspladserne registrerer besøgene og "
        "sender data til en fælles platform.",
        (
            "Tællere på vandre- og cykelstier",
            "Belægning på p-pladserne ved stranden",
            "Tømning og rengøring planlagt efter brugen",
            "Åbne data til turistorganisationen",
        ),
        (
            B(KVALITET, "Bedre planlægning af driften i naturområderne"),
            B(OKONOMI, "Målrettet rengøring og tømning", "timer/år", 50, 1500),
            B(ANDET, "Dokumentation af friluftslivets omfang", "besøg/år", 5_000, 800_000),
        ),
        ("Stranden", "Skoven", "Naturparken", "Mountainbikesporet", "Søen"),
        (80_000, 1_000_000),
        ("tællere", 3, 80),
        "Besøgstal i naturområder",
    ),
    Idea(
        "Kultur og fritid",
        ("Droner",),
        ("Droner til livredning på badestrande", "Droneovervågning af badestrande"),
        "Livredderne på kommunens badestrande får droner, der hurtigt kan nå ud med "
        "redningsbøjer og give overblik ved eftersøgninger.",
        "På de store badestrande er der langt mellem livreddertårnene, og tiden er afgørende "
        "ved drukneulykker.",
        "Dronerne kan kaste en selvoppustelig redningskrans og sende live-video til "
        "livredderne og beredskabet.",
        (
            "Droner med nedkastbar redningskrans",
            "Live-video til beredskabet",
            "Træning af livreddere i droneflyvning",
            "Registrering af hændelser",
        ),
        (
            B(KVALITET, "Kortere responstid ved drukneulykker", "sekunder", 20, 180),
            B(ANDET, "Større tryghed for badegæsterne"),
        ),
        ("Badestranden", "Livreddertårnet", "Havnebadet"),
        (80_000, 1_200_000),
        ("droner", 1, 12),
    ),
    # Erhvervsudvikling og innovation
    Idea(
        "Erhvervsudvikling og innovation",
        ("Åbne data", "Dataplatform"),
        (
            "Åben dataportal for borgere og virksomheder",
            "Kommunale data frigivet som åbne data",
            "Fælles dataplatform for byens sensordata",
        ),
        "Kommunen udstiller data om trafik, miljø, forsyning og økonomi som åbne data, så "
        "virksomheder, forskere og borgere kan bruge dem.",
        "Kommunen har store mængder data, som kan skabe værdi, hvis de gøres tilgængelige i "
        "maskinlæsbare formater.",
        "Data publiceres med fælles metadata på en åben dataportal og gennem API'er, og der "
        "holdes hackathons for at inspirere til brug.",
        (
            "Datasæt med fælles metadata (DCAT-AP-DK)",
            "API'er til realtidsdata fra sensorer",
            "Hackathons med lokale virksomheder og studerende",
            "Retningslinjer for anonymisering",
        ),
        (
            B(ANDET, "Flere datasæt tilgængelige som åbne data", "datasæt", 10, 400),
            B(OKONOMI, "Nye forretningsmuligheder for lokale virksomheder"),
            B(KVALITET, "Bedre genbrug af data på tværs af forvaltninger"),
        ),
        ("Rådhuset", "Erhvervshuset"),
        (150_000, 4_000_000),
        ("datasæt", 10, 300),
        "Oversigt over kommunens datasæt",
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("Wi-Fi og bredbånd", "Geodata og GIS"),
        (
            "Bredbåndskortlægning i landdistrikterne",
            "Fibernet til yderområderne",
            "Bedre mobildækning i landdistrikterne",
        ),
        "Kommunen kortlægger bredbånds- og mobildækningen adresse for adresse og samarbejder "
        "med teleselskaberne om at lukke de hvide pletter.",
        "Virksomheder og borgere i landdistrikterne oplever dårlig dækning, hvilket hæmmer "
        "erhvervsudvikling og bosætning.",
        "Borgerne måler selv dækningen med en app, og målingerne sammenholdes med de "
        "officielle data for at målrette udrulningen.",
        (
            "Borgermålinger af mobil- og bredbåndsdækning",
            "Kort over hvide pletter",
            "Ansøgninger til Bredbåndspuljen sammen med lokalsamfundene",
            "Dialog med teleselskaberne om master på kommunale arealer",
        ),
        (
            B(KVALITET, "Flere husstande med mindst 100 Mbit/s", "husstande", 50, 8000),
            B(ANDET, "Bedre vilkår for erhverv og bosætning i landdistrikterne"),
            B(OKONOMI, "Hurtigere sagsbehandling af mastetilladelser", "dage", 5, 60),
        ),
        ("Landsbyen", "Erhvervsområdet", "Sommerhusområdet", "Lokalsamfundet"),
        (150_000, 8_000_000),
        ("adresser", 100, 12_000),
        "Mobil- og bredbåndsdækning pr. adresse",
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("LoRaWAN", "IoT-sensorer", "Åbne data"),
        (
            "Kommunalt LoRaWAN-netværk som testfacilitet",
            "IoT-testzone for lokale virksomheder",
            "Fælles IoT-netværk for kommune og erhvervsliv",
        ),
        "Et åbent LoRaWAN-netværk dækker byen, så kommunen, virksomheder og studerende kan "
        "teste og drive sensorløsninger på den samme infrastruktur.",
        "Mange sensorprojekter starter med at etablere deres eget netværk, hvilket gør små "
        "forsøg dyre.",
        "Kommunen sætter gateways op på egne bygninger og stiller netværket gratis til "
        "rådighed for test og udvikling.",
        (
            "Gateways på rådhus, skoler og vandtårne",
            "Gratis adgang for lokale virksomheder i testperioden",
            "Fælles dataplatform og dashboards",
            "Kursusforløb for iværksættere",
        ),
        (
            B(OKONOMI, "Lavere omkostninger til nye sensorprojekter", "kr.", 50_000, 1_500_000),
            B(ANDET, "Lokale virksomheder, der tester løsninger", "virksomheder", 3, 60),
            B(KVALITET, "Fælles infrastruktur på tværs af forvaltninger"),
        ),
        ("Vandtårnet", "Rådhusets tag", "Erhvervsparken", "Innovationshuset"),
        (100_000, 2_000_000),
        ("gateways", 3, 60),
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("Digital tvilling", "AI", "Dataplatform"),
        (
            "Living lab for smarte byløsninger",
            "Innovationspartnerskab om bæredygtig byudvikling",
            "Testbydel for klimavenlige løsninger",
        ),
        "Et afgrænset byområde fungerer som living lab, hvor virksomheder og forskere sammen "
        "med borgerne tester nye løsninger i fuld skala.",
        "Virksomheder har brug for realistiske testmiljøer, og kommunen vil have et bedre "
        "grundlag for at vælge løsninger.",
        "Kommunen stiller byrum, data og kontaktpersoner til rådighed, og løsningerne "
        "evalueres efter en fælles metode.",
        (
            "Åben indkaldelse af testprojekter",
            "Fælles evalueringsmetode udviklet med forskere",
            "Borgerpanel i testområdet",
            "Innovationsvenlige udbud efter endt test",
        ),
        (
            B(ANDET, "Afprøvede løsninger klar til udbud", "løsninger", 2, 30),
            B(OKONOMI, "Private investeringer i testområdet", "kr.", 500_000, 20_000_000),
            B(KVALITET, "Bedre beslutningsgrundlag for indkøb"),
        ),
        ("Innovationskvarteret", "Havneområdet", "Campus", "Den nye bydel"),
        (1_000_000, 40_000_000),
        ("testprojekter", 3, 40),
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("IoT-sensorer", "Åbne data", "Apps og selvbetjening"),
        (
            "Måling af besøgstal i handelsgaderne",
            "Data om bylivet i bymidten",
            "Digital platform for bymidtens butikker",
        ),
        "Anonyme tællere i handelsgaderne giver handelsstandsforeningen og kommunen fælles "
        "data om bylivet, så indsatser og events kan evalueres.",
        "Bymidten er under pres fra nethandel og indkøbscentre, og der mangler fakta om, "
        "hvordan byen bruges.",
        "Sensorer registrerer anonymt antallet af forbipasserende, og data deles på et "
        "dashboard med handelsstandsforeningen og citymanageren.",
        (
            "Anonyme fodgængertællinger",
            "Dashboard for handelslivet",
            "Evaluering af events og kampagner",
            "Sammenligning med andre byer",
        ),
        (
            B(OKONOMI, "Bedre grundlag for investeringer i bymidten"),
            B(ANDET, "Flere besøgende i bymidten", "%", 2, 20),
            B(KVALITET, "Fælles datagrundlag for kommune og handelsliv"),
        ),
        ("Gågaden", "Torvet", "Stationspladsen"),
        (80_000, 1_500_000),
        ("tællepunkter", 3, 50),
        "Fodgængertællinger i bymidten",
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("Robotter", "Trafikstyring", "AI"),
        (
            "Test af selvkørende minibusser",
            "Førerløs shuttlebus mellem station og hospital",
            "Selvkørende busser i landdistrikterne",
        ),
        "Selvkørende elektriske minibusser testes på en fast rute for at undersøge "
        "teknologiens modenhed og borgernes tryghed ved løsningen.",
        "Den kollektive trafik er dyr at drive på ruter med få passagerer, og kommunen vil "
        "undersøge nye mobilitetsformer.",
        "Minibusserne kører på en afgrænset rute med en steward om bord og kommunikerer med "
        "lyssignalerne på ruten.",
        (
            "Fast rute med faste stoppesteder",
            "Kommunikation med trafiksignalerne",
            "Undersøgelse af passagerernes oplevelse",
            "Tilladelse under forsøgsordningen for selvkørende køretøjer",
        ),
        (
            B(ANDET, "Erfaringer med selvkørende køretøjer i trafikken"),
            B(KVALITET, "Passagerer, der har prøvet løsningen", "passagerer", 500, 40_000),
            B(KLIMA, "Eldrevet transport i stedet for diesel"),
        ),
        ("Stationen", "Hospitalet", "Campus", "Landsbyen"),
        (1_000_000, 25_000_000),
        ("minibusser", 1, 6),
    ),
    Idea(
        "Erhvervsudvikling og innovation",
        ("Blockchain", "Dataplatform"),
        (
            "Blockchain til sikker deling af data med virksomheder",
            "Digitale beviser for uddannelse og kompetencer",
        ),
        "Et forsøg undersøger, om blockchain og digitale beviser kan gøre det sikrere og "
        "enklere at dele data mellem kommune, virksomheder og borgere.",
        "Deling af data med virksomheder kræver dokumentation af, hvem der har adgang, og "
        "hvornår data er ændret.",
        "Adgange og ændringer registreres i en distribueret log, og borgerne får digitale "
        "beviser, som de selv kan dele.",
        (
            "Distribueret log over dataadgange",
            "Digitale beviser i borgerens mobil",
            "Juridisk vurdering efter databeskyttelsesreglerne",
            "Afprøvning med lokale virksomheder",
        ),
        (
            B(ANDET, "Erfaringer med blockchain i den offentlige sektor"),
            B(KVALITET, "Bedre sporbarhed ved deling af data"),
            B(OKONOMI, "Mindre manuel dokumentation", "timer/år", 50, 1500),
        ),
        ("Rådhuset", "Erhvervshuset"),
        (200_000, 3_000_000),
        weight=0.4,
    ),
    # Læring og uddannelse
    Idea(
        "Læring og uddannelse",
        ("Apps og selvbetjening", "AI"),
        (
            "Digitale læremidler i folkeskolen",
            "Adaptive læringsplatforme i matematik",
            "AI-understøttet feedback på elevopgaver",
        ),
        "Skolerne tager digitale læremidler i brug, der tilpasser opgaverne til den enkelte "
        "elev og giver lærerne bedre overblik over elevernes progression.",
        "Elevernes faglige niveau spænder bredt, og lærerne efterspørger værktøjer til "
        "differentieret undervisning.",
        "En læringsplatform med adaptive opgaver og automatisk feedback indføres på tværs af "
        "skolerne, og lærerne får fælles kompetenceudvikling.",
        (
            "Adaptive opgaver i dansk og matematik",
            "Overblik over progression for lærere og forældre",
            "Kompetenceudvikling for lærerne",
            "Databeskyttelse i samarbejde med skolernes DPO",
        ),
        (
            B(KVALITET, "Bedre faglige resultater i de nationale test", "%", 2, 12),
            B(OKONOMI, "Sparet tid til retning", "timer/år", 200, 8000),
            B(ANDET, "Mere motiverede elever"),
        ),
        ("Skolen", "Pædagogisk Center", "Overbygningsskolen"),
        (150_000, 6_000_000),
        ("skoler", 1, 40),
    ),
    Idea(
        "Læring og uddannelse",
        ("Virtual og augmented reality",),
        (
            "Virtual reality i naturfagsundervisningen",
            "VR-træning i erhvervsuddannelserne",
            "Virtuelle ekskursioner i undervisningen",
        ),
        "Eleverne bruger VR-briller til at udforske fænomener og arbejdsmiljøer, der ellers er "
        "svære at vise i klasselokalet.",
        "Naturfag og erhvervsrettede fag har brug for praksisnære forløb, men ekskursioner er "
        "dyre og svære at planlægge.",
        "Et klassesæt af VR-briller med udvalgte forløb udlånes til skolerne, og lærerne får "
        "sparring i at bruge dem didaktisk.",
        (
            "Klassesæt af VR-briller til udlån",
            "Forløb i fysik, biologi og geografi",
            "Virtuelle besøg på arbejdspladser",
            "Evaluering af læringsudbyttet",
        ),
        (
            B(KVALITET, "Større motivation i naturfagene"),
            B(ANDET, "Elever, der har deltaget i VR-forløb", "elever", 100, 8000),
            B(OKONOMI, "Færre udgifter til ekskursioner", "kr./år", 20_000, 300_000),
        ),
        ("Skolen", "Pædagogisk Center", "Ungdomsskolen"),
        (80_000, 1_500_000),
        ("VR-briller", 15, 300),
    ),
    Idea(
        "Læring og uddannelse",
        ("Fjernundervisning", "Wi-Fi og bredbånd"),
        (
            "Fjernundervisning for elever på ø- og landsbyskoler",
            "E-læring og lokal adgang til videregående uddannelse",
            "Virtuel undervisning på tværs af skoler",
        ),
        "Elever og voksne får adgang til undervisning, der ikke kan tilbydes lokalt, via "
        "fjernundervisning med tovejsvideo og fælles digitale læringsrum.",
        "Små skoler og landdistrikter har svært ved at tilbyde valgfag og videregående "
        "uddannelse lokalt.",
        "Klasselokalerne udstyres med videoudstyr, og undervisningen planlægges i samarbejde "
        "mellem flere skoler og uddannelsesinstitutioner.",
        (
            "Fælles valgfag på tværs af skoler",
            "Lokale studiepladser med adgang til videregående uddannelse",
            "Bedre netforbindelse til skolerne",
            "Uddannelse af lærere i online didaktik",
        ),
        (
            B(KVALITET, "Flere valgfag tilgængelige for eleverne", "fag", 2, 20),
            B(KLIMA, "Mindre transport mellem skoler og uddannelsessteder", "km/år", 2000, 120_000),
            B(ANDET, "Bedre adgang til uddannelse i landdistrikterne"),
        ),
        ("Øskolen", "Landsbyskolen", "Det lokale studiecenter", "Biblioteket"),
        (100_000, 3_000_000),
        ("klasselokaler", 2, 50),
    ),
    Idea(
        "Læring og uddannelse",
        ("Robotter", "Apps og selvbetjening"),
        (
            "Teknologiforståelse og robotter i indskolingen",
            "Kodning og robotter i folkeskolen",
            "Makerspaces på skoler og biblioteker",
        ),
        "Eleverne lærer at programmere robotter og arbejde skabende med teknologi i "
        "samarbejde med bibliotekernes makerspaces.",
        "Teknologiforståelse er kommet på skoleskemaet, men mange lærere mangler materialer og "
        "erfaring.",
        "Skolerne får robotsæt og undervisningsforløb, og bibliotekerne åbner makerspaces med "
        "3D-printere og laserskærere.",
        (
            "Robotsæt og forløb til indskolingen",
            "Makerspaces på bibliotekerne",
            "Kompetenceudvikling for lærere",
            "Fælles afslutning med robotkonkurrence",
        ),
        (
            B(KVALITET, "Styrket teknologiforståelse hos eleverne"),
            B(ANDET, "Elever, der har deltaget i forløbene", "elever", 200, 10_000),
            B(KVALITET, "Lærere med kompetencer i teknologiforståelse", "lærere", 10, 400),
        ),
        ("Skolen", "Hovedbiblioteket", "Makerspacet"),
        (80_000, 2_000_000),
        ("skoler", 1, 40),
    ),
    Idea(
        "Læring og uddannelse",
        ("IoT-sensorer", "Intelligent bygningsstyring"),
        ("Indeklimasensorer i klasselokaler", "Bedre indeklima i skolerne med CO2-målere"),
        "CO2-, temperatur- og støjmålere i klasselokalerne viser elever og lærere, hvornår der "
        "skal luftes ud, og giver data til at prioritere renoveringer.",
        "Undersøgelser viser, at dårligt indeklima går ud over elevernes koncentration og "
        "indlæring.",
        "Sensorer i hvert klasselokale viser indeklimaet med lys i trafiklysfarver og sender "
        "data til bygningsdriften.",
        (
            "Trafiklys for CO2 i klasselokalerne",
            "Undervisningsforløb om indeklima",
            "Data til prioritering af ventilationsprojekter",
            "Automatisk styring af vinduer og ventilation",
        ),
        (
            B(KVALITET, "Færre timer med CO2 over 1.000 ppm", "%", 20, 70),
            B(OKONOMI, "Målrettede investeringer i ventilation"),
            B(ANDET, "Elever inddraget i målinger og undervisning"),
        ),
        ("Skolen", "Børnehuset", "Ungdomsskolen"),
        (100_000, 3_000_000),
        ("klasselokaler", 20, 1500),
        "Indeklima i klasselokaler",
    ),
    Idea(
        "Læring og uddannelse",
        ("Apps og selvbetjening",),
        (
            "Bibliotek på din smartphone",
            "Digital hjælp og IT-café for ældre borgere",
            "Digital dannelse for seniorer",
        ),
        "Bibliotekerne tilbyder IT-hjælp, kurser og en app, så flere borgere kan bruge "
        "digitale selvbetjeningsløsninger og bibliotekets tilbud.",
        "En del borgere har svært ved at bruge MitID, Digital Post og offentlig selvbetjening.",
        "Frivillige og bibliotekarer holder IT-caféer og kurser, og bibliotekets app gør lån, "
        "reservationer og e-bøger tilgængelige på mobilen.",
        (
            "IT-caféer med frivillige",
            "Kurser i MitID og Digital Post",
            "Biblioteksapp med lån og e-bøger",
            "Samarbejde med ældreorganisationer og aftenskoler",
        ),
        (
            B(
                KVALITET,
                "Flere borgere, der selv kan bruge digital selvbetjening",
                "borgere",
                50,
                5000,
            ),
            B(OKONOMI, "Færre henvendelser i borgerservice", "%", 3, 20),
            B(ANDET, "Mindre digital eksklusion"),
        ),
        ("Hovedbiblioteket", "Lokalbiblioteket", "Borgerservice", "Aktivitetscentret"),
        (50_000, 800_000),
    ),
    Idea(
        "Læring og uddannelse",
        ("Apps og selvbetjening", "Virtual og augmented reality"),
        (
            "Digitale medier i daginstitutionernes pædagogiske arbejde",
            "Digital dokumentation og forældrekommunikation i dagtilbud",
        ),
        "Pædagogerne bruger tablets og digitale værktøjer i det pædagogiske arbejde og til "
        "kommunikationen med forældrene.",
        "Dagtilbuddene ønsker at bruge digitale medier kreativt og samtidig lette "
        "dokumentationsarbejdet.",
        "Personalet får fælles værktøjer, forløb og sparring, og kommunikationen med "
        "forældrene samles i én app.",
        (
            "Kreative forløb med tablets og animation",
            "Fælles forældrekommunikation i én app",
            "Kompetenceudvikling for pædagoger",
            "Retningslinjer for billeder og samtykke",
        ),
        (
            B(KVALITET, "Mere tid til børnene", "timer/uge", 1, 10),
            B(ANDET, "Mere tilfredse forældre"),
            B(OKONOMI, "Mindre tid brugt på dokumentation", "%", 5, 25),
        ),
        ("Børnehuset", "Vuggestuen", "Dagtilbuddet"),
        (50_000, 1_500_000),
        ("institutioner", 2, 80),
    ),
    # Social og sundhed
    Idea(
        "Social og sundhed",
        ("Velfærdsteknologi", "IoT-sensorer"),
        (
            "GPS-tryghedsalarmer til borgere med demens",
            "Digitale nødkald i eget hjem",
            "Sensorer til faldregistrering på plejecentre",
            "Digitalt nattilsyn med sensorer",
        ),
        "Velfærdsteknologi som GPS-alarmer, digitale nødkald og sensorer giver ældre og "
        "borgere med demens mere frihed og tryghed og aflaster personalet.",
        "Antallet af ældre og borgere med demens stiger, og personalet skal kunne bruge tiden "
        "dér, hvor den gør størst forskel.",
        "Borgerne tilbydes tryghedsteknologi efter en individuel vurdering, og alarmerne går "
        "direkte til vagtcentralen eller de pårørende.",
        (
            "GPS-alarmer med geofence",
            "Sensorer, der registrerer fald og uro om natten",
            "Kamerabaseret nattilsyn efter samtykke",
            "Samarbejde med pårørende om alarmer",
        ),
        (
            B(KVALITET, "Færre forstyrrende tilsyn om natten", "%", 20, 70),
            B(OKONOMI, "Frigjort tid i hjemmeplejen", "timer/år", 500, 20_000),
            B(KVALITET, "Større tryghed for borgere og pårørende"),
        ),
        ("Plejecentret", "Demensboligerne", "Hjemmeplejen", "Aktivitetscentret"),
        (150_000, 8_000_000),
        ("borgere", 10, 1500),
    ),
    Idea(
        "Social og sundhed",
        ("Telemedicin", "Apps og selvbetjening"),
        (
            "Telemedicinsk hjemmemonitorering af KOL-patienter",
            "Videokonsultationer i hjemmeplejen",
            "Telemedicin til borgere med hjertesvigt",
            "Digital hjemmebehandling af gravide",
        ),
        "Borgere med kronisk sygdom måler selv blodtryk, vægt og iltmætning hjemme, og "
        "sygeplejersker følger målingerne og griber ind i tide.",
        "Borgere med KOL, hjertesvigt og diabetes har mange indlæggelser, som kan undgås med "
        "tidlig opfølgning.",
        "Borgerne får en tablet og måleudstyr, og målingerne deles med hjemmesygeplejen, egen "
        "læge og hospitalet i et fælles system.",
        (
            "Hjemmemålinger af vitale værdier",
            "Videokonsultationer med sygeplejersken",
            "Fælles data med region og almen praksis",
            "Undervisning i egenomsorg",
        ),
        (
            B(OKONOMI, "Færre akutte indlæggelser", "%", 10, 40),
            B(KVALITET, "Større tryghed og egenomsorg hos borgerne"),
            B(KLIMA, "Færre kørte kilometer i hjemmesygeplejen", "km/år", 1000, 60_000),
        ),
        ("Sundhedshuset", "Hjemmesygeplejen", "Sygehuset"),
        (300_000, 12_000_000),
        ("borgere", 20, 3000),
    ),
    Idea(
        "Social og sundhed",
        ("Velfærdsteknologi", "Apps og selvbetjening", "Virtual og augmented reality"),
        (
            "Digital genoptræning i eget hjem",
            "Genoptræning med VR og bevægelsessensorer",
            "Træningsapp til borgere efter hofteoperation",
        ),
        "Borgere genoptræner hjemme med app, videoøvelser og sensorer, mens terapeuterne "
        "følger med digitalt og justerer programmet.",
        "Ventetiden til genoptræning er lang, og mange borgere har svært ved at komme til "
        "træningscentret flere gange om ugen.",
        "Terapeuten sammensætter et personligt træningsprogram i appen, og sensorer "
        "registrerer, om øvelserne udføres korrekt.",
        (
            "Personlige træningsprogrammer med video",
            "Sensorer, der giver feedback på øvelserne",
            "VR-spil til træning af balance",
            "Videosamtaler med terapeuten",
        ),
        (
            B(KVALITET, "Flere borgere, der gennemfører genoptræningen", "%", 5, 30),
            B(OKONOMI, "Frigjort terapeuttid", "timer/år", 200, 6000),
            B(KLIMA, "Mindre transport til træningscentret"),
        ),
        ("Træningscentret", "Sundhedshuset", "Rehabiliteringscentret"),
        (100_000, 3_000_000),
        ("borgere", 20, 2000),
    ),
    Idea(
        "Social og sundhed",
        ("Geodata og GIS", "AI"),
        (
            "Kørselsplanlægning i hjemmeplejen med geodata",
            "Ruteoptimering af visiteret kørsel",
            "Intelligent planlægning af skolekørsel",
        ),
        "Optimering af ruter og besøg med geodata og algoritmer giver mindre kørsel og mere "
        "tid hos borgerne i hjemmeplejen og den visiterede kørsel.",
        "Hjemmeplejen og kørselskontoret planlægger mange tusinde besøg og ture om ugen, ofte "
        "manuelt.",
        "Et planlægningsværktøj beregner de bedste ruter ud fra adresser, vejnet, "
        "kompetencer og borgernes ønsker til tidspunkter.",
        (
            "Automatisk ruteforslag hver morgen",
            "Hensyn til kontinuitet i besøgene",
            "Opfølgning på kørte kilometer",
            "Integration med omsorgssystemet",
        ),
        (
            B(OKONOMI, "Færre kørte kilometer", "%", 5, 25),
            B(KVALITET, "Mere tid hos borgerne", "timer/uge", 10, 300),
            B(KLIMA, "Lavere CO2-udledning fra kørsel", "ton CO2/år", 5, 200),
        ),
        ("Hjemmeplejens base", "Kørselskontoret", "Rådhuset"),
        (100_000, 2_500_000),
    ),
    Idea(
        "Social og sundhed",
        ("Robotter", "Velfærdsteknologi"),
        (
            "Vasketoiletter og loftlifte på plejecentre",
            "Robotstøvsugere i hjemmeplejen",
            "Spiserobotter til borgere med handicap",
            "Sociale robotter på plejecentre",
        ),
        "Robotter og hjælpemidler overtager tunge og rutineprægede opgaver i plejen, så "
        "borgerne bliver mere selvhjulpne, og personalet aflastes.",
        "Rekrutteringen til ældreplejen er svær, og mange opgaver er fysisk belastende for "
        "personalet.",
        "Teknologierne afprøves på udvalgte afdelinger, og effekten på tid, arbejdsmiljø og "
        "borgernes selvhjulpenhed måles, før der tages stilling til udbredelse.",
        (
            "Vasketoiletter, der øger selvhjulpenheden",
            "Robotstøvsugere hos borgere med rengøringshjælp",
            "Spiserobotter til borgere med nedsat armfunktion",
            "Arbejdsmiljømålinger før og efter",
        ),
        (
            B(OKONOMI, "Frigjort tid i plejen", "timer/år", 300, 15_000),
            B(KVALITET, "Flere selvhjulpne borgere", "%", 5, 30),
            B(ANDET, "Færre arbejdsskader blandt personalet", "%", 5, 40),
        ),
        ("Plejecentret", "Bostedet", "Hjemmeplejen", "Hjælpemiddeldepotet"),
        (150_000, 6_000_000),
        ("borgere", 10, 800),
    ),
    Idea(
        "Social og sundhed",
        ("Velfærdsteknologi", "Telemedicin"),
        (
            "Elektroniske medicindispensere i hjemmeplejen",
            "Medicinhuskere til borgere i eget hjem",
        ),
        "Elektroniske dispensere minder borgeren om at tage medicinen og giver besked til "
        "hjemmeplejen, hvis en dosis ikke bliver taget.",
        "Hjemmeplejen bruger mange besøg alene på at give medicin, og nogle borgere kan "
        "sagtens klare det selv med lidt hjælp.",
        "Dispenseren fyldes af apoteket eller sygeplejersken og giver lyd- og lyssignal, når "
        "medicinen skal tages.",
        (
            "Dispensere med alarm ved glemt dosis",
            "Samarbejde med apoteket om pakning",
            "Visitation efter et fast vurderingsskema",
            "Opfølgning med borger og pårørende",
        ),
        (
            B(OKONOMI, "Færre medicinbesøg i hjemmeplejen", "besøg/år", 500, 60_000),
            B(KVALITET, "Flere borgere, der tager medicinen korrekt", "%", 5, 30),
            B(KLIMA, "Færre kørte kilometer i hjemmeplejen"),
        ),
        ("Hjemmeplejen", "Sundhedshuset", "Apoteket"),
        (100_000, 2_500_000),
        ("borgere", 10, 600),
    ),
    Idea(
        "Social og sundhed",
        ("Droner",),
        ("Dronetransport af blodprøver og medicin", "Droner mellem sygehus og laboratorium"),
        "Droner transporterer blodprøver og medicin mellem sundhedshuse, sygehus og øer, så "
        "svarene kommer hurtigere, og kørsel spares.",
        "Prøver fra sundhedshuse og små øer skal køres langt til laboratoriet, og borgerne "
        "venter længe på svar.",
        "Dronerne flyver faste ruter uden for tæt bebyggelse med godkendelse fra "
        "Trafikstyrelsen og overvåges fra en kontrolcentral.",
        (
            "Faste flyveruter godkendt af Trafikstyrelsen",
            "Temperaturstyrede transportbokse",
            "Kontrolcentral med overvågning",
            "Sammenligning med transport i bil og med færge",
        ),
        (
            B(KVALITET, "Kortere tid fra prøvetagning til svar", "timer", 1, 24),
            B(KLIMA, "Mindre transport med bil og færge", "km/år", 1000, 40_000),
            B(ANDET, "Erfaringer med droner i sundhedsvæsenet"),
        ),
        ("Sundhedshuset", "Sygehuset", "Færgehavnen", "Laboratoriet"),
        (500_000, 10_000_000),
        ("flyvninger om ugen", 5, 200),
        weight=0.6,
    ),
    Idea(
        "Social og sundhed",
        ("Elbiler og ladeinfrastruktur",),
        ("Elbiler i hjemmeplejen", "Grøn omstilling af bilerne i ældreplejen"),
        "Hjemmeplejens biler skiftes til elbiler med ladestandere ved baserne, og kørslen "
        "planlægges, så rækkevidden udnyttes bedst muligt.",
        "Hjemmeplejen kører mange kilometer hver dag og står for en stor del af kommunens "
        "CO2-udledning fra transport.",
        "Bilerne leases som elbiler, og opladningen sker om natten ved baserne med styring "
        "efter elprisen.",
        (
            "Elbiler til alle distrikter",
            "Ladestandere ved hjemmeplejens baser",
            "Ruteplanlægning efter rækkevidde",
            "Kørselsdata til opfølgning",
        ),
        (
            B(KLIMA, "Lavere CO2-udledning fra kørsel", "ton CO2/år", 10, 400),
            B(OKONOMI, "Lavere driftsudgifter pr. kilometer", "%", 10, 40),
            B(KVALITET, "Bedre arbejdsmiljø med støjsvage biler"),
        ),
        ("Hjemmeplejens base", "Plejecentret"),
        (300_000, 15_000_000),
        ("elbiler", 5, 250),
    ),
    Idea(
        "Social og sundhed",
        ("AI", "Dataplatform", "Velfærdsteknologi"),
        (
            "Tidlig opsporing med AI i ældreplejen",
            "Dataanalyse til forebyggelse af genindlæggelser",
        ),
        "Data fra omsorgsjournalen og daglige observationer bruges til at opspore tidlige tegn "
        "på sygdom, så plejepersonalet kan forebygge indlæggelser.",
        "Mange indlæggelser af ældre kan forebygges, hvis ændringer i borgerens tilstand "
        "opdages tidligt.",
        "En model markerer borgere med forøget risiko, og sygeplejersken vurderer, om der skal "
        "handles. Modellen er gennemgået for bias og databeskyttelse.",
        (
            "Daglige observationer efter et fast skema",
            "Risikomarkering i omsorgssystemet",
            "Menneskelig vurdering af alle markeringer",
            "Etisk og juridisk vurdering af løsningen",
        ),
        (
            B(KVALITET, "Færre forebyggelige indlæggelser", "%", 5, 25),
            B(OKONOMI, "Sparede udgifter til indlæggelser", "kr./år", 200_000, 6_000_000),
            B(ANDET, "Erfaringer med ansvarlig brug af AI"),
        ),
        ("Plejecentret", "Hjemmeplejen", "Akutteamet"),
        (300_000, 5_000_000),
        ("borgere", 50, 4000),
    ),
    # Borgerinddragelse
    Idea(
        "Borgerinddragelse",
        ("Apps og selvbetjening",),
        (
            "Sociale medier i borgerinddragelsen",
            "Digital borgerdialog om lokalsamfundets udvikling",
        ),
        "Kommunen bruger sociale medier og digitale dialogværktøjer til at inddrage borgere, "
        "der sjældent deltager i traditionelle borgermøder.",
        "Til borgermøderne kommer ofte de samme borgere, og unge og børnefamilier er "
        "underrepræsenterede.",
        "Dialogen foregår, hvor borgerne er – på sociale medier og i korte digitale "
        "undersøgelser – og resultaterne samles i en rapport til politikerne.",
        (
            "Korte digitale undersøgelser",
            "Live-debatter på sociale medier",
            "Retningslinjer for moderation",
            "Tilbagemelding til borgerne om resultatet",
        ),
        (
            B(ANDET, "Flere borgere, der deltager i dialogen", "deltagere", 100, 8000),
            B(KVALITET, "Bredere repræsentation af aldersgrupper"),
            B(OKONOMI, "Færre fysiske borgermøder", "møder/år", 2, 20),
        ),
        ("Rådhuset", "Medborgerhuset", "Landsbyen"),
        (50_000, 700_000),
    ),
    Idea(
        "Borgerinddragelse",
        ("Geodata og GIS", "Digital tvilling", "Virtual og augmented reality"),
        (
            "Digitale lokalplaner med 3D-visualisering",
            "Digital høring om byudvikling",
            "Nye byggeprojekter vist i augmented reality",
        ),
        "Lokalplaner og byggeprojekter vises i 3D og augmented reality, så borgerne kan se, "
        "hvordan byen vil se ud, og kommentere direkte på kortet i høringen.",
        "Lokalplaner er svære at forstå for borgere uden faglig baggrund, og høringssvarene "
        "kommer ofte sent i processen.",
        "Planforslagene lægges ind i en 3D-model, og borgerne kan afgive høringssvar ved at "
        "klikke på kortet. På stedet kan projektet ses med mobilen i AR.",
        (
            "3D-visualisering af lokalplanforslag",
            "Kortbaserede høringssvar",
            "AR-visning på byggegrunden",
            "Digitale lokalplaner i Plandata.dk",
        ),
        (
            B(ANDET, "Flere høringssvar", "%", 20, 150),
            B(KVALITET, "Bedre forståelse af planforslag blandt borgerne"),
            B(OKONOMI, "Færre klagesager efter vedtagelsen"),
        ),
        ("Byggefeltet", "Den nye bydel", "Havnefronten", "Stationsområdet"),
        (100_000, 2_500_000),
        None,
        "Lokalplaner (Plandata)",
    ),
    Idea(
        "Borgerinddragelse",
        ("Wi-Fi og bredbånd", "Apps og selvbetjening"),
        ("Live-streaming fra kommunalbestyrelsesmøder", "Digitale borgermøder og web-tv"),
        "Kommunalbestyrelsens møder streames live og gemmes med automatiske undertekster, så "
        "flere borgere kan følge med i lokalpolitikken.",
        "Få borgere har mulighed for at møde op til kommunalbestyrelsens møder om aftenen.",
        "Byrådssalen udstyres med kameraer og automatisk produktion, og optagelserne kobles "
        "til dagsordenens punkter.",
        (
            "Automatisk kamerastyring efter talerlisten",
            "Undertekster med talegenkendelse",
            "Optagelser koblet til dagsordenen",
            "Arkiv med søgning",
        ),
        (
            B(ANDET, "Seere pr. møde", "seere", 50, 5000),
            B(KVALITET, "Større gennemsigtighed i lokalpolitikken"),
            B(KVALITET, "Bedre tilgængelighed for borgere med høretab"),
        ),
        ("Byrådssalen", "Rådhuset"),
        (80_000, 900_000),
    ),
    Idea(
        "Borgerinddragelse",
        ("Apps og selvbetjening", "Dataplatform"),
        (
            "Track and trace af egen sag i byggesagsbehandlingen",
            "Følg din sag digitalt",
            "Digital status på ansøgninger om byggetilladelse",
        ),
        "Borgere og virksomheder kan følge deres sag trin for trin online og se, hvornår de "
        "kan forvente svar.",
        "Mange henvendelser til kommunen handler om, hvor langt en sag er, særligt på "
        "byggeområdet.",
        "Sagsbehandlingssystemet udstiller status og forventet svartid, som vises på borgerens "
        "side og sendes som notifikationer.",
        (
            "Status på sagen trin for trin",
            "Forventet svartid ud fra lignende sager",
            "Notifikationer ved ændringer",
            "Integration med Byg og Miljø",
        ),
        (
            B(OKONOMI, "Færre opkald om sagens status", "%", 15, 60),
            B(KVALITET, "Større tilfredshed med sagsbehandlingen"),
            B(KVALITET, "Kortere gennemsnitlig sagsbehandlingstid", "dage", 2, 30),
        ),
        ("Borgerservice", "Byggesagsafdelingen", "Rådhuset"),
        (100_000, 2_000_000),
    ),
    Idea(
        "Borgerinddragelse",
        ("Apps og selvbetjening", "Åbne data"),
        ("Digital platform til borgerbudgetter", "Borgerpanel og digitale afstemninger"),
        "Borgerne stiller forslag til og stemmer om, hvordan en del af anlægsbudgettet skal "
        "bruges i deres lokalområde.",
        "Kommunen ønsker at give borgerne direkte indflydelse på mindre anlægsprojekter i "
        "lokalområderne.",
        "Forslagene indsendes og præsenteres på en digital platform, hvor borgere over 15 år "
        "kan stemme med MitID.",
        (
            "Forslag med kort og billeder",
            "Afstemning med MitID",
            "Resultaterne offentliggjort som åbne data",
            "Opfølgning på gennemførte projekter",
        ),
        (
            B(ANDET, "Borgere, der har stemt", "borgere", 300, 20_000),
            B(KVALITET, "Større lokalt ejerskab til anlægsprojekter"),
            B(ANDET, "Gennemførte borgerforslag", "projekter", 2, 40),
        ),
        ("Lokalområdet", "Landsbyen", "Bydelen", "Medborgerhuset"),
        (100_000, 5_000_000),
    ),
    Idea(
        "Borgerinddragelse",
        ("IoT-sensorer", "Åbne data"),
        (
            "Borgerforskning: målinger af luftkvalitet med hjemmesensorer",
            "Borgere måler regn og grundvand i haven",
        ),
        "Frivillige borgere får sensorer til hjem og have og bidrager med målinger, som både "
        "kommune, forskere og andre borgere kan bruge.",
        "Kommunen har brug for flere målepunkter, og mange borgere vil gerne bidrage til viden "
        "om deres lokalområde.",
        "Borgerne får et sensorkit og en vejledning, og målingerne samles på et offentligt "
        "kort, som forskere hjælper med at kvalitetssikre.",
        (
            "Sensorkit til frivillige",
            "Offentligt kort over målingerne",
            "Kvalitetssikring med forskere",
            "Workshops for deltagerne",
        ),
        (
            B(ANDET, "Frivillige deltagere", "deltagere", 20, 1500),
            B(KVALITET, "Flere målepunkter i kommunen", "målepunkter", 20, 1500),
            B(KVALITET, "Mere viden om miljøet i lokalområdet"),
        ),
        ("Boligområdet", "Haveforeningen", "Skolen", "Biblioteket"),
        (50_000, 1_000_000),
        ("sensorkit", 20, 1500),
        "Borgermålinger",
    ),
    Idea(
        "Borgerinddragelse",
        ("AI", "Apps og selvbetjening"),
        (
            "Chatbot til borgerhenvendelser",
            "AI-assistent på kommunens hjemmeside",
            "Digital assistent i borgerservice",
        ),
        "En chatbot besvarer de hyppigste spørgsmål døgnet rundt og sender mere komplekse "
        "henvendelser videre til den rette medarbejder.",
        "Borgerservice modtager mange ensartede spørgsmål om fx pas, affald og flytning.",
        "Chatbotten svarer kun ud fra kommunens egne, godkendte tekster, og samtalerne gemmes "
        "ikke med personoplysninger.",
        (
            "Svar på de 100 hyppigste spørgsmål",
            "Overdragelse til en medarbejder i åbningstiden",
            "Løbende kvalitetssikring af svarene",
            "Klare regler for databeskyttelse",
        ),
        (
            B(OKONOMI, "Færre telefonopkald i borgerservice", "%", 5, 30),
            B(KVALITET, "Svar uden for åbningstiden", "samtaler/måned", 200, 15_000),
            B(ANDET, "Erfaringer med ansvarlig brug af AI"),
        ),
        ("Borgerservice", "Rådhuset"),
        (100_000, 2_000_000),
    ),
]

AREA_WEIGHTS = {
    "Teknik og miljø": 22,
    "Forsyning": 16,
    "Kultur og fritid": 10,
    "Erhvervsudvikling og innovation": 12,
    "Læring og uddannelse": 10,
    "Social og sundhed": 20,
    "Borgerinddragelse": 10,
}
AREA_STRATEGIES = {
    "Teknik og miljø": "klimahandlingsplan (DK2020)",
    "Forsyning": "klimatilpasningsplan",
    "Kultur og fritid": "kultur- og fritidspolitik",
    "Erhvervsudvikling og innovation": "erhvervs- og vækststrategi",
    "Læring og uddannelse": "digitaliseringsstrategi for skoler og dagtilbud",
    "Social og sundhed": "ældre- og sundhedspolitik",
    "Borgerinddragelse": "politik for borgerinddragelse",
}
STATUS_WEIGHTS = {
    Status.IDEA: 8,
    Status.PLANNING: 12,
    Status.PILOT: 18,
    Status.IMPLEMENTATION: 17,
    Status.OPERATION: 25,
    Status.COMPLETED: 15,
    Status.STOPPED: 5,
}
TITLE_SUFFIXES = {
    Status.IDEA: " – forundersøgelse",
    Status.PLANNING: " – forprojekt",
    Status.PILOT: " – pilotprojekt",
    Status.IMPLEMENTATION: " – udrulning",
}
LESSONS = [
    "Tidlig inddragelse af driftsmedarbejderne har været afgørende for, at løsningen bliver "
    "brugt i hverdagen.",
    "Datakvaliteten krævede mere kalibrering og opfølgning end forventet i starten.",
    "Det har været en fordel at stille krav om åbne standarder i udbuddet, så data kan "
    "genbruges på tværs af forvaltninger.",
    "Vi genbrugte kravspecifikationen fra en anden kommune, hvilket sparede flere måneders "
    "arbejde.",
    "Konsekvensanalysen efter databeskyttelsesforordningen tog længere tid end planlagt – start "
    "den tidligt.",
    "En klar plan for gevinstrealisering gjorde det lettere at få politisk opbakning til den "
    "videre drift.",
    "Løsningen skalerer bedst, når den bygger på fælles infrastruktur frem for et separat "
    "netværk til hvert projekt.",
    "Borgerne tog løsningen hurtigere til sig end ventet, men kommunikationen skal tilpasses "
    "de forskellige målgrupper.",
    "Batterilevetiden på sensorerne var kortere end oplyst, hvilket påvirker driftsøkonomien.",
    "Samarbejdet med nabokommunerne har givet bedre priser og et stærkere fagligt netværk.",
    "Det var nødvendigt at afsætte tid til undervisning af medarbejderne, også efter "
    "idriftsættelsen.",
    "En lille pilot med klare succeskriterier gjorde det lettere at beslutte en udrulning.",
]
STOP_REASONS = [
    "finansieringen faldt bort",
    "teknologien ikke levede op til forventningerne",
    "leverandøren lukkede produktet",
    "netværksdækningen var utilstrækkelig",
    "gevinsterne ikke kunne dokumenteres",
    "der ikke var politisk opbakning til at fortsætte",
    "de juridiske rammer ikke var på plads",
]
MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]

FUNDING_SOURCES = {
    "egen": ["Kommunens anlægsbudget", "Kommunens driftsbudget", "Kommunens digitaliseringspulje"],
    "eu": [
        "Horizon Europe",
        "Interreg Øresund-Kattegat-Skagerrak",
        "Interreg Deutschland-Danmark",
        "Interreg Nordsøprogrammet",
        "EU's Regionalfond (EFRU)",
        "LIFE-programmet",
        "Digital Europe-programmet",
    ],
    "fond": [
        "Realdania",
        "Nordea-fonden",
        "VILLUM FONDEN",
        "VELUX FONDEN",
        "TrygFonden",
        "Lokale og Anlægsfonden",
        "A.P. Møller Fonden",
    ],
    "stat": [
        "Innovationsfonden",
        "EUDP – Energiteknologisk Udviklings- og Demonstrationsprogram",
        "Puljen til velfærdsteknologi",
        "Landdistriktspuljen",
        "Bredbåndspuljen",
        "Klimatilpasningspuljen",
    ],
    "andet": [
        "Regionale udviklingsmidler",
        "Fælleskommunale digitaliseringsmidler",
        "Forsyningsselskabets midler",
    ],
}
FUNDING_KIND_WEIGHTS = {"eu": 14, "fond": 22, "stat": 30, "privat": 14, "andet": 20}
# Cumulative weights for 0-2 extra funding sources, 0-4 partners and 1-3 locations.
EXTRA_FUNDING_CUM = [40, 85, 100]
PARTNER_COUNT_CUM = [15, 45, 75, 90, 100]
LOCATION_COUNT_CUM = [50, 85, 100]

# A standard that fits a technology, with an address where it is well known and stable.
STANDARDS = {
    "IoT-sensorer": ("SenML (RFC 8428)", "https://www.rfc-editor.org/rfc/rfc8428"),
    "LoRaWAN": ("LoRaWAN 1.0.4 (LoRa Alliance)", ""),
    "Åbne data": ("DCAT-AP-DK", ""),
    "Dataplatform": ("OASC MIMs (Minimal Interoperability Mechanisms)", ""),
    "Digital tvilling": ("CityGML 3.0 (OGC)", ""),
    "Geodata og GIS": ("INSPIRE", ""),
    "Telemedicin": ("HL7 FHIR", "https://hl7.org/fhir/"),
    "Velfærdsteknologi": ("HL7 FHIR", "https://hl7.org/fhir/"),
    "Elbiler og ladeinfrastruktur": ("OCPP 1.6 (Open Charge Point Protocol)", ""),
    "Smart grid og energistyring": ("IEC 61850", ""),
    "Intelligent bygningsstyring": ("BACnet (ISO 16484-5)", ""),
    "Smart belysning": ("TALQ", ""),
    "Trafikstyring": ("DATEX II", ""),
    "Parkeringshenvisning": ("DATEX II", ""),
    "Apps og selvbetjening": ("WCAG 2.1", "https://www.w3.org/TR/WCAG21/"),
    "Fjernundervisning": ("WCAG 2.1", "https://www.w3.org/TR/WCAG21/"),
    "Klimatilpasning og vandsensorer": ("OGC SensorThings API", ""),
    "Affaldssensorer": ("SenML (RFC 8428)", "https://www.rfc-editor.org/rfc/rfc8428"),
    "Wi-Fi og bredbånd": ("IEEE 802.11ax (Wi-Fi 6)", ""),
    "Virtual og augmented reality": ("OpenXR (Khronos)", ""),
    "Blockchain": ("W3C Verifiable Credentials", "https://www.w3.org/TR/vc-data-model/"),
}
TECHNOLOGY_ROLES = {
    "IoT-sensorer": "Leverandør af sensorer",
    "LoRaWAN": "Drift af LoRaWAN-netværk",
    "Åbne data": "Udstilling af åbne data",
    "Digital tvilling": "Udvikling af digital tvilling",
    "AI": "Udvikling af AI-modeller",
    "Droner": "Droneoperatør",
    "Robotter": "Leverandør af robotter",
    "Velfærdsteknologi": "Leverandør af velfærdsteknologi",
    "Smart belysning": "Leverandør af armaturer og lysstyring",
    "Intelligent bygningsstyring": "CTS-leverandør",
    "Trafikstyring": "Leverandør af signalstyring",
    "Parkeringshenvisning": "Leverandør af parkeringssensorer",
    "Affaldssensorer": "Leverandør af fyldningssensorer",
    "Apps og selvbetjening": "Udvikling af app",
    "Dataplatform": "Drift af dataplatform",
    "Telemedicin": "Leverandør af telemedicinsk løsning",
    "Fjernundervisning": "Leverandør af undervisningsplatform",
    "Elbiler og ladeinfrastruktur": "Etablering og drift af ladestandere",
    "Smart grid og energistyring": "Energistyring og dataopsamling",
    "Klimatilpasning og vandsensorer": "Hydraulisk modellering og målinger",
    "Wi-Fi og bredbånd": "Netværksleverandør",
    "Geodata og GIS": "GIS-rådgivning",
    "Blockchain": "Udvikling af blockchain-løsning",
    "Virtual og augmented reality": "Produktion af VR/AR-indhold",
}
CONSULTANT_ROLES = ["Rådgiver", "Projektledelse og evaluering", "Udbudsrådgivning"]
KNOWLEDGE_ROLES = [
    "Forskningspartner",
    "Evaluering af effekter",
    "Faglig sparring",
    "Studenterprojekter",
]
ASSOCIATION_ROLES = ["Netværk og videndeling", "Fællesskabsløsning"]
REGION_ROLES = ["Regional medfinansiering", "Regional koordinering"]
NATIONAL_ROLES = {
    "KL – Kommunernes Landsforening": "Videndeling og skalering",
    "Danske Regioner": "Sparringspartner",
    "Digitaliseringsstyrelsen": "Fællesoffentlig koordinering",
}

FIRST_NAMES = [
    "Anne", "Mette", "Hanne", "Camilla", "Louise", "Maria", "Sofie", "Ida", "Julie", "Line",
    "Karen", "Susanne", "Lene", "Pernille", "Signe", "Marianne", "Trine", "Helle", "Kirsten",
    "Birgitte", "Josefine", "Freja", "Nanna", "Malene", "Peter", "Jens", "Lars", "Søren",
    "Michael", "Henrik", "Thomas", "Rasmus", "Anders", "Jesper", "Morten", "Mads", "Niels",
    "Christian", "Martin", "Jakob", "Frederik", "Kasper", "Mikkel", "Ole", "Torben", "Bo",
    "Jonas", "Emil",
]  # fmt: skip
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Lund", "Holm", "Schmidt", "Eriksen", "Kjær", "Dam", "Bak", "Frandsen",
    "Østergaard", "Vestergaard", "Højgaard", "Bech", "Lauridsen", "Skov", "Laursen",
]  # fmt: skip
MUNICIPAL_ROLES = [
    "Projektleder",
    "Digitaliseringskonsulent",
    "Smart city-koordinator",
    "Teamleder",
    "Specialkonsulent",
    "Chefkonsulent",
    "Ingeniør",
]
PARTNER_CONTACT_ROLES = {
    "virksomhed": ["Løsningsarkitekt", "Kundeansvarlig", "Direktør"],
    "vidensinstitution": ["Seniorforsker", "Lektor", "Projektleder"],
    "forening": ["Netværkskoordinator", "Sekretariatsleder"],
    "region": ["Udviklingskonsulent"],
    "national": ["Chefkonsulent"],
}


# --- Generation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Muni:
    code: str
    id: int
    name: str
    slug: str
    region_code: str
    region_name: str
    org: "_Org"
    place: str
    town: str
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class _Org:
    id: int
    name: str
    slug: str
    kind: str
    specialties: tuple[str, ...] = ()


@dataclass
class _Draft:
    project: Project
    municipality_ids: list[int]
    technology_ids: list[int]
    funding: list[tuple[str, str, int | None]] = field(default_factory=list)
    partners: list[tuple[int, str]] = field(default_factory=list)
    benefits: list[tuple[str, str, Decimal | None, str]] = field(default_factory=list)
    contacts: list[tuple[str, str, str, str, bool]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    locations: list[tuple[float, float, str]] = field(default_factory=list)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class DemoError(Exception):
    """The database is not in a state the demo generator can work with."""


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    result = []
    for w in weights:
        total += w
        result.append(total)
    return result


def _nice(value: float) -> int:
    """Round to two significant digits, as people state budgets and measurements."""
    if value < 10:
        return max(1, round(value))
    magnitude = 10 ** (int(math.log10(value)) - 1)
    return int(round(value / magnitude) * magnitude)


def _number(n: int) -> str:
    """Danish thousands separator: 24.000."""
    return f"{n:,}".replace(",", ".")


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def _month(d: dt.date | None) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}" if d else "et endnu ukendt tidspunkt"


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() or text[1:2].isdigit() else text[0].lower() + text[1:]


def _email_part(text: str) -> str:
    return danish_slugify(text).replace("-", ".")


class _Generator:
    def __init__(self, *, seed: int, count: int, today: dt.date, now: dt.datetime) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.count = count
        self.today = today
        self.now = now
        self._load()
        rng = self.rng
        # Coverage: when there are enough projects, every municipality, idea and status is used
        # at least once, at positions spread over the whole run.
        munis = list(range(len(self.munis)))
        rng.shuffle(munis)
        self.forced_muni = dict(
            zip(rng.sample(range(count), min(count, len(munis))), munis, strict=False)
        )
        ideas = list(range(len(self.ideas)))
        rng.shuffle(ideas)
        self.forced_idea = dict(
            zip(rng.sample(range(count), min(count, len(ideas))), ideas, strict=False)
        )
        statuses = list(STATUS_WEIGHTS)
        self.forced_status = dict(
            zip(rng.sample(range(count), min(count, len(statuses))), statuses, strict=False)
        )
        # Technologies in the database that no idea uses (added by coordinators).
        self.forced_extra_tech = dict(
            zip(
                rng.sample(range(count), min(count, len(self.extra_tech_ids))),
                self.extra_tech_ids,
                strict=False,
            )
        )

    def _load(self) -> None:
        regions = {r.id: r for r in Region.objects.all()}
        org_by_muni = {
            o.municipality_id: o for o in Organisation.objects.filter(municipality__isnull=False)
        }
        self.munis: list[_Muni] = []
        populations = []
        for m in Municipality.objects.order_by("code"):
            if m.code not in MUNICIPALITY_POINTS or m.id not in org_by_muni:
                continue
            town, lat, lon, radius = MUNICIPALITY_POINTS[m.code]
            o = org_by_muni[m.id]
            region = regions[m.region_id]
            self.munis.append(
                _Muni(
                    code=m.code,
                    id=m.id,
                    name=m.name,
                    slug=m.slug,
                    region_code=region.code,
                    region_name=region.name,
                    org=_Org(o.id, o.name, o.slug, o.kind),
                    place=PLACE_NAMES.get(m.code, m.name),
                    town=town,
                    lat=lat,
                    lon=lon,
                    radius_km=radius,
                )
            )
            populations.append(m.population or 30_000)
        if not self.munis:
            raise DemoError("Der findes ingen kommuner – kør `smartby migrate` først.")
        self.muni_cum = _cumulative(populations)
        # Neighbours: the other municipalities of the same region, nearest first.
        self.neighbours: list[list[int]] = []
        for a in self.munis:
            same = [
                (self._distance(a, b), b.code, j)
                for j, b in enumerate(self.munis)
                if b.region_code == a.region_code and b.code != a.code
            ]
            self.neighbours.append([j for _, _, j in sorted(same)])

        self.region_orgs = {
            o.region.code: _Org(o.id, o.name, o.slug, o.kind)
            for o in Organisation.objects.filter(region__isnull=False).select_related("region")
        }
        nationals = {o.name: o for o in Organisation.objects.filter(name__in=list(NATIONAL_ROLES))}
        self.national_orgs = [
            _Org(nationals[n].id, n, nationals[n].slug, nationals[n].kind)
            for n in NATIONAL_ROLES
            if n in nationals
        ]
        demo_orgs = ensure_demo_organisations()

        def org(d: DemoOrganisation) -> _Org:
            o = demo_orgs[d.name]
            return _Org(o.id, o.name, o.slug, d.kind, d.specialties)

        self.companies = [org(d) for d in COMPANIES]
        self.consultants = [c for c in self.companies if not c.specialties]
        self.knowledge = [org(d) for d in KNOWLEDGE_INSTITUTIONS]
        self.associations = [org(d) for d in ASSOCIATIONS]
        self.companies_by_tech: dict[str, list[_Org]] = {}
        for c in self.companies:
            for t in c.specialties:
                self.companies_by_tech.setdefault(t, []).append(c)

        self.area_ids = dict(Area.objects.values_list("name", "id"))
        self.tech_ids = dict(Technology.objects.values_list("name", "id"))
        self.ideas = [i for i in IDEAS if i.area in self.area_ids]
        if not self.ideas:
            raise DemoError("Ingen af demoens forvaltningsområder findes i databasen.")
        used = {t for i in self.ideas for t in i.technologies}
        self.extra_tech_ids = [self.tech_ids[n] for n in sorted(self.tech_ids) if n not in used]
        self.idea_cum = _cumulative(
            [AREA_WEIGHTS.get(i.area, 10) * i.weight / self._area_size(i.area) for i in self.ideas]
        )
        self.status_list = list(STATUS_WEIGHTS)
        self.status_cum = _cumulative(list(STATUS_WEIGHTS.values()))
        self.funding_kinds = list(FUNDING_KIND_WEIGHTS)
        self.funding_cum = _cumulative(list(FUNDING_KIND_WEIGHTS.values()))
        self.used_slugs = set(Project.objects.values_list("slug", flat=True))
        self.slug_counters: dict[str, int] = {}

    def _area_size(self, area: str) -> float:
        return sum(i.weight for i in self.ideas if i.area == area)

    @staticmethod
    def _distance(a: _Muni, b: _Muni) -> float:
        dx = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
        return math.hypot(a.lat - b.lat, dx)

    def _pick[T](self, items: Sequence[T], cum: list[float]) -> T:
        """A weighted choice; `cum` holds the cumulative weights of `items`."""
        return items[min(bisect(cum, self.rng.random() * cum[-1]), len(items) - 1)]

    # -- one project -----------------------------------------------------------------------

    def project(self, i: int) -> _Draft:
        rng = self.rng
        idea = (
            self.ideas[self.forced_idea[i]]
            if i in self.forced_idea
            else self._pick(self.ideas, self.idea_cum)
        )
        status = self.forced_status.get(i) or self._pick(self.status_list, self.status_cum)
        primary = (
            self.forced_muni[i]
            if i in self.forced_muni
            else self._pick(range(len(self.munis)), self.muni_cum)
        )
        munis = [self.munis[j] for j in self._joint(primary)]
        lead = munis[0].org
        r = rng.random()
        if r < 0.04:
            lead = self.region_orgs.get(munis[0].region_code, lead)
        elif r < 0.08:
            lead = rng.choice(self.knowledge)

        technologies = [idea.technologies[0]] + [
            t for t in idea.technologies[1:] if i in self.forced_idea or rng.random() < 0.7
        ]
        if rng.random() < 0.08:
            extra = rng.choice(["Dataplatform", "Åbne data", "AI", "Geodata og GIS"])
            if extra not in technologies:
                technologies.append(extra)
        tech_ids = [self.tech_ids[t] for t in technologies if t in self.tech_ids]
        if i in self.forced_extra_tech:
            tech_ids.append(self.forced_extra_tech[i])

        start, end = self._dates(status)
        scope_text = ""
        if idea.scope:
            noun, low, high = idea.scope
            share = {Status.PILOT: 0.25, Status.IDEA: 0.2, Status.PLANNING: 0.3}.get(status, 1.0)
            n = _nice(low + (high - low) * share * rng.random() ** 2)
            scope_text = f"{_number(n)} {noun}"

        title = self._title(idea, status, munis)
        slug = self._slug(title)
        partners = self._partners(technologies, munis, lead)
        budget = self._budget(idea, status, len(munis))

        status_text = self._status_sentence(status, start, end, scope_text, munis[0].place)
        summary = f"{idea.summary} {status_text}"
        if len(munis) > 1:
            summary += f" Et samarbejde mellem {_join([m.name for m in munis])} kommuner."
        summary = summary[:600]
        description = self._description(idea, status, status_text, munis, lead, partners)

        lv_days = int(730 * rng.random() ** 1.2)
        last_verified = self.today - dt.timedelta(days=lv_days)
        updated_days = lv_days - int(lv_days * rng.random() ** 3)
        updated_at = min(
            dt.datetime.combine(
                self.today - dt.timedelta(days=updated_days),
                dt.time(rng.randint(7, 16), rng.randint(0, 59), rng.randint(0, 59)),
                tzinfo=self.now.tzinfo,
            ),
            self.now - dt.timedelta(minutes=rng.randint(1, 600)),
        )
        created_at = updated_at - dt.timedelta(
            days=rng.randint(0, 1100), seconds=rng.randint(0, 86399)
        )

        project = Project(
            uid=f"demo-{self.seed}-{i}",
            slug=slug,
            title=title,
            summary=summary,
            description=description,
            lead_organisation_id=lead.id,
            area_id=self.area_ids[idea.area],
            status=status,
            start_date=start,
            end_date=end,
            budget_dkk=budget,
            last_verified=last_verified,
        )
        draft = _Draft(
            project=project,
            municipality_ids=[m.id for m in munis],
            technology_ids=tech_ids,
            partners=[(o.id, role) for o, role in partners],
            created_at=created_at,
            updated_at=updated_at,
        )
        draft.funding = self._funding(status, budget, munis[0], partners)
        draft.benefits = self._benefits(idea, status)
        draft.contacts = self._contacts(munis[0], lead, partners)
        draft.links = self._links(idea, technologies, munis[0], slug, status)
        draft.locations = self._locations(idea, munis)
        return draft

    def _joint(self, primary: int) -> list[int]:
        rng = self.rng
        if rng.random() >= 0.15:
            return [primary]
        size = rng.choice((2, 2, 2, 3, 3, 4, 5))
        neighbours = self.neighbours[primary][:6]
        if neighbours and rng.random() < 0.85:
            others = rng.sample(neighbours, min(size - 1, len(neighbours)))
        else:
            pool = [j for j in range(len(self.munis)) if j != primary]
            others = rng.sample(pool, min(size - 1, len(pool)))
        return [primary, *others]

    def _dates(self, status: str) -> tuple[dt.date | None, dt.date | None]:
        rng, today = self.rng, self.today

        def days(a: int, b: int) -> dt.timedelta:
            return dt.timedelta(days=rng.randint(a, b))

        def first_of_month(d: dt.date) -> dt.date:
            return d.replace(day=1) if rng.random() < 0.6 else d

        start: dt.date | None = None
        end: dt.date | None = None
        if status == Status.IDEA:
            if rng.random() < 0.3:
                start = first_of_month(today + days(60, 540))
        elif status == Status.PLANNING:
            if rng.random() < 0.85:
                start = first_of_month(today + days(20, 365))
                if rng.random() < 0.5:
                    end = start + days(180, 1095)
        elif status == Status.PILOT:
            start = first_of_month(today - days(30, 700))
            if rng.random() < 0.8:
                end = max(start + days(180, 900), today + days(14, 365))
        elif status == Status.IMPLEMENTATION:
            start = first_of_month(today - days(180, 1460))
            if rng.random() < 0.6:
                end = today + days(60, 900)
        elif status == Status.OPERATION:
            start = first_of_month(today - days(365, 3650))
        elif status == Status.COMPLETED:
            start = first_of_month(today - days(900, 3650))
            end = min(start + days(180, 1460), today - days(7, 60))
        else:  # stopped
            start = first_of_month(today - days(400, 2500))
            end = min(start + days(60, 720), today - days(7, 60))
        return start, end

    def _title(self, idea: Idea, status: str, munis: list[_Muni]) -> str:
        rng = self.rng
        base = rng.choice(idea.titles)
        r = rng.random()
        if len(munis) > 1:
            same_region = len({m.region_code for m in munis}) == 1
            if len(munis) == 2 and r < 0.4:
                return f"{base} i {munis[0].place} og {munis[1].place}"
            if same_region and r < 0.7:
                return f"{base} i {munis[0].region_name}"
            return f"{base} på tværs af {len(munis)} kommuner"
        if r < 0.45 and " i " not in base:
            return f"{base} i {munis[0].place}"
        if r < 0.65 and status in TITLE_SUFFIXES:
            return base + TITLE_SUFFIXES[status]
        return base

    def _slug(self, title: str) -> str:
        base = danish_slugify(title, max_length=SLUG_MAX - 7)
        slug = base
        n = self.slug_counters.get(base, 1)
        while slug in self.used_slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slug_counters[base] = n
        self.used_slugs.add(slug)
        return slug

    def _budget(self, idea: Idea, status: str, n_munis: int) -> int | None:
        rng = self.rng
        if status == Status.IDEA and rng.random() < 0.6:
            return None
        if rng.random() < 0.05:
            return None
        low, high = idea.budget
        value = math.exp(rng.uniform(math.log(low), math.log(high)))
        if n_munis > 1:
            value *= 1 + 0.4 * (n_munis - 1)
        return _nice(value)

    def _partners(
        self, technologies: list[str], munis: list[_Muni], lead: _Org
    ) -> list[tuple[_Org, str]]:
        rng = self.rng
        result: list[tuple[_Org, str]] = []
        taken = {lead.id}

        def add(org: _Org, role: str) -> None:
            if org.id not in taken:
                taken.add(org.id)
                result.append((org, role))

        for m in munis[1:]:
            add(m.org, "Deltagende kommune")
        if munis[0].org.id != lead.id:
            add(munis[0].org, "Værtskommune")
        relevant: list[_Org] = []
        for t in technologies:
            for c in self.companies_by_tech.get(t, []):
                if c not in relevant:
                    relevant.append(c)
        count = self._pick((0, 1, 2, 3, 4), PARTNER_COUNT_CUM)
        for _ in range(count):
            r = rng.random()
            if r < 0.55 and relevant:
                primary = self.companies_by_tech.get(technologies[0], [])
                company = rng.choice(primary if primary and rng.random() < 0.7 else relevant)
                shared = [t for t in technologies if t in company.specialties]
                add(company, TECHNOLOGY_ROLES.get(rng.choice(shared), "Leverandør"))
            elif r < 0.62:
                add(rng.choice(self.consultants), rng.choice(CONSULTANT_ROLES))
            elif r < 0.85:
                add(rng.choice(self.knowledge), rng.choice(KNOWLEDGE_ROLES))
            elif r < 0.92:
                add(rng.choice(self.associations), rng.choice(ASSOCIATION_ROLES))
            elif r < 0.96 and munis[0].region_code in self.region_orgs:
                add(self.region_orgs[munis[0].region_code], rng.choice(REGION_ROLES))
            elif self.national_orgs:
                org = rng.choice(self.national_orgs)
                add(org, NATIONAL_ROLES[org.name])
        return result

    def _funding(
        self, status: str, budget: int | None, muni: _Muni, partners: list[tuple[_Org, str]]
    ) -> list[tuple[str, str, int | None]]:
        rng = self.rng
        early = status in (Status.IDEA, Status.PLANNING)
        if budget is None and early:
            if rng.random() < 0.5:
                return []
            kind = self._pick(self.funding_kinds, self.funding_cum)
            if kind == "privat":
                return [(kind, "Dialog med private partnere", None)]
            return [
                (kind, f"{rng.choice(FUNDING_SOURCES[kind])} (ansøgning under forberedelse)", None)
            ]
        sources = [("egen", f"{rng.choice(FUNDING_SOURCES['egen'])}, {muni.org.name}")]
        for _ in range(self._pick((0, 1, 2), EXTRA_FUNDING_CUM)):
            kind = self._pick(self.funding_kinds, self.funding_cum)
            if kind == "privat":
                companies = [o for o, _ in partners if o.kind == "virksomhed"]
                source = (
                    f"Bidrag fra {rng.choice(companies).name}"
                    if companies
                    else "Bidrag fra lokale virksomheder"
                )
            else:
                source = rng.choice(FUNDING_SOURCES[kind])
            if all(source != s for _, s in sources):
                sources.append((kind, source))
        if budget is None:
            return [(kind, source, None) for kind, source in sources]
        # Own funding takes 20-100 % of the budget; the others share the rest.
        own = budget if len(sources) == 1 else min(budget, _nice(budget * rng.uniform(0.2, 0.6)))
        rest = budget - own
        result: list[tuple[str, str, int | None]] = [("egen", sources[0][1], own)]
        for k, (kind, source) in enumerate(sources[1:], start=1):
            amount = (
                rest if k == len(sources) - 1 else int(rest * rng.uniform(0.3, 0.7)) // 1000 * 1000
            )
            rest -= amount
            result.append((kind, source, amount))
        return result

    def _benefits(self, idea: Idea, status: str) -> list[tuple[str, str, Decimal | None, str]]:
        rng = self.rng
        measured_possible = status in (
            Status.PILOT,
            Status.IMPLEMENTATION,
            Status.OPERATION,
            Status.COMPLETED,
        )
        count = min(len(idea.benefits), rng.choice((1, 2, 2, 3)))
        result = []
        for b in rng.sample(idea.benefits, count):
            description = b.description
            value: Decimal | None = None
            unit = ""
            if b.unit and measured_possible and rng.random() < 0.65:
                value = Decimal(_nice(rng.uniform(b.low, b.high)))
                unit = b.unit
            elif status in (Status.IDEA, Status.PLANNING):
                description = f"Forventet: {_lower_first(description)}"
            result.append((b.kind, description, value, unit))
        return result

    def _person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return f"{first} {last}", f"{_email_part(first)}.{_email_part(last)}"

    def _contacts(
        self, muni: _Muni, lead: _Org, partners: list[tuple[_Org, str]]
    ) -> list[tuple[str, str, str, str, bool]]:
        rng = self.rng
        name, local = self._person()
        domain = muni.slug if lead.kind == "kommune" else lead.slug
        role = rng.choice(MUNICIPAL_ROLES) if lead.kind == "kommune" else "Projektleder"
        result = [(name, role, lead.name, f"{local}@{domain}.example.org", rng.random() < 0.65)]
        others = [o for o, _ in partners if o.kind != "kommune"]
        if others and rng.random() < 0.35:
            org = rng.choice(others)
            name, local = self._person()
            role = rng.choice(PARTNER_CONTACT_ROLES.get(org.kind, ["Kontaktperson"]))
            result.append(
                (name, role, org.name, f"{local}@{org.slug}.example.org", rng.random() < 0.5)
            )
        return result

    def _links(
        self, idea: Idea, technologies: list[str], muni: _Muni, slug: str, status: str
    ) -> list[tuple[str, str, str]]:
        rng = self.rng
        result = []
        if rng.random() < 0.6:
            result.append(
                ("link", "Projektside", f"https://{muni.slug}.example.org/projekter/{slug}")
            )
        if status in (Status.COMPLETED, Status.STOPPED, Status.OPERATION) and rng.random() < 0.4:
            result.append(
                (
                    "link",
                    "Evalueringsrapport (PDF)",
                    f"https://{muni.slug}.example.org/dokumenter/{slug}-evaluering.pdf",
                )
            )
        if idea.dataset and status != Status.IDEA and rng.random() < 0.5:
            result.append(
                (
                    "datasaet",
                    idea.dataset,
                    f"https://data.example.org/{muni.slug}/{danish_slugify(idea.dataset)}",
                )
            )
        standards = [STANDARDS[t] for t in technologies if t in STANDARDS]
        if standards and rng.random() < 0.45:
            title, url = rng.choice(standards)
            result.append(("standard", title, url))
        return result

    def _locations(self, idea: Idea, munis: list[_Muni]) -> list[tuple[float, float, str]]:
        rng = self.rng
        # A joint project has a location in each of (up to) three of its municipalities.
        count = self._pick((1, 2, 3), LOCATION_COUNT_CUM)
        where = munis[:3] if len(munis) > 1 else munis * count
        result = []
        for m in where:
            radius = m.radius_km * math.sqrt(rng.random())
            angle = rng.uniform(0, 2 * math.pi)
            lat = m.lat + radius * math.sin(angle) / 110.57
            lon = m.lon + radius * math.cos(angle) / (111.32 * math.cos(math.radians(m.lat)))
            lat = round(min(max(lat, LAT_RANGE[0]), LAT_RANGE[1]), 6)
            lon = round(min(max(lon, LON_RANGE[0]), LON_RANGE[1]), 6)
            result.append((lat, lon, f"{rng.choice(idea.places)}, {m.town}"))
        return result

    def _status_sentence(
        self, status: str, start: dt.date | None, end: dt.date | None, scope: str, place: str
    ) -> str:
        rng = self.rng
        with_scope = f" med {scope}" if scope else ""
        if status == Status.IDEA:
            return (
                "Projektet er på idéstadiet, og der søges partnere til at afklare behov og marked."
            )
        if status == Status.PLANNING:
            if start:
                return (
                    f"Projektet er under planlægning og forventes at gå i gang i {_month(start)}."
                )
            return "Projektet er under planlægning; tidsplanen er endnu ikke fastlagt."
        if status == Status.PILOT:
            until = f" og løber til {_month(end)}" if end else ""
            return f"En pilot{with_scope} gik i gang i {_month(start)}{until}."
        if status == Status.IMPLEMENTATION:
            to = f" til {scope}" if scope else f" i hele {place}"
            done = f" og ventes færdig i {_month(end)}" if end else ""
            return f"Efter en vellykket pilot udrulles løsningen nu{to}{done}."
        if status == Status.OPERATION:
            return f"Løsningen har været i drift siden {_month(start)}{with_scope}."
        if status == Status.COMPLETED:
            return (
                f"Projektet løb fra {_month(start)} til {_month(end)} "
                "og er afsluttet med en evaluering."
            )
        return (
            f"Projektet gik i gang i {_month(start)}, men blev stoppet i {_month(end)}, "
            f"fordi {rng.choice(STOP_REASONS)}."
        )

    def _description(
        self,
        idea: Idea,
        status: str,
        status_text: str,
        munis: list[_Muni],
        lead: _Org,
        partners: list[tuple[_Org, str]],
    ) -> str:
        rng = self.rng
        background = idea.background
        if rng.random() < 0.6:
            background += (
                f" Projektet er en del af kommunens {AREA_STRATEGIES.get(idea.area, 'strategi')}."
            )
        elements = "\n".join(f"- {e}" for e in rng.sample(idea.elements, rng.randint(2, 4)))
        organisation = f"{lead.name} er projektejer"
        others = [o.name for o, _ in partners if o.kind != "kommune"]
        if len(munis) == 1 and lead.id != munis[0].org.id:
            organisation += f" i samarbejde med {munis[0].org.name}"
        if len(munis) > 1:
            organisation += (
                f", og projektet gennemføres i samarbejde mellem {_join([m.name for m in munis])} "
                "kommuner"
            )
        if others:
            organisation += f". Øvrige partnere er {_join(others)}"
        organisation += "."
        parts = [
            background,
            "## Løsning",
            idea.solution,
            elements,
            "## Organisering",
            organisation,
            "## Status",
            status_text,
        ]
        if status not in (Status.IDEA, Status.PLANNING):
            parts += ["## Erfaringer", rng.choice(LESSONS)]
        return "\n\n".join(parts)


def generate(
    count: int,
    seed: int,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create `count` demo projects with their children. Returns the number created.

    `today` and `now` anchor dates and timestamps (default: the current time), so the same
    seed, today and now give the same content.
    """
    if now is None:
        from django.utils import timezone

        now = timezone.localtime()
    today = today or now.date()
    if count <= 0:
        return 0
    if Project.objects.filter(uid__startswith=f"demo-{seed}-").exists():
        raise DemoError(f"Der findes allerede demoprojekter med seed {seed} – brug et andet seed.")
    generator = _Generator(seed=seed, count=count, today=today, now=now)
    done = 0
    while done < count:
        drafts = [generator.project(i) for i in range(done, min(done + batch_size, count))]
        with transaction.atomic():
            _write(drafts)
            index_projects([d.project.pk for d in drafts])
        done += len(drafts)
        if progress:
            progress(done, count)
    reindex_stale()  # the demo's organisations
    return done


def _write(drafts: list[_Draft]) -> None:
    projects = [d.project for d in drafts]
    Project.objects.bulk_create(projects, batch_size=BATCH_SIZE)
    if any(p.pk is None for p in projects):  # a database that cannot return ids from INSERT
        ids = dict(
            Project.objects.filter(uid__in=[p.uid for p in projects]).values_list("uid", "id")
        )
        for p in projects:
            p.pk = ids[p.uid]
    municipality_through = Project.municipalities.through
    technology_through = Project.technologies.through
    kw = {"batch_size": BATCH_SIZE}
    municipality_through.objects.bulk_create(
        [
            municipality_through(project_id=d.project.pk, municipality_id=m)
            for d in drafts
            for m in d.municipality_ids
        ],
        **kw,
    )
    technology_through.objects.bulk_create(
        [
            technology_through(project_id=d.project.pk, technology_id=t)
            for d in drafts
            for t in d.technology_ids
        ],
        **kw,
    )
    Funding.objects.bulk_create(
        [
            Funding(project_id=d.project.pk, kind=k, source=s, amount_dkk=a)
            for d in drafts
            for k, s, a in d.funding
        ],
        **kw,
    )
    Partner.objects.bulk_create(
        [
            Partner(project_id=d.project.pk, organisation_id=o, role=r)
            for d in drafts
            for o, r in d.partners
        ],
        **kw,
    )
    Benefit.objects.bulk_create(
        [
            Benefit(project_id=d.project.pk, kind=k, description=desc, value=v, unit=u)
            for d in drafts
            for k, desc, v, u in d.benefits
        ],
        **kw,
    )
    Contact.objects.bulk_create(
        [
            Contact(project_id=d.project.pk, name=n, role=r, organisation=o, email=e, public=pub)
            for d in drafts
            for n, r, o, e, pub in d.contacts
        ],
        **kw,
    )
    Link.objects.bulk_create(
        [
            Link(project_id=d.project.pk, kind=k, title=t, url=u)
            for d in drafts
            for k, t, u in d.links
        ],
        **kw,
    )
    Location.objects.bulk_create(
        [
            Location(project_id=d.project.pk, lat=lat, lon=lon, label=label)
            for d in drafts
            for lat, lon, label in d.locations
        ],
        **kw,
    )
    # bulk_create stamps created_at/updated_at with the current time (auto_now); spread them
    # over the past so "recently updated" lists look like a living registry.
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(Project._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET created_at = %s, updated_at = %s WHERE id = %s",  # noqa: S608
            [(adapt(d.created_at), adapt(d.updated_at), d.project.pk) for d in drafts],
        )
