"""The 2014 CEDI questionnaire as the template "cedi-2014", and the published 2014 results as the
aggregate-only baseline round "cedi-2014-baseline".

Source: CEDI, "Smart City i de danske kommuner – status og initiativer" (survey 2 December 2013
to 22 January 2014; seed `001_90a6ac6620495d89.txt`, extract `survey-2014-baseline.json`).

The report prints the screening question, the names of most initiatives and the motivation
statements at 50 pct. or more, but not the questionnaire itself. Wording is taken from the report
where it prints it (tables first, then prose phrases turned into labels). Everything the report
does not print is reconstructed and listed in `RECONSTRUCTED` (and in the version's note):

- initiatives: the report has 31 in 7 areas and places 29 (26 named, plus 2 unnamed in Forsyning
  and 1 in Social og sundhed, whose count of five is printed); 2 belong to one of Teknik og miljø,
  Kultur og fritid, Erhvervsudvikling og innovation or Borgerinddragelse. The 5 unnamed ones are
  filled with initiatives the report itself describes as examples: intelligent street lighting
  (the Middelfart case, 4.1), data partnerships (the Copenhagen open-value case, 4.4), water leak
  monitoring and sensor-based waste collection (Forsyning), welfare technology in home care
  (Social og sundhed);
- motivation: 9 of 16 statements are printed; 7 are reconstructed; the parallel set asked of
  the other municipalities is printed for two statements only, the rest are reworded from the
  smart-city statements;
- answer scales: only "i høj eller meget høj grad", "ved ikke", the political anchoring and
  future-activity categories quoted in the report are printed; the rest of each scale is
  reconstructed.

The baseline figures (`BASELINE_FIGURES`) are every percentage the report prints that maps onto a
question, item, group and option of the template. Figures not printed are absent (never
estimated). See `BASELINE_GAPS` for what the report says but cannot be stored as a figure.
"""

import datetime
from decimal import Decimal
from typing import Any

SURVEY_KEY = "cedi-2014"
BASELINE_ROUND_KEY = "cedi-2014-baseline"

SURVEY = {
    "key": SURVEY_KEY,
    "title": "Smart City i de danske kommuner",
    "description": (
        "Den nationale kortlægning af kommunernes arbejde med Smart City, første gang gennemført "
        "af CEDI for Ministeriet for By, Bolig og Landdistrikter (december 2013 – januar 2014). "
        "Spørgsmål, initiativer og udsagn er gengivet med rapportens ordlyd; det, rapporten ikke "
        "gengiver, er rekonstrueret og angivet i versionens note."
    ),
}

SECTIONS = [
    ("status", "Smart City i kommunen"),
    ("motivation", "Motivation og fokus"),
    ("anchoring", "Forankring og organisering"),
    ("initiatives", "Konkrete teknologiinitiativer"),
    ("networks", "Netværk og videndeling"),
]

SMART_CITY_GROUP = ["coordinated", "activities"]
OTHER_GROUP = ["planning", "none"]

SMART_CITY_OPTIONS = [
    {
        "key": "coordinated",
        "label": "har igangsat overordnet eller koordineret arbejde, som vi betegner som Smart City",
    },
    {"key": "activities", "label": "har enkeltstående aktiviteter i relation til Smart City"},
    {"key": "planning", "label": "planlægger initiativer inden for de kommende 12 måneder"},
    {"key": "none", "label": "har hverken initiativer eller planer"},
]

INITIATIVE_OPTIONS = [
    {"key": "have", "label": "Har"},
    {"key": "plan", "label": "Planlægger inden for 12 måneder"},
    {"key": "no", "label": "Nej"},
    {"key": "dont_know", "label": "Ved ikke"},
]

LIKERT_OPTIONS = [
    {"key": "very_high", "label": "I meget høj grad"},
    {"key": "high", "label": "I høj grad"},
    {"key": "some", "label": "I nogen grad"},
    {"key": "low", "label": "I mindre grad"},
    {"key": "not_at_all", "label": "Slet ikke"},
    {"key": "dont_know", "label": "Ved ikke"},
]
#: The combined top category the report prints ("i høj grad eller meget høj grad").
TOP_TWO = "very_high+high"

AREAS = [
    "Teknik og miljø",
    "Forsyning",
    "Kultur og fritid",
    "Erhvervsudvikling og innovation",
    "Læring og uddannelse",
    "Social og sundhed",
    "Borgerinddragelse",
]

# (key, area, text). Texts from the report's tables where printed, else its prose phrases.
INITIATIVES = [
    (
        "energy_public_buildings",
        "Teknik og miljø",
        "Energibesparelser i offentlige bygninger (eks. intelligent bygningsstyring vha. sensorer)",
    ),
    (
        "apps_report_issues",
        "Teknik og miljø",
        "Apps (eks. giv-et-praj tjenesten; online rapportering af huller i vejen, rotter, "
        "defekt gadebelysning mv.)",
    ),
    (
        "traffic_planning_data",
        "Teknik og miljø",
        "Trafik- og byplanlægning baseret på data fra sensorer/smart phone",
    ),
    ("traffic_parking_guidance", "Teknik og miljø", "Trafikstyring og parkeringshenvisning"),
    (
        "smart_street_lighting",
        "Teknik og miljø",
        "Intelligent gadebelysning (eks. LED-armaturer med bevægelsessensorer)",
    ),
    (
        "apps_waste",
        "Forsyning",
        "Apps (eks. affalds-app med informationer om tømningsdage, indrapportering af manglende "
        "tømningsdata mv.)",
    ),
    ("smart_grid", "Forsyning", "Smart Grid (eks. intelligente el-målere)"),
    (
        "flood_protection",
        "Forsyning",
        "Sikring mod oversvømmelser (eks. sensorbaseret overvågning af vandstanden)",
    ),
    (
        "water_monitoring",
        "Forsyning",
        "Intelligent vandforsyning (eks. fjernaflæste vandmålere og overvågning af ledningsbrud)",
    ),
    (
        "smart_waste_collection",
        "Forsyning",
        "Sensorbaseret affaldsindsamling (eks. fyldningsgrad i containere og ruteoptimering)",
    ),
    (
        "apps_events",
        "Kultur og fritid",
        "Apps, der giver overblik over aktiviteter og arrangementer i kommunen",
    ),
    (
        "interactive_tour_guides",
        "Kultur og fritid",
        "Interaktive turguides til byens seværdigheder (eks. apps, QR-koder, geocaching)",
    ),
    (
        "public_wifi",
        "Kultur og fritid",
        "Adgang til trådløst netværk i byrummet og offentlige bygninger",
    ),
    (
        "open_data",
        "Erhvervsudvikling og innovation",
        "Kommunen stiller åbne data til rådighed (eks. til kommerciel brug, borgerinitiativer)",
    ),
    ("broadband", "Erhvervsudvikling og innovation", "Bredbåndsinfrastruktur"),
    (
        "apps_business",
        "Erhvervsudvikling og innovation",
        "Apps (eks. apps der styrker erhvervsudvikling eller innovation)",
    ),
    (
        "data_partnerships",
        "Erhvervsudvikling og innovation",
        "Partnerskaber om deling af offentlige og private data (eks. open-value netværk)",
    ),
    (
        "digital_learning_school",
        "Læring og uddannelse",
        "Brug af digitale læremidler i folkeskolens undervisning",
    ),
    (
        "digital_media_daycare",
        "Læring og uddannelse",
        "Brug af digitale medier i daginstitutionernes pædagogiske arbejde",
    ),
    (
        "it_skills_helpdesk",
        "Læring og uddannelse",
        "Helpdesk og folkeoplysning som generel understøttelse og opkvalificering af borgeres "
        "IT-kompetence",
    ),
    ("library_apps", "Læring og uddannelse", "Apps (eks. bibliotek på din smartphone)"),
    (
        "e_learning",
        "Læring og uddannelse",
        "Tilbud om e-læring (lokal fjernadgang til eks. videregående uddannelse, opkvalificering)",
    ),
    (
        "safety_technology",
        "Social og sundhed",
        "Tryghedsteknologier (eks. nødkald og GPS-systemer til sporing af demente)",
    ),
    ("telemedicine", "Social og sundhed", "Telemedicinske løsninger"),
    ("digital_rehabilitation", "Social og sundhed", "Digital genoptræning"),
    ("transport_planning_geodata", "Social og sundhed", "Kørselsplanlægning baseret på geodata"),
    (
        "welfare_technology_homecare",
        "Social og sundhed",
        "Velfærdsteknologi i hjemmeplejen (eks. skærmbesøg og elektroniske dørlåse)",
    ),
    ("social_media", "Borgerinddragelse", "Brug af sociale medier til borgerinddragelse"),
    (
        "digital_local_plans",
        "Borgerinddragelse",
        "Byudvikling, digitale lokalplaner og borgerhøringer (eks. sociale medier, visualisering "
        "af lokalplaner med geodata, digitale høringer)",
    ),
    ("live_streaming", "Borgerinddragelse", "Live-streaming fra kommunalbestyrelsesmøder"),
    (
        "case_tracking",
        "Borgerinddragelse",
        "Track and trace af egen sag i sagsbehandlingen",
    ),
]

# (key, smart-city statement, parallel statement for the other municipalities)
MOTIVATIONS = [
    (
        "climate",
        "Smart City skal forbedre miljø- og klima",
        "Aktiviteter, der skal forbedre miljø og klima",
    ),
    (
        "efficiency",
        "Smart City skal sikre optimering og effektivisering på forskellige områder i kommunen",
        "Aktiviteter, der skal sikre optimering og effektivisering i kommunen via digitalisering",
    ),
    (
        "local_business",
        "Smart City skal fremme det lokale erhvervsliv",
        "Aktiviteter, der skal fremme det lokale erhvervsliv",
    ),
    (
        "tech_opportunities",
        "Smart City skal sikre at kommunen udnytter de teknologiske muligheder i samfundet",
        "Aktiviteter, der skal sikre, at kommunen udnytter de teknologiske muligheder i samfundet",
    ),
    (
        "city_experience",
        "Smart City skal skabe bedre byoplevelser og livskvalitet for borgerne",
        "Aktiviteter, der skal skabe bedre byoplevelser og livskvalitet for borgerne",
    ),
    (
        "citizen_involvement",
        "Smart City skal styrke borgerinddragelse og medejerskab",
        "Aktiviteter, der skal styrke borgerinddragelse og medejerskab",
    ),
    (
        "marketing",
        "Smart City skal markedsføre kommunen/byen nationalt og internationalt",
        "Aktiviteter, der skal markedsføre kommunen/byen nationalt og internationalt",
    ),
    (
        "welfare",
        "Smart City skal forbedre forskellige velfærdsområder",
        "Aktiviteter, der skal forbedre forskellige velfærdsområder",
    ),
    (
        "data_sharing",
        "Smart City skal øge deling og brug af kommunens data",
        "Aktiviteter, der skal øge deling og brug af kommunens data",
    ),
    (
        "attract_residents",
        "Smart City skal gøre kommunen mere attraktiv for bosætning",
        "Aktiviteter, der skal gøre kommunen mere attraktiv for bosætning",
    ),
    (
        "research_cooperation",
        "Smart City skal styrke samarbejdet med forsknings- og uddannelsesinstitutioner",
        "Aktiviteter, der skal styrke samarbejdet med forsknings- og uddannelsesinstitutioner",
    ),
    (
        "innovation",
        "Smart City skal fremme innovation og nye løsninger i samarbejde med virksomheder",
        "Aktiviteter, der skal fremme innovation og nye løsninger i samarbejde med virksomheder",
    ),
    (
        "rural_services",
        "Smart City skal sikre et højt serviceniveau i tyndt befolkede områder",
        "Aktiviteter, der skal sikre et højt serviceniveau i tyndt befolkede områder",
    ),
    (
        "mobility",
        "Smart City skal forbedre trafik og mobilitet",
        "Aktiviteter, der skal forbedre trafik og mobilitet",
    ),
    (
        "external_funding",
        "Smart City skal tiltrække eksterne midler og investeringer til kommunen",
        "Aktiviteter, der skal tiltrække eksterne midler og investeringer til kommunen",
    ),
    (
        "digital_skills",
        "Smart City skal styrke borgernes digitale kompetencer",
        "Aktiviteter, der skal styrke borgernes digitale kompetencer",
    ),
]

NETWORKS = [
    ("companies", "Netværk med virksomheder"),
    (
        "thematic",
        "Fagligt tematiserede netværk (eksempelvis om Smart Grid eller åbne data)",
    ),
    ("research", "Netværk med forsknings- og uddannelsesinstitutioner"),
    ("regional", "Netværk med andre kommuner i samme region"),
    ("international", "Netværk med international deltagelse"),
    ("conference", "En årlig konference"),
    ("national_municipalities", "Netværk med kommuner i hele landet"),
]


def _items(rows: list[tuple[str, str]], area: str = "") -> list[dict[str, str]]:
    return [{"key": key, "text": text, "area": area} for key, text in rows]


def _options(rows: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in rows]


SMART_CITY_ONLY = {"question": "smart_city", "in": SMART_CITY_GROUP}
OTHERS_ONLY = {"question": "smart_city", "in": OTHER_GROUP}

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "smart_city",
        "section": "status",
        "text": "Har din kommune igangsat initiativer i relation til Smart City?",
        "help": (
            "Smart City er et bredt begreb, der dækker over anvendelsen af teknologi, data og "
            "partnerskaber til at skabe en byudvikling præget af bæredygtighed, innovation og "
            "medborgerskab."
        ),
        "type": "single",
        "options": SMART_CITY_OPTIONS,
        "required": True,
    },
    {
        "key": "relevance",
        "section": "status",
        "text": (
            "Er aktiviteterne i relation til Smart City i din kommune primært relevante for "
            "det/de største bysamfund i kommunen eller omfatter de hele kommunen?"
        ),
        "type": "single",
        "options": _options(
            [
                ("largest_towns", "Primært relevante for det/de største bysamfund"),
                ("whole_municipality", "Omfatter hele kommunen"),
                ("dont_know", "Ved ikke"),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "motivation_smart_city",
        "section": "motivation",
        "text": (
            "I hvilken grad karakteriserer følgende udsagn motivationen for kommunens arbejde "
            "med Smart City?"
        ),
        "type": "likert",
        "options": LIKERT_OPTIONS,
        "items": _items([(key, text) for key, text, _other in MOTIVATIONS]),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "motivation_other",
        "section": "motivation",
        "text": "I hvilken grad har din kommune aktiviteter, der tilgodeser følgende hensyn?",
        "type": "likert",
        "options": LIKERT_OPTIONS,
        "items": _items([(key, other) for key, _text, other in MOTIVATIONS]),
        "condition": OTHERS_ONLY,
    },
    {
        "key": "rejection_reasons",
        "section": "motivation",
        "text": "Hvad er begrundelsen for, at kommunen ikke arbejder med Smart City?",
        "help": "Sæt gerne flere krydser.",
        "type": "multiple",
        "options": _options(
            [
                (
                    "already_activities",
                    "Vi har allerede aktiviteter, som relaterer sig til udnyttelse af teknologi "
                    "i byen, men uden at kalde det Smart City",
                ),
                ("no_political_focus", "Manglende politisk fokus"),
                ("too_vague", "Begrebet er for luftigt"),
                ("not_suitable", "Passer ikke til kommunen"),
                ("no_admin_focus", "Ikke forvaltningsmæssigt fokus på området"),
                ("other", "Andet"),
            ]
        ),
        "condition": OTHERS_ONLY,
    },
    {
        "key": "political_anchoring",
        "section": "anchoring",
        "text": "Hvordan er arbejdet med Smart City forankret politisk i kommunen?",
        "type": "single",
        "options": _options(
            [
                ("very_high", "Meget høj politisk forankring"),
                ("high", "Høj politisk forankring"),
                ("some", "Nogen politisk forankring"),
                ("awaiting", "Afventer behandling på politisk niveau"),
                ("low", "Lav eller ingen politisk forankring"),
                ("dont_know", "Ved ikke"),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "management_responsibility",
        "section": "anchoring",
        "text": (
            "Hvem har ansvaret for styring og opfølgning på kommunens aktiviteter i relation til "
            "Smart City?"
        ),
        "help": "Sæt gerne flere krydser.",
        "type": "multiple",
        "options": _options(
            [
                ("municipal_director", "Kommunaldirektøren"),
                ("department_director", "En forvaltningsdirektør"),
                ("department_unit", "En underliggende forvaltningsenhed"),
                (
                    "external",
                    "En ekstern organisation (eks. erhvervsudviklingsorganisation, "
                    "forsyningsselskab eller forskningsinstitution)",
                ),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "organisation",
        "section": "anchoring",
        "text": "Hvordan er arbejdet med Smart City organiseret i praksis?",
        "type": "single",
        "options": _options(
            [
                (
                    "cross_department",
                    "Projektorganisationer eller taskforces på tværs af forvaltningerne",
                ),
                ("within_departments", "Organiseret i de enkelte forvaltninger"),
                ("other", "Anden organisering"),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "organisation_other",
        "section": "anchoring",
        "text": "Beskriv kort kommunens organisering af arbejdet med Smart City.",
        "type": "text",
        "condition": {"question": "organisation", "in": ["other"]},
    },
    {
        "key": "future_activity",
        "section": "anchoring",
        "text": "Forventer kommunen at arbejde mere eller mindre med Smart City i de kommende to år?",
        "type": "single",
        "options": _options(
            [
                ("much_more", "Meget mere"),
                ("more", "Mere"),
                ("same", "Hverken mere eller mindre"),
                ("less", "Mindre"),
                ("dont_know", "Ved ikke"),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "initiatives",
        "section": "initiatives",
        "text": "Har din kommune igangsat initiativer inden for følgende områder?",
        "help": (
            "Svar for hvert initiativ, om kommunen har det i dag, planlægger at gå i gang inden "
            "for de kommende 12 måneder, ikke har det, eller ikke ved det."
        ),
        "type": "matrix",
        "options": INITIATIVE_OPTIONS,
        "items": [{"key": key, "text": text, "area": area} for key, area, text in INITIATIVES],
        "required": True,
    },
    {
        "key": "knowledge_sources",
        "section": "networks",
        "text": "Hvor henter kommunen viden og inspiration til arbejdet med Smart City?",
        "help": "Sæt gerne flere krydser.",
        "type": "multiple",
        "options": _options(
            [
                ("national", "Nationale netværk og samarbejder"),
                ("business", "Samarbejder med erhvervslivet"),
                ("regional", "Regionale netværk og samarbejder"),
                ("local", "Lokale netværk og samarbejder"),
                ("research", "Forskere og uddannelsesinstitutioner"),
                ("other", "Andre kilder"),
            ]
        ),
        "condition": SMART_CITY_ONLY,
    },
    {
        "key": "national_strategies",
        "section": "networks",
        "text": "Hvilken betydning har følgende nationale strategier haft for kommunens aktiviteter?",
        "type": "matrix",
        "options": _options(
            [
                ("influence", "Har haft indflydelse"),
                ("known", "Kendt, men uden indflydelse"),
                ("unknown", "Ikke kendt"),
            ]
        ),
        "items": _items(
            [
                (
                    "smart_grid_strategy",
                    "Klima-, energi- og bygningsministeriets strategi for Smart Grid – "
                    "fremtidens intelligente energisystem",
                ),
                (
                    "digitalisation_strategy",
                    "Den fællesoffentlige digitaliseringsstrategi 2011–2015",
                ),
                (
                    "digital_welfare_strategy",
                    "Den fællesoffentlige strategi for digital velfærd 2013–2020",
                ),
                ("climate_adaptation_strategy", "Regeringens strategi for klimatilpasning"),
            ]
        ),
    },
    {
        "key": "network_interest",
        "section": "networks",
        "text": (
            "I hvilket omfang har din kommune interesse i at deltage i følgende typer af "
            "netværksaktiviteter om Smart City?"
        ),
        "type": "likert",
        "options": LIKERT_OPTIONS,
        "items": _items(NETWORKS),
    },
    {
        "key": "comments",
        "section": "networks",
        "text": "Har du kommentarer til undersøgelsen eller til kommunens arbejde med Smart City?",
        "type": "text",
    },
]

#: Wording the report does not print (reconstructed for the template). question key -> what.
RECONSTRUCTED: dict[str, str] = {
    "relevance": "svarmuligheden 'Ved ikke' og formuleringen af de to andre svarmuligheder",
    "motivation_smart_city": (
        "spørgsmålsteksten; udsagnene attract_residents, research_cooperation, innovation, "
        "rural_services, mobility, external_funding og digital_skills (rapporten gengiver kun de "
        "9 udsagn med mindst 50 pct.); skalaens trin ud over 'i høj grad', 'i meget høj grad' "
        "og 'ved ikke'"
    ),
    "motivation_other": (
        "alle udsagn undtagen efficiency og tech_opportunities (omformuleret fra "
        "Smart City-udsagnene); skalaen som ovenfor"
    ),
    "rejection_reasons": "spørgsmålsteksten og svarmuligheden 'Andet'",
    "political_anchoring": (
        "spørgsmålsteksten og svarmulighederne 'Lav eller ingen politisk forankring' og 'Ved ikke'"
    ),
    "management_responsibility": "spørgsmålsteksten",
    "organisation": "spørgsmålsteksten",
    "organisation_other": "hele spørgsmålet (opfølgning på 'Anden organisering')",
    "future_activity": (
        "spørgsmålsteksten og opdelingen af 'mere eller meget mere' i to svarmuligheder samt "
        "'Ved ikke'"
    ),
    "initiatives": (
        "spørgsmålsteksten; initiativerne smart_street_lighting (Teknik og miljø, efter "
        "Middelfart-eksemplet), water_monitoring og smart_waste_collection (Forsyning), "
        "data_partnerships (Erhvervsudvikling og innovation, efter Københavns open-value-eksempel) "
        "og welfare_technology_homecare (Social og sundhed); svarmuligheden 'Nej'; initiativer "
        "nævnt i rapportens løbende tekst er omskrevet til etiketter"
    ),
    "knowledge_sources": "spørgsmålsteksten og svarmuligheden 'Andre kilder'",
    "national_strategies": (
        "spørgsmålsteksten, svarmulighederne og alle strategier undtagen smart_grid_strategy"
    ),
    "network_interest": "delspørgsmålet national_municipalities; skalaen som ovenfor",
    "comments": "hele spørgsmålet",
}

VERSION_NOTE = (
    "Version 1: 2014-spørgeskemaet efter CEDI's rapport. Rekonstrueret ordlyd (ikke gengivet i "
    "rapporten): " + "; ".join(f"{key}: {what}" for key, what in RECONSTRUCTED.items()) + "."
)

BASELINE_ROUND = {
    "key": BASELINE_ROUND_KEY,
    "name": "Smart City i de danske kommuner 2013–14 (baseline)",
    "description": (
        "Offentliggjorte resultater af CEDI's survey til kommunaldirektørerne i alle 98 "
        "kommuner, gennemført 2. december 2013 – 22. januar 2014 (54 besvarelser, 55 pct.). Kun "
        "samlede tal fra rapporten 'Smart City i de danske kommuner – status og initiativer'; "
        "tal, rapporten ikke gengiver, mangler."
    ),
    "opens_on": datetime.date(2013, 12, 2),
    "closes_on": datetime.date(2014, 1, 22),
    "baseline_respondents": 54,
}

SC, OV = "smart_city", "ovrige"
DIFF = "smart_city_minus_ovrige"

# (question, item, group, option, pct, n, note)
BASELINE_FIGURES: list[tuple[str, str, str, str, int, int | None, str]] = [
    # 3.1.1 screening (adds to 96; the other 4 pct. are not accounted for)
    ("smart_city", "", "", "coordinated", 17, 54, ""),
    ("smart_city", "", "", "activities", 35, 54, ""),
    ("smart_city", "", "", "planning", 13, 54, ""),
    ("smart_city", "", "", "none", 31, 54, "De fire andele summer til 96 pct. i rapporten."),
    # 3.1.2 size: share of each group with more than 67,500 inhabitants / in the smallest class
    ("municipality_size", "", SC, "over_67500", 36, None, ""),
    ("municipality_size", "", OV, "over_67500", 15, None, ""),
    (
        "municipality_size",
        "",
        SC,
        "smallest_class",
        18,
        None,
        "Grænsen for 'de mindste kommuner' er ikke trykt.",
    ),
    (
        "municipality_size",
        "",
        OV,
        "smallest_class",
        35,
        None,
        "Grænsen for 'de mindste kommuner' er ikke trykt.",
    ),
    # 3.1.3 municipality type: composition of each group
    ("municipality_kind", "", SC, "bykommune", 50, None, ""),
    ("municipality_kind", "", SC, "mellemkommune", 21, None, ""),
    ("municipality_kind", "", SC, "landkommune", 18, None, ""),
    ("municipality_kind", "", SC, "yderkommune", 11, None, ""),
    ("municipality_kind", "", OV, "bykommune", 23, None, ""),
    ("municipality_kind", "", OV, "mellemkommune", 31, None, ""),
    ("municipality_kind", "", OV, "landkommune", 12, None, ""),
    ("municipality_kind", "", OV, "yderkommune", 35, None, "Kolonnen summer til 101 pct."),
    # 3.1.4 relevance (asked of the smart-city group)
    (
        "relevance",
        "",
        "",
        "whole_municipality",
        89,
        None,
        "Kapitel 2 skriver '9 ud af 10' (hele kommunen eller både bysamfund og landdistrikter).",
    ),
    # 2.1.2 / 3.2.1 motivation, smart-city group, "i høj eller meget høj grad"
    ("motivation_smart_city", "climate", "", TOP_TWO, 78, None, ""),
    ("motivation_smart_city", "efficiency", "", TOP_TWO, 71, None, ""),
    ("motivation_smart_city", "local_business", "", TOP_TWO, 68, None, ""),
    ("motivation_smart_city", "tech_opportunities", "", TOP_TWO, 65, None, ""),
    ("motivation_smart_city", "city_experience", "", TOP_TWO, 57, None, ""),
    ("motivation_smart_city", "citizen_involvement", "", TOP_TWO, 54, None, ""),
    ("motivation_smart_city", "marketing", "", TOP_TWO, 54, None, ""),
    ("motivation_smart_city", "welfare", "", TOP_TWO, 50, None, ""),
    ("motivation_smart_city", "data_sharing", "", TOP_TWO, 50, None, ""),
    # 3.2.2 the parallel set, other municipalities
    ("motivation_other", "efficiency", "", TOP_TWO, 46, None, ""),
    ("motivation_other", "tech_opportunities", "", TOP_TWO, 27, None, ""),
    # 3.2.3 reasons for not working with smart city (several answers possible)
    ("rejection_reasons", "", "", "already_activities", 42, None, ""),
    ("rejection_reasons", "", "", "no_political_focus", 38, None, ""),
    ("rejection_reasons", "", "", "too_vague", 31, None, ""),
    ("rejection_reasons", "", "", "not_suitable", 31, None, ""),
    ("rejection_reasons", "", "", "no_admin_focus", 31, None, ""),
    # 3.3.1 political anchoring (the printed categories add up to 79)
    ("political_anchoring", "", "", "very_high", 0, None, ""),
    ("political_anchoring", "", "", "high", 36, None, ""),
    ("political_anchoring", "", "", "some", 36, None, ""),
    ("political_anchoring", "", "", "awaiting", 7, None, ""),
    # 3.3.2 management responsibility (adds to 130: several answers)
    ("management_responsibility", "", "", "department_director", 47, None, ""),
    ("management_responsibility", "", "", "municipal_director", 30, None, ""),
    ("management_responsibility", "", "", "department_unit", 40, None, ""),
    ("management_responsibility", "", "", "external", 13, None, ""),
    # 3.3.3 organisation (adds to 93)
    ("organisation", "", "", "cross_department", 46, None, ""),
    ("organisation", "", "", "within_departments", 18, None, ""),
    ("organisation", "", "", "other", 29, None, ""),
    # 3.3.4 future activity (adds to 90)
    ("future_activity", "", "", "much_more+more", 82, None, "Trykt som 'mere eller meget mere'."),
    ("future_activity", "", "", "same", 4, None, ""),
    ("future_activity", "", "", "less", 4, None, ""),
    # 4.1–4.8 initiatives, all respondents: share that has the initiative
    ("initiatives", "energy_public_buildings", "", "have", 78, None, ""),
    ("initiatives", "apps_report_issues", "", "have", 65, None, ""),
    ("initiatives", "apps_waste", "", "have", 31, None, ""),
    ("initiatives", "smart_grid", "", "have", 30, None, ""),
    ("initiatives", "flood_protection", "", "have", 28, None, ""),
    ("initiatives", "apps_events", "", "have", 54, None, ""),
    ("initiatives", "interactive_tour_guides", "", "have", 46, None, ""),
    ("initiatives", "public_wifi", "", "have", 35, None, ""),
    ("initiatives", "open_data", "", "have", 33, None, ""),
    ("initiatives", "broadband", "", "have", 31, None, ""),
    ("initiatives", "digital_learning_school", "", "have", 72, None, ""),
    ("initiatives", "digital_media_daycare", "", "have", 63, None, ""),
    ("initiatives", "it_skills_helpdesk", "", "have", 48, None, ""),
    ("initiatives", "library_apps", "", "have", 35, None, ""),
    ("initiatives", "e_learning", "", "have", 30, None, ""),
    ("initiatives", "safety_technology", "", "have", 39, None, ""),
    ("initiatives", "telemedicine", "", "have", 33, None, ""),
    ("initiatives", "digital_rehabilitation", "", "have", 30, None, ""),
    ("initiatives", "transport_planning_geodata", "", "have", 28, None, ""),
    ("initiatives", "social_media", "", "have", 72, None, ""),
    ("initiatives", "digital_local_plans", "", "have", 56, None, ""),
    ("initiatives", "live_streaming", "", "have", 50, None, ""),
    # 2.2.3 / 4.8.1 fastest growing: share that plans to start within 12 months
    ("initiatives", "broadband", "", "plan", 28, None, ""),
    ("initiatives", "traffic_planning_data", "", "plan", 24, None, ""),
    ("initiatives", "case_tracking", "", "plan", 24, None, ""),
    ("initiatives", "apps_business", "", "plan", 22, None, ""),
    ("initiatives", "digital_local_plans", "", "plan", 22, None, ""),
    # group values printed in chapter 4
    ("initiatives", "energy_public_buildings", SC, "have", 93, None, ""),
    ("initiatives", "energy_public_buildings", OV, "have", 67, None, ""),
    ("initiatives", "energy_public_buildings", SC, "plan", 4, None, ""),
    ("initiatives", "energy_public_buildings", OV, "plan", 21, None, ""),
    ("initiatives", "apps_waste", SC, "have", 25, None, ""),
    ("initiatives", "apps_waste", OV, "have", 42, None, ""),
    ("initiatives", "interactive_tour_guides", SC, "have", 57, None, ""),
    ("initiatives", "interactive_tour_guides", OV, "have", 33, None, ""),
    ("initiatives", "open_data", SC, "have", 48, None, ""),
    ("initiatives", "open_data", OV, "have", 17, None, ""),
    ("initiatives", "digital_local_plans", SC, "have", 64, None, ""),
    ("initiatives", "digital_local_plans", OV, "have", 46, None, ""),
    # 2.2.1 top 10 differences in percentage points (smart city minus the others)
    (
        "initiatives",
        "open_data",
        DIFF,
        "have",
        33,
        None,
        "Tabellen siger 33 point; tallene i afsnit 4.4 (48 og 17) giver 31.",
    ),
    ("initiatives", "energy_public_buildings", DIFF, "have", 26, None, ""),
    ("initiatives", "interactive_tour_guides", DIFF, "have", 24, None, ""),
    ("initiatives", "digital_local_plans", DIFF, "have", 18, None, ""),
    ("initiatives", "apps_business", DIFF, "have", 18, None, ""),
    ("initiatives", "apps_report_issues", DIFF, "have", 17, None, ""),
    ("initiatives", "apps_waste", DIFF, "have", -17, None, ""),
    ("initiatives", "it_skills_helpdesk", DIFF, "have", 15, None, ""),
    ("initiatives", "library_apps", DIFF, "have", 14, None, ""),
    (
        "initiatives",
        "e_learning",
        DIFF,
        "have",
        -13,
        None,
        "Tabellen siger -13 point; afsnit 4.5 siger 3 procentpoint.",
    ),
    # 5.1.1 knowledge sources (smart-city group; several answers)
    ("knowledge_sources", "", "", "national", 75, None, ""),
    ("knowledge_sources", "", "", "business", 71, None, ""),
    ("knowledge_sources", "", "", "regional", 71, None, ""),
    ("knowledge_sources", "", "", "local", 61, None, ""),
    ("knowledge_sources", "", "", "research", 46, None, ""),
    # 5.1.2 national strategies
    ("national_strategies", "smart_grid_strategy", "", "influence", 31, None, ""),
    # 5.2.1 / 5.2.2 network interest, "i høj eller meget høj grad", by group
    ("network_interest", "companies", SC, TOP_TWO, 75, None, ""),
    ("network_interest", "thematic", SC, TOP_TWO, 72, None, ""),
    ("network_interest", "research", SC, TOP_TWO, 71, None, ""),
    ("network_interest", "regional", OV, TOP_TWO, 42, None, ""),
    ("network_interest", "thematic", OV, TOP_TWO, 39, None, ""),
    ("network_interest", "companies", OV, TOP_TWO, 35, None, ""),
]

#: What the report says that is not stored as a figure (ranges, approximations, rankings).
BASELINE_GAPS = [
    "Svar fra 14 af de 20 kommuner med landets største bysamfund (listen er ikke trykt).",
    "'Næsten 80 pct.' af bykommunerne og de største byer arbejder med eller forventer at "
    "arbejde med Smart City (omtrentligt tal).",
    "'Ved ikke' ligger mellem 37 og 57 pct. for de fem forsyningsinitiativer, 24–43 pct. for "
    "læring og uddannelse og 44–54 pct. for social og sundhed (kun intervaller).",
    "Blandt de øvrige kommuner svarer 23–27 pct. 'ved ikke' om netværksinteresse.",
    "Hovedområdernes gennemsnit (figuren i 2.2.1) og de 7 motivationsudsagn under 50 pct. "
    "(rapportens bilag) er ikke i teksten.",
    "Netværk med kommuner i samme region og med international deltagelse er i top 5 for "
    "Smart City-kommunerne, og en årlig konference og netværk med universiteter i top 5 for "
    "de øvrige, men uden tal.",
]


def install(apps: Any) -> None:
    """Create the template (version 1) and the baseline round with its figures; idempotent.
    `apps` is a migration's app registry (or `django.apps.apps`)."""
    survey_model = apps.get_model("surveys", "Survey")
    if survey_model.objects.filter(key=SURVEY_KEY).exists():
        return
    version_model = apps.get_model("surveys", "SurveyVersion")
    section_model = apps.get_model("surveys", "Section")
    question_model = apps.get_model("surveys", "Question")
    round_model = apps.get_model("surveys", "Round")
    figure_model = apps.get_model("surveys", "BaselineFigure")
    municipality_model = apps.get_model("geo", "Municipality")

    survey = survey_model.objects.create(**SURVEY)
    version = version_model.objects.create(survey=survey, number=1, note=VERSION_NOTE)
    sections = {
        key: section_model.objects.create(version=version, key=key, title=title, order=index)
        for index, (key, title) in enumerate(SECTIONS, start=1)
    }
    for index, spec in enumerate(QUESTIONS, start=1):
        question_model.objects.create(
            version=version,
            section=sections[spec["section"]],
            key=spec["key"],
            text=spec["text"],
            help=spec.get("help", ""),
            type=spec["type"],
            options=spec.get("options", []),
            items=spec.get("items", []),
            required=spec.get("required", False),
            condition=spec.get("condition"),
            order=index,
        )
    baseline = round_model.objects.create(
        version=version,
        is_baseline=True,
        description=BASELINE_ROUND["description"]
        + " Ikke lagret som tal: "
        + " ".join(BASELINE_GAPS),
        **{k: v for k, v in BASELINE_ROUND.items() if k != "description"},
    )
    baseline.population.set(municipality_model.objects.all())
    figure_model.objects.bulk_create(
        figure_model(
            round=baseline,
            question_key=question,
            item_key=item,
            group=group,
            option_key=option,
            pct=Decimal(pct).quantize(Decimal("0.1")),
            n=n,
            note=note,
        )
        for question, item, group, option, pct, n, note in BASELINE_FIGURES
    )
