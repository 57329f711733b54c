"""The guides and the kompetencetjek every installation starts with (loaded by data migrations).

The texts build on the seed documents: the status report of the Smart City Partnership
(initiative 5.2, 2016–2020: the first Danmarkskort with its competence check, procurement tips
and elevator pitches, and the "Guide til bæredygtig digital omstilling i Danmark"), the GovTech
Midtjylland proposal (KD-Net, 2020) and Digitaliseringspartnerskabets recommendations (2021).
Coordinators and editors edit them afterwards; every edit is a new version.
"""

from typing import Any

FIRST_NOTE = "Første udgave, skrevet ud fra Smart City-partnerskabets materiale (2016–2020)."

# The standards list of the catalogue app; the standards guide links to it.
STANDARDS_LIST_PATH = "/markedsoverblik/standarder/"

PROCUREMENT = """\
Kommunerne køber de samme sensorer, platforme og dataløsninger igen og igen – og lærer de samme
lektier hver for sig. Disse tips samler erfaringerne fra Smart City-partnerskabet og de
kommunale netværk, så næste indkøb bliver bedre end det forrige.

## 1. Start med behovet – ikke med produktet
Beskriv den opgave, I vil løse, og den gevinst, I forventer (færre kørsler, bedre indeklima,
hurtigere sagsbehandling), før I ser på leverandørernes produkter. Spørg på
[Danmarkskortet](/kort/) og i *Find en fagkollega*, om en anden kommune allerede har løst
opgaven: deres erfaringer er det billigste forarbejde, I kan få.

## 2. Regn på de samlede omkostninger
En lav stykpris kan snyde. Et indeklimaprojekt, hvor der skal en sensor i hvert klasselokale,
bliver dyrt, når prisen ganges med antallet af enheder *og* en månedlig abonnementsbetaling i
hele levetiden. Opgør investering, drift, licenser, dataabonnementer, batteriskift og
udfasning over hele perioden, og sammenlign tilbud på den samlede pris.

## 3. Sikr ejerskab af og adgang til data
Skriv i kontrakten, at kommunen ejer de data, løsningen indsamler, og har adgang til
**rådata** i et åbent, dokumenteret format gennem et API – også efter kontraktens udløb. Aftal,
hvilke data der må offentliggøres som åbne data, så indkøbet bliver en løftestang for deling.
Stil krav til datakvalitet (nøjagtighed, opdateringsfrekvens, tidsstempler og metadata), og
placér ansvaret for datakvaliteten hos leverandøren.

## 4. Undgå leverandørbinding
Tilbud, der er dyre, låser kommunen fast og ikke giver adgang til data, er en kendt fælde – fx
ved affaldsspande med sensorer, hvor ruteoptimeringen skulle betale for de nye spande. Stil
krav om åbne standarder og API'er, om at sensorer kan kobles på kommunens eget netværk og egen
dataplatform, og om en exit-plan med overdragelse af data og dokumentation.

## 5. Tænk sikkerhed og persondata ind fra start
Lav en risikovurdering, indgå databehandleraftale, hvor der behandles persondata, og stil krav
til opdatering af firmware og adgangskoder på udstyret. Overvej de dataetiske spørgsmål: Hvad
opsamles i byrummet, og ved borgerne det?

## 6. Brug markedsdialog og OPI, når løsningen ikke findes
Hvis markedet endnu ikke har en løsning, kan et offentlig-privat innovationssamarbejde (OPI)
eller et innovationspartnerskab være vejen. Aftal på forhånd rettigheder, fortrolighed og
hvordan kommunen senere kan købe løsningen i udbud.

## 7. Køb sammen med andre
Fælles kravspecifikationer, standardformuleringer og fælles indkøb giver bedre priser og mere
ensartede data på tværs af kommunegrænser. Genbrug krav fra kravbiblioteket under
[Udbud](/udbud/), og del jeres egne.

## 8. Planlæg driften, før I køber
Hvem overvåger sensorerne, skifter batterier og reagerer på data, når projektet er slut? Et
indkøb uden en driftsorganisation bliver ofte til en pilot, der aldrig kommer i drift.
"""

SUSTAINABLE = """\
Smart city er ikke længere et spørgsmål om inspiration – potentialet er velkendt. Udfordringen
for kommunerne er at få nye og foranderlige teknologier implementeret, tilpasset og sat i drift
i større skala. Denne vejledning bygger på Smart City-partnerskabets *Guide til bæredygtig
digital omstilling i Danmark*, udarbejdet sammen med Dansk Standards udvalg for *Bæredygtige
byer og samfund – Smart City*.

## Bæredygtig på tre måder
- **Miljømæssigt:** Løsningen skal bidrage til grøn omstilling, klimasikring, mindre trængsel,
  forurening og energiforbrug – og selv have et rimeligt ressourceforbrug.
- **Økonomisk:** Løsningen skal kunne bære sine egne driftsudgifter og skabe dokumenterede
  gevinster, ikke kun leve af projektmidler.
- **Organisatorisk:** Løsningen skal forankres i driften og kunne genbruges og udbredes, så den
  ikke står og falder med én ildsjæl.

## Fra pilot til drift
1. **Sæt mål, der kan måles.** Beskriv gevinsten i en business case, og læg en plan for at måle
   den før, under og efter projektet.
2. **Arbejd på tværs.** Smart city-løsninger er gået fra at være piloter i teknik og miljø til en
   tværgående arbejdsform mellem digitaliserings-, innovations- og fagkontorer. Inddrag driften
   fra første dag.
3. **Byg på fælles fundament.** Genbrug netværk, dataplatforme og datamodeller frem for at købe
   en ny lodret løsning til hver opgave. Se vejledningen om standarder og interoperabilitet.
4. **Planlæg skalering.** Beslut på forhånd, hvad der skal til for at gå fra pilot til drift, og
   hvem der betaler for driften.
5. **Evaluér og del.** Registrér projektet på Danmarkskortet, bekræft jævnligt, at oplysningerne
   er korrekte, og del erfaringerne – også de dårlige.

## Mål fremskridt med fælles indikatorer
Brug internationale indikatorer, så resultaterne kan sammenlignes over tid og med andre byer:
- **DS/ISO 37101** – ledelsessystem for bæredygtig udvikling i lokalsamfund;
- **DS/ISO 37120** – indikatorer for byernes service og livskvalitet;
- **DS/ISO 37122** – indikatorer for smarte byer.

## Ansvarlig og etisk
Digital omstilling skal være til at stole på. Vær åben om, hvilke data der indsamles i
byrummet og hvorfor, vurdér de dataetiske konsekvenser, og sørg for, at alle borgere kan være
med – også dem med få digitale kompetencer.

## Tag kompetencetjekket
[Kompetencetjekket](/kompetencetjek/) viser, hvor jeres organisation står på strategi,
organisation, data, teknologi, indkøb, borgerinddragelse og effektopfølgning – og hvor det
næste skridt bør tages.
"""

STANDARDS = f"""\
Mange smart city-projekter strander, fordi løsningerne ikke kan tale sammen, eller fordi
data er låst inde hos én leverandør. Fælles standarder og åbne løsninger gør det muligt at
genbruge infrastruktur og data på tværs af projekter, forvaltninger og kommuner. Her er de
vigtigste at kende. Den fulde, opdaterede liste over standarder og hvilke løsninger der
understøtter dem, står i [markedsoverblikkets standardliste]({STANDARDS_LIST_PATH}).

## Netværk og sensorer
- **LoRaWAN** – åben protokol for trådløse sensornetværk med lang rækkevidde og lavt
  strømforbrug. Et fælles kommunalt LoRaWAN-net kan bruges af mange slags sensorer
  (affald, parkering, vandstand, indeklima) fra forskellige leverandører.
- **OS2iot** – OS2-fællesskabets open source-platform til at administrere IoT-enheder og
  sende deres data videre til kommunens egne systemer.

## Data og udveksling
- **FIWARE** – open source-komponenter til dataplatforme, bl.a. en *context broker*, der
  udstiller data via NGSI-LD-standarden.
- **OASC MIMs** – Open & Agile Smart Cities' *Minimal Interoperability Mechanisms*: fælles
  minimumskrav til bl.a. udveksling af kontekstdata (MIM1), fælles datamodeller (MIM2) og
  håndtering af persondata (MIM4), så løsninger kan flyttes mellem byer.
- **OIO-standarderne** – de fællesoffentlige standarder for data og udveksling (fx OIOUBL til
  e-handel og OIOSAML til log-in), som offentlige løsninger i Danmark skal kunne spille sammen
  med.
- **Åbne data** – offentliggør data med beskrivelser efter **DCAT-AP-DK**, fx via Open Data DK,
  så andre kan finde og genbruge dem.

## Open source og fællesskaber
- **OS2** – det offentlige digitaliseringsfællesskab, hvor kommuner udvikler og deler
  open source-løsninger. Fællesskabet viser, hvordan løsninger kan deles, hvordan kommunen
  sikrer adgang til egne data, og hvordan man undgår binding til én leverandør.

## Indikatorer og ledelse
- **DS/ISO 37120** og **DS/ISO 37122** – indikatorer for byers service og livskvalitet og for
  smarte byer, så resultater kan sammenlignes.
- **DS/ISO 37101** – ledelsessystem for bæredygtig udvikling i lokalsamfund.

## Sådan bruger I standarderne
1. Skriv krav om åbne standarder og API'er ind i udbuddet (se udbudstips og kravbiblioteket).
2. Vælg datamodeller, før I vælger leverandør, så data fra forskellige løsninger kan
   sammenlignes.
3. Registrér de standarder, jeres projekter bruger, på projektsiden på Danmarkskortet, så andre
   kan se, hvor de er afprøvet.
"""

# name of registry.Area (see registry/reference.py AREAS) -> (title, summary, body)
PITCHES: dict[str, tuple[str, str, str]] = {
    "Teknik og miljø": (
        "Elevatortale: Teknik og miljø",
        "Sensorer og data giver renere byer, færre kørsler og hurtigere reaktion på vejr og "
        "trafik.",
        """\
**På 30 sekunder:** Med sensorer og data kan kommunen se, hvad der sker i byen lige nu – og
handle, før problemet opstår. Affaldsspande tømmes, når de er fulde, ikke efter en fast rute;
glatte cykelstier saltes, før nogen falder; trafiklys tilpasses den faktiske trafik.

## Hvad kan vi vinde?
- Færre kørsler og mindre CO2 ved behovsstyret tømning og ruteoptimering.
- Bedre trafikafvikling og færre ulykker med smart trafikstyring og tælling af cyklister.
- Målinger af luftkvalitet og støj, der gør indsatsen synlig og målrettet.
- Fjernstyring af bomme og pullerter, droner til inspektion og oprydning efter oliespild.

## Sådan kommer vi i gang
Begynd med én konkret driftsopgave, hvor data kan spare kørsler eller forebygge skader. Brug et
fælles sensornetværk, så næste projekt kan genbruge det, og sikr i kontrakten, at kommunen ejer
data. Se, hvem der allerede gør det, i listen over projekter her på siden.
""",
    ),
    "Forsyning": (
        "Elevatortale: Forsyning",
        "Målerdata og smarte net giver mindre spild, lavere regninger og en grønnere forsyning.",
        """\
**På 30 sekunder:** Forsyningen er fuld af data, der kan gøre den grøn omstilling billigere:
fjernaflæste målere viser spild og lækager med det samme, smarte net flytter forbruget til
tidspunkter med billig og grøn strøm, og sensorer i kloakken varsler oversvømmelse.

## Hvad kan vi vinde?
- Hurtigere opdagelse af brud og lækager og mindre vandspild.
- Lavere energiforbrug i kommunens egne bygninger med intelligent bygningsstyring.
- Klimatilpasning, hvor regnvandsbassiner og pumper styres efter vejrudsigten.
- Bedre adgang til måler- og forsyningsdata for borgere og virksomheder.

## Sådan kommer vi i gang
Kortlæg, hvilke måler- og driftsdata forsyningen og kommunen allerede har, og aftal, hvordan de
deles. Stil krav om åbne formater, når nye målere og styringer købes, så data kan bruges på
tværs af forsyningsarter.
""",
    ),
    "Kultur og fritid": (
        "Elevatortale: Kultur og fritid",
        "Data om brug af faciliteter og nye digitale oplevelser giver bedre tilbud for flere.",
        """\
**På 30 sekunder:** Hvor mange bruger hallen, biblioteket eller stien langs åen – og hvornår?
Anonyme tællinger og bookingdata giver kommunen et sikkert grundlag for åbningstider,
vedligehold og nye tilbud. Digitale oplevelser, fra ubemandede biblioteker til virtuelle
byvandringer, gør kulturen tilgængelig for flere.

## Hvad kan vi vinde?
- Bedre udnyttelse af haller, lokaler og anlæg gennem data om den faktiske brug.
- Længere åbningstid med selvbetjening og adgangsstyring.
- Nye publikumsgrupper med digitale formidlingsformer som VR og AR.
- Vedligehold af stier og anlæg, når de faktisk bliver slidt.

## Sådan kommer vi i gang
Start med at tælle – anonymt og uden persondata – og brug tallene i planlægningen. Tag
foreningerne med fra starten; de kender behovene bedst.
""",
    ),
    "Erhvervsudvikling og innovation": (
        "Elevatortale: Erhvervsudvikling og innovation",
        "Kommunen som testområde og kunde skaber nye forretningsmuligheder og danske job.",
        """\
**På 30 sekunder:** Smart city er et vækstområde: analyser har vurderet, at området kan skabe op
mod 35.200 nye danske job. Når kommunen åbner sine data, stiller byrummet til rådighed som
testområde og køber innovativt, får lokale virksomheder en første kunde og en reference – og
kommunen får løsninger, der passer til dens behov.

## Hvad kan vi vinde?
- Nye løsninger udviklet i offentlig-privat innovationssamarbejde (OPI).
- Åbne data, som virksomheder kan bygge nye tjenester på.
- Samarbejde med uddannelser, hvor studerende arbejder med kommunens udfordringer.
- Bedre muligheder for EU-midler og anden ekstern finansiering.

## Sådan kommer vi i gang
Vælg én konkret udfordring, og inviter virksomheder, vidensinstitutioner og andre kommuner til
markedsdialog. Brug skabelonerne for OPI, og aftal rettigheder og data fra starten.
""",
    ),
    "Læring og uddannelse": (
        "Elevatortale: Læring og uddannelse",
        "Godt indeklima og digitale læremidler giver bedre læring – når data bruges klogt.",
        """\
**På 30 sekunder:** Elever lærer bedre i et godt indeklima. Sensorer i klasselokalerne viser,
hvornår der skal luftes ud, og hjælper med at prioritere renovering. Digitale læremidler og
teknologiforståelse ruster børn og unge til en digital fremtid.

## Hvad kan vi vinde?
- Bedre indeklima og energistyring i skoler og institutioner.
- Digitale redskaber, der understøtter undervisningen og differentiering.
- Teknologiforståelse, hvor eleverne selv arbejder med sensorer og data fra deres egen skole.
- Fjernundervisning, når elever ikke kan være fysisk til stede.

## Sådan kommer vi i gang
Regn på den samlede pris, før I køber: sensorer i alle klasselokaler plus månedlige
abonnementer løber hurtigt op. Spørg andre kommuner om deres erfaringer, og sikr, at skolen
selv ejer og kan bruge sine data i undervisningen.
""",
    ),
    "Social og sundhed": (
        "Elevatortale: Social og sundhed",
        "Velfærdsteknologi og data giver mere tryghed, selvhjulpne borgere og tid til omsorg.",
        """\
**På 30 sekunder:** Velfærdsteknologi lader borgerne klare mere selv og giver medarbejderne tid
til det, kun mennesker kan. Sensorer i hjemmet kan varsle, når en ældre borger har brug for
hjælp; telemedicin sparer turen til sygehuset; VR kan hjælpe unge med social angst til at øve
svære situationer i trygge rammer.

## Hvad kan vi vinde?
- Mere tryghed og selvhjulpenhed for ældre og borgere med handicap.
- Færre unødige besøg og kørsler for hjemmeplejen.
- Bedre sammenhæng i forløb på tværs af kommune, region og praksislæge.
- Nye digitale tilbud til borgere med psykiske udfordringer.

## Sådan kommer vi i gang
Inddrag borgere, pårørende og medarbejdere, før løsningen vælges, og vær omhyggelig med
persondata, samtykke og dataetik. Mål effekten for både borgeren og økonomien.
""",
    ),
    "Borgerinddragelse": (
        "Elevatortale: Borgerinddragelse",
        "Digitale kanaler og åbne data gør det let for borgerne at blive hørt og være med.",
        """\
**På 30 sekunder:** Borgerne kender byen bedst. Digitale kanaler gør det let at melde fejl,
give input til planer og følge med i, hvad kommunen gør. Når data om byen er åbne, kan
borgere, foreninger og virksomheder selv bidrage med løsninger – og tilliden vokser, når
kommunen er åben om, hvad data bruges til.

## Hvad kan vi vinde?
- Hurtigere fejlmeldinger og bedre service med apps og selvbetjening.
- Bredere deltagelse i høringer og byudvikling, også fra dem, der ikke kommer til borgermøder.
- Åbne data og visualiseringer, der gør beslutninger gennemsigtige.
- Større tillid til ny teknologi i byrummet.

## Sådan kommer vi i gang
Fortæl åbent, hvilke sensorer der sidder i byen, og hvad data bruges til. Tænk dem med, der har
få digitale kompetencer, og tilbyd altid en vej ind, der ikke kræver en app.
""",
    ),
}


def _guides(area_by_name: dict[str, Any]) -> list[dict[str, Any]]:
    guides = [
        {
            "slug": "udbudstips",
            "kind": "udbudstips",
            "title": "Udbudstips: Sådan køber I smart city-løsninger",
            "summary": "Otte råd om data, samlede omkostninger, leverandørbinding, sikkerhed og "
            "fælles indkøb, før I køber sensorer, platforme og dataløsninger.",
            "body": PROCUREMENT,
        },
        {
            "slug": "baeredygtig-digital-omstilling",
            "kind": "baeredygtig-omstilling",
            "title": "Guide til bæredygtig digital omstilling",
            "summary": "Sådan kommer smart city-løsninger fra pilot til varig drift – "
            "miljømæssigt, økonomisk og organisatorisk bæredygtigt.",
            "body": SUSTAINABLE,
        },
        {
            "slug": "standarder-og-interoperabilitet",
            "kind": "standarder",
            "title": "Standarder og interoperabilitet",
            "summary": "LoRaWAN, OS2, FIWARE, OASC MIMs, OIO og DS/ISO 37120/37122: de "
            "standarder og fælles løsninger, der får smart city-løsninger til at tale sammen.",
            "body": STANDARDS,
        },
    ]
    for name, (title, summary, body) in PITCHES.items():
        area = area_by_name.get(name)
        if area is None:
            continue
        guides.append(
            {
                "slug": f"elevatortale-{area.slug}",
                "kind": "elevatortale",
                "area": area,
                "title": title,
                "summary": summary,
                "body": body,
            }
        )
    return guides


def load_reference_guides(guide_model: Any, version_model: Any, area_model: Any) -> None:
    """Create the reference guides (version 1 each); guides that exist are left alone."""
    areas = {a.name: a for a in area_model.objects.all()}
    for spec in _guides(areas):
        if guide_model.objects.filter(slug=spec["slug"]).exists():
            continue
        area = spec.get("area")
        if area is not None and guide_model.objects.filter(area=area).exists():
            continue
        guide = guide_model.objects.create(
            slug=spec["slug"],
            kind=spec["kind"],
            area=area,
            title=spec["title"],
            summary=spec["summary"],
        )
        version = version_model.objects.create(
            guide=guide,
            number=1,
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"].strip(),
            change_note=FIRST_NOTE,
        )
        guide.current_version = version
        guide.save(update_fields=["current_version"])


# --- kompetencetjek ---------------------------------------------------------------------------

ASSESSMENT_TITLE = "Kompetencetjek for smart city og digital omstilling"
ASSESSMENT_INTRO = """\
Hvor står jeres organisation, når det gælder smart city og datadrevne løsninger? Svar på
spørgsmålene ud fra, hvordan det er i dag – ikke hvordan I gerne vil have det. Testen tager
omkring 10 minutter. Resultatet viser en score fra 0 til 100 for hvert af syv områder og
giver råd om næste skridt. Alle kan tage testen; er du logget ind, kan du gemme resultatet for
din organisation og følge udviklingen over tid.
"""

# slug, name, description, (advice low, middle, high), [(question, help, weight)]
DIMENSIONS: list[tuple[str, str, str, tuple[str, str, str], list[tuple[str, str, int]]]] = [
    (
        "strategi-og-ledelse",
        "Strategi og ledelse",
        "Om indsatsen har retning, ledelsesopbakning og ressourcer til at nå fra pilot til drift.",
        (
            "Formulér et fælles mål for, hvad teknologi og data skal bidrage med i kommunen, og "
            "knyt det til de mål, politikerne allerede har (klima, service, økonomi). Få en "
            "direktør til at eje indsatsen.",
            "I har retning, men det er svært at komme fra pilot til drift. Afsæt penge og tid "
            "til at skalere det, der virker, og stop det, der ikke gør.",
            "Strategi og ledelse er på plads. Del jeres strategi og erfaringer med andre "
            "kommuner, og brug dem til at løfte fælles indsatser.",
        ),
        [
            (
                "Vi har en vedtaget strategi for smart city, digitalisering eller teknologi, som "
                "er koblet til kommunens politiske mål.",
                "Fx mål for klima, service, effektivisering eller erhverv.",
                2,
            ),
            (
                "Ledelsen efterspørger og prioriterer teknologiprojekter med klare mål.",
                "Direktion og chefer tager aktivt stilling til, hvilke projekter der skal "
                "gennemføres.",
                2,
            ),
            (
                "Der er afsat budget og tid til at bringe vellykkede piloter i drift og i større "
                "skala.",
                "Ikke kun projektmidler, men også driftsbudget efter piloten.",
                3,
            ),
        ],
    ),
    (
        "organisation-og-kompetencer",
        "Organisation og kompetencer",
        "Om de rette kompetencer findes, og om arbejdet er forankret på tværs af organisationen.",
        (
            "Udpeg en ansvarlig og et lille tværgående team, og brug de fælles netværk: find "
            "fagkolleger i andre kommuner, der har løst de samme opgaver.",
            "Byg videre på de kompetencer, I har: inddrag driften tidligt, og lav faste aftaler "
            "om, hvem der ejer løsningerne, når projekterne slutter.",
            "I har en stærk organisation. Tilbyd sparring til mindre kommuner og del jeres "
            "erfaringer i netværkene.",
        ),
        [
            (
                "Arbejdet er forankret på tværs af digitaliserings-, innovations- og fagkontorer "
                "– ikke kun i én forvaltning.",
                "",
                2,
            ),
            (
                "Vi har medarbejdere med kompetencer i data, IoT og vurdering af teknologi – "
                "eller ved, hvor vi kan hente dem.",
                "",
                2,
            ),
            (
                "Vores fagmedarbejdere deltager i netværk og udveksler erfaringer med kolleger i "
                "andre kommuner.",
                "Fx via Danmarkskortet, Find en fagkollega eller regionale netværk.",
                1,
            ),
            (
                "Driften inddrages tidligt, så nye løsninger bliver brugt i hverdagen.",
                "",
                2,
            ),
        ],
    ),
    (
        "data",
        "Data",
        "Om I kender, ejer, deler og beskytter de data, jeres løsninger skaber.",
        (
            "Lav en oversigt over de data, jeres løsninger indsamler: hvad, hvor, hvem ejer "
            "dem, og hvordan de er beskyttet. Start med de løsninger, der behandler "
            "persondata.",
            "Sørg for adgang til rådata fra alle løsninger i åbne formater, og udpeg data, der "
            "kan deles som åbne data.",
            "I har styr på data. Del dem som åbne data og med andre myndigheder, og hjælp med "
            "fælles datamodeller på tværs af kommuner.",
        ),
        [
            (
                "Vi ved, hvilke data vores løsninger indsamler, hvem der ejer dem, og hvor de "
                "opbevares.",
                "",
                3,
            ),
            (
                "Vi har adgang til rådata fra leverandørernes løsninger i åbne formater.",
                "Fx via et dokumenteret API eller som filer, I selv kan hente.",
                2,
            ),
            (
                "Vi deler relevante data som åbne data eller med andre myndigheder.",
                "Fx via Open Data DK.",
                1,
            ),
            (
                "Persondata og informationssikkerhed håndteres systematisk.",
                "Databehandleraftaler, risikovurderinger, GDPR og dataetiske overvejelser.",
                3,
            ),
        ],
    ),
    (
        "teknologi-og-infrastruktur",
        "Teknologi og infrastruktur",
        "Om nye løsninger kan bygge på fælles netværk, platforme og åbne standarder.",
        (
            "Undgå, at hvert projekt køber sin egen lodrette løsning. Læs vejledningen om "
            "standarder og interoperabilitet, og overvej et fælles sensornetværk og en fælles "
            "dataplatform.",
            "Genbrug den infrastruktur, I har, i nye projekter, og stil krav om åbne standarder "
            "og API'er i alle indkøb.",
            "Jeres infrastruktur er moden. Åbn den for andre kommuner og partnere, og følg "
            "teknologiradaren for at vælge de næste teknologier med omtanke.",
        ),
        [
            (
                "Vi har fælles infrastruktur til sensorer og data, som nye projekter kan genbruge.",
                "Fx et LoRaWAN-net, OS2iot eller en fælles dataplatform.",
                2,
            ),
            (
                "Vi stiller krav om åbne standarder og API'er, så løsninger kan tale sammen.",
                "",
                2,
            ),
            (
                "Vi vurderer nye teknologier systematisk, før vi investerer.",
                "Fx med en teknologiradar, afprøvning eller erfaringer fra andre kommuner.",
                1,
            ),
        ],
    ),
    (
        "indkoeb-og-partnerskaber",
        "Indkøb og partnerskaber",
        "Om jeres indkøb sikrer data, undgår leverandørbinding og bruger samarbejder klogt.",
        (
            "Læs udbudstipsene, og brug kravbibliotekets krav om dataejerskab, adgang til "
            "rådata og exit i jeres næste indkøb.",
            "Gør kravene om data og exit til standard i alle kontrakter, og find andre kommuner "
            "at købe ind eller afprøve sammen med.",
            "I køber klogt. Del jeres kravspecifikationer og erfaringer med OPI, så andre kan "
            "genbruge dem.",
        ),
        [
            (
                "Vores udbud og kontrakter sikrer ejerskab af og adgang til data og forhindrer "
                "leverandørbinding.",
                "",
                3,
            ),
            (
                "Vi bruger markedsdialog, OPI eller innovationspartnerskaber, når markedet endnu "
                "ikke har en løsning.",
                "OPI: offentlig-privat innovationssamarbejde.",
                1,
            ),
            (
                "Vi samarbejder med andre kommuner om fælles indkøb, krav eller afprøvning.",
                "",
                2,
            ),
        ],
    ),
    (
        "borgerinddragelse",
        "Borgerinddragelse",
        "Om borgere og brugere er med til at forme løsningerne, og om alle kan være med.",
        (
            "Tal med borgere og medarbejdere om behovet, før I vælger løsning, og fortæl åbent, "
            "hvilke sensorer og data I bruger i byrummet.",
            "Gør inddragelse til en fast del af projekterne, og tjek, at løsningerne også kan "
            "bruges af borgere med få digitale kompetencer.",
            "Borgerne er med. Del jeres metoder, og brug åbne data til at gøre beslutninger "
            "gennemsigtige.",
        ),
        [
            (
                "Borgere, brugere og medarbejdere inddrages i at beskrive behovet, før "
                "løsningen vælges.",
                "",
                2,
            ),
            (
                "Vi fortæller åbent, hvilke sensorer og data vi bruger i byrummet, og hvorfor.",
                "",
                1,
            ),
            (
                "Vores løsninger kan bruges af alle, også borgere med få digitale kompetencer.",
                "Tilgængelighed og alternativer til digitale kanaler.",
                2,
            ),
        ],
    ),
    (
        "business-case-og-effekt",
        "Business case og effektopfølgning",
        "Om projekter begrundes med en business case, og om gevinsterne bliver målt.",
        (
            "Start hvert projekt med en enkel business case: investering, drift og forventede "
            "gevinster. Brug business case-værktøjet, og aftal, hvordan gevinsten skal måles.",
            "Følg op på gevinsterne, også efter projektets afslutning, og brug resultaterne til "
            "at beslutte, hvad der skal skaleres.",
            "I dokumenterer effekten. Del resultaterne på Danmarkskortet, så andre kommuner kan "
            "bruge jeres tal i deres egne business cases.",
        ),
        [
            (
                "Projekter starter med en business case med investering, driftsudgifter og "
                "gevinster.",
                "Både økonomiske og ikke-økonomiske gevinster.",
                2,
            ),
            (
                "Vi måler og følger op på de forventede gevinster, også efter projektets "
                "afslutning.",
                "",
                3,
            ),
            (
                "Vi deler resultater og erfaringer, så andre kan genbruge dem.",
                "Fx ved at registrere og opdatere projekter på Danmarkskortet.",
                1,
            ),
        ],
    ),
]


def load_reference_assessment(
    assessment_model: Any, dimension_model: Any, question_model: Any
) -> None:
    """Create and publish the first kompetencetjek, unless an assessment exists."""
    if assessment_model.objects.exists():
        return
    assessment = assessment_model.objects.create(
        title=ASSESSMENT_TITLE, version=1, intro=ASSESSMENT_INTRO, published=True
    )
    for order, (slug, name, description, advice, questions) in enumerate(DIMENSIONS, start=1):
        dimension = dimension_model.objects.create(
            assessment=assessment,
            slug=slug,
            name=name,
            description=description,
            order=order,
            advice_low=advice[0],
            advice_middle=advice[1],
            advice_high=advice[2],
        )
        for q_order, (text, help_text, weight) in enumerate(questions, start=1):
            question_model.objects.create(
                dimension=dimension, text=text, help=help_text, weight=weight, order=q_order
            )
