"""Invitations and reminders by email through a real SMTP server (aiosmtpd): the link in the mail
is followed, sending is idempotent, failures are retried, addresses never reach the log."""

import datetime as dt
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed
from smartby.surveys import answering, links, tasks
from smartby.surveys.models import Invitation, Round
from smartby.surveys.tests.answer_helpers import COMPLETE, issue_link, make_round

pytestmark = pytest.mark.django_db

AARHUS = "post@aarhus.example.org"
ODENSE = "post@odense.example.org"


@pytest.fixture
def round() -> Round:
    return make_round()


@pytest.fixture
def addressed(round, coordinator) -> Round:
    answering.set_addresses(coordinator, round, {"m751": AARHUS, "m461": ODENSE, "m101": ""})
    return round


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def by_recipient(messages) -> dict:
    return {m["To"]: m for m in messages}


# --- addresses -------------------------------------------------------------------------------


def test_coordinator_sets_addresses_and_only_coordinators_may(round, coordinator, editor_a):
    with pytest.raises(PermissionDenied):
        answering.set_addresses(editor_a, round, {"m751": AARHUS})
    assert answering.set_addresses(coordinator, round, {"m751": AARHUS, "m461": ""}) == 1
    invitation = Invitation.objects.get(round=round)
    assert invitation.municipality.code == "751"
    assert invitation.sent_at is None
    entry = AuditEntry.objects.get(action="survey.addresses_set")
    assert AARHUS not in str(entry.changes)


def test_invalid_address_stores_nothing(round, coordinator):
    with pytest.raises(ValidationFailed) as exc:
        answering.set_addresses(coordinator, round, {"m751": AARHUS, "m461": "ikke en adresse"})
    assert exc.value.errors[0]["field"] == "m461"
    assert not Invitation.objects.exists()


def test_addresses_page(client_coordinator, client_a, round):
    page = reverse("surveys:progress_addresses", args=[round.key])
    assert client_a.get(page).status_code == 403
    response = client_coordinator.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_m751">Aarhus</label>' in html
    bad = client_coordinator.post(page, {"m751": AARHUS, "m461": "nej"})
    assert bad.status_code == 400
    assert "Intet er gemt" in bad.content.decode()
    assert f'value="{AARHUS}"' in bad.content.decode()
    assert not Invitation.objects.exists()
    ok = client_coordinator.post(page, {"m751": AARHUS})
    assert ok.status_code == 302
    assert Invitation.objects.get().email == AARHUS


# --- invitations -----------------------------------------------------------------------------


def test_invitations_go_out_once_and_the_link_in_the_mail_works(
    client, addressed, smtp_server, caplog
):
    caplog.set_level(logging.INFO)
    result = answering.send_invitations(addressed)
    assert result.as_dict() == {"sent": 2, "failed": 0, "without_address": 1, "skipped": 0}
    messages = by_recipient(smtp_server.wait_for(2))
    assert set(messages) == {AARHUS, ODENSE}
    message = messages[AARHUS]
    assert "Smart City i kommunerne" in message["Subject"]
    assert "Aarhus" in message["Subject"]
    text = smtp_server.text(message)
    assert "Aarhus inviteres hermed" in text
    assert "Besvar undersøgelsen" in smtp_server.text(message, "html")
    link = smtp_server.links(message)[0]
    assert "/undersoegelser/svar/" in link
    response = client.get(path_of(link))
    assert response.status_code == 200
    assert "Besvarelse for Aarhus" in response.content.decode()
    token = path_of(link).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get(municipality__code="751")
    assert invitation.token_hash == links.hash_token(token)
    assert invitation.expires_at == addressed.closes_at()
    # Idempotent: a second run sends nothing.
    assert answering.send_invitations(addressed).sent == 0
    assert len(smtp_server.messages) == 2
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("smartby"))
    assert "Survey invitations for round" in ours
    assert AARHUS not in ours and ODENSE not in ours and token not in ours


def test_failed_invitation_is_released_and_sent_by_the_next_run(
    addressed, unreachable_smtp_for_invitations, smtp_server
):
    result = unreachable_smtp_for_invitations(lambda: answering.send_invitations(addressed))
    assert result.failed == 2 and result.sent == 0
    assert not Invitation.objects.filter(sent_at__isnull=False).exists()
    assert answering.send_invitations(addressed).sent == 2
    assert len(smtp_server.wait_for(2)) == 2


@pytest.fixture
def unreachable_smtp_for_invitations(settings, monkeypatch, caplog):
    """Run a function with the mailer pointing at a closed port (then restore it)."""
    import socket

    from smartby.lib import emails

    def run(fn):
        saved = settings.MAILERS
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
            }
        }
        monkeypatch.setattr(emails, "RETRY_DELAY_SECONDS", 0)
        try:
            result = fn()
        finally:
            settings.MAILERS = saved
        ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("smartby"))
        assert "Could not send email" in ours and "survey invitation" in ours
        assert AARHUS not in ours
        return result

    return run


def test_no_invitations_for_a_closed_round(addressed, mailoutbox):
    Round.objects.filter(pk=addressed.pk).update(closed_at=timezone.now())
    addressed.refresh_from_db()
    assert answering.send_invitations(addressed).sent == 0
    assert not mailoutbox


def test_changing_an_address_replaces_the_link(client, addressed, coordinator, smtp_server):
    answering.send_invitations(addressed)
    old = smtp_server.links(by_recipient(smtp_server.wait_for(2))[AARHUS])[0]
    answering.set_addresses(
        coordinator, addressed, {"m751": "ny@aarhus.example.org", "m461": ODENSE}
    )
    assert client.get(path_of(old)).status_code == 404
    assert answering.send_invitations(addressed).sent == 1
    new = by_recipient(smtp_server.wait_for(3))["ny@aarhus.example.org"]
    assert client.get(path_of(smtp_server.links(new)[0])).status_code == 200
    with pytest.raises(ValidationFailed):
        answering.set_addresses(coordinator, addressed, {"m751": "", "m461": ODENSE})


def test_coordinator_button_queues_the_sending(
    client_coordinator,
    client_a,
    addressed,
    smtp_server,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    invite = reverse("surveys:progress_invite", args=[addressed.key])
    assert client_a.post(invite).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_coordinator.post(invite)
    assert response.status_code == 302
    assert len(smtp_server.wait_for(2)) == 2
    assert AuditEntry.objects.filter(action="survey.invitations_queued").count() == 1


# --- reminders -------------------------------------------------------------------------------


def _age_contacts(round: Round, days: int) -> None:
    """Pretend the invitations went out `days` ago."""
    Invitation.objects.filter(round=round, sent_at__isnull=False).update(
        sent_at=timezone.now() - dt.timedelta(days=days)
    )


def test_reminders_go_to_those_who_have_not_submitted_once_per_reminder_day(
    client, addressed, smtp_server
):
    answering.send_invitations(addressed)
    invitations = by_recipient(smtp_server.wait_for(2))
    _age_contacts(addressed, 10)
    aarhus_token = path_of(smtp_server.links(invitations[AARHUS])[0]).split("/")[-2]
    odense_token = path_of(smtp_server.links(invitations[ODENSE])[0]).split("/")[-2]
    answering.submit(odense_token, COMPLETE)
    closes = addressed.closes_on
    # Too early: nothing.
    assert answering.send_reminders(addressed, closes - dt.timedelta(days=8)).sent == 0
    # Seven days before: Aarhus (not submitted) gets one, with a new link.
    day = closes - dt.timedelta(days=7)
    assert answering.send_reminders(addressed, day).sent == 1
    [reminder] = [m for m in smtp_server.wait_for(3)[2:]]
    assert reminder["To"] == AARHUS
    assert "Påmindelse" in reminder["Subject"]
    assert "erstatter det, du fik tidligere" in smtp_server.text(reminder)
    new_link = path_of(smtp_server.links(reminder)[0])
    assert client.get(new_link).status_code == 200
    old = client.get(reverse("surveys:answer", args=[aarhus_token]))
    assert old.status_code == 410
    # Idempotent on the same day and the days after, until the next reminder day.
    _reminded_on(addressed, day)
    assert answering.send_reminders(addressed, day).sent == 0
    assert answering.send_reminders(addressed, day + dt.timedelta(days=3)).sent == 0
    assert answering.send_reminders(addressed, closes - dt.timedelta(days=2)).sent == 1
    assert len(smtp_server.wait_for(4)) == 4


def _reminded_on(round: Round, day: dt.date) -> None:
    """Pretend the reminders were sent on `day` (the runs above simulate later days)."""
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Invitation.objects.filter(round=round, reminded_at__isnull=False).update(reminded_at=noon)


def test_reminder_waits_while_the_link_is_in_use(addressed, smtp_server):
    answering.send_invitations(addressed)
    smtp_server.wait_for(2)
    _age_contacts(addressed, 10)
    Invitation.objects.filter(municipality__code="751").update(last_used_at=timezone.now())
    result = answering.send_reminders(addressed, timezone.localdate(), now=True)
    assert result.sent == 1 and result.skipped == 1


def test_reminder_to_a_handed_over_response_goes_to_the_colleague(addressed, mailoutbox):
    token = issue_link(addressed, "751", AARHUS)
    answering.hand_over(token, {"email": "kollega@aarhus.example.org"})
    _age_contacts(addressed, 10)
    Invitation.objects.update(last_used_at=None)
    mailoutbox.clear()
    assert answering.send_reminders(addressed, timezone.localdate(), now=True).sent == 1
    assert mailoutbox[0].to == ["kollega@aarhus.example.org"]
    assert "har en kladde" not in mailoutbox[0].body


def test_daily_task_reminds_in_every_open_round(addressed, mailoutbox):
    issue_link(addressed, "751", AARHUS)
    _age_contacts(addressed, 10)
    day = addressed.closes_on - dt.timedelta(days=2)
    result = tasks.daily_survey_reminders.call(day.isoformat())
    assert result == {addressed.key: {"sent": 1, "failed": 0, "without_address": 0, "skipped": 0}}
    assert mailoutbox[0].to == [AARHUS]
    _reminded_on(addressed, day)
    assert tasks.daily_survey_reminders.call(day.isoformat())[addressed.key]["sent"] == 0


def test_remind_now_button(
    client_coordinator,
    client_b,
    addressed,
    mailoutbox,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    issue_link(addressed, "751", AARHUS)
    _age_contacts(addressed, 1)
    remind = reverse("surveys:progress_remind", args=[addressed.key])
    assert client_b.post(remind).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client_coordinator.post(remind).status_code == 302
    assert [m.to for m in mailoutbox] == [[AARHUS]]


def test_no_reminders_before_the_round_opens(coordinator, mailoutbox):
    today = timezone.localdate()
    round = make_round(opens_on=today + dt.timedelta(days=3), closes_on=today + dt.timedelta(9))
    issue_link(round, "751")
    assert answering.send_reminders(round, today, now=True).sent == 0
    with pytest.raises(ValidationFailed):
        answering.queue_reminders(coordinator, round)


def test_sync_expiry_follows_a_new_closing_date(addressed):
    issue_link(addressed, "751")
    addressed.closes_on += dt.timedelta(days=5)
    addressed.save()
    answering.sync_expiry(addressed)
    assert Invitation.objects.get(municipality=Municipality.objects.get(code="751")).expires_at == (
        addressed.closes_at()
    )
