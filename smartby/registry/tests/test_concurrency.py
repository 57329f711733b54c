"""Concurrent edits of one project: the edit form carries the version it was loaded from
(`base_version`, the project's `updated_at` as in the API's ETag); a save against an older
version is refused with a conflict, keeps the user's input and overwrites nothing."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from smartby.audit.models import AuditEntry
from smartby.conftest import make_user
from smartby.registry import operations
from smartby.registry.forms import project_version
from smartby.registry.models import Project
from smartby.registry.tests.helpers import edit_data, make_project


def _base_version(html: str) -> str:
    match = re.search(r'name="base_version" value="([^"]*)"', html)
    assert match, "the edit form carries no base_version"
    return match.group(1)


def _audit_count(project: Project) -> int:
    return AuditEntry.objects.filter(object_id=str(project.pk)).count()


@pytest.fixture
def colleague(db):
    """A second editor of Aarhus Kommune, who may edit the same projects as `editor_a`."""
    return make_user("bo@aarhus.example.org", orgs=("751",), name="Bo Aarhus")


@pytest.fixture
def client_colleague(colleague) -> Client:
    client = Client()
    client.force_login(colleague)
    return client


@pytest.mark.django_db
def test_second_save_gets_a_conflict_and_keeps_its_input(client_a, client_colleague, editor_a):
    project = make_project(editor_a)
    url = reverse("registry:project_edit", args=[project.slug])
    # Both open the form on the same version.
    base_a = _base_version(client_a.get(url).content.decode())
    base_c = _base_version(client_colleague.get(url).content.decode())
    assert base_a == base_c == project_version(project)

    saved = client_a.post(url, edit_data(project, title="Annas titel", base_version=base_a))
    assert saved.status_code == 302
    project.refresh_from_db()
    assert project.title == "Annas titel"
    audits = _audit_count(project)

    late = edit_data(project, status="drift", summary="Bos resumé", base_version=base_c)
    late["title"] = "Bos titel"
    response = client_colleague.post(url, late)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Projektet er ændret af en anden, siden du åbnede det" in body
    # The user's input is kept in the form ...
    assert 'value="Bos titel"' in body
    assert "Bos resumé" in body
    # ... what differs from the saved version is named, with the saved value, and history linked.
    assert "Titel – gemt nu: Annas titel" in body
    assert "Status – gemt nu: Pilot" in body
    assert reverse("registry:project_history", args=[project.slug]) in body
    # Nothing was overwritten or audited.
    project.refresh_from_db()
    assert (project.title, project.status) == ("Annas titel", "pilot")
    assert _audit_count(project) == audits

    # The re-rendered form carries the current version: saving again is a deliberate overwrite.
    new_base = _base_version(body)
    assert new_base == project_version(project)
    late["base_version"] = new_base
    assert client_colleague.post(url, late).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.status) == ("Bos titel", "drift")


@pytest.mark.django_db
def test_a_save_without_intervening_changes_succeeds_and_bumps_the_version(client_a, editor_a):
    project = make_project(editor_a)
    url = reverse("registry:project_edit", args=[project.slug])
    base = _base_version(client_a.get(url).content.decode())
    assert client_a.post(url, edit_data(project, title="Ny", base_version=base)).status_code == 302
    project.refresh_from_db()
    assert project_version(project) != base
    # The old version is now stale, also for the same user (e.g. a second browser tab).
    stale = client_a.post(url, edit_data(project, title="Gammel fane", base_version=base))
    assert stale.status_code == 409
    project.refresh_from_db()
    assert project.title == "Ny"


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", ["ikke-en-dato", "2026-13-45T99:99:99", "\x00", "x" * 65])
def test_malformed_base_version_never_saves_silently(client_a, editor_a, garbage):
    project = make_project(editor_a)
    url = reverse("registry:project_edit", args=[project.slug])
    response = client_a.post(url, edit_data(project, title="Ændret", base_version=garbage))
    assert response.status_code in (400, 409)
    project.refresh_from_db()
    assert project.title != "Ændret"


@pytest.mark.django_db
def test_changes_through_other_paths_also_conflict(client_a, editor_a):
    """Verifying (reminder link, button) bumps the version too."""
    project = make_project(editor_a)
    data = edit_data(project, title="Efter bekræftelse")
    operations.verify_project(editor_a, project)
    response = client_a.post(reverse("registry:project_edit", args=[project.slug]), data)
    assert response.status_code == 409


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_exactly_one_wins(editor_a, colleague):
    project = make_project(editor_a)
    base = project_version(project)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(name: str, actor, title: str) -> None:
        try:
            mine = Project.objects.get(pk=project.pk)
            data = edit_data(mine, title=title, base_version=base)
            start.wait(timeout=10)
            operations.update_project(actor, mine, data)
            outcomes[name] = "saved"
        except operations.EditConflict:
            outcomes[name] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("a", editor_a, "Fra Anna")),
        threading.Thread(target=save, args=("c", colleague, "Fra Bo")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    winner = "Fra Anna" if outcomes["a"] == "saved" else "Fra Bo"
    project.refresh_from_db()
    assert project.title == winner
    updates = AuditEntry.objects.filter(object_id=str(project.pk), action="update")
    assert [e.changes["title"]["new"] for e in updates] == [winner]


@pytest.mark.django_db
def test_a_row_removed_meanwhile_is_not_recreated_by_saving_again(client_a, editor_a):
    project = make_project(editor_a)  # two contacts
    url = reverse("registry:project_edit", args=[project.slug])
    mine = edit_data(project, title="Min titel")
    removed = edit_data(project, **{"contacts-1-DELETE": "on"})
    operations.update_project(editor_a, project, removed)
    assert project.contacts.count() == 1
    conflict = client_a.post(url, mine)
    assert conflict.status_code == 409
    mine["base_version"] = _base_version(conflict.content.decode())
    again = client_a.post(url, mine)
    assert again.status_code == 400
    project.refresh_from_db()
    assert (project.title, project.contacts.count()) != ("Min titel", 2)
    assert project.contacts.count() == 1
