"""Reference standards and interoperability solutions, named in the GovTech Midtjylland proposal
(seed 003: OS2, Open Data DK) and the Smart City-partnerskab status report (seed 000: standards,
interoperability solutions, Dansk Standard) plus the protocols and formats they rest on. Loaded by
migration 0002 and, after a flush, by tests."""

from typing import Any

STANDARDS = [
    # (slug, name, kind, body, url, description)
    (
        "os2",
        "OS2 – offentligt digitaliseringsfællesskab",
        "interoperabilitet",
        "OS2",
        "https://os2.eu/",
        "Kommunernes fællesskab om open source-løsninger: kommunerne ejer koden i fællesskab, "
        "kan dele løsningerne og undgår binding til én leverandør. GovTech Midtjylland foreslår "
        "at trække på OS2's praksis for delbarhed og åbenhed i udbud og indkøb.",
    ),
    (
        "os2iot",
        "OS2iot",
        "interoperabilitet",
        "OS2",
        "https://os2.eu/produkt/os2iot",
        "Open source-platform til at tilslutte og administrere IoT-enheder (bl.a. LoRaWAN, "
        "NB-IoT og generiske HTTP-enheder) og sende deres data videre til kommunens egne "
        "systemer. Udviklet i OS2-fællesskabet med Aarhus Kommune som initiativtager.",
    ),
    (
        "oio",
        "OIO-standarder",
        "standard",
        "Digitaliseringsstyrelsen",
        "https://digst.dk/",
        "Offentlig Information Online: de fællesoffentlige standarder for dataudveksling og "
        "sikkerhed i den offentlige sektor, fx OIOUBL til e-handel og OIOSAML til single sign-on.",
    ),
    (
        "oiosaml",
        "OIOSAML",
        "standard",
        "Digitaliseringsstyrelsen",
        "https://digst.dk/",
        "Dansk profil af SAML 2.0 til single sign-on og føderation; bruges når brugere skal "
        "logge ind på tværs af myndigheder og leverandørers løsninger.",
    ),
    (
        "fda-rammearkitektur",
        "Fællesoffentlig digital arkitektur (FDA)",
        "referencearkitektur",
        "Digitaliseringsstyrelsen",
        "https://arkitektur.digst.dk/",
        "Den fællesoffentlige rammearkitektur med principper, referencearkitekturer og "
        "standarder for at dele data og genbruge løsninger på tværs af myndigheder.",
    ),
    (
        "dcat-ap-dk",
        "DCAT-AP-DK",
        "standard",
        "Digitaliseringsstyrelsen",
        "https://arkitektur.digst.dk/",
        "Dansk anvendelsesprofil af W3C DCAT til metadata om datasæt; gør kommunale datasæt "
        "(fx sensordata) findbare i datakataloger som Open Data DK og data.europa.eu.",
    ),
    (
        "ds-iso-37120",
        "DS/ISO 37120",
        "standard",
        "DS/ISO",
        "https://www.iso.org/standard/68498.html",
        "Bæredygtige byer og samfund – indikatorer for byens services og livskvalitet. Et fælles "
        "sæt nøgletal, så kommuner kan måle og sammenligne sig med andre byer.",
    ),
    (
        "ds-iso-37122",
        "DS/ISO 37122",
        "standard",
        "DS/ISO",
        "https://www.iso.org/standard/69050.html",
        "Bæredygtige byer og samfund – indikatorer for smarte byer. Supplerer ISO 37120 med "
        "indikatorer for, hvordan teknologi og data forbedrer byens services.",
    ),
    (
        "oasc-mim1",
        "OASC MIM1 – Context Information Management",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Minimal Interoperability Mechanism 1: et fælles API til kontekstdata (aktuelle og "
        "historiske målinger), baseret på NGSI-LD.",
    ),
    (
        "oasc-mim2",
        "OASC MIM2 – Data Models",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Fælles datamodeller (bl.a. Smart Data Models), så data om fx luftkvalitet eller "
        "parkering har samme struktur på tværs af byer og leverandører.",
    ),
    (
        "oasc-mim3",
        "OASC MIM3 – Ecosystem Transactions Management",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Mekanismer til markedspladser og transaktioner om data og services i et økosystem.",
    ),
    (
        "oasc-mim4",
        "OASC MIM4 – Personal Data Management",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Håndtering af persondata og borgernes samtykke på tværs af løsninger.",
    ),
    (
        "oasc-mim5",
        "OASC MIM5 – Fair and Transparent Artificial Intelligence",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Krav til gennemsigtige og retfærdige algoritmer, fx et offentligt algoritmeregister.",
    ),
    (
        "oasc-mim6",
        "OASC MIM6 – Security Management",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Fælles sikkerhedsmekanismer for byens data og services.",
    ),
    (
        "oasc-mim7",
        "OASC MIM7 – Places",
        "referencearkitektur",
        "OASC",
        "https://oascities.org/minimal-interoperability-mechanisms/",
        "Geografisk information om steder, så data kan knyttes til og søges på sted.",
    ),
    (
        "lorawan",
        "LoRaWAN",
        "protokol",
        "LoRa Alliance",
        "https://lora-alliance.org/",
        "Åben protokol for trådløse netværk med lang rækkevidde og lavt strømforbrug (LPWAN); "
        "bruges til batteridrevne sensorer i fx affaldsbeholdere, kloakker og bygninger.",
    ),
    (
        "fiware",
        "FIWARE",
        "interoperabilitet",
        "FIWARE Foundation",
        "https://www.fiware.org/",
        "Open source-komponenter til smart city-platforme, bygget omkring en context broker med "
        "NGSI-LD-API'et. Understøtter OASC MIM1 og MIM2.",
    ),
    (
        "ngsi-ld",
        "NGSI-LD",
        "standard",
        "ETSI",
        "https://www.etsi.org/committee/cim",
        "ETSI-standard for et API og en informationsmodel til kontekstdata (JSON-LD). Grundlaget "
        "for OASC MIM1 og FIWARE's context broker.",
    ),
    (
        "smart-data-models",
        "Smart Data Models",
        "standard",
        "FIWARE Foundation",
        "https://smartdatamodels.org/",
        "Åbent katalog af datamodeller for fx luftkvalitet, parkering, affald og vand; bruges "
        "sammen med NGSI-LD (OASC MIM2).",
    ),
    (
        "mqtt",
        "MQTT",
        "protokol",
        "OASIS",
        "https://mqtt.org/",
        "Let publish/subscribe-protokol til beskeder fra sensorer og enheder; meget udbredt i "
        "IoT-platforme.",
    ),
    (
        "nb-iot",
        "NB-IoT",
        "protokol",
        "3GPP",
        "https://www.3gpp.org/",
        "Narrowband IoT: mobilnetbaseret LPWAN-teknologi, der bruger teleoperatørernes net i "
        "stedet for et eget gateway-netværk.",
    ),
    (
        "ogc-sensorthings",
        "OGC SensorThings API",
        "standard",
        "OGC",
        "https://www.ogc.org/standards/sensorthings",
        "Åben standard for et API til sensorer, observationer og deres placering.",
    ),
    (
        "geojson",
        "GeoJSON",
        "standard",
        "IETF",
        "https://datatracker.ietf.org/doc/html/rfc7946",
        "JSON-format til geografiske data (RFC 7946); gør det let at vise sensorers og "
        "projekters placering på kort.",
    ),
]


def load_reference_standards(standard_model: Any) -> None:
    """Create or refresh the reference standards (by slug)."""
    for slug, name, kind, body, url, description in STANDARDS:
        standard_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "body": body,
                "url": url,
                "description": description,
            },
        )
