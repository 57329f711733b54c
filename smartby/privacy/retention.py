"""Retention rules for personal data: one place, one rule per kind of record.

`prune(dry_run=...)` applies every rule (the daily "prune-personal-data" job and `smartby
prune-personal-data`) and returns the number of records each rule removed or cleared (with
`dry_run`, would remove or clear). Periods come from settings; RULES is the table the README and
the privacy page describe. Records that are aggregate or hold no personal data (page-view and
search counters, the effect dashboard's counts) have no rule. Application logs hold no personal
data and are kept by the journal (see the README for the operator's rule).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from smartby.accounts.models import Invitation as AccountInvitation
from smartby.accounts.models import LoginFailure
from smartby.api.models import RateCounter
from smartby.network.models import ContactRequest
from smartby.privacy.models import AccessLink
from smartby.reminders.models import DeliveryStatus, Reminder
from smartby.surveys.models import Invitation as SurveyInvitation

DAY = 24 * 3600


@dataclass(frozen=True)
class Rule:
    key: str
    description: str
    #: The period as the operator sets it (a setting name), for the table.
    setting: str
    #: (now) -> the records the rule applies to.
    records: Callable[[datetime], QuerySet]
    #: What happens to them: None deletes them, else the fields to clear (update()).
    clear: dict[str, object] | None = None

    def apply(self, now: datetime, *, dry_run: bool) -> int:
        records = self.records(now)
        if dry_run:
            return records.count()
        if self.clear is None:
            return records.delete()[0]
        return records.update(**self.clear)


def _days(name: str) -> timedelta:
    return timedelta(days=getattr(settings, name))


def _contact_requests(now: datetime) -> QuerySet:
    personal = ~Q(sender_name="") | ~Q(sender_email="") | ~Q(message="") | Q(sender__isnull=False)
    return ContactRequest.objects.filter(
        personal, created_at__lt=now - _days("CONTACT_RETENTION_DAYS")
    )


def _sessions(now: datetime) -> QuerySet:
    return Session.objects.filter(expire_date__lt=now)


def _login_failures(now: datetime) -> QuerySet:
    keep = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + settings.LOGIN_LOCKOUT_SECONDS)
    return LoginFailure.objects.filter(at__lt=now - keep)


def _rate_counters(now: datetime) -> QuerySet:
    return RateCounter.objects.filter(window__lt=int(now.timestamp()) - 2 * DAY)


def _task_results(now: datetime) -> QuerySet:
    return DBTaskResult.objects.filter(
        finished_at__isnull=False, finished_at__lt=now - _days("TASK_RESULT_RETENTION_DAYS")
    )


def _reminder_addresses(now: datetime) -> QuerySet:
    """A safety net: delivery clears the address already; a row that failed keeps it no longer
    than its links would have worked."""
    return (
        Reminder.objects.exclude(email="")
        .exclude(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])
        .filter(created_at__lt=now - _days("REMINDER_LINK_MAX_AGE_DAYS"))
    )


def _reminder_recipients(now: datetime) -> QuerySet:
    cutoff = (now - _days("REMINDER_RECIPIENT_RETENTION_DAYS")).date()
    return Reminder.objects.filter(
        ~Q(recipient_name="") | Q(user__isnull=False), run_date__lt=cutoff
    )


def _survey_invitations(now: datetime) -> QuerySet:
    cutoff = now - _days("SURVEY_INVITATION_RETENTION_DAYS")
    closed = Q(round__closed_at__lt=cutoff) | Q(round__closes_on__lt=cutoff.date())
    return SurveyInvitation.objects.filter(closed).filter(~Q(email="") | ~Q(handed_over_to=""))


def _account_invitations(now: datetime) -> QuerySet:
    cutoff = now - _days("ACCOUNT_INVITATION_RETENTION_DAYS")
    return AccountInvitation.objects.filter(Q(accepted_at__lt=cutoff) | Q(expires_at__lt=cutoff))


def _access_links(now: datetime) -> QuerySet:
    return AccessLink.objects.filter(expires_at__lt=now)


RULES = (
    Rule(
        "contact_requests",
        "Kontakt-beskeder: afsenderens navn, e-mail, konto og tekst ryddes",
        "CONTACT_RETENTION_DAYS",
        _contact_requests,
        clear={"sender_name": "", "sender_email": "", "message": "", "sender": None},
    ),
    Rule("sessions", "Udløbne sessioner slettes", "SESSION_COOKIE_AGE", _sessions),
    Rule(
        "login_failures",
        "Mislykkede logins (nøglet hash) slettes efter spærretiden",
        "LOGIN_FAILURE_WINDOW + LOGIN_LOCKOUT_SECONDS",
        _login_failures,
    ),
    Rule(
        "rate_counters",
        "Tællere til hastighedsbegrænsning (hash af IP/e-mail) slettes efter 2 døgn",
        "-",
        _rate_counters,
    ),
    Rule(
        "task_results",
        "Afsluttede baggrundsjobs (med deres argumenter) slettes",
        "TASK_RESULT_RETENTION_DAYS",
        _task_results,
    ),
    Rule(
        "reminder_addresses",
        "Påmindelser: modtagerens adresse ryddes, når linkene er udløbet",
        "REMINDER_LINK_MAX_AGE_DAYS",
        _reminder_addresses,
        clear={"email": ""},
    ),
    Rule(
        "reminder_recipients",
        "Påmindelser: modtagerens navn og konto ryddes",
        "REMINDER_RECIPIENT_RETENTION_DAYS",
        _reminder_recipients,
        clear={"recipient_name": "", "user": None},
    ),
    Rule(
        "survey_invitations",
        "Undersøgelser: adresserne på lukkede runders links ryddes",
        "SURVEY_INVITATION_RETENTION_DAYS",
        _survey_invitations,
        clear={"email": "", "handed_over_to": ""},
    ),
    Rule(
        "account_invitations",
        "Invitationer til Smartby (adresse og token-hash) slettes efter udløb/brug",
        "ACCOUNT_INVITATION_RETENTION_DAYS",
        _account_invitations,
    ),
    Rule(
        "privacy_links",
        "Links til “Mine data” slettes, når de er udløbet",
        "PRIVACY_LINK_MAX_AGE_MINUTES",
        _access_links,
    ),
)


def prune(*, dry_run: bool = False, now: datetime | None = None) -> dict[str, int]:
    """Apply every rule; each in its own transaction, so one failing rule does not undo the
    others. Returns {rule key: records removed or cleared}."""
    now = now or timezone.now()
    result = {}
    for rule in RULES:
        with transaction.atomic():
            result[rule.key] = rule.apply(now, dry_run=dry_run)
    return result
