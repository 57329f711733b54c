"""/friskhed/: coordinators see every due project with who did not answer and failed sends;
editors see their own organisations' due projects only, without the answers."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartby.conftest import PERSONAS, assert_refused, make_user
from smartby.reminders import operations
from smartby.reminders.models import DeliveryStatus, Reminder

pytestmark = pytest.mark.django_db

URL = "/friskhed/"


@pytest.fixture
def world(due_project, editor_a, editor_b, smtp_server):
    """Aarhus: one stale project reminded (unanswered), one due not yet reminded, one fresh.
    Odense: one stale project."""
    aarhus = due_project(title="Aarhus glemt")
    operations.run_reminders()
    smtp_server.wait_for(3)
    due = due_project(months=8, title="Aarhus bør bekræftes")
    fresh = due_project(months=1, title="Aarhus frisk")
    odense = due_project(
        title="Odense glemt",
        lead=editor_b.organisations.get(),
        municipalities=["461"],
        contacts=[{"name": "Ole Odense", "email": "ole@odense.example.org", "phone": ""}],
    )
    return {"aarhus": aarhus, "due": due, "fresh": fresh, "odense": odense}


def test_anonymous_is_sent_to_login(client, world):
    assert_refused("anonymous", client.get(URL))


def test_a_user_without_organisation_sees_no_projects(client, world):
    client.force_login(make_user("ingen@example.org"))
    html = client.get(URL).content.decode()
    assert "0 projekter skal bekræftes" in html and "Aarhus glemt" not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_see_the_overview(as_persona, world, persona):
    response = as_persona(persona).get(URL)
    if persona == "anonymous":
        assert_refused(persona, response)
    else:
        assert response.status_code == 200


def test_coordinator_sees_all_due_projects_answers_and_counts(client_coordinator, world):
    html = client_coordinator.get(URL).content.decode()
    assert "Aarhus glemt" in html and "Aarhus bør bekræftes" in html and "Odense glemt" in html
    assert "Aarhus frisk" not in html
    assert "3 projekter skal bekræftes" in html
    assert "Ikke besvaret (1 påmindelse)" in html
    # Who did not answer: names, never addresses.
    assert "Anna Aarhus, Jens Privat, Mette Hansen" in html
    assert "mette@example.org" not in html
    assert '<th scope="col">Svar</th>' in html
    assert "Region Midtjylland" in html and "Region Syddanmark" in html
    assert "Afsendelser med fejl" in html


def test_editor_sees_only_own_organisations_projects_without_answers(client_a, world):
    html = client_a.get(URL).content.decode()
    assert "Aarhus glemt" in html and "Aarhus bør bekræftes" in html
    assert "Odense glemt" not in html
    assert "2 projekter skal bekræftes" in html
    assert "Ikke besvaret" not in html and "Mette Hansen" not in html
    assert '<th scope="col">Svar</th>' not in html
    assert "Afsendelser med fejl" not in html
    assert '<a href="?region=region-syddanmark">' not in html
    # The last reminder's date is shown to the editor too.
    assert timezone.localdate().strftime("%Y") in html


def test_filters_by_region_municipality_and_freshness(client_coordinator, world):
    html = client_coordinator.get(URL + "?region=region-syddanmark").content.decode()
    assert "Odense glemt" in html and "Aarhus glemt" not in html
    assert "Kommunerne i den valgte region" in html
    html = client_coordinator.get(URL + "?municipality=751").content.decode()
    assert "Aarhus glemt" in html and "Odense glemt" not in html
    html = client_coordinator.get(URL + "?freshness=boer-bekraeftes").content.decode()
    assert "Aarhus bør bekræftes" in html and "Aarhus glemt" not in html
    # Bad input is ignored, not an error: "frisk" is never due, NUL bytes are dropped.
    response = client_coordinator.get(URL + "?freshness=frisk&region=%00&municipality=%00")
    assert response.status_code == 200
    assert "3 projekter skal bekræftes" in response.content.decode()


def test_updated_after_a_reminder_shows_as_answered(client_coordinator, world):
    from smartby.registry.models import Project

    Project.objects.filter(pk=world["aarhus"].pk).update(
        updated_at=timezone.now() + dt.timedelta(minutes=1)
    )
    html = client_coordinator.get(URL).content.decode()
    assert "Opdateret efter påmindelse" in html


def test_failed_sends_are_shown_to_coordinators_only(client_coordinator, client_a, world):
    Reminder.objects.filter(email_hash__isnull=False).update(
        status=DeliveryStatus.FAILED, email="jens@example.org", last_error="SMTP 550: <adresse>"
    )
    html = client_coordinator.get(URL).content.decode()
    assert "SMTP 550: &lt;adresse&gt;" in html and "Fejlet" in html
    assert "SMTP 550" not in client_a.get(URL).content.decode()


def test_query_count_does_not_grow_with_the_page(client_coordinator, world, due_project):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client_coordinator.get(URL).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        due_project(title=f"Endnu et projekt {i}")
    assert count() == few


def test_paginated(client_coordinator, due_project, db):
    for i in range(27):
        due_project(title=f"Projekt nr. {i}", contacts=[])
    html = client_coordinator.get(URL).content.decode()
    assert "Side 1 af 2" in html
    html = client_coordinator.get(URL + "?side=2").content.decode()
    assert "Side 2 af 2" in html


def test_coordinators_send_a_failed_reminder_again(
    client_coordinator, client_a, client, world, smtp_server, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from smartby.audit.models import AuditEntry

    failed = Reminder.objects.filter(project=world["aarhus"]).first()
    Reminder.objects.filter(pk=failed.pk).update(
        status=DeliveryStatus.FAILED, email="mette@example.org", last_error="SMTP 421", attempts=3
    )
    retry = f"/friskhed/{failed.pk}/send-igen/"
    assert "Send igen" in client_coordinator.get(URL).content.decode()
    assert "Send igen" not in client_a.get(URL).content.decode()
    assert_refused("anonymous", client.post(retry))
    assert_refused("editor_a", client_a.post(retry))
    assert client_coordinator.get(retry).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = client_coordinator.post(retry, follow=True)
    assert "Påmindelsen sendes igen om lidt." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (DeliveryStatus.PENDING, 0, "")
    assert AuditEntry.objects.filter(action="retry", object_id=str(failed.pk)).exists()
    assert DBTaskResult.objects.filter(task_path="smartby.reminders.tasks.send_reminders").exists()

    sent_before = len(smtp_server.messages)
    operations.send_due()  # what the queued task runs
    smtp_server.wait_for(sent_before + 1)
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT

    again = client_coordinator.post(retry, follow=True).content.decode()
    assert "Kun fejlede påmindelser med en modtageradresse kan sendes igen." in again
