"""The first published edition of the technology radar (2026), loaded by a data migration.

GovTech Midtjylland proposed a shared technology radar "so that work always concentrates on the
most relevant and most requested technologies", with IoT as the first focus area (KD-Net,
28 Aug 2020; seed 003). The rationales below draw on that proposal: its examples (waste-bin
sensors, indoor climate in classrooms, Lemvig's parking sensors, ITK's drones, robots, VR and
sensors for air quality and icy cycle paths), its principles (access to and ownership of data,
no ties to one supplier, shareable solutions, OS2 and Open Data DK practice) and its services
(testing equipment, IoT kits, procurement requirements). Technologies are the registry's own
taxonomy (registry.reference.TECHNOLOGIES), found by name.
"""

from typing import Any

YEAR = 2026
TITLE = "Teknologiradar 2026"
INTRODUCTION = """\
Teknologiradaren samler kommunernes fælles vurdering af, hvilke teknologier der er modne til \
brug, hvilke der er værd at afprøve, hvilke der skal undersøges nærmere, og hvor man bør vente. \
Den bygger på GovTech Midtjyllands forslag om at *vedligeholde en fælles teknologiradar, så det \
hele tiden er de mest relevante og mest efterspurgte teknologier, der arbejdes med*.

**IoT er det første fokusområde**: sensorer, netværk og data er grundlaget for en lang række \
konkrete løsninger. Radaren hviler på de samme principper som samarbejdet i øvrigt:

- kommunen skal have adgang til og ejerskab over sine data,
- løsninger skal kunne deles mellem kommuner,
- indkøb må ikke binde kommunen til én bestemt leverandør.

Ved siden af ringen viser radaren, hvor mange kommuner der har projekter med teknologien i \
registret, i pilot og i drift. Ringen er redaktionens vurdering; tallene er kommunernes erfaring.
"""

# (technology name, quadrant, ring, rationale)
BLIPS: list[tuple[str, str, str, str]] = [
    (
        "IoT-sensorer",
        "sensorer",
        "anvend",
        "Sensorer, der måler fyldning, indeklima, luftkvalitet, vandstand eller trafik, er "
        "billige og afprøvet i mange kommuner. IoT er derfor samarbejdets første fokusområde. "
        "Stil krav om adgang til rådata og åbne formater, og regn den samlede pris ud: "
        "abonnement gange antal enheder løber hurtigt op.",
    ),
    (
        "Affaldssensorer",
        "sensorer",
        "afproev",
        "Fyldningssensorer i skraldespande giver færre overfyldte spande og mindre affald på "
        "jorden, og ruteoptimering kan medfinansiere investeringen. Markedets løsninger har "
        "været dyre, med lange bindinger og uden kommunal adgang til data; afprøv med en "
        "kravskabelon, der sikrer dataadgang og exit.",
    ),
    (
        "Klimatilpasning og vandsensorer",
        "sensorer",
        "afproev",
        "Sensorer for vandstand, nedbør og glatte cykelstier giver beredskab og drift varsler "
        "i tide og kobler arbejdet til klimaplanerne (DK2020). Erfaringerne fra Aarhus er gode, "
        "men placering, vedligehold og ansvar for at reagere på alarmer skal afklares i "
        "piloten.",
    ),
    (
        "Intelligent bygningsstyring",
        "sensorer",
        "afproev",
        "Måling af indeklima, forbrug og aktivitet i kommunale bygninger er et af de mest "
        "efterspurgte use cases. Enhedspriserne ser beskedne ud, men med en sensor i hvert "
        "klasseværelse og månedlig betaling pr. enhed bliver det dyrt. Afprøv løsninger med "
        "kommunalt ejerskab og fri adgang til data.",
    ),
    (
        "Droner",
        "sensorer",
        "afproev",
        "Droner bruges til inspektion, kortlægning og til at opdage oliespild i havnen (ITK, "
        "Aarhus). Teknologien er moden, men luftfartsregler, databeskyttelse og kompetencer hos "
        "piloterne kræver en fælles praksis; afprøv sammen og del udstyr og erfaringer.",
    ),
    (
        "Robotter",
        "sensorer",
        "afvent",
        "Robotter, der samler olie op, og humanoide robotter som læsemakkere er afprøvet i "
        "Aarhus, men gevinsterne i drift er endnu ikke dokumenteret. Vent med egne investeringer, "
        "og følg de kommuner, der allerede tester.",
    ),
    (
        "LoRaWAN",
        "netvaerk",
        "anvend",
        "Et åbent, billigt netværk med lang rækkevidde til sensorer med små datamængder og lang "
        "batterilevetid; det er grundlaget for de fleste kommunale IoT-løsninger og for "
        "samarbejdets IoT-kits. Vælg netværk, der kan deles på tværs af forvaltninger og "
        "leverandører. NB-IoT over teleoperatørernes net er et alternativ, hvor der ikke er "
        "dækning.",
    ),
    (
        "Wi-Fi og bredbånd",
        "netvaerk",
        "anvend",
        "Velkendt infrastruktur, der allerede findes i kommunale bygninger og byrum. Brug den "
        "til enheder med strøm og større datamængder, fx kameraer og skærme, og tænk "
        "forbindelsen med fra starten, så løsningerne ikke kræver eget net.",
    ),
    (
        "Smart grid og energistyring",
        "netvaerk",
        "undersoeg",
        "Styring af forbrug efter pris og produktion kan nedbringe CO2-udledningen fra "
        "kommunale bygninger og flåder og understøtte klimaplanerne. Markedet og standarderne "
        "er i udvikling; undersøg mulighederne sammen med forsyningerne, før der investeres.",
    ),
    (
        "Åbne data",
        "data",
        "anvend",
        "Data om byen skal kunne bruges af andre. Brug indkøb og udbud som løftestang til at "
        "skabe og udstille brugbare data, og byg på praksis fra Open Data DK. Krav om "
        "offentliggørelse og åbne formater hører med i alle kontrakter.",
    ),
    (
        "Geodata og GIS",
        "data",
        "anvend",
        "Kommunerne har stærke GIS-kompetencer og fælles grunddata. Placering er nøglen til at "
        "koble sensordata, projekter og borgernes henvendelser; brug de eksisterende "
        "platforme i stedet for leverandørernes lukkede kort.",
    ),
    (
        "Dataplatform",
        "data",
        "afproev",
        "En fælles platform, der samler data fra sensorer og systemer, forhindrer, at data "
        "låses inde hos den enkelte leverandør. Afprøv platforme med åbne API'er og dokumenteret "
        "datamodel, og sørg for, at løsningen kan deles mellem kommuner som i OS2.",
    ),
    (
        "Digital tvilling",
        "data",
        "undersoeg",
        "En digital model af byen, der kobler geodata, sensorer og simuleringer, kan "
        "understøtte planlægning og klimatilpasning. Det kræver modne data og platforme; "
        "undersøg konkrete use cases, før der bygges store modeller.",
    ),
    (
        "Smart belysning",
        "anvendelser",
        "anvend",
        "Styret LED-belysning, der dæmpes efter behov, er i drift i mange kommuner og sparer "
        "både strøm og CO2. Lysmasterne er samtidig et oplagt sted at montere sensorer og "
        "netværk.",
    ),
    (
        "Trafikstyring",
        "anvendelser",
        "afproev",
        "Intelligent trafikregulering og tælling af cyklister giver bedre fremkommelighed og "
        "bedre grundlag for beslutninger. Afprøv, men husk at behovene er forskellige: en "
        "kommune med fire lyskryds har andre gevinster end en storby.",
    ),
    (
        "Parkeringshenvisning",
        "anvendelser",
        "afproev",
        "Lemvig var først med sensorer i alle P-pladser. Erfaringerne derfra viser, hvad "
        "henvisning kan give, men også hvad abonnementer pr. plads koster; afprøv i afgrænsede "
        "områder og del resultaterne.",
    ),
    (
        "Velfærdsteknologi",
        "anvendelser",
        "afproev",
        "Monitorering af aktivitet hos hjemmeboende ældre og syge kan udløse advarsler ved "
        "atypisk adfærd eller manglende aktivitet. Gevinsterne er store, men løsningen berører "
        "følsomme personoplysninger; afprøv med databehandleraftale og klare regler for, hvem "
        "der reagerer.",
    ),
    (
        "Apps og selvbetjening",
        "anvendelser",
        "afproev",
        "Civic Tech: borgere kan indsamle data gennem crowd sensing og citizen science, fx om "
        "klima, og melde fejl i byen. Afprøv løsninger, der åbner data for borgerne og kan "
        "genbruges af flere kommuner.",
    ),
    (
        "AI",
        "anvendelser",
        "undersoeg",
        "Kunstig intelligens og machine learning kan analysere sensordata, billeder og "
        "henvendelser, men kræver data af god kvalitet, gennemsigtighed og styr på GDPR. "
        "Undersøg konkrete use cases, og stil krav til AI-services i udbud, før der købes.",
    ),
    (
        "Virtual og augmented reality",
        "anvendelser",
        "undersoeg",
        "I Aarhus bruges virtual og augmented reality i behandlingen af unge med sociale fobier. "
        "Teknologien er lovende i undervisning, behandling og borgerinddragelse om byplaner; "
        "undersøg, hvor den giver målbar værdi.",
    ),
]


def load_reference_edition(edition_model: Any, blip_model: Any, technology_model: Any) -> None:
    """Create the 2026 edition (published) unless it exists; technologies missing from the
    taxonomy are skipped."""
    from django.utils import timezone

    if edition_model.objects.filter(year=YEAR).exists():
        return
    edition = edition_model.objects.create(
        year=YEAR,
        title=TITLE,
        introduction=INTRODUCTION,
        published=True,
        published_at=timezone.now(),
    )
    technologies = {
        t.name: t for t in technology_model.objects.filter(name__in=[name for name, *_ in BLIPS])
    }
    blip_model.objects.bulk_create(
        blip_model(
            edition=edition,
            technology=technologies[name],
            quadrant=quadrant,
            ring=ring,
            rationale=rationale,
        )
        for name, quadrant, ring, rationale in BLIPS
        if name in technologies
    )
