"""Demo content for use cases og business cases (called by `smartby demo` after the projects
and the catalogue). Ten realistic use cases from the GovTech Midtjylland examples, each linked
to matching demo projects (same area and a shared technology or title word), to catalogue
solutions and standards when they exist, and with one business case. Idempotent: a use case
whose title exists is left alone."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from smartby.cases import operations
from smartby.cases.models import UseCase
from smartby.catalogue.models import Solution, Standard
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Project

MAX_PROJECTS = 5
MAX_SOLUTIONS = 3
FIRST_YEAR = 2026

# A line: (kind, label, amount, first year index, last year index or None = to the horizon's end)
type LineSpec = tuple[str, str, int | None, int | None, int | None]


@dataclass(frozen=True)
class Demo:
    title: str
    owner: str  # municipality code
    area: str
    problem: str
    target_group: str
    data_needed: str
    benefits: str
    risks: str
    technologies: tuple[str, ...]
    words: tuple[str, ...]  # title words of matching projects
    standards: tuple[str, ...]  # catalogue standard slugs
    horizon: int
    rate: str
    lines: tuple[LineSpec, ...]
    notes: str
    scenario: str = "Basisscenarie"
    # Another scenario of the same use case: (title, notes, lines)
    alternative: tuple[str, str, tuple[LineSpec, ...]] | None = None


DEMOS = [
    Demo(
        title="Affaldssensorer i kuber",
        owner="730",
        area="Forsyning",
        problem=(
            "Affaldskuber og skraldespande tømmes efter fast rute, uanset om de er fulde. "
            "Nogle flyder over i weekenden, andre køres der til halvtomme. En byrådsindstilling "
            "om nye skraldespande skal vise, om ruteoptimering kan medfinansiere investeringen."
        ),
        target_group="Renovationen, chauffører og borgere ved genbrugsøer og i bymidten",
        data_needed=(
            "Fyldningsgrad fra ultralydssensorer i låget, sendt via LoRaWAN hver time; "
            "positioner og tømmehistorik fra renovationssystemet."
        ),
        benefits=(
            "Færre kørsler og kilometer, færre overfyldte kuber og mindre affald på jorden; "
            "data til at placere kuberne bedre."
        ),
        risks=(
            "Dyre løsninger med lang binding til leverandøren og uden adgang til rådata; "
            "batterilevetid; sensorer, der ikke kan måle på glas og metal."
        ),
        technologies=("Affaldssensorer", "IoT-sensorer", "LoRaWAN"),
        words=("affald", "kube", "skraldespand", "renovation", "container"),
        standards=("lorawan", "os2iot", "smart-data-models"),
        horizon=8,
        rate="3.5",
        lines=(
            ("investering", "300 fyldningssensorer inkl. montering", 750_000, 0, 0),
            ("investering", "Integration til ruteplanlægning", 150_000, 0, 0),
            ("drift", "Dataabonnement og platform", 90_000, 1, None),
            ("drift", "Batteriskift og service", 30_000, 3, None),
            ("gevinst", "Færre tømninger (ruteoptimering)", 260_000, 1, None),
            ("gevinst", "Sparet brændstof og kørselstimer", 70_000, 1, None),
            (
                "ikke_oekonomisk",
                "Færre overfyldte kuber og mindre affald på gaden",
                None,
                None,
                None,
            ),
        ),
        notes=(
            "Priser fra to leverandørtilbud (2025). Tømningsbesparelsen bygger på 25 % færre "
            "tømninger i en pilot med 40 kuber. Kravet om adgang til rådata er med i udbuddet."
        ),
    ),
    Demo(
        title="Smart parkering med sensorer i p-pladser",
        owner="665",
        area="Teknik og miljø",
        problem=(
            "Bilister kører rundt i bymidten for at finde en ledig plads. Det giver trafik, "
            "støj og CO2, og kommunen ved ikke, hvor presset parkeringen reelt er."
        ),
        target_group="Bilister, handlende og turister i bymidten; parkeringskontrollen",
        data_needed=(
            "Belægning fra en sensor i hver p-plads (magnetometer), sendt ved hver ændring; "
            "åbne data om ledige pladser til skilte og apps."
        ),
        benefits=(
            "Kortere søgetid, mindre søgetrafik, mere målrettet parkeringskontrol og et bedre "
            "grundlag for at planlægge p-pladser."
        ),
        risks="Sensorer, der flyttes ved snerydning; hærværk; behov for vedligeholdt skiltning.",
        technologies=("Parkeringshenvisning", "IoT-sensorer"),
        words=("parkering", "p-plads", "p-pladser"),
        standards=("lorawan", "dcat-ap-dk", "oasc-mim1"),
        horizon=10,
        rate="3.5",
        lines=(
            ("investering", "400 p-sensorer à 3.000 kr.", 1_200_000, 0, 0),
            ("investering", "Henvisningsskilte ved indfaldsveje", 450_000, 0, 0),
            ("drift", "Netværk, platform og service", 160_000, 1, None),
            ("gevinst", "Mere effektiv parkeringskontrol", 180_000, 1, None),
            ("gevinst", "Højere udnyttelse af betalingspladser", 220_000, 1, None),
            ("ikke_oekonomisk", "Mindre søgetrafik og CO2 i bymidten", None, None, None),
        ),
        notes="Erfaringer fra Lemvig, hvor hver p-plads i midtbyen har en sensor.",
    ),
    Demo(
        title="Fugt- og indeklimasensorer i skoler",
        owner="615",
        area="Læring og uddannelse",
        problem=(
            "Dårligt indeklima og fugt i klasselokaler går ud over indlæringen og bygningerne. "
            "Enhedsprisen for en sensor ser beskeden ud, men ganget med alle lokaler og "
            "månedlige gebyrer bliver det en stor udgift."
        ),
        target_group="Elever, lærere og kommunens ejendomsdrift",
        data_needed=(
            "CO2, temperatur, luftfugtighed og lys pr. klasselokale hvert 10. minut; "
            "bygnings- og lokaledata."
        ),
        benefits=(
            "Bedre indeklima, tidlig opdagelse af fugt, mindre energi til ventilation og "
            "færre vandskader."
        ),
        risks=(
            "Månedlige gebyrer pr. sensor; data låst i leverandørens platform; "
            "elever og lærere, der ikke reagerer på målingerne."
        ),
        technologies=("IoT-sensorer", "Intelligent bygningsstyring"),
        words=("indeklima", "skole", "fugt", "klasselokale"),
        standards=("lorawan", "mqtt", "ds-iso-37120"),
        horizon=8,
        rate="3.5",
        lines=(
            ("investering", "600 indeklimasensorer à 1.800 kr.", 1_080_000, 0, 0),
            ("drift", "Abonnement 30 kr. pr. sensor pr. måned", 216_000, 0, None),
            ("gevinst", "Behovsstyret ventilation (energi)", 190_000, 1, None),
            ("gevinst", "Færre fugt- og vandskader", 140_000, 1, None),
            ("ikke_oekonomisk", "Bedre læringsmiljø og færre hovedpiner", None, None, None),
        ),
        notes=(
            "Regnet uden uafhængig rådgivning. Med egen LoRaWAN og rådataadgang falder "
            "abonnementet – se scenariet for fælles indkøb."
        ),
        alternative=(
            "Fælles indkøb med egen LoRaWAN",
            "Fælles udbud i GovTech Midtjylland: lavere stykpris, sensorerne sender på "
            "kommunens eget LoRaWAN, og data ligger i kommunens egen platform.",
            (
                ("investering", "600 indeklimasensorer à 1.200 kr. (fælles udbud)", 720_000, 0, 0),
                ("drift", "Egen platform og netværk", 40_000, 0, None),
                ("gevinst", "Behovsstyret ventilation (energi)", 190_000, 1, None),
                ("gevinst", "Færre fugt- og vandskader", 140_000, 1, None),
                ("ikke_oekonomisk", "Bedre læringsmiljø og færre hovedpiner", None, None, None),
            ),
        ),
    ),
    Demo(
        title="Fælles LoRaWAN-netværk i hele kommunen",
        owner="671",
        area="Erhvervsudvikling og innovation",
        problem=(
            "Hver ny sensorløsning kommer med sit eget netværk og abonnement. Kommunen betaler "
            "flere gange for dækning og kan ikke flytte sensorer mellem leverandører."
        ),
        target_group="Alle forvaltninger med sensorer, forsyningen, lokale virksomheder",
        data_needed="Dækningskort, gateway-status og trafik pr. sensor; åben netværksserver.",
        benefits=(
            "Én fælles infrastruktur, lavere abonnementer pr. løsning, frit valg af sensorer "
            "og et netværk, lokale virksomheder kan teste på."
        ),
        risks="Dækning i landzonen; drift og opdatering af gateways; kompetencer i huset.",
        technologies=("LoRaWAN", "IoT-sensorer"),
        words=("lorawan", "netværk", "gateway"),
        standards=("lorawan", "os2iot", "mqtt"),
        horizon=10,
        rate="3.5",
        lines=(
            ("investering", "40 gateways inkl. opsætning", 600_000, 0, 0),
            ("drift", "Netværksserver, backhaul og service", 75_000, 0, None),
            ("gevinst", "Sparede netværksabonnementer i sensorløsninger", 150_000, 1, None),
            ("ikke_oekonomisk", "Lokale virksomheder kan teste på netværket", None, None, None),
        ),
        notes="Netværksserver og sensorer administreres i OS2iot.",
    ),
    Demo(
        title="Vandstandsmålere til klimatilpasning",
        owner="730",
        area="Teknik og miljø",
        problem=(
            "Skybrud og høj vandstand i å og fjord kommer hurtigere og oftere. Beredskab og "
            "forsyning mangler varsler fra de steder, hvor vandet først stiger."
        ),
        target_group="Beredskabet, forsyningen, klimatilpasningsteamet og udsatte grundejere",
        data_needed=(
            "Vandstand fra trykmålere og radarsensorer hvert 5. minut; nedbør og prognoser "
            "fra DMI; terrænmodel."
        ),
        benefits=(
            "Tidligere varsling, målrettet udlægning af sandsække og pumper, data til at "
            "dimensionere klimatilpasningsprojekter."
        ),
        risks="Målere, der tilsander eller fryser; falske alarmer; ansvar for varsling.",
        technologies=("Klimatilpasning og vandsensorer", "IoT-sensorer"),
        words=("vandstand", "oversvømmelse", "skybrud", "klima", "regnvand"),
        standards=("lorawan", "fiware", "ngsi-ld"),
        horizon=10,
        rate="3.5",
        lines=(
            ("investering", "25 vandstandsmålere med montering", 375_000, 0, 0),
            ("investering", "Varslingsmodul og kortvisning", 200_000, 0, 0),
            ("drift", "Kalibrering, service og data", 60_000, 1, None),
            ("gevinst", "Undgåede skader (forventet værdi)", 220_000, 1, None),
            ("gevinst", "Færre beredskabstimer ved falske udkald", 40_000, 1, None),
            ("ikke_oekonomisk", "Tryghed for grundejere i udsatte områder", None, None, None),
        ),
        notes="Skadesværdien er et forsigtigt skøn ud fra forsikringsdata for 2015–2024.",
    ),
    Demo(
        title="Faldsensorer i ældreplejen",
        owner="740",
        area="Social og sundhed",
        problem=(
            "Borgere i eget hjem og på plejecentre falder om natten og ligger længe, før "
            "nogen opdager det. Faste natlige tilsyn forstyrrer søvnen og binder personale."
        ),
        target_group="Ældre borgere med faldrisiko, pårørende og nattevagter",
        data_needed=(
            "Alarmer fra radarbaserede faldsensorer (uden kamera) til plejepersonalets "
            "telefoner; ingen lagring af billeder."
        ),
        benefits=(
            "Hurtigere hjælp efter fald, færre indlæggelser, færre natlige tilsyn og "
            "uforstyrret nattesøvn."
        ),
        risks=(
            "Privatliv og samtykke; falske alarmer; integration med det eksisterende kaldesystem."
        ),
        technologies=("Velfærdsteknologi", "IoT-sensorer"),
        words=("fald", "ældre", "pleje", "tryghed", "nattetilsyn"),
        standards=("mqtt",),
        horizon=6,
        rate="3.5",
        lines=(
            ("investering", "250 faldsensorer à 4.000 kr.", 1_000_000, 0, 0),
            ("investering", "Integration med kaldesystem og oplæring", 300_000, 0, 0),
            ("drift", "Licens, service og udskiftning", 200_000, 1, None),
            ("gevinst", "Færre natlige tilsyn (frigjort tid)", 480_000, 1, None),
            (
                "gevinst",
                "Færre faldrelaterede indlæggelser (kommunal medfinansiering)",
                160_000,
                1,
                None,
            ),
            ("ikke_oekonomisk", "Uforstyrret nattesøvn og større tryghed", None, None, None),
        ),
        notes="Frigjort tid er regnet med 1,5 minut pr. tilsyn og 70 borgere i pilotområdet.",
    ),
    Demo(
        title="Intelligent gadebelysning",
        owner="746",
        area="Teknik og miljø",
        problem=(
            "Gadelyset brænder med fuld styrke hele natten, også på tomme veje, og fejl "
            "opdages først, når borgerne klager."
        ),
        target_group="Trafikanter, borgere og kommunens vejdrift",
        data_needed=(
            "Styring og status pr. armatur; bevægelsessensorer på udvalgte strækninger; "
            "energiforbrug pr. kreds."
        ),
        benefits=(
            "Lavere elforbrug, automatisk fejlmelding, lys efter behov og færre servicekørsler."
        ),
        risks="Leverandørbinding i styringssystemet; oplevet utryghed ved dæmpning.",
        technologies=("Smart belysning", "IoT-sensorer"),
        words=("belysning", "gadelys", "lys", "armatur"),
        standards=("oasc-mim7", "ds-iso-37122"),
        horizon=15,
        rate="3.5",
        lines=(
            ("investering", "LED-armaturer med styring (2.000 stk.)", 3_500_000, 0, 0),
            ("drift", "Styringsplatform og service", 80_000, 1, None),
            ("gevinst", "Sparet el ved LED og dæmpning", 620_000, 1, None),
            ("gevinst", "Færre servicekørsler", 110_000, 1, None),
            ("ikke_oekonomisk", "Mindre lysforurening", None, None, None),
        ),
        notes="Elpris 2,00 kr. pr. kWh inkl. afgifter; 4.000 brændetimer om året.",
    ),
    Demo(
        title="Glatførevarsling på cykelstier",
        owner="751",
        area="Teknik og miljø",
        problem=(
            "Vintertjenesten salter og rydder efter prognoser for hele byen, så nogle stier "
            "saltes unødigt, mens andre bliver glatte uden varsel."
        ),
        target_group="Cyklister, vintertjenesten og entreprenører",
        data_needed="Vejbanetemperatur og fugt fra sensorer i stierne; DMI-prognoser.",
        benefits="Saltning efter behov, færre faldulykker og mindre salt i naturen.",
        risks="Sensorer i belægningen beskadiges ved vejarbejde; dækning under broer.",
        technologies=("IoT-sensorer",),
        words=("glat", "vinter", "salt", "cykelsti"),
        standards=("lorawan", "fiware"),
        horizon=8,
        rate="3.5",
        lines=(
            ("investering", "30 vejsensorer og vejrstationer", 420_000, 0, 0),
            ("drift", "Service og data", 45_000, 1, None),
            ("gevinst", "Færre unødige saltudkald", 130_000, 1, None),
            ("ikke_oekonomisk", "Færre faldulykker blandt cyklister", None, None, None),
        ),
        notes="Bygger på ITK's sensorer for is på cykelstier.",
    ),
    Demo(
        title="Cykeltællere på rekreative stier",
        owner="657",
        area="Kultur og fritid",
        problem=(
            "Kommunen ved ikke, hvor mange der bruger mountainbike- og cykelruterne, og kan "
            "ikke dokumentere effekten af investeringer i stierne."
        ),
        target_group="Cyklister, foreninger, naturforvaltningen og turismen",
        data_needed="Passager pr. time og retning fra tællere ved stierne; åbne data.",
        benefits="Dokumentation til fonde, bedre prioritering af vedligehold og formidling.",
        risks="Tællere, der forveksler gående og cyklister; strøm i skoven.",
        technologies=("IoT-sensorer", "Åbne data"),
        words=("cykel", "tæller", "sti", "mountainbike"),
        standards=("dcat-ap-dk", "lorawan"),
        horizon=5,
        rate="3.5",
        lines=(
            ("investering", "8 tællere med solcelle", 160_000, 0, 0),
            ("drift", "Dataabonnement", 12_000, 0, None),
            ("gevinst", "Fondsmidler, som dokumentation udløser", 60_000, 1, None),
            ("ikke_oekonomisk", "Bedre formidling af ruterne", None, None, None),
        ),
        notes="Fondsgevinsten er usikker; se følsomheden for gevinster -20 %.",
    ),
    Demo(
        title="Fjernlåsning af bomme og pullerter",
        owner="661",
        area="Teknik og miljø",
        problem=(
            "Bomme og pullerter til gågader og skoleveje låses op og i med nøgle af en "
            "medarbejder, der skal køre ud hver gang."
        ),
        target_group="Vejdrift, beredskab, varelevering og arrangører",
        data_needed="Status og kommandoer pr. bom; adgangsrettigheder; log over åbninger.",
        benefits="Færre udkørsler, hurtig adgang for beredskabet og en log over hændelser.",
        risks="Informationssikkerhed; fejl, der spærrer for udrykning.",
        technologies=("IoT-sensorer", "Trafikstyring"),
        words=("bom", "pullert", "adgang", "gågade"),
        standards=("mqtt",),
        horizon=8,
        rate="3.5",
        lines=(
            ("investering", "Styring på 20 bomme og pullerter", 340_000, 0, 0),
            ("drift", "Service og mobildata", 25_000, 1, None),
            ("gevinst", "Færre udkørsler", 95_000, 1, None),
            ("ikke_oekonomisk", "Hurtigere adgang for beredskabet", None, None, None),
        ),
        notes="Udkørsler: 3 om ugen à 1,5 time inkl. kørsel.",
    ),
]


def _lines(demo: Demo, specs: tuple[LineSpec, ...]) -> list[dict[str, str]]:
    lines = []
    for kind, label, amount, first, last in specs:
        if amount is None:
            lines.append({"kind": kind, "label": label, "year": "", "amount": ""})
            continue
        end = demo.horizon - 1 if last is None else last
        for year in range(first or 0, end + 1):
            lines.append(
                {"kind": kind, "label": label, "year": str(year), "amount": str(Decimal(amount))}
            )
    return lines


def _matching_projects(demo: Demo, seed: int) -> list[str]:
    words = Q()
    for word in demo.words:
        words |= Q(title__icontains=word)
    qs = Project.objects.filter(uid__startswith=f"demo-{seed}-", area__name=demo.area)
    titled = list(qs.filter(words).order_by("id").values_list("slug", flat=True)[:MAX_PROJECTS])
    if len(titled) < MAX_PROJECTS:
        by_technology = (
            qs.filter(technologies__name=demo.technologies[0])
            .exclude(slug__in=titled)
            .order_by("id")
            .values_list("slug", flat=True)
            .distinct()[: MAX_PROJECTS - len(titled)]
        )
        titled += list(by_technology)
    return titled


def _matching_solutions(demo: Demo) -> list[str]:
    qs = Solution.objects.filter(
        Q(technologies__name__in=demo.technologies[:1]) & Q(areas__name=demo.area)
    )
    return list(qs.order_by("id").values_list("slug", flat=True).distinct()[:MAX_SOLUTIONS])


def load(*, seed: int) -> None:
    """Create the demo use cases with one business case each; the same seed links the same
    projects. Existing use cases (by title) are skipped."""
    areas = {a.name: a for a in Area.objects.all()}
    standards = set(Standard.objects.values_list("slug", flat=True))
    with transaction.atomic():
        for demo in DEMOS:
            if demo.area not in areas or UseCase.objects.filter(title=demo.title).exists():
                continue
            owner = Organisation.objects.filter(municipality__code=demo.owner).first()
            if owner is None:
                continue
            use_case = operations.create_use_case(
                None,
                {
                    "title": demo.title,
                    "problem": demo.problem,
                    "target_group": demo.target_group,
                    "data_needed": demo.data_needed,
                    "benefits": demo.benefits,
                    "risks": demo.risks,
                    "area": str(areas[demo.area].pk),
                    "owner_organisation": str(owner.pk),
                    "projects": _matching_projects(demo, seed),
                    "solutions": _matching_solutions(demo),
                    "standards": [s for s in demo.standards if s in standards],
                },
                source="demo",
            )
            scenarios = [(demo.scenario, demo.notes, demo.lines)]
            if demo.alternative:
                scenarios.append(demo.alternative)
            for title, notes, specs in scenarios:
                lines = _lines(demo, specs)
                data: dict[str, str] = {
                    "title": title,
                    "first_year": str(FIRST_YEAR),
                    "horizon_years": str(demo.horizon),
                    "discount_rate": demo.rate,
                    "notes": notes,
                    "lines-TOTAL_FORMS": str(len(lines)),
                    "lines-INITIAL_FORMS": "0",
                }
                for i, line in enumerate(lines):
                    data.update({f"lines-{i}-{key}": value for key, value in line.items()})
                operations.create_business_case(None, use_case, data, source="demo")
