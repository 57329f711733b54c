"""Delivery over real SMTP: digests, idempotency, crashes, retries with back-off."""

import datetime as dt
import logging
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from smartby.lib import emails
from smartby.reminders import operations
from smartby.reminders.models import DeliveryStatus, OptOut, Reminder, email_hash

pytestmark = pytest.mark.django_db


def test_one_digest_per_address_listing_all_its_projects(due_project, editor_a, smtp_server):
    first = due_project(title="Gadelys med sensorer")
    second = due_project(months=8, title="Droner til inspektion")
    result = operations.run_reminders()
    assert (result.sent, result.emails) == (6, 3)
    messages = smtp_server.wait_for(3)
    assert sorted(m["To"] for m in messages) == [
        "anna@aarhus.example.org",
        "jens@example.org",
        "mette@example.org",
    ]
    anna = next(m for m in messages if m["To"] == "anna@aarhus.example.org")
    assert anna["Subject"] == "Er oplysningerne om dine 2 projekter stadig korrekte?"
    text = smtp_server.text(anna)
    assert text.startswith("Hej Anna Aarhus")
    assert first.title in text and second.title in text
    assert "Forældet" in text and "Bør bekræftes" in text
    links = smtp_server.links(anna)
    assert sum("/paamindelser/stadig-korrekt/" in link for link in links) == 2
    assert sum("/paamindelser/opdater/" in link for link in links) == 2
    assert sum("/paamindelser/afsluttet/" in link for link in links) == 2
    unsubscribe = [link for link in links if "/paamindelser/afmeld/" in link]
    assert len(unsubscribe) == 1
    assert anna["List-Unsubscribe"] == f"<{unsubscribe[0]}>"
    assert anna["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = smtp_server.text(anna, "html")
    assert "Stadig korrekt" in html and "Projektet er afsluttet" in html
    # Sent rows keep no address, only its hash and the recipient's name.
    assert set(Reminder.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert set(Reminder.objects.values_list("email", flat=True)) == {""}


def test_a_single_project_digest_names_it_in_the_subject(due_project, smtp_server):
    project = due_project()
    operations.run_reminders()
    message = smtp_server.wait_for(2)[0]
    assert message["Subject"] == f"Er oplysningerne om „{project.title}“ stadig korrekte?"


def test_running_twice_sends_nothing_twice(due_project, editor_a, smtp_server):
    due_project()
    operations.run_reminders()
    operations.run_reminders()
    operations.send_due()
    smtp_server.wait_for(3)
    assert len(smtp_server.messages) == 3
    assert Reminder.objects.count() == 3


def test_crash_after_smtp_but_before_marking_sent_never_sends_again(
    due_project, smtp_server, monkeypatch
):
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    real_send = emails.send_now

    def send_then_die(message):
        real_send(message)
        raise SystemExit("worker killed")

    monkeypatch.setattr(emails, "send_now", send_then_die)
    with pytest.raises(SystemExit):
        operations.run_reminders()
    row = Reminder.objects.get()
    assert row.status == DeliveryStatus.SENDING and row.attempts == 1
    assert len(smtp_server.wait_for(1)) == 1

    monkeypatch.setattr(emails, "send_now", real_send)  # the worker restarts
    operations.run_reminders()
    operations.send_due()
    assert len(smtp_server.messages) == 1

    # After the claim timeout it shows up as failed, and is still not sent again.
    later = timezone.now() + operations.CLAIM_TIMEOUT + dt.timedelta(minutes=1)
    operations.send_due(later)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert "afbrudt" in row.last_error
    assert len(smtp_server.messages) == 1


def test_crash_after_claiming_before_smtp_does_not_send_twice(
    due_project, smtp_server, monkeypatch
):
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])

    def die(message):
        raise KeyboardInterrupt

    monkeypatch.setattr(emails, "send_now", die)
    with pytest.raises(KeyboardInterrupt):
        operations.run_reminders()
    monkeypatch.undo()
    operations.send_due()
    assert smtp_server.messages == []
    assert Reminder.objects.get().status == DeliveryStatus.SENDING


def test_each_claim_takes_one_address_and_never_a_claimed_row(due_project, editor_a):
    due_project()
    due_project(title="Andet projekt")
    operations.plan_reminders()
    now = timezone.now()
    first = operations.claim_batch(now)
    second = operations.claim_batch(now)
    assert first and second
    assert {r.email_hash for r in first}.isdisjoint({r.email_hash for r in second})
    assert {r.claim for r in first} != {r.claim for r in second}
    assert len(first) == len(second) == 2  # both projects in one digest
    third = operations.claim_batch(now)
    assert {r.pk for r in third}.isdisjoint({r.pk for r in first + second})
    assert operations.claim_batch(now) == []


@pytest.mark.django_db(transaction=True)
def test_a_worker_skips_rows_another_worker_has_locked(due_project, editor_a):
    """Two workers: while one holds the lock on Anna's rows (between its SELECT … FOR UPDATE
    and its UPDATE), the other claims someone else's rows instead of waiting or taking hers."""
    due_project()
    operations.plan_reminders()
    anna = email_hash("anna@aarhus.example.org")
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            list(Reminder.objects.select_for_update().filter(email_hash=anna))
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        claimed = [operations.claim_batch(timezone.now()) for _ in range(3)]
    finally:
        release.set()
        thread.join()
    assert [len(c) for c in claimed] == [1, 1, 0]
    assert anna not in {r.email_hash for c in claimed for r in c}
    assert Reminder.objects.get(email_hash=anna).status == DeliveryStatus.PENDING


def test_smtp_failure_is_retried_with_exponential_back_off(
    due_project, dead_smtp, settings, caplog
):
    settings.REMINDER_RETRY_SECONDS = 300
    settings.REMINDER_MAX_ATTEMPTS = 3
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    now = timezone.now()
    with caplog.at_level(logging.INFO, logger="smartby.reminders"):
        result = operations.run_reminders(now=now)
    assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
    row = Reminder.objects.get()
    assert row.status == DeliveryStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at == now + dt.timedelta(seconds=300)
    assert "ConnectionRefusedError" in row.last_error
    # The address is not in the log (only a hash prefix and row ids).
    assert "mette@example.org" not in caplog.text
    assert row.email_hash[:12] in caplog.text
    # A retry is queued for when it is due (the database backend can defer).
    task = DBTaskResult.objects.get(task_path="smartby.reminders.tasks.send_reminders")
    assert task.run_after >= row.next_attempt_at

    assert operations.send_due(now + dt.timedelta(seconds=299)).retrying == 0  # not yet due
    operations.send_due(now + dt.timedelta(seconds=300))
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at == now + dt.timedelta(seconds=300 + 600)
    operations.send_due(now + dt.timedelta(seconds=900))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 3)
    assert row.email == "mette@example.org"  # kept so a coordinator can correct it


def test_a_retry_succeeds_once_smtp_is_back(due_project, dead_smtp, smtp_server, settings):
    good = settings.MAILERS  # `smtp_server` came last, so the mailer points at it
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": dead_smtp, "timeout": 2},
        }
    }
    now = timezone.now()
    operations.run_reminders(now=now)
    assert smtp_server.messages == []
    settings.MAILERS = good
    operations.send_due(now + dt.timedelta(hours=1))
    assert len(smtp_server.wait_for(1)) == 1
    row = Reminder.objects.get()
    assert (row.status, row.attempts, row.last_error) == (DeliveryStatus.SENT, 2, "")


def test_unsubscribing_before_delivery_cancels(due_project, smtp_server):
    due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    operations.plan_reminders()
    OptOut.objects.create(email_hash=email_hash("mette@example.org"))
    result = operations.send_due()
    assert result.cancelled == 1 and smtp_server.messages == []
    assert Reminder.objects.get().status == DeliveryStatus.CANCELLED


def test_a_project_verified_after_planning_is_left_out(due_project, smtp_server):
    from smartby.registry.operations import verify_project

    project = due_project(contacts=[{"name": "Mette", "email": "mette@example.org", "phone": ""}])
    due_project(title="Stadig glemt", contacts=[{"name": "M", "email": "mette@example.org"}])
    operations.plan_reminders()
    verify_project(None, project)
    operations.send_due()
    [message] = smtp_server.wait_for(1)
    assert project.title not in smtp_server.text(message)
    assert "Stadig glemt" in smtp_server.text(message)


def test_send_reminders_command(due_project, smtp_server, capsys):
    from django.core.management import call_command

    due_project()
    call_command("send_reminders")
    assert "sent 2 email(s)" in capsys.readouterr().out
    assert len(smtp_server.wait_for(2)) == 2
