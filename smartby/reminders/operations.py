"""Reminder use cases: plan the day's reminders, deliver them idempotently, and act on the
signed links in them.

A reminder run (`run_reminders`, the daily task) has two steps:

1. `plan_reminders` creates one `Reminder` row per due project and recipient: the project's
   contact persons with an email address and the members of its lead organisation. A project is
   reminded again only REMINDER_INTERVAL_DAYS after its last round; after two rounds without an
   answer (no verification or update since they were sent) its organisation's coordinators get
   an escalation instead, once. The unique constraint on (project, kind, address, day) makes a
   second run on the same day a no-op, even when two run at once.
2. `send_due` delivers pending rows, one digest per address: it claims a recipient's rows with
   a conditional UPDATE (pending → sending, under SELECT … FOR UPDATE SKIP LOCKED), sends over
   SMTP and marks them sent. An SMTP failure puts them back to pending with exponential
   back-off until REMINDER_MAX_ATTEMPTS; a worker killed between claim and "sent" leaves them in
   "sending", and they are never sent again (they are marked failed after CLAIM_TIMEOUT, for
   the coordinators to see). So a reminder is sent at most once.

Email addresses are never logged: log lines name rows by id and addresses by a hash prefix.
"""

import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.accounts.models import Membership, Role, User
from smartby.audit.operations import record
from smartby.lib import emails
from smartby.observability import metrics
from smartby.registry import operations as registry_operations
from smartby.registry import permissions
from smartby.registry.freshness import DUE_OR_STALE, due_q, freshness_of
from smartby.registry.models import Contact, Project, Status
from smartby.reminders import links
from smartby.reminders.models import (
    Answer,
    DeliveryStatus,
    Kind,
    OptOut,
    Reminder,
    email_hash,
)

logger = logging.getLogger(__name__)

INACTIVE_STATUSES = (Status.COMPLETED, Status.STOPPED)
CLAIM_TIMEOUT = timedelta(minutes=15)
CHUNK = 500
EMAIL_RE = re.compile(r"[^\s<>@\"']+@[^\s<>@\"']+")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    user_id: int | None


@dataclass
class RunResult:
    reminders_planned: int = 0
    escalations_planned: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    emails: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- planning --------------------------------------------------------------------------------


def due_projects(today: date | None = None):
    """Projects whose information should be confirmed and that are still running."""
    return Project.objects.filter(due_q(today)).exclude(status__in=INACTIVE_STATUSES)


def opted_out(hashes: Iterable[str]) -> set[str]:
    return set(
        OptOut.objects.filter(email_hash__in=set(hashes)).values_list("email_hash", flat=True)
    )


def recipients_for(projects: list[Project]) -> dict[int, list[Recipient]]:
    """Each project's reminder recipients: active members of its lead organisation, then its
    contact persons with an email address (a contact with an account is that user). One entry
    per address. `projects` must have their contacts prefetched."""
    members: dict[int, list[Recipient]] = defaultdict(list)
    rows = Membership.objects.filter(
        organisation_id__in={p.lead_organisation_id for p in projects}, user__is_active=True
    ).values_list("organisation_id", "user_id", "user__email", "user__name")
    for org_id, user_id, address, name in rows.order_by("user_id"):
        members[org_id].append(Recipient(address.lower(), name, user_id))
    contact_emails = {c.email.lower() for p in projects for c in p.contacts.all() if c.email}
    users = {
        address.lower(): (pk, name)
        for pk, address, name in User.objects.filter(
            email__in=contact_emails, is_active=True
        ).values_list("pk", "email", "name")
    }
    result: dict[int, list[Recipient]] = {}
    for project in projects:
        seen: dict[str, Recipient] = {}
        for r in members[project.lead_organisation_id]:
            seen.setdefault(r.email, r)
        for contact in project.contacts.all():
            address = contact.email.strip().lower()
            if not address:
                continue
            if address in seen:
                if not seen[address].name:
                    seen[address] = Recipient(address, contact.name, seen[address].user_id)
                continue
            user_id, user_name = users.get(address, (None, ""))
            seen[address] = Recipient(address, contact.name or user_name, user_id)
        result[project.pk] = list(seen.values())
    return result


def coordinators_for(projects: list[Project]) -> dict[int, list[Recipient]]:
    """Each project's coordinators: active coordinators who are members of its lead
    organisation, else all active coordinators."""
    everyone = [
        Recipient(address.lower(), name, pk)
        for pk, address, name in User.objects.filter(is_active=True, role=Role.COORDINATOR)
        .order_by("pk")
        .values_list("pk", "email", "name")
    ]
    by_org: dict[int, list[Recipient]] = defaultdict(list)
    rows = Membership.objects.filter(
        organisation_id__in={p.lead_organisation_id for p in projects},
        user__is_active=True,
        user__role=Role.COORDINATOR,
    ).values_list("organisation_id", "user_id", "user__email", "user__name")
    for org_id, user_id, address, name in rows.order_by("user_id"):
        by_org[org_id].append(Recipient(address.lower(), name, user_id))
    return {p.pk: by_org.get(p.lead_organisation_id) or everyone for p in projects}


@dataclass
class History:
    """What has been sent about one project, from its non-failed reminder rows."""

    last_round: date | None = None
    unanswered_rounds: set[date] = field(default_factory=set)
    last_escalation: date | None = None


def histories(projects: list[Project]) -> dict[int, History]:
    by_pk = {p.pk: p for p in projects}
    result = {pk: History() for pk in by_pk}
    rows = (
        Reminder.objects.filter(project_id__in=by_pk)
        .exclude(status__in=[DeliveryStatus.FAILED, DeliveryStatus.CANCELLED])
        .values_list("project_id", "kind", "run_date", "status", "sent_at")
    )
    for project_id, kind, run_date, status, sent_at in rows:
        h = result[project_id]
        if kind == Kind.ESCALATION:
            h.last_escalation = max(filter(None, [h.last_escalation, run_date]))
            continue
        h.last_round = max(filter(None, [h.last_round, run_date]))
        if status == DeliveryStatus.SENT and sent_at > by_pk[project_id].updated_at:
            h.unanswered_rounds.add(run_date)
    return result


def _row(project: Project, kind: str, r: Recipient, today: date, now: datetime) -> Reminder:
    return Reminder(
        project=project,
        kind=kind,
        run_date=today,
        email=r.email,
        email_hash=email_hash(r.email),
        recipient_name=r.name[:200],
        user_id=r.user_id,
        next_attempt_at=now,
    )


def plan_reminders(
    today: date | None = None, now: datetime | None = None, result: RunResult | None = None
) -> RunResult:
    """Create today's reminder and escalation rows (idempotent)."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    result = result or RunResult()
    interval = timedelta(days=settings.REMINDER_INTERVAL_DAYS)
    ids = list(due_projects(today).order_by("pk").values_list("pk", flat=True))
    contacts = Prefetch(
        "contacts", queryset=Contact.objects.exclude(email="").only("project_id", "name", "email")
    )
    for start in range(0, len(ids), CHUNK):
        projects = list(
            Project.objects.filter(pk__in=ids[start : start + CHUNK])
            .only("pk", "lead_organisation_id", "updated_at")
            .prefetch_related(contacts)
        )
        history = histories(projects)
        to_remind: list[Project] = []
        to_escalate: list[Project] = []
        for project in projects:
            h = history[project.pk]
            if h.last_round is not None and today - h.last_round < interval:
                continue
            if len(h.unanswered_rounds) >= 2:
                if h.last_escalation is None or h.last_escalation < max(h.unanswered_rounds):
                    to_escalate.append(project)
                continue
            to_remind.append(project)
        rows = []
        recipients = recipients_for(to_remind)
        for project in to_remind:
            rows += [_row(project, Kind.REMINDER, r, today, now) for r in recipients[project.pk]]
        coordinators = coordinators_for(to_escalate)
        rows += [
            _row(project, Kind.ESCALATION, r, today, now)
            for project in to_escalate
            for r in coordinators[project.pk]
        ]
        blocked = opted_out(r.email_hash for r in rows)
        created = _insert([r for r in rows if r.email_hash not in blocked], today)
        result.reminders_planned += created[Kind.REMINDER]
        result.escalations_planned += created[Kind.ESCALATION]
    return result


def _insert(rows: list[Reminder], today: date) -> dict[str, int]:
    """Insert the rows that do not exist yet; returns how many were new, per kind."""

    def counts() -> dict[str, int]:
        todays = Reminder.objects.filter(
            run_date=today, project_id__in={r.project_id for r in rows}
        )
        return {kind: todays.filter(kind=kind).count() for kind in Kind.values}

    if not rows:
        return dict.fromkeys(Kind.values, 0)
    with transaction.atomic():
        before = counts()
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        after = counts()
    return {kind: after[kind] - before[kind] for kind in Kind.values}


# --- delivery --------------------------------------------------------------------------------


def _scrub(text: str) -> str:
    """An error message without email addresses (SMTP errors often quote the recipient)."""
    return EMAIL_RE.sub("<adresse>", text)[:500]


def backoff(attempts: int) -> timedelta:
    """Delay before the next attempt after `attempts` failed ones: 1x, 2x, 4x … the base."""
    return timedelta(seconds=settings.REMINDER_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def expire_stale_claims(now: datetime) -> int:
    """Rows left in "sending" by a worker that died: they may have gone out, so they are not
    sent again but marked failed for the coordinators to see."""
    return Reminder.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(
        status=DeliveryStatus.FAILED,
        last_error=_(
            "Afsendelsen blev afbrudt, før den blev bekræftet. Mailen sendes ikke igen, så "
            "ingen får den to gange."
        ),
    )


def claim_batch(now: datetime) -> list[Reminder]:
    """Claim the pending, due rows of one address and kind (one digest). Safe with several
    workers: rows are locked with SKIP LOCKED and moved to "sending" only if still pending."""
    token = uuid.uuid4()
    with transaction.atomic():
        due = Reminder.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        first = (
            due.select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .only("pk", "email_hash", "kind")
            .first()
        )
        if first is None:
            return []
        ids = list(
            due.filter(email_hash=first.email_hash, kind=first.kind)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        Reminder.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING,
            claim=token,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    return list(
        Reminder.objects.filter(claim=token, status=DeliveryStatus.SENDING)
        .select_related("project__lead_organisation", "user")
        .order_by("project__title", "pk")
    )


def _link(name: str, *args: Any) -> str:
    return emails.absolute_url(reverse(name, args=args))


def unsubscribe_link(hash_: str) -> str:
    return _link("reminders:unsubscribe", links.make_unsubscribe_token(hash_))


def _digest_entry(row: Reminder) -> dict[str, Any]:
    project = row.project
    return {
        "project": project,
        "freshness": freshness_of(project.last_verified),
        "project_link": emails.absolute_url(project.get_absolute_url()),
        "verify_link": _link("reminders:verify", links.make_token(row.pk, links.VERIFY)),
        "update_link": _link("reminders:update", links.make_token(row.pk, links.UPDATE)),
        "complete_link": _link("reminders:complete", links.make_token(row.pk, links.COMPLETE)),
    }


def _escalation_entry(row: Reminder) -> dict[str, Any]:
    project = row.project
    unanswered = Reminder.objects.filter(
        project=project,
        kind=Kind.REMINDER,
        status=DeliveryStatus.SENT,
        sent_at__gt=project.updated_at,
    )
    rounds = sorted({d for d in unanswered.values_list("run_date", flat=True)})
    names = sorted({n for n in unanswered.values_list("recipient_name", flat=True) if n})
    return {
        "project": project,
        "freshness": freshness_of(project.last_verified),
        "project_link": emails.absolute_url(project.get_absolute_url()),
        "rounds": rounds,
        "recipients": names,
    }


def _message(rows: list[Reminder]):
    first = rows[0]
    name = first.recipient_name or (first.user.name if first.user else "")
    unsubscribe = unsubscribe_link(first.email_hash)
    if first.kind == Kind.ESCALATION:
        return emails.reminder_escalation(
            to=first.email,
            recipient_name=name,
            entries=[_escalation_entry(r) for r in rows],
            overview_link=_link("reminders:overview"),
            unsubscribe_link=unsubscribe,
        )
    return emails.reminder_digest(
        to=first.email,
        recipient_name=name,
        entries=[_digest_entry(r) for r in rows],
        unsubscribe_link=unsubscribe,
    )


def _still_due(row: Reminder, today: date) -> bool:
    project = row.project
    return (
        freshness_of(project.last_verified, today) in DUE_OR_STALE
        and project.status not in INACTIVE_STATUSES
        and (row.kind == Kind.ESCALATION or row.answered_at is None)
    )


def _set(rows: list[Reminder], **values: Any) -> None:
    Reminder.objects.filter(
        pk__in=[r.pk for r in rows], claim=rows[0].claim, status=DeliveryStatus.SENDING
    ).update(**values)


def deliver_batch(rows: list[Reminder], now: datetime, result: RunResult) -> None:
    """Send one claimed digest and record the outcome on its rows."""
    tag = rows[0].email_hash[:12]
    ids = [r.pk for r in rows]
    if OptOut.objects.filter(email_hash=rows[0].email_hash).exists():
        _set(rows, status=DeliveryStatus.CANCELLED, email="")
        result.cancelled += len(rows)
        return
    today = timezone.localtime(now).date()
    live = [r for r in rows if _still_due(r, today)]
    done = [r for r in rows if r not in live]
    if done:
        _set(done, status=DeliveryStatus.CANCELLED, email="")
        result.cancelled += len(done)
    if not live:
        return
    try:
        emails.send_now(_message(live))
    except Exception as exc:
        error = _scrub(f"{type(exc).__name__}: {exc}")
        logger.warning("Reminder email to %s (rows %s) failed: %s", tag, ids, error)
        metrics.REMINDER_EMAILS.labels(outcome="failed").inc()
        result.errors.append(error)
        for row in live:
            if row.attempts >= settings.REMINDER_MAX_ATTEMPTS:
                _set([row], status=DeliveryStatus.FAILED, last_error=error)
                result.failed += 1
            else:
                _set(
                    [row],
                    status=DeliveryStatus.PENDING,
                    last_error=error,
                    next_attempt_at=now + backoff(row.attempts),
                )
                result.retrying += 1
        return
    _set(live, status=DeliveryStatus.SENT, sent_at=now, email="", last_error="")
    result.sent += len(live)
    result.emails += 1
    metrics.REMINDER_EMAILS.labels(outcome="sent").inc()
    logger.info("Reminder email sent to %s (rows %s)", tag, ids)


def send_due(now: datetime | None = None, result: RunResult | None = None) -> RunResult:
    """Deliver every pending reminder that is due, one digest per address and kind."""
    now = now or timezone.now()
    result = result or RunResult()
    expire_stale_claims(now)
    while rows := claim_batch(now):
        deliver_batch(rows, now, result)
    if result.retrying:
        from smartby.reminders.tasks import schedule_retry

        schedule_retry()
    return result


def run_reminders(today: date | None = None, now: datetime | None = None) -> RunResult:
    """The daily job: plan today's reminders, then send everything that is due."""
    now = now or timezone.now()
    result = plan_reminders(today, now)
    return send_due(now, result)


# --- the links in the emails -----------------------------------------------------------------


def _reminder(token: str, action: str, *, lock: bool = False) -> Reminder:
    pk = links.read_token(token, action)
    qs = Reminder.objects.filter(pk=pk, kind=Kind.REMINDER)
    if lock:
        qs = qs.select_for_update(of=("self",))
    reminder = qs.select_related("project", "user").first()
    if reminder is None:
        raise links.LinkGone(
            _("Projektet findes ikke længere i Smartby, så der er ikke noget at bekræfte.")
        )
    return reminder


def _check_unused(reminder: Reminder, action: str) -> None:
    if action in (links.VERIFY, links.COMPLETE) and reminder.answered_at is not None:
        raise links.LinkUsed(
            _("Linket er allerede brugt: %(answer)s den %(date)s. Der er ikke ændret noget nu.")
            % {
                "answer": reminder.get_answer_display().lower(),
                "date": timezone.localtime(reminder.answered_at).strftime("%d.%m.%Y"),
            }
        )
    if action == links.UPDATE and reminder.login_used_at is not None:
        raise links.LinkUsed(
            _(
                "Linket er allerede brugt til at logge ind. Log ind med din e-mail og "
                "adgangskode for at opdatere projektet."
            )
        )


def check_link(token: str, action: str) -> Reminder:
    """The reminder behind a link that can still be used, or a LinkError saying why not."""
    reminder = _reminder(token, action)
    _check_unused(reminder, action)
    return reminder


def link_user(reminder: Reminder) -> User | None:
    """The account the reminder went to, if it is active."""
    user = reminder.user
    return user if user is not None and user.is_active else None


def answer(token: str, action: str) -> Reminder:
    """Act on a "Stadig korrekt" or "Projektet er afsluttet" link: once per reminder. The
    recipient is the actor when their account may edit the project; otherwise the signed link
    authorises the change and the audit entry names the recipient (never the address)."""
    if action not in (links.VERIFY, links.COMPLETE):
        raise ValueError(action)
    with transaction.atomic():
        reminder = _reminder(token, action, lock=True)
        _check_unused(reminder, action)
        project = Project.objects.select_for_update().get(pk=reminder.project_id)
        user = link_user(reminder)
        if user is not None and permissions.can_edit_project(user, project):
            actor, on_behalf_of = user, ""
        else:
            actor = None
            on_behalf_of = reminder.recipient_name or _("kontaktperson (via påmindelse)")
        if action == links.VERIFY:
            registry_operations.verify_project(
                actor, project, source="email", on_behalf_of=on_behalf_of
            )
            reminder.answer = Answer.VERIFIED
        else:
            registry_operations.complete_project(
                actor, project, source="email", on_behalf_of=on_behalf_of
            )
            reminder.answer = Answer.COMPLETED
        reminder.answered_at = timezone.now()
        reminder.save(update_fields=["answer", "answered_at"])
    return reminder


def use_login_link(token: str) -> tuple[Reminder, User]:
    """Spend an "Opdatér" link of a recipient with an account; the view then logs them in."""
    with transaction.atomic():
        reminder = _reminder(token, links.UPDATE, lock=True)
        _check_unused(reminder, links.UPDATE)
        user = link_user(reminder)
        if user is None:
            raise links.LinkInvalid(
                _("Der hører ingen aktiv konto til dette link. Bed din organisation om adgang.")
            )
        reminder.login_used_at = timezone.now()
        reminder.save(update_fields=["login_used_at"])
        record(
            actor=user,
            action="user.email_login",
            obj=user,
            changes={"reminder": {"old": None, "new": reminder.pk}},
            source="email",
        )
    return reminder, user


def unsubscribe(token: str) -> bool:
    """Stop reminder emails to the address in `token`; False if it had already stopped."""
    hash_ = links.read_unsubscribe_token(token)
    with transaction.atomic():
        opt_out, created = OptOut.objects.get_or_create(email_hash=hash_)
        cancelled = Reminder.objects.filter(email_hash=hash_, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CANCELLED, email=""
        )
        if created:
            record(
                actor=None,
                action="reminders.opt_out",
                obj=opt_out,
                changes={"cancelled": {"old": None, "new": cancelled}},
                source="email",
            )
    return created


def retry_failed(actor: Any, reminder: Reminder) -> Reminder:
    """A coordinator sends a failed reminder again (after fixing the mail settings, say): it
    becomes pending with a fresh count of attempts, due now, and a delivery is queued. Only
    failed reminders that still have their address can be retried."""
    if not permissions.is_coordinator(actor):
        raise PermissionDenied(_("Kun koordinatorer kan sende fejlede påmindelser igen."))
    with transaction.atomic():
        row = Reminder.objects.select_for_update().get(pk=reminder.pk)
        if row.status != DeliveryStatus.FAILED or not row.email:
            raise ValidationError(
                _("Kun fejlede påmindelser med en modtageradresse kan sendes igen.")
            )
        old_error = row.last_error
        Reminder.objects.filter(pk=row.pk).update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            last_error="",
            next_attempt_at=timezone.now(),
            claim=None,
        )
        record(
            actor=actor,
            action="retry",
            obj=row,
            changes={
                "status": {"old": DeliveryStatus.FAILED, "new": DeliveryStatus.PENDING},
                "last_error": {"old": old_error, "new": ""},
            },
        )
        from smartby.reminders.tasks import send_reminders

        transaction.on_commit(send_reminders.enqueue)
    row.refresh_from_db()
    return row
