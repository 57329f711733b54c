"""Who gets reminded about what and when: recipients, digests, intervals and escalation."""

import datetime as dt

import pytest
from django.utils import timezone

from smartby.accounts.models import Role
from smartby.conftest import make_user
from smartby.registry import operations as registry_operations
from smartby.reminders import operations
from smartby.reminders.models import DeliveryStatus, Kind, OptOut, Reminder, email_hash

pytestmark = pytest.mark.django_db


def addresses(kind: str = Kind.REMINDER) -> list[str]:
    return sorted(Reminder.objects.filter(kind=kind).values_list("email", flat=True))


def test_due_projects_remind_contacts_with_email_and_lead_organisation_editors(
    due_project, editor_a, editor_b
):
    due = due_project(months=13)
    due_project(months=7, title="Bør bekræftes")
    due_project(months=2, title="Frisk")
    due_project(months=13, title="Afsluttet", status="afsluttet")
    due_project(months=13, title="Stoppet", status="stoppet")
    result = operations.plan_reminders()
    assert result.reminders_planned == 6
    rows = Reminder.objects.filter(project=due)
    assert sorted(rows.values_list("email", flat=True)) == [
        "anna@aarhus.example.org",
        "jens@example.org",
        "mette@example.org",
    ]
    anna = rows.get(email="anna@aarhus.example.org")
    assert anna.user == editor_a and anna.recipient_name == "Anna Aarhus"
    mette = rows.get(email="mette@example.org")
    assert mette.user is None and mette.recipient_name == "Mette Hansen"
    assert mette.email_hash == email_hash("Mette@Example.org ")
    assert not Reminder.objects.filter(project__title__in=["Frisk", "Afsluttet", "Stoppet"])
    # Editor B's organisation (Odense) does not lead the project.
    assert not Reminder.objects.filter(user=editor_b).exists()


def test_a_contact_with_an_account_is_that_user_and_gets_one_row(due_project, editor_a):
    contacts = [{"name": "Anna som kontakt", "email": "ANNA@aarhus.example.org", "phone": ""}]
    project = due_project(contacts=contacts)
    operations.plan_reminders()
    row = Reminder.objects.get(project=project)
    assert row.user == editor_a
    assert row.email == "anna@aarhus.example.org"


def test_contact_with_account_outside_the_organisation_is_linked_to_the_user(due_project):
    outsider = make_user("ole@ekstern.example.org", name="Ole Ekstern")
    contacts = [{"name": "Ole", "email": "ole@ekstern.example.org", "phone": ""}]
    project = due_project(contacts=contacts)
    operations.plan_reminders()
    assert Reminder.objects.get(project=project).user == outsider


def test_planning_twice_creates_nothing_new(due_project, editor_a):
    due_project()
    due_project(title="Andet projekt")
    operations.plan_reminders()
    before = list(Reminder.objects.values_list("pk", flat=True))
    operations.plan_reminders()
    operations.run_reminders()
    assert list(Reminder.objects.values_list("pk", flat=True)) == before
    assert len(before) == 2 * 3


def test_opted_out_addresses_are_skipped(due_project):
    due_project()
    OptOut.objects.create(email_hash=email_hash("jens@example.org"))
    operations.plan_reminders()
    assert addresses() == ["mette@example.org"]


def test_reminded_again_only_after_the_interval(due_project, smtp_server, settings):
    settings.REMINDER_INTERVAL_DAYS = 30
    due_project()
    today, now = timezone.localdate(), timezone.now()
    operations.run_reminders(today, now)
    assert Reminder.objects.count() == 2
    operations.run_reminders(today + dt.timedelta(days=29), now + dt.timedelta(days=29))
    assert Reminder.objects.count() == 2
    operations.run_reminders(today + dt.timedelta(days=30), now + dt.timedelta(days=30))
    assert Reminder.objects.count() == 4
    assert len(smtp_server.wait_for(4)) == 4


def test_verifying_ends_the_reminders(due_project, smtp_server):
    project = due_project()
    today, now = timezone.localdate(), timezone.now()
    operations.run_reminders(today, now)
    registry_operations.verify_project(None, project, on_behalf_of="Mette")
    later = operations.run_reminders(today + dt.timedelta(days=60), now + dt.timedelta(days=60))
    assert later.reminders_planned == 0 and later.escalations_planned == 0


def rounds(n: int, start: dt.date | None = None):
    """Run the reminder job n times, 31 days apart; returns the next day and time."""
    day = start or timezone.localdate()
    now = timezone.now()
    for _ in range(n):
        operations.run_reminders(day, now)
        day += dt.timedelta(days=31)
        now += dt.timedelta(days=31)
    return day, now


def test_two_unanswered_reminders_tell_the_organisations_coordinator(
    due_project, smtp_server, coordinator, org_a
):
    local = make_user("lis@aarhus.example.org", role=Role.COORDINATOR, orgs=("751",), name="Lis")
    project = due_project()
    day, now = rounds(2)
    # Lis is a member of the lead organisation, so she is reminded too (with the contacts).
    assert len(smtp_server.wait_for(6)) == 6
    result = operations.run_reminders(day, now)
    assert result.reminders_planned == 0
    assert result.escalations_planned == 1
    row = Reminder.objects.get(kind=Kind.ESCALATION)
    assert (row.project, row.user, row.status) == (project, local, DeliveryStatus.SENT)
    message = smtp_server.wait_for(7)[-1]
    assert message["To"] == "lis@aarhus.example.org"
    assert "ikke bekræftet trods to påmindelser" in message["Subject"]
    text = smtp_server.text(message)
    assert project.title in text and "Mette Hansen" in text and "/friskhed/" in text
    assert "mette@example.org" not in text
    # Told once: later runs neither escalate again nor remind.
    later = operations.run_reminders(day + dt.timedelta(days=40), now + dt.timedelta(days=40))
    assert (later.reminders_planned, later.escalations_planned) == (0, 0)
    assert Reminder.objects.filter(kind=Kind.ESCALATION).count() == 1


def test_without_an_organisation_coordinator_all_coordinators_are_told_in_one_digest(
    due_project, smtp_server, coordinator, superuser
):
    first = due_project()
    second = due_project(title="Endnu et glemt projekt")
    day, now = rounds(2)
    smtp_server.wait_for(4)  # one digest per address and round, both projects in it
    assert len(smtp_server.messages) == 4
    operations.run_reminders(day, now)
    escalations = smtp_server.wait_for(6)[4:]
    assert sorted(m["To"] for m in escalations) == [coordinator.email, superuser.email]
    for message in escalations:
        text = smtp_server.text(message)
        assert first.title in text and second.title in text
        assert message["Subject"] == "2 projekter er ikke bekræftet trods to påmindelser"


def test_an_update_after_a_reminder_counts_as_an_answer(due_project, smtp_server, coordinator):
    project = due_project()
    day, now = rounds(1)
    registry_operations.complete_project(None, project)  # answered (and no longer running)
    result = operations.run_reminders(day + dt.timedelta(days=31), now + dt.timedelta(days=31))
    assert (result.reminders_planned, result.escalations_planned) == (0, 0)


def test_failed_rounds_do_not_count_towards_escalation(due_project, dead_smtp, coordinator):
    due_project()
    rounds(2)
    assert Reminder.objects.filter(status=DeliveryStatus.SENT).count() == 0
    day = timezone.localdate() + dt.timedelta(days=62)
    result = operations.plan_reminders(day, timezone.now() + dt.timedelta(days=62))
    assert result.escalations_planned == 0
