"""Demo content for iot-kits og årshjul (called by `smartby demo`): six kits owned by
municipalities in Central Jutland (the GovTech Midtjylland IoT kits), a few non-overlapping
bookings around today, and about fifteen årshjul events in the current year. The same seed gives
the same content on the same day; a second call adds nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from smartby.geo.models import Municipality
from smartby.kits.models import Booking, BookingStatus, Event, EventKind, Kit, KitItem
from smartby.orgs.models import Organisation
from smartby.search.index import index_content

# (name, slug, owner municipality code, location, contact, description, items)
KITS = [
    (
        "LoRaWAN-gateway-kit",
        "lorawan-gateway-kit",
        "751",
        "ITK, Dokk1, Hack Kampmanns Plads 2, 8000 Aarhus C",
        "iot@aarhus.example.dk",
        "Alt, der skal til for at sætte et midlertidigt LoRaWAN-net op: to gateways med "
        "mobil backhaul, antenner og en forudkonfigureret netværksserver. Velegnet til at måle "
        "dækning, før kommunen vælger placering af faste gateways.",
        [
            (
                "LoRaWAN-gateway (8 kanaler, 4G-backhaul)",
                2,
                "Forudkonfigureret til netværksserveren",
            ),
            ("Udendørs antenne 868 MHz", 2, ""),
            ("Mastebeslag og kabler", 1, "Sæt"),
            ("Feltmåler til dækningsmåling", 1, "Viser RSSI og SNR"),
        ],
    ),
    (
        "Luftkvalitetssensorer",
        "luftkvalitetssensorer",
        "657",
        "Herning Rådhus, Torvet 5, 7400 Herning – teknisk service",
        "smartcity@herning.example.dk",
        "Seks batteridrevne sensorer, der måler partikler (PM2,5 og PM10), NO2, temperatur og "
        "luftfugtighed og sender over LoRaWAN. Bruges til at kortlægge luftkvaliteten ved skoler "
        "og trafikerede veje i en måned ad gangen.",
        [
            ("Luftkvalitetssensor (PM2,5/PM10/NO2)", 6, "LoRaWAN, batteri til ca. 6 måneder"),
            ("Monteringsbeslag til lygtepæl", 6, ""),
            ("Referencemåler til kalibrering", 1, "Lånes kun med instruktion"),
        ],
    ),
    (
        "Vandstandsmålere",
        "vandstandsmaalere",
        "615",
        "Horsens Kommune, Natur og Vej, Rådhustorvet 4, 8700 Horsens",
        "klima@horsens.example.dk",
        "Ultralydsmålere til vandløb, regnvandsbassiner og havne, der advarer ved stigende "
        "vandstand. Kittet bruges til at afprøve varsling af oversvømmelser som en del af "
        "klimatilpasningen.",
        [
            ("Ultralyds-vandstandsmåler", 4, "NB-IoT"),
            ("Bro- og kajbeslag", 4, ""),
            ("Regnmåler", 1, ""),
        ],
    ),
    (
        "Personsensor- og tællekit",
        "personsensor-og-taellekit",
        "740",
        "Silkeborg Bibliotek, Hostrupsgade 41, 8600 Silkeborg",
        "digitalisering@silkeborg.example.dk",
        "Anonyme personsensorer og cykeltællere til at måle brugen af bygninger, stier og "
        "mødelokaler. Sensorerne tæller uden kamera og gemmer ingen personoplysninger.",
        [
            ("Personsensor til døråbning (infrarød)", 8, "Ingen billeder"),
            ("Cykel- og gangtæller til sti", 2, "Radar, solcelledrevet"),
            ("Skrivebordssensor (tilstedeværelse)", 20, ""),
        ],
    ),
    (
        "Støjsensorer",
        "stoejsensorer",
        "730",
        "Randers Kommune, Miljø og Teknik, Laksetorvet 1, 8900 Randers C",
        "miljoe@randers.example.dk",
        "Støjmålere, der logger lydniveau (dB(A)) hvert minut og kan sættes op ved "
        "byggepladser, spillesteder og veje for at dokumentere gener over en periode.",
        [
            ("Støjsensor klasse 2", 4, "LoRaWAN"),
            ("Vejrbeskyttelse og mikrofonskærm", 4, ""),
            ("Kalibrator 94 dB", 1, ""),
        ],
    ),
    (
        "Affaldsniveausensorer",
        "affaldsniveausensorer",
        "746",
        "Skanderborg Forsyning, Døjsøvej 1, 8660 Skanderborg",
        "forsyning@skanderborg.example.dk",
        "Fyldningssensorer til skraldespande og containere, så tømning kan planlægges efter "
        "behov. Kittet er lavet til at afprøve ruteoptimering, før kommunen skifter spande ud.",
        [
            ("Fyldningssensor (ultralyd)", 15, "Passer i spande og containere"),
            ("Monteringssæt", 15, ""),
        ],
    ),
]

BORROWER_CODES = ["751", "657", "615", "740", "730", "746", "661", "791", "710", "779"]
PURPOSES = [
    "Afprøvning før indkøb: vi vil måle i en måned ved tre skoler.",
    "Pilotprojekt med forsyningen om at teste dækning og datakvalitet.",
    "Demonstration for udvalget og test af integration til vores dataplatform.",
    "Måling i forbindelse med klimatilpasningsplanen.",
]

# (month, day, start time or None, duration days, kind, title, organiser, location, description)
EVENTS = [
    (
        1,
        20,
        "13:00",
        0,
        EventKind.NETWORK_MEETING,
        "Følgegruppemøde i GovTech Midtjylland",
        "751",
        "Virtuelt (Teams)",
        "Halvårligt møde for kontaktpersonerne (SPOC) fra de deltagende "
        "kommuner og regionen: status på fællesprojekter og nye behov.",
    ),
    (
        2,
        1,
        None,
        0,
        EventKind.DEADLINE,
        "Frist: indmelding af behov til årets IoT-fællesprojekter",
        "751",
        "",
        "Kommunerne melder behov og idéer ind, så forretningsudvalget kan prioritere "
        "årets fælles projekter.",
    ),
    (
        2,
        26,
        "09:30",
        0,
        EventKind.WEBINAR,
        "Webinar: Kom godt i gang med LoRaWAN",
        "751",
        "Online",
        "Introduktion til LoRaWAN-net, gateways og dækningsmåling – med "
        "udgangspunkt i netværkets LoRaWAN-gateway-kit, som kan lånes.",
    ),
    (
        3,
        15,
        None,
        0,
        EventKind.DEADLINE,
        "Frist: partnersøgning til fælles EU-ansøgning (Horizon Europe)",
        "region-midtjylland",
        "",
        "Kommuner, der vil være partnere i netværkets fælles ansøgning, "
        "melder sig til sekretariatet.",
    ),
    (
        3,
        18,
        "09:00",
        1,
        EventKind.CONFERENCE,
        "KL's Digitaliseringskonference",
        "kl-kommunernes-landsforening",
        "Aalborg Kongres & Kultur Center",
        "Den årlige konference om digitalisering og teknologi i kommunerne.",
    ),
    (
        4,
        22,
        "10:00",
        0,
        EventKind.NETWORK_MEETING,
        "Møde i forretningsudvalget",
        "751",
        "Dokk1, Aarhus",
        "Forretningsudvalget prioriterer fællesprojekter og følger op på økonomien.",
    ),
    (
        5,
        6,
        "14:00",
        0,
        EventKind.WEBINAR,
        "Webinar: Krav til dataejerskab og adgang til rådata i IoT-udbud",
        "751",
        "Online",
        "Gennemgang af netværkets standardkrav om dataejerskab, åbne standarder "
        "og exit – og erfaringer fra kommuner, der har brugt dem.",
    ),
    (
        6,
        1,
        None,
        0,
        EventKind.DEADLINE,
        "Frist: budgetønsker til næste års fællesaktiviteter",
        "751",
        "",
        "Aktiviteter, der kræver medfinansiering, meldes ud nu, så de kan komme med i "
        "kommunernes budgetlægning.",
    ),
    (
        6,
        12,
        "09:00",
        0,
        EventKind.NETWORK_MEETING,
        "KD-Net: kvartalsmøde",
        "region-midtjylland",
        "Regionshuset Viborg",
        "Kommunaldirektørkredsen følger op på GovTech Midtjylland og DK2020.",
    ),
    (
        8,
        28,
        "09:00",
        0,
        EventKind.NETWORK_MEETING,
        "Følgegruppemøde og roadshow",
        "615",
        "Horsens Rådhus",
        "Halvårligt møde for kontaktpersonerne, denne gang med besøg hos "
        "Horsens Kommunes klimatilpasningsprojekter.",
    ),
    (
        9,
        15,
        None,
        0,
        EventKind.DEADLINE,
        "DK2020: frist for udkast til klimahandlingsplan",
        "region-midtjylland",
        "",
        "Kommunerne i DK2020-forløbet sender udkast til "
        "klimahandlingsplanen til den regionale klimakoordinator.",
    ),
    (
        10,
        21,
        None,
        0,
        EventKind.DEADLINE,
        "DK2020: ansøgningsfrist for næste runde",
        "kl-kommunernes-landsforening",
        "",
        "Kommuner, der vil med i næste runde af DK2020, "
        "ansøger Realdania. Kommunalbestyrelsen beslutter deltagelse lokalt.",
    ),
    (
        10,
        31,
        None,
        0,
        EventKind.DEADLINE,
        "DK2020: frist for kommunalbestyrelsernes beslutning",
        "kl-kommunernes-landsforening",
        "",
        "Sidste frist for beslutning om deltagelse i DK2020-forløbet.",
    ),
    (
        11,
        13,
        "09:00",
        0,
        EventKind.CONFERENCE,
        "Smartby-netværkets årskonference",
        "751",
        "Dokk1, Aarhus",
        "Erfaringer fra årets projekter, præsentation af teknologiradaren "
        "og workshops om fælles behov.",
    ),
    (
        12,
        3,
        "13:00",
        0,
        EventKind.OTHER,
        "Styregruppen godkender regnskab og næste års budget",
        "751",
        "Virtuelt (Teams)",
        "Den strategiske styregruppe godkender regnskab, budget og årshjulet for det kommende år.",
    ),
]


def _org(ref: str) -> Organisation | None:
    if ref.isdigit():
        return Organisation.objects.filter(municipality__code=ref).first()
    return Organisation.objects.filter(slug=ref).first()


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        kit_ids = _load_kits(rng, today)
        event_ids = _load_events(today.year)
        if kit_ids:
            index_content("kit", kit_ids)
        if event_ids:
            index_content("event", event_ids)


def _load_kits(rng: random.Random, today: dt.date) -> list[int]:
    created: list[int] = []
    for name, slug, code, location, contact, description, items in KITS:
        owner = _org(code)
        if owner is None or Kit.objects.filter(slug=slug).exists():
            continue
        kit = Kit.objects.create(
            name=name,
            slug=slug,
            description=description,
            owner=owner,
            location=location,
            municipality=Municipality.objects.filter(code=code).first(),
            contact_email=contact,
        )
        KitItem.objects.bulk_create(
            KitItem(kit=kit, name=n, quantity=q, notes=notes) for n, q, notes in items
        )
        _load_bookings(kit, rng, today)
        created.append(kit.pk)
    return created


def _load_bookings(kit: Kit, rng: random.Random, today: dt.date) -> None:
    """One returned loan in the past, one running or coming approved loan, one pending request;
    consecutive and never overlapping."""
    borrowers = [o for o in (_org(c) for c in BORROWER_CODES) if o and o.pk != kit.owner_id]
    day = today - dt.timedelta(days=rng.randint(30, 50))
    plan = [BookingStatus.RETURNED, BookingStatus.APPROVED, BookingStatus.PENDING]
    if rng.random() < 0.4:
        plan.insert(2, BookingStatus.REJECTED)
    for status in plan:
        length = rng.randint(5, 21)
        if status == BookingStatus.APPROVED:
            day = max(day, today - dt.timedelta(days=rng.randint(0, 4)))
        start, end = day, day + dt.timedelta(days=length - 1)
        decided = status != BookingStatus.PENDING
        Booking.objects.create(
            kit=kit,
            borrower=rng.choice(borrowers),
            start_date=start,
            end_date=end,
            purpose=rng.choice(PURPOSES),
            status=status,
            decided_at=timezone.now() if decided else None,
            decision_note="Kittet er desværre reserveret til vores egen måling i perioden."
            if status == BookingStatus.REJECTED
            else "",
        )
        if status != BookingStatus.REJECTED:
            day = end + dt.timedelta(days=rng.randint(1, 10))


def _load_events(year: int) -> list[int]:
    created: list[int] = []
    for month, day, time, extra_days, kind, title, organiser, location, description in EVENTS:
        start = dt.date(year, month, day)
        if Event.objects.filter(title=title, start_date=start).exists():
            continue
        start_time = dt.time.fromisoformat(time) if time else None
        event = Event.objects.create(
            title=title,
            description=description,
            kind=kind,
            start_date=start,
            start_time=start_time,
            end_date=start + dt.timedelta(days=extra_days) if extra_days else None,
            end_time=dt.time(16, 0) if start_time else None,
            location=location,
            organiser=_org(organiser),
        )
        created.append(event.pk)
    return created
