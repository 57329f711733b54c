"""The permission matrix: role × action × own/other organisation, for every write path."""

import pytest
from django.test import Client

from smartby.conftest import PERSONAS
from smartby.registry.models import Project
from smartby.registry.tests.helpers import edit_data, make_project, project_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_a(editor_a):
    """A project led by Aarhus (editor_a's organisation); Odense takes no part."""
    return make_project(editor_a)


def _allowed(response) -> bool:
    return response.status_code in (200, 302) and "/konto/log-ind" not in response.get(
        "Location", ""
    )


EXPECTED = {
    # action: personas allowed
    "create": {"editor_a", "editor_b", "coordinator", "superuser"},
    "edit": {"editor_a", "coordinator", "superuser"},
    "verify": {"editor_a", "coordinator", "superuser"},
    "delete": {"editor_a", "coordinator", "superuser"},
    "merge": {"coordinator", "superuser"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_form(persona, as_persona):
    response = as_persona(persona).get("/projekter/ny/")
    assert _allowed(response) == (persona in EXPECTED["create"])
    if persona == "anonymous":
        assert response.status_code == 302 and "next=" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_post_for_aarhus(persona, as_persona, editor_a):
    """Creating a project *led by Aarhus*: only Aarhus' editor and coordinators may."""
    data = project_data(title="Nyt projekt fra testen")
    response = as_persona(persona).post("/projekter/ny/", data)
    created = Project.objects.filter(title="Nyt projekt fra testen").exists()
    assert created == (persona in {"editor_a", "coordinator", "superuser"}), response.status_code
    if persona == "editor_b":
        # Odense's editor cannot pick Aarhus as lead: a form error, nothing written.
        assert response.status_code in (400, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit(persona, as_persona, project_a):
    c = as_persona(persona)
    url = f"/projekter/{project_a.slug}/rediger/"
    assert _allowed(c.get(url)) == (persona in EXPECTED["edit"])
    response = c.post(url, edit_data(project_a, title="Ændret titel"))
    project_a.refresh_from_db()
    assert (project_a.title == "Ændret titel") == (persona in EXPECTED["edit"]), (
        response.status_code
    )
    if persona in {"editor_b"}:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_verify(persona, as_persona, project_a):
    response = as_persona(persona).post(f"/projekter/{project_a.slug}/bekraeft/")
    project_a.refresh_from_db()
    changed = project_a.last_verified.isoformat() != "2025-06-01"
    assert changed == (persona in EXPECTED["verify"]), response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
def test_delete(persona, as_persona, project_a):
    c = as_persona(persona)
    url = f"/projekter/{project_a.slug}/slet/"
    assert _allowed(c.get(url)) == (persona in EXPECTED["delete"])
    c.post(url)
    assert (not Project.objects.filter(pk=project_a.pk).exists()) == (persona in EXPECTED["delete"])


@pytest.mark.parametrize("persona", PERSONAS)
def test_merge(persona, as_persona, project_a, editor_a):
    dup = make_project(editor_a, title="Dublet")
    c = as_persona(persona)
    url = f"/projekter/{project_a.slug}/sammenlaeg/"
    assert _allowed(c.get(url)) == (persona in EXPECTED["merge"])
    c.post(url, {"duplicate": dup.slug})
    assert (not Project.objects.filter(pk=dup.pk).exists()) == (persona in EXPECTED["merge"])


def test_partner_editor_may_edit_but_not_delete(as_persona, editor_a, org_b):
    project = make_project(editor_a, partners=[{"organisation": str(org_b.pk), "role": "Partner"}])
    c = as_persona("editor_b")
    assert c.get(f"/projekter/{project.slug}/rediger/").status_code == 200
    assert c.get(f"/projekter/{project.slug}/slet/").status_code == 403


def test_joint_municipality_editor_may_edit(as_persona, editor_a):
    project = make_project(editor_a, municipalities=["751", "461"])
    assert as_persona("editor_b").get(f"/projekter/{project.slug}/rediger/").status_code == 200


def test_editor_cannot_move_project_to_other_organisation(as_persona, project_a, org_b):
    response = as_persona("editor_a").post(
        f"/projekter/{project_a.slug}/rediger/",
        edit_data(project_a, lead_organisation=str(org_b.pk)),
    )
    assert response.status_code == 400
    project_a.refresh_from_db()
    assert project_a.lead_organisation.municipality.code == "751"


def test_user_without_organisation_cannot_create(db):
    from smartby.conftest import make_user

    c = Client()
    c.force_login(make_user("ingen@example.org"))
    assert c.get("/projekter/ny/").status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_public_pages_are_readable_by_everyone(persona, as_persona, project_a):
    c = as_persona(persona)
    for url in [
        "/",
        "/kort/",
        "/projekter/",
        project_a.get_absolute_url(),
        f"/projekter/{project_a.slug}/historik/",
        "/kommuner/",
        "/kommuner/751/",
        "/kort/kommuner.geojson",
        "/kort/projekter.json",
    ]:
        assert c.get(url).status_code == 200, url
