"""The retention rules, each with a record on both sides of its limit, and the
`prune-personal-data` command."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from smartby.accounts.models import Invitation as AccountInvitation
from smartby.accounts.models import LoginFailure
from smartby.api.models import RateCounter
from smartby.geo.models import Municipality
from smartby.network.models import ContactRequest
from smartby.privacy import retention
from smartby.privacy.models import AccessLink
from smartby.registry.tests.helpers import make_project
from smartby.reminders.models import DeliveryStatus, Reminder, email_hash
from smartby.surveys.models import Invitation as SurveyInvitation
from smartby.surveys.tests.answer_helpers import make_round, make_version

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(**kwargs) -> dt.datetime:
    return NOW - dt.timedelta(**kwargs)


def backdate(model, pk, **fields) -> None:
    """Set auto_now_add fields, which create() ignores."""
    model.objects.filter(pk=pk).update(**fields)


@pytest.fixture
def records(settings, editor_a):
    """For each rule: an old record (over the limit) and a recent one (within it)."""
    settings.CONTACT_RETENTION_DAYS = 90
    settings.TASK_RESULT_RETENTION_DAYS = 14
    settings.REMINDER_LINK_MAX_AGE_DAYS = 30
    settings.REMINDER_RECIPIENT_RETENTION_DAYS = 400
    settings.SURVEY_INVITATION_RETENTION_DAYS = 90
    settings.ACCOUNT_INVITATION_RETENTION_DAYS = 30
    settings.LOGIN_FAILURE_WINDOW = 900
    settings.LOGIN_LOCKOUT_SECONDS = 900
    project = make_project(editor_a)
    for days in (91, 89):
        r = ContactRequest.objects.create(
            topic="andet", sender_name="Ea", sender_email="ea@x.dk", message="Hej"
        )
        backdate(ContactRequest, r.pk, created_at=ago(days=days))
    for minutes in (60, -60):
        store = SessionStore()
        store["x"] = 1
        store.create()
        Session.objects.filter(pk=store.session_key).update(expire_date=ago(minutes=minutes))
    LoginFailure.objects.create(key="account:old", at=ago(seconds=2400))
    LoginFailure.objects.create(key="account:new", at=ago(seconds=1200))
    now_s = int(NOW.timestamp())
    RateCounter.objects.create(key="kontakt:ip:old", window=now_s - 3 * 86400, count=1)
    RateCounter.objects.create(key="kontakt:ip:new", window=now_s - 3600, count=1)
    for days in (15, 13):
        DBTaskResult.objects.create(
            status="SUCCESSFUL",
            args_kwargs={"args": ["x@y.dk"], "kwargs": {}},
            task_path="smartby.x",
            backend_name="default",
            run_after=ago(days=days),
            finished_at=ago(days=days),
            exception_class_path="",
            traceback="",
        )
    for i, (days, status) in enumerate(((31, "failed"), (29, "failed"), (31, "pending"))):
        r = Reminder.objects.create(
            project=project,
            run_date=(NOW - dt.timedelta(days=days)).date(),
            email=f"r{i}@x.dk",
            email_hash=email_hash(f"r{i}@x.dk"),
            recipient_name="",
            status=status,
            next_attempt_at=NOW,
        )
        backdate(Reminder, r.pk, created_at=ago(days=days))
    for i, days in enumerate((401, 399)):
        Reminder.objects.create(
            project=project,
            run_date=(NOW - dt.timedelta(days=days)).date(),
            email="",
            email_hash=email_hash(f"n{i}@x.dk"),
            recipient_name="Navn",
            status=DeliveryStatus.SENT,
            next_attempt_at=NOW,
        )
    version = make_version()
    for i, days in enumerate((91, 89)):
        closes = (NOW - dt.timedelta(days=days)).date()
        round_ = make_round(
            version, key=f"runde-{i}", opens_on=closes - dt.timedelta(days=30), closes_on=closes
        )
        SurveyInvitation.objects.create(
            round=round_,
            municipality=Municipality.objects.get(code="751"),
            email="post@kommune.dk",
            token_hash=str(i) * 64,
            expires_at=NOW,
        )
    for i, days in enumerate((31, 29)):
        AccountInvitation.objects.create(
            email="ny@x.dk", token_hash=str(i) * 64, expires_at=ago(days=days)
        )
    for i, minutes in enumerate((10, -10)):
        AccessLink.objects.create(
            email="a@x.dk", token_hash=str(i) * 64, expires_at=ago(minutes=minutes)
        )


EXPECTED = {
    "contact_requests": 1,
    "sessions": 1,
    "login_failures": 1,
    "rate_counters": 1,
    "task_results": 1,
    "reminder_addresses": 1,
    "reminder_recipients": 1,
    "survey_invitations": 1,
    "account_invitations": 1,
    "privacy_links": 1,
}


def test_each_rule_takes_only_what_is_over_its_limit(records):
    assert retention.prune(dry_run=True, now=NOW) == EXPECTED
    assert retention.prune(now=NOW) == EXPECTED
    assert retention.prune(now=NOW) == dict.fromkeys(EXPECTED, 0)
    # What was cleared rather than deleted, and what stays.
    assert list(ContactRequest.objects.values_list("sender_email", flat=True).order_by("id")) == [
        "",
        "ea@x.dk",
    ]
    assert Session.objects.count() == 1
    assert list(LoginFailure.objects.values_list("key", flat=True)) == ["account:new"]
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["kontakt:ip:new"]
    assert DBTaskResult.objects.count() == 1
    assert sorted(Reminder.objects.exclude(email="").values_list("email", flat=True)) == [
        "r1@x.dk",  # failed, but its links still work
        "r2@x.dk",  # still pending
    ]
    assert Reminder.objects.filter(recipient_name="Navn").count() == 1
    assert sorted(SurveyInvitation.objects.values_list("email", flat=True)) == [
        "",
        "post@kommune.dk",
    ]
    assert AccountInvitation.objects.count() == 1
    assert AccessLink.objects.count() == 1


def test_command_dry_run_changes_nothing(records):
    out = StringIO()
    call_command("prune_personal_data", "--dry-run", stdout=out)
    assert "contact_requests: 1 ville blive ryddet" in out.getvalue()
    assert ContactRequest.objects.exclude(sender_email="").count() == 2
    out = StringIO()
    call_command("prune_personal_data", stdout=out)
    assert "contact_requests: 1 ryddet" in out.getvalue()
    assert ContactRequest.objects.exclude(sender_email="").count() == 1


def test_the_daily_job_prunes(records):
    from smartby.privacy.tasks import prune_personal_data

    result = prune_personal_data.call("2026-11-23")
    assert result["contact_requests"] == 1
