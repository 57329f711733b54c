"""The open-data catalogue: DCAT-AP-DK metadata about the datasets the API publishes.

DCAT-AP-DK 2.0.2 (Digitaliseringsstyrelsen) is the Danish profile of DCAT-AP 2; harvesters such
as Open Data DK and data.europa.eu read it. `build_catalog()` describes one `dcat:Catalog` with a
`dcat:Dataset` per resource of the API (projects, municipalities, organisations, taxonomies,
regions), a `dcat:Distribution` per format, and the API itself as a `dcat:DataService`.
`shapes/dcat-ap-dk.ttl` holds the SHACL shapes the catalogue is tested against.

The catalogue's IRI is the document `<SITE_URL>/api/v1/catalog`; every other resource gets a
fragment in it (`…/catalog#projects`, `…/catalog#projects-csv`, `…/catalog#api`, …). The
document is served as Turtle (`catalog.ttl`, `catalog_turtle()`) and JSON-LD (`catalog.jsonld`,
`catalog_jsonld()`).

Settings (all optional): `SITE_URL` for absolute addresses, `CATALOG_LICENSE_URL` (default
CC BY 4.0), `CATALOG_PUBLISHER_NAME` (default "Smartby") and `CATALOG_CONTACT_EMAIL`.

Cost: two aggregate queries (projects, and project deletions in the audit log), whatever the
number of projects.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, GEO, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from smartby.audit.models import AuditEntry
from smartby.registry.models import Project

SHAPES_PATH = Path(__file__).resolve().parent / "shapes" / "dcat-ap-dk.ttl"

API_PATH = "/api/v1/"
CATALOG_PATH = API_PATH + "catalog"

DEFAULT_LICENSE_URL = "http://creativecommons.org/licenses/by/4.0/"
DEFAULT_PUBLISHER_NAME = "Smartby"
DEFAULT_CONTACT_EMAIL = "kontakt@smartby.example.org"

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
FREQUENCY = Namespace(EU + "frequency/")
COUNTRY = Namespace(EU + "country/")
LANGUAGE = Namespace(EU + "language/")
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE_TYPE = Namespace("http://purl.org/adms/licencetype/")

# Prefixes of both serialisations; the JSON-LD `@context` is made of them.
PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "skos": SKOS,
    "xsd": XSD,
    "rdfs": RDFS,
    "geo": GEO,
    "theme": THEME,
    "filetype": FILE_TYPE,
}

# Labels of the EU data themes used here (EU Vocabularies, Data theme), in Danish and English.
THEME_LABELS = {
    "GOVE": ("Regeringen og den offentlige sektor", "Government and public sector"),
    "TECH": ("Videnskab og teknologi", "Science and technology"),
    "REGI": ("Regioner og byer", "Regions and cities"),
}

# Denmark's envelope (WGS84), the same bounds as the registry's Location check.
DENMARK_BBOX = "POLYGON((7.8 54.4, 15.3 54.4, 15.3 57.9, 7.8 57.9, 7.8 54.4))"
GEOJSON_STANDARD = "https://www.rfc-editor.org/rfc/rfc7946"
OPENAPI_STANDARD = "https://spec.openapis.org/oas/v3.1.0"


@dataclass(frozen=True)
class Format:
    code: str  # EU file-type code
    media_type: str  # IANA media type
    label: tuple[str, str]  # (da, en), for distribution titles


JSON = Format("JSON", "application/json", ("JSON", "JSON"))
GEOJSON = Format("GEOJSON", "application/geo+json", ("GeoJSON", "GeoJSON"))
CSV = Format("CSV", "text/csv", ("CSV", "CSV"))
XLSX = Format(
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("Excel-regneark (XLSX)", "Excel spreadsheet (XLSX)"),
)


@dataclass(frozen=True)
class DatasetSpec:
    key: str  # fragment of the dataset's IRI
    name: tuple[str, str]  # short name (da, en), for distribution titles
    title: tuple[str, str]
    description: tuple[str, str]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]  # Danish
    distributions: tuple[tuple[str, Format], ...]  # (path under /api/v1/, format)
    landing_page: str | None = None  # URL name of the public HTML page


PROJECTS = DatasetSpec(
    key="projects",
    name=("Projekter", "Projects"),
    title=(
        "Smart city-projekter i danske kommuner",
        "Smart city projects in Danish municipalities",
    ),
    description=(
        "Smart city- og offentlige teknologiprojekter, som danske kommuner og deres partnere deler "
        "på Smartby: titel, resumé, status, kommuner, ledende organisation og partnere, "
        "forvaltningsområde, teknologier, periode, budget, finansiering, gevinster, links og "
        "placeringer. Listen kan filtreres med forespørgselsparametre; se API-dokumentationen.",
        "Smart city and public technology projects shared on Smartby by Danish municipalities and "
        "their partners: title, summary, status, municipalities, lead organisation and partners, "
        "administrative area, technologies, period, budget, funding, benefits, links and "
        "locations. The list can be filtered with query parameters; see the API documentation.",
    ),
    themes=("GOVE", "TECH", "REGI"),
    keywords=("smart city", "kommuner", "offentlig teknologi", "digitalisering", "projekter"),
    distributions=(
        ("projects", JSON),
        ("projects.geojson", GEOJSON),
        ("projects.csv", CSV),
        ("projects.xlsx", XLSX),
    ),
    landing_page="registry:project_list",
)

MUNICIPALITIES = DatasetSpec(
    key="municipalities",
    name=("Kommuner", "Municipalities"),
    title=(
        "Danske kommuner med antal projekter og befolkningstal",
        "Danish municipalities with project counts and population",
    ),
    description=(
        "De 98 danske kommuner med kommunekode, region, antal projekter på Smartby og "
        "befolkningstal. GeoJSON-udgaven har kommunegrænserne fra DAGI 1:500 000 "
        "(Geodatastyrelsen, DAGI).",
        "The 98 Danish municipalities with municipality code, region, number of projects on "
        "Smartby and population. The GeoJSON version has the municipality boundaries from "
        "DAGI 1:500 000 (Geodatastyrelsen, DAGI).",
    ),
    themes=("REGI", "GOVE"),
    keywords=("kommuner", "kommunegrænser", "befolkning", "DAGI", "smart city"),
    distributions=(("municipalities", JSON), ("municipalities.geojson", GEOJSON)),
    landing_page="geo:municipality_list",
)

ORGANISATIONS = DatasetSpec(
    key="organisations",
    name=("Organisationer", "Organisations"),
    title=("Organisationer bag smart city-projekter", "Organisations behind smart city projects"),
    description=(
        "Kommuner, regioner, virksomheder, vidensinstitutioner og andre organisationer, der leder "
        "eller deltager i projekter på Smartby, med type, CVR-nummer og hjemmeside.",
        "Municipalities, regions, companies, knowledge institutions and other organisations that "
        "lead or take part in projects on Smartby, with kind, CVR number and website.",
    ),
    themes=("GOVE",),
    keywords=("organisationer", "kommuner", "virksomheder", "partnere"),
    distributions=(("organisations", JSON),),
    landing_page="orgs:organisation_list",
)

TAXONOMIES = DatasetSpec(
    key="taxonomies",
    name=("Taksonomier", "Taxonomies"),
    title=("Forvaltningsområder, teknologier og status", "Areas, technologies and statuses"),
    description=(
        "De forvaltningsområder, teknologier og statusværdier, som projekterne på Smartby "
        "klassificeres efter.",
        "The administrative areas, technologies and status values that projects on Smartby are "
        "classified by.",
    ),
    themes=("GOVE", "TECH"),
    keywords=("taksonomi", "forvaltningsområder", "teknologier"),
    distributions=(("taxonomies", JSON),),
)

REGIONS = DatasetSpec(
    key="regions",
    name=("Regioner", "Regions"),
    title=("Danske regioner", "Danish regions"),
    description=(
        "De fem danske regioner med regionskode og ISO 3166-2-kode.",
        "The five Danish regions with region code and ISO 3166-2 code.",
    ),
    themes=("REGI", "GOVE"),
    keywords=("regioner", "kommuner"),
    distributions=(("regions", JSON),),
)

DATASETS = (PROJECTS, MUNICIPALITIES, ORGANISATIONS, TAXONOMIES, REGIONS)


@dataclass(frozen=True)
class ProjectStats:
    modified: datetime | None  # latest project change or deletion
    first_created: datetime | None
    first_day: date | None  # earliest start date (creation date where a project has none)


def project_stats() -> ProjectStats:
    stats = Project.objects.aggregate(
        modified=Max("updated_at"),
        first_created=Min("created_at"),
        first_day=Min(Coalesce("start_date", TruncDate("created_at"))),
    )
    # A deletion changes the dataset too, and leaves no project row behind: the audit log has it.
    deleted = AuditEntry.objects.filter(
        object_type=Project._meta.label_lower, action="delete"
    ).aggregate(at=Max("at"))["at"]
    modified = max((t for t in (stats["modified"], deleted) if t is not None), default=None)
    return ProjectStats(modified, stats["first_created"], stats["first_day"])


class _Builder:
    def __init__(self, site_url: str) -> None:
        self.site = site_url.rstrip("/")
        self.doc = self.site + CATALOG_PATH
        self.g = Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            self.g.bind(prefix, namespace)
        self.license = URIRef(getattr(settings, "CATALOG_LICENSE_URL", "") or DEFAULT_LICENSE_URL)
        self.publisher_name = (
            getattr(settings, "CATALOG_PUBLISHER_NAME", "") or DEFAULT_PUBLISHER_NAME
        )
        self.email = getattr(settings, "CATALOG_CONTACT_EMAIL", "") or DEFAULT_CONTACT_EMAIL
        self.publisher = self.iri("publisher")
        self.contact = self.iri("contact")
        self.service = self.iri("api")

    def iri(self, fragment: str) -> URIRef:
        return URIRef(f"{self.doc}#{fragment}")

    def url(self, path: str) -> URIRef:
        return URIRef(self.site + path)

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def texts(self, node: URIRef, prop: URIRef, pair: tuple[str, str]) -> None:
        self.add(node, prop, Literal(pair[0], lang="da"))
        self.add(node, prop, Literal(pair[1], lang="en"))

    def typed(self, iri: str | URIRef, cls: URIRef) -> URIRef:
        node = URIRef(iri)
        self.add(node, RDF.type, cls)
        return node

    # Shared nodes

    def describe_publisher(self) -> URIRef:
        node = self.publisher
        self.add(node, RDF.type, FOAF.Agent)
        self.add(node, FOAF.name, Literal(self.publisher_name))
        self.add(node, FOAF.homepage, self.typed(self.site + "/", FOAF.Document))
        return node

    def describe_contact(self) -> URIRef:
        node = self.contact
        self.add(node, RDF.type, VCARD.Organization)
        self.add(node, VCARD.fn, Literal(self.publisher_name))
        self.add(node, VCARD.hasEmail, URIRef(f"mailto:{self.email}"))
        self.add(node, VCARD.hasURL, URIRef(self.site + "/"))
        return node

    def describe_licence(self) -> URIRef:
        node = self.typed(self.license, DCTERMS.LicenseDocument)
        if str(self.license) == DEFAULT_LICENSE_URL:
            self.add(node, RDFS.label, Literal("Creative Commons Navngivelse 4.0", lang="da"))
            self.add(node, RDFS.label, Literal("Creative Commons Attribution 4.0", lang="en"))
            self.add(node, DCTERMS.type, LICENCE_TYPE.Attribution)
        return node

    def describe_themes(self) -> URIRef:
        scheme = self.typed(EU + "data-theme", SKOS.ConceptScheme)
        self.add(scheme, DCTERMS.title, Literal("Datatema", lang="da"))
        self.add(scheme, DCTERMS.title, Literal("Data theme", lang="en"))
        for code, labels in THEME_LABELS.items():
            concept = self.typed(THEME[code], SKOS.Concept)
            self.texts(concept, SKOS.prefLabel, labels)
            self.add(concept, SKOS.inScheme, scheme)
        return scheme

    def describe_denmark(self) -> URIRef:
        node = self.typed(COUNTRY.DNK, DCTERMS.Location)
        self.texts(node, SKOS.prefLabel, ("Danmark", "Denmark"))
        return node

    def describe_denmark_area(self) -> URIRef:
        node = self.iri("denmark-bbox")
        self.add(node, RDF.type, DCTERMS.Location)
        self.add(node, DCAT.bbox, Literal(DENMARK_BBOX, datatype=GEO.wktLiteral))
        return node

    # Catalogue resources

    def dataset(self, spec: DatasetSpec, stats: ProjectStats) -> URIRef:
        node = self.iri(spec.key)
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.identifier, Literal(str(node)))
        self.texts(node, DCTERMS.title, spec.title)
        self.texts(node, DCTERMS.description, spec.description)
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        for code in spec.themes:
            self.add(node, DCAT.theme, THEME[code])
        for keyword in spec.keywords:
            self.add(node, DCAT.keyword, Literal(keyword, lang="da"))
        self.add(node, DCTERMS.language, LANGUAGE.DAN)
        self.add(node, DCTERMS.spatial, COUNTRY.DNK)
        self.add(node, DCTERMS.accrualPeriodicity, FREQUENCY.UPDATE_CONT)
        self.add(node, FOAF.page, self.url(API_PATH + "docs"))
        if spec.landing_page:
            self.add(
                node,
                DCAT.landingPage,
                self.typed(self.url(reverse(spec.landing_page)), FOAF.Document),
            )
        if spec in (PROJECTS, MUNICIPALITIES) and stats.modified:
            # Project counts per municipality change with the projects.
            self.add(node, DCTERMS.modified, Literal(stats.modified, datatype=XSD.dateTime))
        if spec is PROJECTS and stats.first_day:
            period = self.iri(f"{spec.key}-period")
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            self.add(period, DCAT.startDate, Literal(stats.first_day, datatype=XSD.date))
            self.add(node, DCTERMS.temporal, period)
        if spec is MUNICIPALITIES:
            self.add(node, DCTERMS.spatial, self.describe_denmark_area())
            provenance = self.iri(f"{spec.key}-provenance")
            self.add(provenance, RDF.type, DCTERMS.ProvenanceStatement)
            self.texts(
                provenance,
                RDFS.label,
                (
                    "Kommunegrænser: Geodatastyrelsen, DAGI 1:500 000. Antal projekter: Smartby.",
                    "Municipality boundaries: Geodatastyrelsen, DAGI 1:500 000. "
                    "Project counts: Smartby.",
                ),
            )
            self.add(node, DCTERMS.provenance, provenance)
        for path, fmt in spec.distributions:
            self.add(node, DCAT.distribution, self.distribution(spec, path, fmt))
        return node

    def distribution(self, spec: DatasetSpec, path: str, fmt: Format) -> URIRef:
        node = self.iri(f"{spec.key}-{fmt.code.lower()}")
        url = self.url(API_PATH + path)
        self.add(node, RDF.type, DCAT.Distribution)
        title = (f"{spec.name[0]} som {fmt.label[0]}", f"{spec.name[1]} as {fmt.label[1]}")
        self.texts(node, DCTERMS.title, title)
        self.add(node, DCAT.accessURL, url)
        self.add(node, DCAT.downloadURL, url)
        self.add(node, DCAT.accessService, self.service)
        self.add(node, DCTERMS.format, self.typed(FILE_TYPE[fmt.code], DCTERMS.MediaTypeOrExtent))
        self.add(node, DCAT.mediaType, self.typed(IANA + fmt.media_type, DCTERMS.MediaType))
        self.add(node, DCTERMS.license, self.license)
        if fmt is GEOJSON:
            self.add(node, DCTERMS.conformsTo, self.typed(GEOJSON_STANDARD, DCTERMS.Standard))
        if spec is PROJECTS and fmt is GEOJSON:
            self.texts(
                node,
                DCTERMS.description,
                (
                    "Projekternes placeringer som punkter, ét pr. placering; projekter uden "
                    "placering er ikke med.",
                    "The projects' locations as points, one per location; projects without a "
                    "location are left out.",
                ),
            )
        if spec is MUNICIPALITIES and fmt is GEOJSON:
            self.texts(
                node,
                DCTERMS.description,
                (
                    "Kommunegrænser fra DAGI 1:500 000. Kilde: Geodatastyrelsen, DAGI.",
                    "Municipality boundaries from DAGI 1:500 000. Source: Geodatastyrelsen, DAGI.",
                ),
            )
        return node

    def describe_service(self) -> URIRef:
        node = self.service
        self.add(node, RDF.type, DCAT.DataService)
        self.texts(node, DCTERMS.title, ("Smartbys åbne API", "Smartby open API"))
        self.texts(
            node,
            DCTERMS.description,
            (
                "JSON-API til Smartbys åbne data om smart city-projekter, kommuner, "
                "organisationer og taksonomier. Læsning kræver ingen nøgle.",
                "JSON API to Smartby's open data on smart city projects, municipalities, "
                "organisations and taxonomies. Reading needs no key.",
            ),
        )
        self.add(node, DCAT.endpointURL, self.url(API_PATH))
        self.add(node, DCAT.endpointDescription, self.url(API_PATH + "openapi.json"))
        self.add(node, DCTERMS.conformsTo, self.typed(OPENAPI_STANDARD, DCTERMS.Standard))
        self.add(node, DCAT.landingPage, self.typed(self.url(API_PATH + "docs"), FOAF.Document))
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        self.add(node, DCTERMS.license, self.license)
        for spec in DATASETS:
            self.add(node, DCAT.servesDataset, self.iri(spec.key))
        return node

    def catalog(self, stats: ProjectStats) -> URIRef:
        node = URIRef(self.doc)
        self.add(node, RDF.type, DCAT.Catalog)
        self.texts(
            node,
            DCTERMS.title,
            (
                "Smartby – åbne data om smart city-projekter i danske kommuner",
                "Smartby – open data on smart city projects in Danish municipalities",
            ),
        )
        self.texts(
            node,
            DCTERMS.description,
            (
                "Datakatalog for Smartby, den nationale platform hvor kommuner deler smart city- "
                "og offentlige teknologiprojekter. Alt offentligt indhold er åbne data og kan "
                "hentes gennem API'et som JSON, GeoJSON, CSV og Excel.",
                "Data catalogue of Smartby, the national platform where Danish municipalities "
                "share smart city and public technology projects. All public content is open "
                "data, available through the API as JSON, GeoJSON, CSV and Excel.",
            ),
        )
        self.add(node, DCTERMS.publisher, self.describe_publisher())
        self.add(node, FOAF.homepage, URIRef(self.site + "/"))
        self.add(node, DCTERMS.language, self.typed(LANGUAGE.DAN, DCTERMS.LinguisticSystem))
        self.add(node, DCTERMS.language, self.typed(LANGUAGE.ENG, DCTERMS.LinguisticSystem))
        self.add(node, DCTERMS.license, self.describe_licence())
        self.add(node, DCTERMS.spatial, self.describe_denmark())
        self.add(node, DCAT.themeTaxonomy, self.describe_themes())
        self.typed(FREQUENCY.UPDATE_CONT, DCTERMS.Frequency)
        self.describe_contact()
        if stats.first_created:
            issued = timezone.localtime(stats.first_created).date()
            self.add(node, DCTERMS.issued, Literal(issued, datatype=XSD.date))
        if stats.modified:
            self.add(node, DCTERMS.modified, Literal(stats.modified, datatype=XSD.dateTime))
        self.add(node, DCAT.service, self.describe_service())
        for spec in DATASETS:
            self.add(node, DCAT.dataset, self.dataset(spec, stats))
        return node


def build_catalog(site_url: str | None = None) -> Graph:
    """The DCAT-AP-DK catalogue as an RDF graph, with absolute addresses under `site_url`
    (default `settings.SITE_URL`)."""
    builder = _Builder(site_url or settings.SITE_URL)
    builder.catalog(project_stats())
    return builder.g


def catalog_turtle(site_url: str | None = None) -> str:
    """The catalogue as Turtle (`text/turtle`)."""
    return build_catalog(site_url).serialize(format="turtle")


def catalog_jsonld(site_url: str | None = None) -> str:
    """The catalogue as JSON-LD (`application/ld+json`), compacted with the prefixes as
    `@context`. Nodes are sorted by `@id`, so the same catalogue gives the same bytes."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    graph = build_catalog(site_url)
    document = json.loads(graph.serialize(format="json-ld", context=context))
    document["@graph"].sort(key=lambda node: node["@id"])
    return json.dumps(document, ensure_ascii=False, indent=2)
