"""The reference clauses: standard requirement texts for buying IoT and data solutions, written
from the GovTech Midtjylland proposal (KD-Net, 28 Aug 2020: "en skabelon til krav der skal
stilles for at sikre adgang til data og undgå bindinger til en bestemt leverandør"; data
ownership and publication; OPI templates), the Smart City-partnerskab's procurement tips and the
Digitaliseringspartnerskab's recommendations (2021: standardised interfaces, data processing
agreements, Schrems II, D-mærket). Loaded by migration 0002 and, in tests, after a flush."""

from typing import Any

SOURCE_NOTE = "Referenceklausul fra Smartbys klausulbibliotek"

CLAUSES: list[dict[str, Any]] = [
    # --- Dataejerskab og adgang til rådata ---------------------------------------------------
    {
        "slug": "ejerskab-til-data",
        "title": "Ordregiver ejer data",
        "topic": "dataejerskab",
        "tags": ["IoT", "Dataejerskab"],
        "text": (
            "Alle data, som {{løsning}} indsamler, danner eller beregner om forhold hos "
            "{{ordregiver}} – herunder rå målinger fra sensorer, metadata og afledte data – "
            "tilhører {{ordregiver}}. {{leverandør}} må kun bruge data til at levere ydelserne "
            "efter kontrakten og må ikke sælge, videregive eller genbruge data til andre formål "
            "uden forudgående skriftligt samtykke fra {{ordregiver}}.\n\n"
            "Ejerskabet gælder, uanset om data opbevares hos {{leverandør}}, hos en "
            "underleverandør eller i en cloudtjeneste."
        ),
        "reason": (
            "Kommunerne oplever, at IoT-løsninger tilbydes, uden at kommunen selv får adgang til "
            "data (GovTech Midtjylland, KD-Net 2020). Uden et klart ejerskab kan data hverken "
            "genbruges på tværs af forvaltninger, deles som åbne data eller tages med til en ny "
            "leverandør. Ejerskabet skal derfor stå i kontrakten – det kan ikke forudsættes."
        ),
        "guidance": (
            "Brug klausulen i alle kontrakter, hvor leverandøren driver sensorer eller en "
            "dataplatform. Kombinér den med kravet om løbende adgang til rådata."
        ),
    },
    {
        "slug": "adgang-til-raadata",
        "title": "Løbende adgang til rådata i et åbent format",
        "topic": "dataejerskab",
        "tags": ["IoT", "Åbne data", "Dataformat"],
        "text": (
            "{{leverandør}} skal give {{ordregiver}} løbende, maskinlæsbar adgang til alle rådata "
            "og metadata fra {{løsning}} i formatet {{dataformat}}. Data skal være tilgængelige "
            "senest {{forsinkelse}} efter, at de er indsamlet, og uden betaling ud over den, der "
            "er aftalt i kontrakten. Adgangen omfatter den fulde historik i hele "
            "kontraktperioden, ikke kun sammenfattede visninger i leverandørens brugerflade."
        ),
        "reason": (
            "Et dashboard hos leverandøren er ikke det samme som adgang til data. Med rådata i et "
            "åbent format kan kommunen selv analysere data, kombinere dem med andre kilder og "
            "efterprøve leverandørens beregninger – og data kan bruges igen, når kontrakten "
            "udløber."
        ),
        "guidance": (
            "Vælg et format, som andre systemer kan læse uden licens, fx CSV, JSON eller "
            "GeoJSON. Angiv en realistisk forsinkelse: minutter for trafik og parkering, timer "
            "for indeklima."
        ),
    },
    {
        "slug": "offentliggoerelse-af-data",
        "title": "Ret til at offentliggøre data som åbne data",
        "topic": "dataejerskab",
        "tags": ["Åbne data", "Licens"],
        "text": (
            "{{ordregiver}} har ret til at offentliggøre og dele data fra {{løsning}}, der ikke "
            "er personoplysninger eller fortrolige, som åbne data under licensen {{licens}}, fx "
            "via Open Data DK. {{leverandør}} må ikke gøre rettigheder gældende, der hindrer "
            "offentliggørelse eller genbrug, og skal på anmodning levere en beskrivelse af "
            "datasættene (metadata), så de kan offentliggøres."
        ),
        "reason": (
            "GovTech Midtjylland vil sikre korrekt ejerskab og offentliggørelse af data, så "
            "indkøb og udbud bruges som løftestang til at skabe og udstille brugbare data, der "
            "kan stimulere markedet. Retten til at offentliggøre skal derfor sikres i kontrakten, "
            "før data bliver indsamlet."
        ),
        "guidance": "CC BY 4.0 er den mest udbredte licens for offentlige data i Danmark.",
    },
    # --- Åbne standarder og API'er -----------------------------------------------------------
    {
        "slug": "dokumenteret-api",
        "title": "Åbent, dokumenteret API",
        "topic": "aabne-standarder",
        "tags": ["API", "Integration"],
        "text": (
            "{{løsning}} skal stille alle data og funktioner, som {{ordregiver}} har brug for til "
            "integration, til rådighed gennem et dokumenteret API efter {{api_standard}}. "
            "Dokumentationen skal være offentligt tilgængelig eller udleveres til {{ordregiver}} "
            "uden begrænsninger, så {{ordregiver}} og tredjeparter, som {{ordregiver}} udpeger, "
            "kan udvikle integrationer uden medvirken fra {{leverandør}}. Ændringer af API'et, "
            "der bryder eksisterende integrationer, skal varsles mindst {{frist_arbejdsdage}} "
            "arbejdsdage i forvejen."
        ),
        "reason": (
            "Et dokumenteret API gør løsningen til en del af kommunens samlede it-landskab i "
            "stedet for en lukket ø. Digitaliseringspartnerskabet (2021) peger på "
            "standardiserede snitflader (API'er) som en forudsætning for at dele data, og det er "
            "også forudsætningen for at kunne skifte dele af løsningen ud."
        ),
        "guidance": (
            "OpenAPI 3 er et godt valg for REST-API'er; for sensordata kan OGC SensorThings API "
            "eller NGSI-LD (FIWARE) være relevante."
        ),
    },
    {
        "slug": "aabne-standarder-og-datamodeller",
        "title": "Åbne standarder og fælles datamodeller",
        "topic": "aabne-standarder",
        "tags": ["Standarder", "Interoperabilitet"],
        "text": (
            "{{leverandør}} skal bruge åbne, anerkendte standarder til dataudveksling og beskrive "
            "data efter {{datamodel}}. Hvor der findes en fællesoffentlig standard eller en "
            "standard fra OIO, Dansk Standard (fx DS/ISO 37120 og 37122) eller OASC (MIMs), skal "
            "den bruges frem for et proprietært format. Afvigelser skal begrundes i tilbuddet og "
            "godkendes af {{ordregiver}}."
        ),
        "reason": (
            "Fælles standarder gør det muligt at sammenligne og genbruge løsninger på tværs af "
            "kommunerne og at skifte komponenter ud uden at bygge integrationerne om. Smart "
            "City-partnerskabet fandt, at kommunerne efterspørger overblik over platforme, "
            "interoperabilitetsløsninger og fælles standarder."
        ),
        "guidance": (
            "Se Smartbys katalog over standarder og interoperabilitetsløsninger, før du vælger "
            "datamodel."
        ),
    },
    {
        "slug": "genbrug-af-enheder",
        "title": "Sensorer og enheder kan bruges på andre platforme",
        "topic": "aabne-standarder",
        "tags": ["IoT", "Sensorer", "LoRaWAN"],
        "text": (
            "Sensorer og andre enheder, som {{leverandør}} leverer, skal kunne kommunikere over "
            "åbne netværksstandarder (fx LoRaWAN eller NB-IoT) og skal kunne omkonfigureres, så "
            "de sender data til en anden platform end den, {{leverandør}} driver. {{leverandør}} "
            "skal udlevere de nøgler, konfigurationer og protokolbeskrivelser, der er nødvendige "
            "for det, senest {{frist_arbejdsdage}} arbejdsdage efter anmodning fra "
            "{{ordregiver}}."
        ),
        "reason": (
            "Hardwaren er ofte den største investering i en IoT-løsning. Hvis enhederne kun kan "
            "tale med én leverandørs platform, er kommunen reelt bundet til leverandøren i hele "
            "enhedernes levetid."
        ),
        "guidance": (
            "For LoRaWAN-enheder: kræv udlevering af DevEUI, AppEUI/JoinEUI og AppKey samt "
            "payload-beskrivelse (decoder)."
        ),
    },
    # --- Exit og ingen leverandørbinding -----------------------------------------------------
    {
        "slug": "exitplan",
        "title": "Exitplan fra kontraktens start",
        "topic": "exit",
        "tags": ["Exit", "Leverandørskifte"],
        "text": (
            "{{leverandør}} skal senest {{frist_arbejdsdage}} arbejdsdage efter kontraktens "
            "indgåelse levere en exitplan, som {{ordregiver}} skal godkende. Exitplanen skal "
            "beskrive, hvordan data, konfigurationer, dokumentation og eventuelle enheder "
            "overdrages til {{ordregiver}} eller en ny leverandør, hvilke ressourcer "
            "{{leverandør}} stiller til rådighed, og hvordan driften sikres i overgangsperioden. "
            "Exitplanen skal opdateres mindst én gang om året og ved væsentlige ændringer af "
            "løsningen."
        ),
        "reason": (
            "Det er ved kontraktens ophør, at kommunens forhandlingsposition er svagest. En "
            "exitplan, der er aftalt og godkendt fra start, gør et leverandørskifte til en "
            "planlagt opgave frem for en krise og gør det realistisk at konkurrenceudsætte "
            "opgaven igen."
        ),
        "guidance": "Brug klausulen sammen med kravet om udlevering af data ved ophør.",
    },
    {
        "slug": "dataudlevering-ved-ophoer",
        "title": "Udlevering og sletning af data ved ophør",
        "topic": "exit",
        "tags": ["Exit", "Dataformat"],
        "text": (
            "Ved kontraktens ophør, uanset årsagen, skal {{leverandør}} senest "
            "{{exit_frist_arbejdsdage}} arbejdsdage efter ophøret udlevere alle data fra "
            "{{løsning}} – herunder den fulde historik, metadata og logdata – til {{ordregiver}} "
            "i formatet {{dataformat}} sammen med en beskrivelse af datastrukturen. Udleveringen "
            "er omfattet af kontraktens pris.\n\n"
            "Når {{ordregiver}} har bekræftet, at data er modtaget og kan læses, skal "
            "{{leverandør}} slette data hos sig selv og sine underleverandører og dokumentere "
            "sletningen, dog senest {{opbevaring_dage}} dage efter ophøret."
        ),
        "reason": (
            "Uden en aftalt, betalt og formatbestemt udlevering kan kommunen miste de historiske "
            "data, der skal til for at følge udviklingen over tid, og leverandøren kan kræve "
            "særskilt betaling for at udlevere data, som kommunen allerede ejer."
        ),
        "guidance": "",
    },
    {
        "slug": "ingen-leverandoerbinding",
        "title": "Ingen binding til én leverandør",
        "topic": "exit",
        "tags": ["Leverandørskifte", "Konkurrence"],
        "text": (
            "{{løsning}} må ikke forudsætte, at {{ordregiver}} køber andre produkter eller "
            "tjenester hos {{leverandør}} eller hos bestemte tredjeparter. {{ordregiver}} skal "
            "frit kunne lade en anden leverandør overtage drift, vedligehold eller "
            "videreudvikling af hele eller dele af løsningen, og {{leverandør}} skal i den "
            "forbindelse samarbejde loyalt med den nye leverandør på de vilkår og timepriser, der "
            "gælder efter kontrakten."
        ),
        "reason": (
            "Kommunerne møder tilbud, der er dyre, kræver længerevarende binding til "
            "leverandøren og ikke giver adgang til data (GovTech Midtjylland 2020: eksemplet med "
            "IoT-affaldsspande). Frit valg af leverandør holder konkurrencen åben og prisen nede "
            "i hele løsningens levetid."
        ),
        "guidance": "",
    },
    {
        "slug": "gennemsigtige-loebende-omkostninger",
        "title": "Alle løbende omkostninger oplyst",
        "topic": "exit",
        "tags": ["Pris", "IoT"],
        "text": (
            "{{leverandør}} skal i tilbuddet oplyse alle løbende omkostninger pr. enhed og i alt "
            "for hele kontraktperioden, herunder abonnementer, datatrafik, licenser, support og "
            "udskiftning af batterier. Priserne må i kontraktperioden højst reguleres én gang om "
            "året med nettoprisindekset. Omkostninger, der ikke er oplyst i tilbuddet, kan ikke "
            "kræves betalt af {{ordregiver}}."
        ),
        "reason": (
            "Prisen pr. måleenhed kan se beskeden ud, men ganget op med antallet af enheder og "
            "den månedlige betaling løber det op (GovTech Midtjylland 2020: indeklimamålere i "
            "alle klasselokaler). Når alle løbende omkostninger er oplyst, kan tilbuddene "
            "sammenlignes, og prisen bliver ikke en skjult binding."
        ),
        "guidance": "Bed om prisen i et fast skema, så tilbuddene kan sammenlignes linje for linje.",
    },
    # --- Informationssikkerhed ---------------------------------------------------------------
    {
        "slug": "ledelsessystem-for-informationssikkerhed",
        "title": "Ledelsessystem for informationssikkerhed",
        "topic": "informationssikkerhed",
        "tags": ["Sikkerhed", "ISO 27001"],
        "text": (
            "{{leverandør}} skal have et ledelsessystem for informationssikkerhed, der følger "
            "{{sikkerhedsstandard}} og omfatter de systemer, lokaliteter og medarbejdere, der "
            "indgår i leveringen af {{løsning}}. {{leverandør}} skal én gang om året og uden "
            "beregning give {{ordregiver}} en uafhængig revisorerklæring ({{revisionserklæring}}) "
            "om sikkerheden. {{leverandør}} skal underrette {{ordregiver}} om "
            "sikkerhedshændelser, der kan påvirke data eller drift hos {{ordregiver}}, senest "
            "{{hændelse_timer}} timer efter, at hændelsen er opdaget."
        ),
        "reason": (
            "Sensorer og platforme er koblet til kommunens netværk og behandler ofte data om "
            "borgere og bygninger. Et ledelsessystem efter en anerkendt standard som ISO/IEC "
            "27001 – som kommunerne selv arbejder efter – og en årlig revisorerklæring "
            "dokumenterer, at sikkerheden styres systematisk, frem for løfter i et tilbud."
        ),
        "guidance": (
            "Underretning inden for 24 timer giver kommunen tid til selv at anmelde et "
            "brud på persondatasikkerheden inden for GDPR's 72 timer."
        ),
    },
    {
        "slug": "sikre-enheder-og-opdateringer",
        "title": "Sikre enheder og sikkerhedsopdateringer",
        "topic": "informationssikkerhed",
        "tags": ["Sikkerhed", "IoT", "Sensorer"],
        "text": (
            "Enheder og software i {{løsning}} må ikke have standardadgangskoder eller faste "
            "bagdøre, og al kommunikation mellem enheder, platform og brugere skal være krypteret "
            "efter de gældende anbefalinger fra Center for Cybersikkerhed. {{leverandør}} skal i "
            "hele kontraktperioden levere sikkerhedsopdateringer og lukke kritiske sårbarheder "
            "senest {{sårbarhed_dage}} dage efter, at de er kendt. {{leverandør}} skal i "
            "tilbuddet oplyse, hvor længe enhederne vil modtage sikkerhedsopdateringer."
        ),
        "reason": (
            "IoT-enheder sidder ofte i byrummet i mange år. Enheder uden opdateringer eller med "
            "standardadgangskoder er et kendt indgangspunkt for angreb og kan misbruges mod "
            "kommunens øvrige systemer."
        ),
        "guidance": "",
    },
    {
        "slug": "dataetik-og-d-maerket",
        "title": "Dataetik og ansvarlig brug af data (D-mærket)",
        "topic": "informationssikkerhed",
        "tags": ["Dataetik", "D-mærket", "AI"],
        "text": (
            "{{leverandør}} skal beskrive sin politik for dataetik og ansvarlig brug af data, "
            "herunder brugen af algoritmer og kunstig intelligens i {{løsning}}. Er "
            "{{leverandør}} certificeret med D-mærket eller efter en tilsvarende ordning, skal "
            "certificeringen dokumenteres i tilbuddet. Algoritmer, der indgår i afgørelser eller "
            "prioriteringer over for borgere, skal kunne forklares over for {{ordregiver}}."
        ),
        "reason": (
            "Tillid til data og digitalisering kræver mere end overholdelse af GDPR og "
            "it-sikkerhed. Digitaliseringspartnerskabet (2021) peger på mærkningsordninger som "
            "D-mærket som en måde at gøre ansvarlig brug af data synlig for købere."
        ),
        "guidance": "Brug kravet som et evalueringskriterium frem for et mindstekrav.",
    },
    # --- GDPR og databehandleraftale ---------------------------------------------------------
    {
        "slug": "databehandleraftale",
        "title": "Databehandleraftale",
        "topic": "gdpr",
        "tags": ["Persondata", "GDPR"],
        "text": (
            "Behandler {{leverandør}} personoplysninger på vegne af {{ordregiver}}, skal parterne "
            "senest ved kontraktens indgåelse underskrive en databehandleraftale efter "
            "{{databehandleraftale}}. {{leverandør}} må kun behandle personoplysninger efter "
            "dokumenteret instruks fra {{ordregiver}} og må kun bruge underdatabehandlere, som "
            "{{ordregiver}} har godkendt. {{leverandør}} skal bistå {{ordregiver}} med at "
            "opfylde de registreredes rettigheder og med konsekvensanalyser (DPIA), hvor de er "
            "påkrævet."
        ),
        "reason": (
            "Databeskyttelsesforordningen (artikel 28) kræver en skriftlig aftale, når en "
            "leverandør behandler personoplysninger for kommunen. En fælles skabelon giver en "
            "ensartet håndtering af databehandleraftaler på tværs af kommunerne – som "
            "Digitaliseringspartnerskabet efterlyser – og sparer forhandling i hvert udbud."
        ),
        "guidance": (
            "Henvis til den skabelon, kommunen bruger, fx Datatilsynets standardkontraktbestemmelser."
        ),
    },
    {
        "slug": "behandling-i-eu",
        "title": "Personoplysninger behandles i EU/EØS",
        "topic": "gdpr",
        "tags": ["Persondata", "Cloud", "GDPR"],
        "text": (
            "Personoplysninger i {{løsning}} må kun opbevares og behandles i {{behandlingssted}}, "
            "også ved support, backup og fejlretning. Overførsel til lande uden for EU/EØS kræver "
            "forudgående skriftlig godkendelse fra {{ordregiver}} og et gyldigt "
            "overførselsgrundlag efter kapitel V i databeskyttelsesforordningen. {{leverandør}} "
            "skal i tilbuddet oplyse alle lokationer og underdatabehandlere, der indgår i "
            "behandlingen."
        ),
        "reason": (
            "Schrems II-dommen har vist, at cloudløsninger med personoplysninger kan være "
            "juridisk komplekse, når data overføres ud af Europa (Digitaliseringspartnerskabet "
            "2021). Kravet gør det klart fra start, hvor data behandles, så kommunen ikke skal "
            "vurdere overførsler i hver enkelt sag."
        ),
        "guidance": "",
    },
    {
        "slug": "dataminimering-i-sensorloesninger",
        "title": "Dataminimering i sensorer og kameraer",
        "topic": "gdpr",
        "tags": ["Persondata", "Sensorer", "Privatliv"],
        "text": (
            "{{løsning}} skal være indrettet efter princippet om databeskyttelse gennem design og "
            "standardindstillinger. Sensorer og kameraer må kun registrere de oplysninger, der er "
            "nødvendige for formålet, og personhenførbare oplysninger skal anonymiseres eller "
            "sammenfattes så tæt på kilden som muligt. {{leverandør}} skal beskrive, hvilke "
            "personoplysninger løsningen kan registrere, og hvordan de minimeres."
        ),
        "reason": (
            "Tællere, kameraer og sensorer i byrummet kan registrere borgere, som ikke har valgt "
            "at deltage. Anonymisering ved kilden mindsker risikoen for borgerne og gør det "
            "muligt at dele data som åbne data."
        ),
        "guidance": "",
    },
    # --- OPI-partnerskab ---------------------------------------------------------------------
    {
        "slug": "opi-rettigheder",
        "title": "Rettigheder til resultater i et OPI-samarbejde",
        "topic": "opi",
        "tags": ["OPI", "Open source", "Immaterielle rettigheder"],
        "text": (
            "Resultater, der udvikles i OPI-samarbejdet om {{løsning}}, ejes af den part, der har "
            "udviklet dem, men {{ordregiver}} får en vederlagsfri, tidsubegrænset og "
            "ikke-eksklusiv ret til at bruge, ændre og dele resultaterne med andre offentlige "
            "myndigheder. Data, som {{ordregiver}} stiller til rådighed, eller som indsamles i "
            "samarbejdet, tilhører {{ordregiver}}. Kildekode, der udvikles for offentlige midler, "
            "frigives under licensen {{kildekode_licens}}, medmindre parterne skriftligt aftaler "
            "andet."
        ),
        "reason": (
            "GovTech Midtjylland vil etablere best practice og skabeloner for OPI-samarbejder, så "
            "det er let og forståeligt for alle parter at indgå i udviklingssamarbejder. Klare "
            "rettigheder fra start beskytter både virksomhedens forretning og kommunens mulighed "
            "for at dele resultaterne med andre kommuner – delbarhed som i OS2-fællesskabet."
        ),
        "guidance": "",
    },
    {
        "slug": "opi-rammer-og-senere-udbud",
        "title": "Rammer for OPI-samarbejdet og vejen til et udbud",
        "topic": "opi",
        "tags": ["OPI", "Udbud"],
        "text": (
            "OPI-samarbejdet om {{løsning}} løber i {{udviklingsperiode_måneder}} måneder og "
            "afprøves i {{pilotområde}}. Samarbejdet giver ikke {{leverandør}} fortrinsret til en "
            "senere kontrakt: vil {{ordregiver}} anskaffe løsningen til drift, sker det efter "
            "udbudsreglerne. {{leverandør}} skal stille den viden, dokumentation og de data, der "
            "skal til for at beskrive behovet i et senere udbud, til rådighed for "
            "{{ordregiver}}."
        ),
        "reason": (
            "Et OPI-samarbejde må ikke blive en skjult tildeling af en kontrakt. Når vejen til "
            "et senere udbud er beskrevet fra start, kan kommunen bruge erfaringerne fra "
            "samarbejdet uden at skævvride konkurrencen, og flere virksomheder – også små – tør "
            "byde ind."
        ),
        "guidance": "",
    },
]


def load_reference_clauses(Clause: Any, ClauseVersion: Any, Tag: Any) -> int:
    """Create the reference clauses that do not exist yet (by slug), each with a published
    version 1. Takes the model classes so migrations can pass their historical models."""
    from smartby.lib.text import danish_slugify

    created = 0
    for spec in CLAUSES:
        if Clause.objects.filter(slug=spec["slug"]).exists():
            continue
        clause = Clause.objects.create(slug=spec["slug"], title=spec["title"], topic=spec["topic"])
        tags = []
        for name in spec["tags"]:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name, slug=danish_slugify(name, 55))
            tags.append(tag)
        clause.tags.set(tags)
        version = ClauseVersion.objects.create(
            clause=clause,
            number=1,
            status="udgivet",
            text=spec["text"],
            reason=spec["reason"],
            guidance=spec["guidance"],
            change_note=SOURCE_NOTE,
        )
        clause.current_version = version
        clause.save(update_fields=["current_version"])
        created += 1
    return created
