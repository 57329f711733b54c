""" "Mine data" by e-mail link, through a real SMTP server: request → mail → link → see →
export → delete, and the refusals (unknown address, expired or used link, rate limit, another
person's data)."""

import json
import logging
from types import SimpleNamespace

import pytest
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.network.models import ContactRequest
from smartby.privacy.models import AccessLink
from smartby.privacy.operations import AUDIT_OBJECT_TYPE, FORMAT
from smartby.privacy.tests.helpers import (
    METTE,
    METTE_NAME,
    SITE_URL,
    contact_names,
    person_everywhere,
)
from smartby.registry.models import Contact, Project
from smartby.reminders.models import Reminder
from smartby.subscriptions.models import Subscriber, Subscription
from smartby.surveys.models import Invitation as SurveyInvitation

pytestmark = pytest.mark.django_db

NOON = 1_800_000_000 - 1_800_000_000 % 86400 + 12 * 3600


@pytest.fixture(autouse=True)
def _settings(settings, monkeypatch):
    settings.SITE_URL = SITE_URL
    settings.CONTACT_RATE_PER_HOUR = 5
    settings.CONTACT_RATE_PER_DAY = 20
    # The rate limit counts in fixed windows: pin its clock to the middle of an hour.
    monkeypatch.setattr("smartby.api.middleware.time", SimpleNamespace(time=lambda: NOON + 1800))


def ask_for_link(client, smtp_server, capture, address: str = METTE):
    with capture(execute=True):
        response = client.post("/privatliv/mine-data/", {"email": address})
    return response


def link_path(smtp_server, count: int = 1) -> str:
    message = smtp_server.wait_for(count)[count - 1]
    [link] = [u for u in smtp_server.links(message) if "/mine-data/" in u]
    return link.removeprefix(SITE_URL)


def audit_mentions(*terms: str) -> list[AuditEntry]:
    return [
        e
        for e in AuditEntry.objects.all()
        if any(t.lower() in (e.object_repr + json.dumps(e.changes)).lower() for t in terms)
    ]


def test_round_trip_see_export_delete(
    client, editor_a, smtp_server, django_capture_on_commit_callbacks, caplog
):
    person = person_everywhere(editor_a)
    assert audit_mentions(METTE_NAME), "the project's history names its contacts"
    caplog.set_level(logging.DEBUG)

    response = ask_for_link(
        client, smtp_server, django_capture_on_commit_callbacks, "Mette@Example.ORG"
    )
    assert response.status_code == 302
    assert response["Location"] == "/privatliv/mine-data/sendt/"
    [message] = smtp_server.wait_for(1)
    assert message["To"] == METTE
    assert "Dit link til dine data" in message["Subject"]
    path = link_path(smtp_server)

    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    for expected in (
        METTE_NAME,
        person.project.title,
        "Kontaktperson på projekter",
        "Abonnementer på nyheder",
        "Hej, kan vi tale om sensorerne?",
        "Runde 2026",
    ):
        assert expected in html
    assert "Jens Privat" not in html  # another contact of the same project
    assert page["Cache-Control"].startswith("max-age=0")

    export = client.get(path + "eksport/")
    assert export.status_code == 200
    assert export["Content-Disposition"].startswith("attachment;")
    data = json.loads(export.content)
    assert data["format"] == FORMAT
    assert data["email"] == METTE
    records = data["records"]
    [contact] = records["project_contacts"]
    assert contact == {
        "project": person.project.title,
        "project_url": person.project.get_absolute_url(),
        "name": METTE_NAME,
        "role": "Projektleder",
        "organisation": "Aarhus Kommune",
        "email": METTE,
        "phone": "+45 12 34 56 78",
        "public": True,
    }
    assert [s["subscription"] for s in records["subscriptions"]] == ["Område: Forsyning"]
    assert records["contact_requests"][0]["message"] == "Hej, kan vi tale om sensorerne?"
    assert records["survey_invitations"][0]["email"] == METTE
    assert records["reminders"][0]["project"] == person.project.title
    assert records["account"] == [] and records["peer_profile"] == []
    assert records["audit_entries"], "the project's history mentions her"

    confirm = client.get(path + "slet/")
    assert confirm.status_code == 200
    refused = client.post(path + "slet/", {})
    assert refused.status_code == 400
    assert "Sæt kryds for at bekræfte sletningen." in refused.content.decode()
    assert Contact.objects.filter(email=METTE).exists()

    done = client.post(path + "slet/", {"confirm": "on"})
    assert done.status_code == 200
    assert "Dine data er slettet" in done.content.decode()

    # The project, its other contact and its history stay.
    project = Project.objects.get(pk=person.project.pk)
    assert contact_names(project) == ["Jens Privat"]
    assert AuditEntry.objects.filter(object_type="registry.project", object_id=str(project.pk))
    # She is gone everywhere.
    assert not Contact.objects.filter(email__iexact=METTE).exists()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    [request] = ContactRequest.objects.all()  # kept for the effect dashboard, anonymised
    assert (request.sender_name, request.sender_email, request.message) == ("", "", "")
    assert request.project_id == project.pk
    invitation = SurveyInvitation.objects.get(pk=person.invitation.pk)
    assert invitation.email == ""
    reminder = Reminder.objects.get(pk=person.reminder.pk)
    assert (reminder.email, reminder.recipient_name) == ("", "")
    assert audit_mentions(METTE, METTE_NAME) == []
    # Both the export and the deletion are audited, with counts only.
    actions = AuditEntry.objects.filter(object_type=AUDIT_OBJECT_TYPE)
    assert sorted(actions.values_list("action", flat=True)) == [
        "personal_data.deleted",
        "personal_data.exported",
    ]
    deleted = actions.get(action="personal_data.deleted")
    assert deleted.changes["counts"]["project_contacts"] == 1
    assert deleted.changes["counts"]["subscriptions"] == 1
    # Nothing personal was logged along the way.
    # (mail.log is the test's SMTP server, which stands in for the receiving mail server.)
    for record in (r for r in caplog.records if not r.name.startswith("mail.log")):
        text = record.getMessage().lower()
        assert "mette" not in text and "hansen" not in text, text

    # The link is used up.
    again = client.get(path)
    assert again.status_code == 410
    assert "allerede brugt" in again.content.decode()
    assert client.get(path + "eksport/").status_code == 410


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client, smtp_server, django_capture_on_commit_callbacks
):
    response = ask_for_link(client, smtp_server, django_capture_on_commit_callbacks, "ukendt@x.dk")
    assert response.status_code == 302
    assert response["Location"] == "/privatliv/mine-data/sendt/"
    assert client.get(response["Location"]).status_code == 200
    assert smtp_server.messages == []
    assert not AccessLink.objects.exists()


def test_invalid_address_is_a_form_error(client):
    response = client.post("/privatliv/mine-data/", {"email": "ikke en adresse"})
    assert response.status_code == 400
    assert "Skriv en gyldig e-mailadresse" in response.content.decode()


def test_expired_link_is_refused(client, editor_a, smtp_server, django_capture_on_commit_callbacks):
    person_everywhere(editor_a)
    ask_for_link(client, smtp_server, django_capture_on_commit_callbacks)
    path = link_path(smtp_server)
    AccessLink.objects.update(expires_at=timezone.now())
    response = client.get(path)
    assert response.status_code == 410
    assert "udløbet" in response.content.decode()
    assert client.post(path + "slet/", {"confirm": "on"}).status_code == 410
    assert Contact.objects.filter(email=METTE).exists()


def test_tampered_link_is_refused(client):
    response = client.get("/privatliv/mine-data/" + "a" * 43 + "/")
    assert response.status_code == 410
    assert "ugyldigt" in response.content.decode()


def test_requests_are_rate_limited_whether_or_not_the_address_is_known(
    client, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.CONTACT_RATE_PER_HOUR = 2
    for address in ("a@x.dk", "b@x.dk"):
        assert (
            ask_for_link(
                client, smtp_server, django_capture_on_commit_callbacks, address
            ).status_code
            == 302
        )
    blocked = ask_for_link(client, smtp_server, django_capture_on_commit_callbacks, "c@x.dk")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "mange links" in blocked.content.decode()


def test_a_link_shows_and_deletes_only_its_own_person(
    client, editor_a, smtp_server, django_capture_on_commit_callbacks
):
    person = person_everywhere(editor_a)  # Mette Hansen and Jens Privat are contacts
    ask_for_link(client, smtp_server, django_capture_on_commit_callbacks, "jens@example.org")
    path = link_path(smtp_server)
    html = client.get(path).content.decode()
    assert "Jens Privat" in html and METTE_NAME not in html
    assert "Hej, kan vi tale om sensorerne?" not in html
    client.post(path + "slet/", {"confirm": "on"})
    assert contact_names(person.project) == [METTE_NAME]
    assert Subscriber.objects.filter(email=METTE).exists()
    assert ContactRequest.objects.filter(sender_email=METTE).exists()


def test_privacy_page_links_to_mine_data_and_states_the_retention_rules(client, settings):
    settings.SURVEY_INVITATION_RETENTION_DAYS = 77
    html = client.get("/privatliv/").content.decode()
    assert 'href="/privatliv/mine-data/"' in html
    assert "ryddes 77 dage efter, at runden er lukket" in html
