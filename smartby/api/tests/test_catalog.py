"""The DCAT-AP-DK catalogue (`smartby/api/catalog.py`): it conforms to the project's SHACL shapes,
both serialisations parse back to the same graph with the key facts, and the shapes do catch
broken catalogues, with their Danish messages."""

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH

from smartby.api.catalog import (
    SHAPES_PATH,
    VCARD,
    build_catalog,
    catalog_jsonld,
    catalog_turtle,
)
from smartby.audit.models import AuditEntry
from smartby.registry import operations
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

SITE = "https://smartby.test"
API = SITE + "/api/v1/"
CATALOG = URIRef(SITE + "/api/v1/catalog")
PROJECTS = URIRef(SITE + "/api/v1/catalog#projects")
MUNICIPALITIES = URIRef(SITE + "/api/v1/catalog#municipalities")
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@pytest.fixture
def projects(editor_a) -> list[Project]:
    """Two projects; the first one started before either was created and is the latest
    updated, so neither date is simply the newest row's."""
    first = make_project(editor_a, title="Affaldssensorer", start_date="2021-05-01")
    second = make_project(editor_a, title="Intelligent gadebelysning", start_date="")
    Project.objects.filter(pk=first.pk).update(updated_at=timezone.now() + timedelta(minutes=5))
    return [first, second]


def shacl(graph: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = validate(graph, shacl_graph=shapes, inference="none")
    return conforms, results, text


def messages(results: Graph) -> dict[str, set[URIRef]]:
    """Each result message with the focus nodes it was reported for."""
    found: dict[str, set[URIRef]] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = str(results.value(result, SH.resultMessage))
        found.setdefault(message, set()).add(results.value(result, SH.focusNode))
    return found


def latest_update() -> object:
    return Project.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0]


def check_key_facts(g: Graph) -> None:
    assert (CATALOG, RDF.type, DCAT.Catalog) in g
    assert g.value(CATALOG, DCTERMS.license) == CC_BY
    titles = {(t.language, str(t)) for t in g.objects(CATALOG, DCTERMS.title)}
    assert {lang for lang, _ in titles} == {"da", "en"}

    publisher = g.value(CATALOG, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in g
    assert str(g.value(publisher, FOAF.name)) == "Smartby"

    datasets = set(g.objects(CATALOG, DCAT.dataset))
    assert len(datasets) >= 2
    assert {PROJECTS, MUNICIPALITIES} <= datasets
    for dataset in datasets:
        assert g.value(dataset, DCTERMS.publisher) == publisher
        contact = g.value(dataset, DCAT.contactPoint)
        assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:kontakt@smartby.example.org")
        distributions = list(g.objects(dataset, DCAT.distribution))
        assert distributions
        for distribution in distributions:
            download = str(g.value(distribution, DCAT.downloadURL))
            assert download.startswith(API), download
            assert g.value(distribution, DCTERMS.license) == CC_BY

    formats = {
        (str(g.value(d, DCAT.downloadURL)), str(g.value(d, DCTERMS.format)))
        for d in g.objects(PROJECTS, DCAT.distribution)
    }
    assert formats == {
        (API + "projects", FILE_TYPE + "JSON"),
        (API + "projects.geojson", FILE_TYPE + "GEOJSON"),
        (API + "projects.csv", FILE_TYPE + "CSV"),
        (API + "projects.xlsx", FILE_TYPE + "XLSX"),
    }
    media_types = {str(g.value(d, DCAT.mediaType)) for d in g.objects(PROJECTS, DCAT.distribution)}
    assert IANA + "application/geo+json" in media_types

    modified = g.value(PROJECTS, DCTERMS.modified)
    assert modified.toPython() == latest_update()
    assert g.value(CATALOG, DCTERMS.modified).toPython() == latest_update()
    period = g.value(PROJECTS, DCTERMS.temporal)
    assert g.value(period, DCAT.startDate).toPython() == date(2021, 5, 1)

    service = g.value(CATALOG, DCAT.service)
    assert str(g.value(service, DCAT.endpointDescription)) == API + "openapi.json"
    assert set(g.objects(service, DCAT.servesDataset)) == datasets


def test_catalogue_conforms_to_the_shapes(projects, shapes):
    conforms, _, report = shacl(build_catalog(SITE), shapes)
    assert conforms, report


def test_empty_registry_still_conforms(db, shapes):
    g = build_catalog(SITE)
    conforms, _, report = shacl(g, shapes)
    assert conforms, report
    assert g.value(PROJECTS, DCTERMS.modified) is None
    assert g.value(PROJECTS, DCTERMS.temporal) is None


def test_turtle_parses_back_with_the_key_facts(projects):
    g = Graph().parse(data=catalog_turtle(SITE), format="turtle")
    check_key_facts(g)


def test_jsonld_has_a_context_and_parses_back_to_the_same_graph(projects):
    text = catalog_jsonld(SITE)
    document = json.loads(text)
    assert document["@context"]["dcat"] == str(DCAT)
    g = Graph().parse(data=text, format="json-ld")
    check_key_facts(g)
    assert isomorphic(g, Graph().parse(data=catalog_turtle(SITE), format="turtle"))


def test_same_catalogue_same_bytes(projects):
    """Stable output, so caches and ETags can work on the body."""
    assert catalog_turtle(SITE) == catalog_turtle(SITE)
    assert catalog_jsonld(SITE) == catalog_jsonld(SITE)


def test_a_deleted_project_counts_as_a_change(projects, editor_a):
    Project.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    operations.delete_project(editor_a, projects[1])
    deleted_at = AuditEntry.objects.get(action="delete").at
    assert deleted_at > latest_update()
    g = build_catalog(SITE)
    assert g.value(PROJECTS, DCTERMS.modified).toPython() == deleted_at


def test_settings_choose_licence_publisher_contact_and_site(settings, db, shapes):
    settings.SITE_URL = "https://data.example.dk/"
    settings.CATALOG_LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    settings.CATALOG_PUBLISHER_NAME = "KL"
    settings.CATALOG_CONTACT_EMAIL = "data@kl.example.dk"
    g = build_catalog()
    catalog = URIRef("https://data.example.dk/api/v1/catalog")
    licence = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    assert g.value(catalog, DCTERMS.license) == licence
    assert str(g.value(g.value(catalog, DCTERMS.publisher), FOAF.name)) == "KL"
    contact = g.value(URIRef("https://data.example.dk/api/v1/catalog#projects"), DCAT.contactPoint)
    assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:data@kl.example.dk")
    downloads = {str(o) for o in g.objects(None, DCAT.downloadURL)}
    assert "https://data.example.dk/api/v1/projects.csv" in downloads
    assert set(g.objects(None, DCTERMS.license)) == {licence}
    conforms, _, report = shacl(g, shapes)
    assert conforms, report


def test_queries_do_not_grow_with_the_registry(projects, django_assert_num_queries):
    with django_assert_num_queries(2):
        build_catalog(SITE)


# --- the shapes catch mistakes ----------------------------------------------------------------


def first_distribution(g: Graph) -> URIRef:
    return sorted(g.objects(PROJECTS, DCAT.distribution))[0]


def remove_dataset_title(g: Graph) -> URIRef:
    g.remove((PROJECTS, DCTERMS.title, None))
    return PROJECTS


def remove_distribution_licence(g: Graph) -> URIRef:
    distribution = first_distribution(g)
    g.remove((distribution, DCTERMS.license, None))
    return distribution


def add_second_publisher(g: Graph) -> URIRef:
    other = URIRef(SITE + "/api/v1/catalog#other-publisher")
    g.add((other, RDF.type, FOAF.Agent))
    g.add((other, FOAF.name, Literal("Nogen andre")))
    g.add((PROJECTS, DCTERMS.publisher, other))
    return PROJECTS


def use_a_bare_media_type(g: Graph) -> URIRef:
    distribution = first_distribution(g)
    g.set((distribution, DCAT.mediaType, Literal("text/csv")))
    return distribution


def drop_the_mailto(g: Graph) -> URIRef:
    contact = g.value(PROJECTS, DCAT.contactPoint)
    g.set((contact, VCARD.hasEmail, Literal("kontakt@smartby.example.org")))
    return contact


def remove_access_url(g: Graph) -> URIRef:
    distribution = first_distribution(g)
    g.remove((distribution, DCAT.accessURL, None))
    return distribution


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (remove_dataset_title, "Et datasæt skal have en titel (dct:title), højst én pr. sprog."),
        (
            remove_distribution_licence,
            "En distribution skal have præcis én licens (dct:license) af typen "
            "dct:LicenseDocument.",
        ),
        (
            add_second_publisher,
            "Et datasæt skal have præcis én udgiver (dct:publisher) af typen foaf:Agent.",
        ),
        (
            use_a_bare_media_type,
            "En distribution skal have præcis én medietype (dcat:mediaType) fra IANA's register.",
        ),
        (
            drop_the_mailto,
            "Et kontaktpunkt skal have en e-mailadresse (vcard:hasEmail) som mailto:-IRI.",
        ),
        (
            remove_access_url,
            "En distribution skal have en adgangsadresse (dcat:accessURL), der er en IRI.",
        ),
    ],
)
def test_shapes_reject_a_broken_catalogue(
    projects, shapes, break_it: Callable[[Graph], URIRef], message: str
):
    g = build_catalog(SITE)
    focus = break_it(g)
    conforms, results, report = shacl(g, shapes)
    assert not conforms
    found = messages(results)
    assert message in found, report
    assert focus in found[message]


def test_catalog_endpoints_serve_both_serialisations(client, editor_a):
    make_project(editor_a)
    ttl = client.get("/api/v1/catalog.ttl")
    assert ttl.status_code == 200 and ttl["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=ttl.content.decode(), format="turtle")
    assert (None, RDF.type, DCAT.Catalog) in graph
    jsonld = client.get("/api/v1/catalog.jsonld")
    assert jsonld["Content-Type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jsonld.content.decode(), format="json-ld")) == len(graph)
    assert (
        client.get("/api/v1/catalog.ttl", headers={"If-None-Match": ttl["ETag"]}).status_code == 304
    )
    negotiated = client.get("/api/v1/catalog", headers={"Accept": "application/ld+json"})
    assert negotiated.status_code == 303 and negotiated["Location"].endswith("catalog.jsonld")
