"""Demo content for markedsoverblik (called by `smartby demo` after the projects exist).

Fictitious suppliers (names end in "(demo)", so none can be mistaken for a real company; CVR
numbers pass the modulus 11 check), solutions across the categories with standards and
technologies, and uses linking them to demo projects with the same technology. The same seed
gives the same content; running it again adds nothing."""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from smartby.catalogue.models import Solution, SolutionUse, Standard, Supplier
from smartby.lib.text import danish_slugify
from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry.demo import demo_cvr
from smartby.registry.models import Area, Project, Technology
from smartby.search.index import index_content


@dataclass(frozen=True)
class DemoSupplier:
    key: str
    name: str
    size: str
    description: str


SUPPLIERS = [
    DemoSupplier(
        "fjordsensor",
        "Fjordsensor ApS (demo)",
        "lille",
        "Udvikler og sælger batteridrevne LoRaWAN-sensorer til forsyning og bygninger.",
    ),
    DemoSupplier(
        "bymaaler",
        "Bymåler Danmark A/S (demo)",
        "mellemstor",
        "Målere og dataplatform til vand, varme og indeklima i offentlige bygninger.",
    ),
    DemoSupplier(
        "lysnet",
        "Lysnet Kommunal ApS (demo)",
        "lille",
        "Styring af gadebelysning og netværk til byens udstyr.",
    ),
    DemoSupplier(
        "datahavn",
        "Datahavn IVS (demo)",
        "mikro",
        "Open source-konsulenter med speciale i åbne dataplatforme og NGSI-LD.",
    ),
    DemoSupplier(
        "affaldsdata",
        "Affaldsdata Nord ApS (demo)",
        "lille",
        "Fyldningssensorer og ruteplanlægning til affaldsindsamling.",
    ),
    DemoSupplier(
        "omsorgsteknik",
        "Omsorgsteknik Vest A/S (demo)",
        "mellemstor",
        "Velfærdsteknologi til hjemmepleje og plejecentre.",
    ),
    DemoSupplier(
        "trafikklog",
        "TrafikKlog ApS (demo)",
        "lille",
        "Trafiktælling, parkeringssensorer og signalstyring.",
    ),
    DemoSupplier(
        "skyfri",
        "Skyfri Analyse ApS (demo)",
        "mikro",
        "Analyse og maskinlæring på kommunale data – uden at data forlader EU.",
    ),
    DemoSupplier(
        "borgerbro",
        "Borgerbro Digital A/S (demo)",
        "mellemstor",
        "Borgerrettede apps til fejlmelding, booking og information.",
    ),
    DemoSupplier(
        "netmark",
        "Netmark Telemetri A/S (demo)",
        "stor",
        "Landsdækkende IoT-netværk og drift af gateways for kommuner og forsyninger.",
    ),
    DemoSupplier(
        "klimaoeje",
        "Klimaøje ApS (demo)",
        "lille",
        "Sensorer og varsling til klimatilpasning: regnvand, grundvand og oversvømmelse.",
    ),
    DemoSupplier(
        "energiloop",
        "Energiloop A/S (demo)",
        "mellemstor",
        "Energistyring og bygningsautomatik til kommunale ejendomme.",
    ),
    DemoSupplier(
        "dronevagt",
        "Dronevagt ApS (demo)",
        "mikro",
        "Droneinspektion af broer, tage og kyster med automatisk billedanalyse.",
    ),
    DemoSupplier(
        "kortlaget",
        "Kortlaget Geo ApS (demo)",
        "lille",
        "Geodata, digitale tvillinger og kortløsninger.",
    ),
    DemoSupplier(
        "campuslab",
        "Campus Sensorlab (demo)",
        "lille",
        "Universitetsnært laboratorium, der afprøver sensorer sammen med kommuner.",
    ),
]


@dataclass(frozen=True)
class DemoSolution:
    supplier: str
    name: str
    category: str
    technologies: tuple[str, ...]
    standards: tuple[str, ...]
    areas: tuple[str, ...]
    hosting: str
    price_model: str
    price_note: str
    description: str


S = DemoSolution
SOLUTIONS = [
    S(
        "fjordsensor",
        "Fjord Fyldningssensor",
        "sensorer",
        ("IoT-sensorer", "LoRaWAN", "Affaldssensorer"),
        ("lorawan", "mqtt"),
        ("Forsyning",),
        "dansk-datacenter",
        "pr-enhed",
        "ca. 1.200 kr. pr. sensor + 15 kr./md.",
        "Ultralydssensor til affaldsbeholdere og containere. Måler fyldningsgrad hver time og holder 8 år på ét batteri.",
    ),
    S(
        "fjordsensor",
        "Fjord Indeklima",
        "sensorer",
        ("IoT-sensorer", "LoRaWAN", "Intelligent bygningsstyring"),
        ("lorawan", "smart-data-models"),
        ("Læring og uddannelse",),
        "dansk-datacenter",
        "pr-enhed",
        "ca. 900 kr. pr. sensor",
        "Måler CO2, temperatur og fugt i klasselokaler og mødelokaler; data kan sendes til kommunens egen IoT-platform.",
    ),
    S(
        "fjordsensor",
        "Fjord Vandstand",
        "sensorer",
        ("IoT-sensorer", "LoRaWAN", "Klimatilpasning og vandsensorer"),
        ("lorawan",),
        ("Forsyning", "Teknik og miljø"),
        "dansk-datacenter",
        "pr-enhed",
        "",
        "Radarsensor til vandstand i brønde, åer og regnvandsbassiner.",
    ),
    S(
        "bymaaler",
        "Bymåler Bygningsdata",
        "dataplatform",
        ("Intelligent bygningsstyring", "Dataplatform"),
        ("mqtt", "ds-iso-37120"),
        ("Teknik og miljø",),
        "eu-cloud",
        "abonnement",
        "fra 4.000 kr./md. pr. 100 målepunkter",
        "Samler forbrugsdata for el, vand og varme fra kommunens bygninger og viser nøgletal pr. bygning.",
    ),
    S(
        "bymaaler",
        "Bymåler Vandmåler",
        "sensorer",
        ("IoT-sensorer", "LoRaWAN"),
        ("lorawan",),
        ("Forsyning",),
        "dansk-datacenter",
        "licens-drift",
        "",
        "Fjernaflæst vandmåler med lækagealarm.",
    ),
    S(
        "lysnet",
        "Lysnet Gadelys",
        "iot-platform",
        ("Smart belysning", "IoT-sensorer"),
        ("mqtt", "geojson"),
        ("Teknik og miljø",),
        "dansk-datacenter",
        "licens-drift",
        "licens pr. armatur + årlig drift",
        "Styring og dæmpning af gadebelysning efter tid, trafik og vejr, med fejlmelding fra hver lampe.",
    ),
    S(
        "lysnet",
        "Lysnet Gateway",
        "netvaerk",
        ("LoRaWAN",),
        ("lorawan",),
        ("Teknik og miljø",),
        "egen-drift",
        "pr-enhed",
        "ca. 6.500 kr. pr. gateway",
        "Udendørs LoRaWAN-gateway, der kan monteres i lysmaster og kobles til kommunens netværksserver.",
    ),
    S(
        "datahavn",
        "OS2iot – drift og support",
        "iot-platform",
        ("IoT-sensorer", "LoRaWAN", "Dataplatform"),
        ("os2iot", "os2", "lorawan", "mqtt"),
        ("Teknik og miljø", "Forsyning"),
        "egen-drift",
        "open-source",
        "software gratis; support efter timeforbrug",
        "Installation, drift og support af OS2iot, så kommunen ejer platformen og selv vælger sensorer.",
    ),
    S(
        "datahavn",
        "Åben kontekstbroker",
        "dataplatform",
        ("Dataplatform", "Åbne data"),
        ("fiware", "ngsi-ld", "oasc-mim1", "oasc-mim2", "smart-data-models", "dcat-ap-dk"),
        ("Erhvervsudvikling og innovation",),
        "eu-cloud",
        "open-source",
        "drift efter forbrug",
        "FIWARE-baseret dataplatform med NGSI-LD-API, der gør sensordata tilgængelige som åbne data.",
    ),
    S(
        "affaldsdata",
        "Tømningsplan",
        "analyse-ai",
        ("Affaldssensorer", "AI"),
        ("mqtt", "geojson"),
        ("Forsyning",),
        "eu-cloud",
        "abonnement",
        "pr. bil pr. måned",
        "Planlægger tømningsruter ud fra fyldningsgrad, så bilerne kun kører til fulde beholdere.",
    ),
    S(
        "affaldsdata",
        "Affaldsdata Kuber",
        "sensorer",
        ("Affaldssensorer", "IoT-sensorer"),
        ("nb-iot",),
        ("Forsyning",),
        "eu-cloud",
        "abonnement",
        "",
        "NB-IoT-sensor til nedgravede affaldskuber og glascontainere.",
    ),
    S(
        "omsorgsteknik",
        "Tryghedsalarm+",
        "velfaerdsteknologi",
        ("Velfærdsteknologi",),
        ("oiosaml",),
        ("Social og sundhed",),
        "dansk-datacenter",
        "abonnement",
        "pr. borger pr. måned",
        "Alarm og faldregistrering i eget hjem; alarmer går direkte til hjemmeplejens vagttelefon.",
    ),
    S(
        "omsorgsteknik",
        "Medicinhusker",
        "velfaerdsteknologi",
        ("Velfærdsteknologi", "Apps og selvbetjening"),
        ("oiosaml",),
        ("Social og sundhed",),
        "dansk-datacenter",
        "abonnement",
        "",
        "Medicindispenser, der minder borgeren om medicinen og giver besked, hvis en dosis ikke tages.",
    ),
    S(
        "omsorgsteknik",
        "Skærmbesøg",
        "velfaerdsteknologi",
        ("Telemedicin", "Velfærdsteknologi"),
        ("oiosaml",),
        ("Social og sundhed",),
        "eu-cloud",
        "licens-drift",
        "",
        "Skærmbesøg mellem borger, hjemmepleje og sygeplejerske.",
    ),
    S(
        "trafikklog",
        "TrafikKlog Tæller",
        "sensorer",
        ("Trafikstyring", "IoT-sensorer"),
        ("mqtt", "ogc-sensorthings"),
        ("Teknik og miljø",),
        "dansk-datacenter",
        "pr-enhed",
        "",
        "Radarbaseret tælling af cyklister, fodgængere og biler – uden kamera og uden persondata.",
    ),
    S(
        "trafikklog",
        "TrafikKlog Parkering",
        "sensorer",
        ("Parkeringshenvisning", "IoT-sensorer", "LoRaWAN"),
        ("lorawan", "geojson"),
        ("Teknik og miljø",),
        "dansk-datacenter",
        "abonnement",
        "pr. p-plads pr. måned",
        "Sensor i hver parkeringsbås og skilte, der viser ledige pladser.",
    ),
    S(
        "trafikklog",
        "Grøn bølge",
        "analyse-ai",
        ("Trafikstyring", "AI"),
        ("ngsi-ld",),
        ("Teknik og miljø",),
        "uden-for-eu",
        "abonnement",
        "",
        "Signalstyring, der giver cyklister grøn bølge ud fra målt trafik.",
    ),
    S(
        "skyfri",
        "Skyfri Prognose",
        "analyse-ai",
        ("AI", "Dataplatform"),
        ("oasc-mim5", "ngsi-ld"),
        ("Teknik og miljø", "Forsyning"),
        "eu-cloud",
        "forbrug",
        "",
        "Prognoser for forbrug, belægning og vedligehold ud fra kommunens egne data; modellerne dokumenteres.",
    ),
    S(
        "skyfri",
        "Skyfri Dokumentanalyse",
        "analyse-ai",
        ("AI",),
        ("oasc-mim4", "oasc-mim5"),
        ("Borgerinddragelse",),
        "eu-cloud",
        "forbrug",
        "",
        "Sprogmodel, der sorterer og opsummerer høringssvar – kører i EU og gemmer ikke data.",
    ),
    S(
        "borgerbro",
        "Giv et praj",
        "borgerrettet-app",
        ("Apps og selvbetjening", "Geodata og GIS"),
        ("geojson", "oiosaml"),
        ("Teknik og miljø", "Borgerinddragelse"),
        "dansk-datacenter",
        "abonnement",
        "",
        "Borgerne fejlmelder huller, affald og lys med foto og placering; sagen går direkte til driften.",
    ),
    S(
        "borgerbro",
        "Book lokale",
        "borgerrettet-app",
        ("Apps og selvbetjening",),
        ("oiosaml",),
        ("Kultur og fritid",),
        "dansk-datacenter",
        "licens-drift",
        "",
        "Booking af haller, mødelokaler og udstyr med adgangskontrol.",
    ),
    S(
        "borgerbro",
        "Byens app",
        "borgerrettet-app",
        ("Apps og selvbetjening", "Åbne data"),
        ("dcat-ap-dk", "geojson"),
        ("Kultur og fritid", "Borgerinddragelse"),
        "eu-cloud",
        "abonnement",
        "",
        "App med kommunens nyheder, arrangementer og data om fx parkering og badevand.",
    ),
    S(
        "netmark",
        "Netmark LoRaWAN-net",
        "netvaerk",
        ("LoRaWAN",),
        ("lorawan",),
        ("Forsyning", "Teknik og miljø"),
        "dansk-datacenter",
        "abonnement",
        "pr. sensor pr. måned",
        "Landsdækkende LoRaWAN-netværk som tjeneste; kommunen kan tilslutte egne sensorer.",
    ),
    S(
        "netmark",
        "Netmark NB-IoT-abonnement",
        "netvaerk",
        ("IoT-sensorer",),
        ("nb-iot",),
        ("Forsyning",),
        "dansk-datacenter",
        "forbrug",
        "",
        "SIM-kort og dataabonnement til NB-IoT-sensorer.",
    ),
    S(
        "netmark",
        "Netmark Platform",
        "iot-platform",
        ("IoT-sensorer", "Dataplatform"),
        ("mqtt", "lorawan"),
        ("Forsyning",),
        "uden-for-eu",
        "abonnement",
        "",
        "IoT-platform med dashboards og alarmer; data ligger hos en amerikansk cloududbyder.",
    ),
    S(
        "klimaoeje",
        "Skybrudsvarsel",
        "analyse-ai",
        ("Klimatilpasning og vandsensorer", "AI"),
        ("ngsi-ld", "geojson"),
        ("Teknik og miljø", "Forsyning"),
        "eu-cloud",
        "abonnement",
        "",
        "Varsler ved skybrud ud fra regnradar og vandstand i kloakken.",
    ),
    S(
        "klimaoeje",
        "Grundvandslogger",
        "sensorer",
        ("Klimatilpasning og vandsensorer", "IoT-sensorer"),
        ("lorawan", "ogc-sensorthings"),
        ("Teknik og miljø",),
        "dansk-datacenter",
        "pr-enhed",
        "",
        "Måler grundvandsstand i boringer og sender data hver time.",
    ),
    S(
        "energiloop",
        "Energiloop BMS",
        "iot-platform",
        ("Intelligent bygningsstyring", "Smart grid og energistyring"),
        ("mqtt",),
        ("Teknik og miljø",),
        "egen-drift",
        "licens-drift",
        "",
        "Bygningsautomatik, der styrer ventilation og varme efter belægning og elpris.",
    ),
    S(
        "energiloop",
        "Ladestander-styring",
        "iot-platform",
        ("Elbiler og ladeinfrastruktur", "Smart grid og energistyring"),
        ("mqtt",),
        ("Teknik og miljø",),
        "eu-cloud",
        "abonnement",
        "",
        "Styring og afregning af kommunens ladestandere til tjenestebiler og borgere.",
    ),
    S(
        "dronevagt",
        "Broinspektion med drone",
        "analyse-ai",
        ("Droner", "AI"),
        ("geojson",),
        ("Teknik og miljø",),
        "eu-cloud",
        "andet",
        "pris pr. inspektion",
        "Droneflyvning og automatisk registrering af revner og rust på broer.",
    ),
    S(
        "dronevagt",
        "Kystovervågning",
        "sensorer",
        ("Droner", "Klimatilpasning og vandsensorer"),
        ("geojson",),
        ("Teknik og miljø",),
        "eu-cloud",
        "andet",
        "",
        "Faste droneflyvninger, der måler kysterosion og sandflugt over tid.",
    ),
    S(
        "kortlaget",
        "Digital tvilling",
        "dataplatform",
        ("Digital tvilling", "Geodata og GIS"),
        ("geojson", "oasc-mim7", "fda-rammearkitektur"),
        ("Teknik og miljø", "Erhvervsudvikling og innovation"),
        "dansk-datacenter",
        "licens-drift",
        "",
        "3D-model af byen, hvor sensordata, planer og grunddata vises sammen.",
    ),
    S(
        "kortlaget",
        "Kortportal",
        "dataplatform",
        ("Geodata og GIS", "Åbne data"),
        ("geojson", "dcat-ap-dk", "oio"),
        ("Teknik og miljø",),
        "dansk-datacenter",
        "abonnement",
        "",
        "Kortportal til kommunens egne og fællesoffentlige geodata.",
    ),
    S(
        "campuslab",
        "IoT-kuffert",
        "andet",
        ("IoT-sensorer", "LoRaWAN"),
        ("lorawan", "os2iot"),
        ("Læring og uddannelse", "Erhvervsudvikling og innovation"),
        "egen-drift",
        "open-source",
        "udlån; kun forbrugsdele betales",
        "Kuffert med sensorer, gateway og vejledning, så en kommune kan afprøve IoT i et par uger.",
    ),
    S(
        "campuslab",
        "Måling efter ISO 37122",
        "analyse-ai",
        ("Dataplatform", "Åbne data"),
        ("ds-iso-37120", "ds-iso-37122"),
        ("Erhvervsudvikling og innovation",),
        "egen-drift",
        "andet",
        "timepris",
        "Hjælp til at opgøre kommunens indikatorer efter DS/ISO 37120 og 37122 og sammenligne med andre byer.",
    ),
]

OPEN_APIS = [
    "REST-API med JSON; dokumentation er offentlig.",
    "MQTT-feed og REST-API; data kan eksporteres som CSV.",
    "NGSI-LD-API; datamodeller fra Smart Data Models.",
    "Eksport som CSV og GeoJSON; API efter aftale.",
    "",
]
DATA_OWNERSHIP = [
    "Kommunen ejer alle data og kan hente rådata via API, også efter kontraktens ophør.",
    "Kommunen ejer data; rådata udleveres som CSV ved ophør.",
    "Leverandøren ejer aggregerede data; kommunen har adgang til egne rådata i kontraktperioden.",
    "Data ligger i kommunens egen platform; leverandøren har kun adgang ved support.",
]
EXPERIENCES = [
    "Husk at aftale adgang til rådata fra start – det var svært at få bagefter.",
    "Sensorerne virkede fint, men dækningen i kældre krævede en ekstra gateway.",
    "Vi sparede kørsler fra første måned; driften skulle dog vænne sig til nye ruter.",
    "Batterierne holdt kortere end lovet i frostvejr. Leverandøren skiftede dem uden beregning.",
    "Involvér driften tidligt. Dashboardet blev først brugt, da medarbejderne var med til at vælge det.",
    "Prisen pr. enhed så lav ud, men de månedlige gebyrer fylder over fem år. Regn hele perioden.",
    "Åbne API'er gjorde, at vi kunne vise data på vores egen dataplatform.",
    "Borgerne tog godt imod løsningen; vi fik flere henvendelser end forventet første måned.",
    "Vi skiftede leverandør efter piloten og kunne tage data med, fordi det stod i kontrakten.",
    "Opsætningen tog længere tid end planlagt på grund af IT-sikkerhedsgodkendelse.",
]


def _supplier_organisation(demo: DemoSupplier) -> Organisation:
    slug = danish_slugify(demo.name)
    organisation, _ = Organisation.objects.get_or_create(
        name=demo.name,
        defaults={
            "slug": slug,
            "kind": OrganisationKind.COMPANY,
            "cvr": demo_cvr(demo.name),
            "website": f"https://{slug}.example.org",
        },
    )
    return organisation


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    rng = random.Random(f"catalogue:{seed}")
    today = timezone.localdate()
    technologies = {t.name: t for t in Technology.objects.all()}
    areas = {a.name: a for a in Area.objects.all()}
    standards = {s.slug: s for s in Standard.objects.all()}
    with transaction.atomic():
        suppliers: dict[str, Supplier] = {}
        for demo in SUPPLIERS:
            organisation = _supplier_organisation(demo)
            slug = organisation.slug
            suppliers[demo.key], _ = Supplier.objects.get_or_create(
                organisation=organisation,
                defaults={
                    "size": demo.size,
                    "description": demo.description,
                    "contact_email": f"salg@{slug}.example.org",
                    "contact_phone": f"+45 70 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    "website": f"https://{slug}.example.org",
                },
            )
        projects = list(
            Project.objects.filter(uid__startswith=f"demo-{seed}-")
            .order_by("id")
            .prefetch_related("technologies")
        )
        by_technology: dict[int, list[Project]] = {}
        for project in projects:
            for t in project.technologies.all():
                by_technology.setdefault(t.pk, []).append(project)
        for demo in SOLUTIONS:
            slug = danish_slugify(demo.name)
            solution, created = Solution.objects.get_or_create(
                slug=slug,
                defaults={
                    "supplier": suppliers[demo.supplier],
                    "name": demo.name,
                    "category": demo.category,
                    "description": demo.description,
                    "hosting": demo.hosting,
                    "price_model": demo.price_model,
                    "price_note": demo.price_note,
                    "open_apis": rng.choice(OPEN_APIS),
                    "data_ownership": rng.choice(DATA_OWNERSHIP),
                    "references": "Referencer oplyses af leverandøren på forespørgsel.",
                },
            )
            if not created:
                continue
            techs = [technologies[n] for n in demo.technologies if n in technologies]
            solution.technologies.set(techs)
            solution.areas.set([areas[n] for n in demo.areas if n in areas])
            solution.standards.set([standards[s] for s in demo.standards if s in standards])
            candidates = sorted(
                {p.pk: p for t in techs for p in by_technology.get(t.pk, [])}.values(),
                key=lambda p: p.pk,
            )
            for project in rng.sample(candidates, min(len(candidates), rng.randint(0, 4))):
                start = min(project.start_date or dt.date(2022, 1, 1), today)
                SolutionUse.objects.get_or_create(
                    solution=solution,
                    project=project,
                    defaults={
                        "experience": rng.choice(EXPERIENCES),
                        "since": min(start + dt.timedelta(days=rng.randint(0, 180)), today),
                    },
                )
        index_content("supplier", [s.pk for s in suppliers.values()])
        index_content(
            "solution",
            list(
                Solution.objects.filter(supplier__in=suppliers.values()).values_list(
                    "pk", flat=True
                )
            ),
        )
        index_content("standard", list(Standard.objects.values_list("pk", flat=True)))
