"""Organisation pages: public list and detail, and the permission matrix of every write path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartby.audit.models import AuditEntry
from smartby.conftest import PERSONAS, assert_refused
from smartby.orgs import operations
from smartby.orgs.models import Organisation
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

VALID_CVR = "10150817"
COMPANY = {"name": "Sensorfirmaet ApS", "kind": "virksomhed", "cvr": VALID_CVR, "website": ""}


@pytest.fixture
def company(coordinator) -> Organisation:
    return operations.create_organisation(coordinator, COMPANY)


# Public pages


def test_list_is_public_with_project_counts(client, editor_a, org_a, org_b):
    make_project(editor_a, partners=[{"organisation": str(org_b.pk), "role": "Partner"}])
    make_project(editor_a, title="Andet projekt")
    for name, counts in [("Aarhus Kommune", (2, 0)), ("Odense Kommune", (0, 1))]:
        response = client.get(f"/organisationer/?q={name}&kind=kommune")
        assert response.status_code == 200
        [org] = response.context["page"].object_list
        assert (org.name, org.n_led, org.n_partner) == (name, *counts)
    assert "Opret organisation" not in response.content.decode()


def test_list_search_and_kind_filter(client, company):
    response = client.get("/organisationer/?q=sensor")
    assert [o.name for o in response.context["page"].object_list] == ["Sensorfirmaet ApS"]
    response = client.get(f"/organisationer/?q={VALID_CVR}")
    assert [o.name for o in response.context["page"].object_list] == ["Sensorfirmaet ApS"]
    response = client.get("/organisationer/?kind=region")
    assert response.context["page"].paginator.count == 5
    # An unknown type is ignored rather than an error.
    assert client.get("/organisationer/?kind=xyz").status_code == 200


def test_list_is_paginated(client):
    first = client.get("/organisationer/")
    assert first.context["page"].paginator.num_pages == 3
    assert 'rel="next"' in first.content.decode()
    assert client.get("/organisationer/?side=3").context["page"].number == 3


def test_list_query_count_is_constant(client, editor_a, org_b):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/organisationer/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        make_project(
            editor_a,
            title=f"P{i}",
            partners=[{"organisation": str(org_b.pk), "role": "Partner"}],
        )
    assert count() == few


def test_detail_is_public_and_lists_projects_as_lead_and_partner(client, editor_a, org_a, company):
    make_project(
        editor_a,
        title="Aarhus leder",
        partners=[{"organisation": str(company.pk), "role": "Sensorleverandør"}],
    )
    response = client.get(f"/organisationer/{company.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Aarhus leder" in body and "Sensorleverandør" in body
    assert "Redigér" not in body and "Sammenlæg" not in body
    response = client.get(f"/organisationer/{org_a.slug}/")
    assert "Aarhus leder" in response.content.decode()
    assert client.get("/organisationer/findes-ikke/").status_code == 404


def test_detail_shows_actions_by_permission(client_a, client_coordinator, org_a, company):
    body = client_a.get(f"/organisationer/{org_a.slug}/").content.decode()
    assert "/rediger/" in body and "/sammenlaeg/" not in body
    body = client_a.get(f"/organisationer/{company.slug}/").content.decode()
    assert "/rediger/" not in body
    body = client_coordinator.get(f"/organisationer/{company.slug}/").content.decode()
    assert "/rediger/" in body and "/sammenlaeg/" in body
    # Municipalities are reference data: never offered for merging away.
    body = client_coordinator.get(f"/organisationer/{org_a.slug}/").content.decode()
    assert "/sammenlaeg/" not in body


def test_navigation_links(client, client_a, client_coordinator):
    assert "/organisationer/" not in client.get("/").content.decode()
    body = client_a.get("/").content.decode()
    assert "/organisationer/" in body and "/taksonomier/" not in body
    body = client_coordinator.get("/").content.decode()
    assert "/organisationer/" in body and "/taksonomier/" in body


# Create


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_permission_matrix(persona, as_persona):
    c = as_persona(persona)
    response = c.post("/organisationer/ny/", COMPANY)
    if persona == "anonymous":
        assert_refused(persona, response)
        assert not Organisation.objects.filter(name=COMPANY["name"]).exists()
        return
    org = Organisation.objects.get(name=COMPANY["name"])
    assert response.status_code == 302 and response["Location"] == f"/organisationer/{org.slug}/"
    assert AuditEntry.objects.filter(action="create", object_id=str(org.pk)).exists()


def test_create_form_offers_no_municipality_or_region(client_a):
    response = client_a.get("/organisationer/ny/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="virksomhed"' in body
    assert 'value="kommune"' not in body and 'value="region"' not in body


def test_create_returns_to_next_page(client_a):
    response = client_a.post(
        "/organisationer/ny/?next=/projekter/ny/", {**COMPANY, "next": "/projekter/ny/"}
    )
    assert response["Location"] == "/projekter/ny/"
    response = client_a.post(
        "/organisationer/ny/", {**COMPANY, "name": "Andet firma", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/organisationer/andet-firma/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "AARHUS kommune"},
            "Der findes allerede en organisation med navnet „Aarhus Kommune“.",
        ),
        ({"cvr": "12345678"}, "CVR-nummeret skal være 8 cifre og bestå modulus 11-kontrollen."),
        ({"kind": "kommune"}, "Vælg en gyldig type."),
    ],
)
def test_create_errors_are_danish_and_nothing_is_written(client_a, data, message):
    before = Organisation.objects.count()
    response = client_a.post("/organisationer/ny/", {**COMPANY, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Organisation.objects.count() == before
    assert not AuditEntry.objects.exists()


# Edit


EDIT_ALLOWED_ON_AARHUS = {"editor_a", "coordinator", "superuser"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_permission_matrix_on_own_and_other_organisation(persona, as_persona, org_a):
    c = as_persona(persona)
    url = f"/organisationer/{org_a.slug}/rediger/"
    data = {"name": org_a.name, "kind": "kommune", "cvr": "55133018", "website": ""}
    get, post = c.get(url), c.post(url, data)
    org_a.refresh_from_db()
    if persona in EDIT_ALLOWED_ON_AARHUS:
        assert get.status_code == 200
        assert post.status_code == 302
        assert org_a.cvr == "55133018"
        assert AuditEntry.objects.filter(action="update", object_id=str(org_a.pk)).exists()
    else:
        assert_refused(persona, get)
        assert_refused(persona, post)
        assert org_a.cvr == ""
        assert not AuditEntry.objects.exists()


def test_edit_errors_keep_the_stored_organisation(client_coordinator, company):
    response = client_coordinator.post(
        f"/organisationer/{company.slug}/rediger/", {**COMPANY, "name": "", "cvr": "12345678"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Organisationen skal have et navn." in body
    assert "modulus 11" in body
    assert "Sensorfirmaet ApS" in body  # the breadcrumb shows the stored name
    company.refresh_from_db()
    assert company.cvr == VALID_CVR


# Merge


MERGE_ALLOWED = {"coordinator", "superuser"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_merge_permission_matrix(persona, as_persona, coordinator, company):
    dup = operations.create_organisation(coordinator, {**COMPANY, "name": "Sensorfirmaet"})
    make_project(coordinator, title="Dublettens projekt", lead=dup)
    AuditEntry.objects.all().delete()
    c = as_persona(persona)
    url = f"/organisationer/{dup.slug}/sammenlaeg/"
    get, post = c.get(url), c.post(url, {"keep": str(company.pk)})
    if persona in MERGE_ALLOWED:
        assert get.status_code == 200
        assert post.status_code == 302 and post["Location"] == f"/organisationer/{company.slug}/"
        assert not Organisation.objects.filter(pk=dup.pk).exists()
        assert company.led_projects.filter(title="Dublettens projekt").exists()
    else:
        assert_refused(persona, get)
        assert_refused(persona, post)
        assert Organisation.objects.filter(pk=dup.pk).exists()
        assert not AuditEntry.objects.exists()


def test_merge_of_a_municipality_is_refused_in_danish(client_coordinator, org_a, org_b):
    response = client_coordinator.post(
        f"/organisationer/{org_a.slug}/sammenlaeg/", {"keep": str(org_b.pk)}
    )
    assert response.status_code == 400
    assert "referencedata" in response.content.decode()
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_merge_requires_a_choice(client_coordinator, company):
    response = client_coordinator.post(f"/organisationer/{company.slug}/sammenlaeg/", {})
    assert response.status_code == 400
    assert "Vælg den organisation, dubletten skal lægges sammen med." in response.content.decode()
    response = client_coordinator.post(
        f"/organisationer/{company.slug}/sammenlaeg/", {"keep": str(company.pk)}
    )
    assert response.status_code == 400
    assert Organisation.objects.filter(pk=company.pk).exists()
