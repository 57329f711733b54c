"""Data-subject rights: see, export and delete everything Smartby holds about one person.

A person is identified by an e-mail address (and the user account with that address, if any).
`collect` finds every record, grouped by kind; `export` is the same as a JSON document
(FORMAT); `delete` removes or anonymises it all in one transaction. Projects, their other
contacts and their history stay: a contact person is removed from the project, a user with
authored history is anonymised to "Slettet bruger #id" instead of deleted, and the person's
name and address are redacted from audit entries.

Three ways in, each checked here: a "Mine data" link sent to the address (`request_link`,
`open_link`), a logged-in user for their own account, and a coordinator (web or `smartby
personal-data`) acting on a person's request. Every export and deletion is audited without the
personal data itself (counts only). Nothing personal is logged.
"""

import logging
import secrets
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email as django_validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_tasks_db.models import DBTaskResult

from smartby.accounts import throttle
from smartby.accounts.models import Invitation as AccountInvitation
from smartby.accounts.models import LoginFailure, Membership, User
from smartby.api.models import ApiToken
from smartby.audit.models import AuditEntry
from smartby.climate.models import PhaseEvent
from smartby.kits.models import Booking
from smartby.lib import emails
from smartby.lib.errors import ValidationFailed
from smartby.lib.tokens import hash_token
from smartby.network.models import ContactRequest, PeerProfile
from smartby.network.operations import check_rate_limit, normalise_email
from smartby.portfolio.models import StatusReport
from smartby.priorities.models import Assessor
from smartby.privacy.models import AccessLink
from smartby.registry.models import Contact, Project
from smartby.reminders.models import Reminder, email_hash
from smartby.subscriptions.models import Subscriber, Subscription
from smartby.surveys.models import Invitation as SurveyInvitation

logger = logging.getLogger(__name__)

FORMAT = "smartby-personal-data/1"
REDACTED = "[slettet]"
AUDIT_OBJECT_TYPE = "privacy.personaldata"
#: Names shorter than this are not redacted from audit entries (too many false matches).
MIN_REDACTED_NAME = 4
#: Reverse relations of a user that are the person's own data, deleted with the account; any
#: other row pointing at the user is authored history, and the user is anonymised instead.
OWN_DATA = {
    "accounts.membership",
    "api.apitoken",
    "network.peerprofile",
    "subscriptions.subscriber",
    "auth.group",
    "auth.permission",
}


# Links ------------------------------------------------------------------------------------------


class LinkError(Exception):
    """A "Mine data" link that cannot be used (the message is shown to the visitor)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def validate_email(address: str) -> str:
    address = normalise_email(address or "")
    try:
        django_validate_email(address)
    except DjangoValidationError:
        raise ValidationFailed(
            [{"field": "email", "message": _("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")}]
        ) from None
    return address


def request_link(address: str, client_ip: str) -> AccessLink | None:
    """Send a "Mine data" link to `address` when Smartby holds anything about it. The caller
    answers the same either way. Rate limited like the "Kontakt" form (network.Flooded) with
    counters of its own; the count survives a refusal."""
    address = validate_email(address)
    check_rate_limit("mine-data:" + address, "mine-data:" + (client_ip or "unknown"))
    if not collect(subject_for(address)).has_data:
        return None
    token = secrets.token_urlsafe(32)
    max_age = timedelta(minutes=settings.PRIVACY_LINK_MAX_AGE_MINUTES)
    with transaction.atomic():
        link = AccessLink.objects.create(
            email=address, token_hash=hash_token(token), expires_at=timezone.now() + max_age
        )
        url = emails.absolute_url(reverse("privacy:link", args=[token]))
        message = emails.render(
            "privacy/access-link",
            address,
            {"link": url, "valid_minutes": settings.PRIVACY_LINK_MAX_AGE_MINUTES},
        )
        # Sent on a thread after commit, so that a known address answers as fast as an
        # unknown one (the response must not tell whether Smartby knows the address).
        thread = threading.Thread(
            target=emails.deliver,
            args=(message,),
            kwargs={"reference": f"privacy link {link.pk}"},
            daemon=True,
        )
        transaction.on_commit(thread.start)
    return link


def open_link(token: str) -> AccessLink:
    """The link for `token`, or LinkError when it is unknown, expired or used."""
    link = AccessLink.objects.filter(token_hash=hash_token(token or "")).first() if token else None
    if link is None or len(token) > 100:
        raise LinkError(
            _("Linket er ugyldigt. Kontrollér, at du har kopieret hele linket fra mailen.")
        )
    if link.used_at is not None:
        raise LinkError(_("Linket er allerede brugt. Bestil et nyt, hvis du har brug for det."))
    if link.expires_at <= timezone.now():
        raise LinkError(_("Linket er udløbet. Bestil et nyt link til dine data."))
    return link


# Finding a person's data ----------------------------------------------------------------------


@dataclass
class Subject:
    """The person: a normalised e-mail address and the user account with it, if any."""

    email: str
    user: User | None


def subject_for(address: str) -> Subject:
    address = normalise_email(address)
    return Subject(email=address, user=User.objects.filter(email__iexact=address).first())


@dataclass
class Group:
    key: str
    title: str
    published: str
    items: list[dict[str, Any]]


@dataclass
class Inventory:
    subject: Subject
    groups: list[Group] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(g.items for g in self.groups)

    def counts(self) -> dict[str, int]:
        return {g.key: len(g.items) for g in self.groups}


def _names(subject: Subject) -> set[str]:
    names = set(Contact.objects.filter(email__iexact=subject.email).values_list("name", flat=True))
    if subject.user is not None and subject.user.name:
        names.add(subject.user.name)
    return {n for n in names if len(n.strip()) >= MIN_REDACTED_NAME}


def _mentions(subject: Subject) -> Q:
    terms = {subject.email, *_names(subject)}
    q = Q(pk__in=[])
    for term in terms:
        q |= Q(object_repr__icontains=term) | Q(changes__icontains=term)
    return q


def _dt(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect(subject: Subject) -> Inventory:
    """Every record holding the person's address or account, grouped by kind."""
    email, user = subject.email, subject.user
    inv = Inventory(subject)
    contacts = Contact.objects.filter(email__iexact=email).select_related("project")
    inv.groups.append(
        Group(
            "project_contacts",
            _("Kontaktperson på projekter"),
            _(
                "Navn, rolle og organisation vises på projektsiden, når du har givet samtykke "
                "(“vises offentligt”). E-mail og telefon vises aldrig."
            ),
            [
                {
                    "project": c.project.title,
                    "project_url": c.project.get_absolute_url(),
                    "name": c.name,
                    "role": c.role,
                    "organisation": c.organisation,
                    "email": c.email,
                    "phone": c.phone,
                    "public": c.public,
                }
                for c in contacts
            ],
        )
    )
    account = []
    if user is not None:
        account.append(
            {
                "email": user.email,
                "name": user.name,
                "role": user.role,
                "organisations": [m.organisation.name for m in user.memberships.all()],
                "is_active": user.is_active,
                "date_joined": _dt(user.date_joined),
                "last_login": _dt(user.last_login),
            }
        )
    inv.groups.append(
        Group(
            "account",
            _("Brugerkonto"),
            _("Vises ikke offentligt. Dit navn vises ved de ændringer, du har lavet."),
            account,
        )
    )
    profiles = PeerProfile.objects.filter(user=user) if user else PeerProfile.objects.none()
    inv.groups.append(
        Group(
            "peer_profile",
            _("Profil i Find en fagkollega"),
            _("Vises kun for andre, når “vis mig” er valgt. E-mailadressen vises aldrig."),
            [
                {
                    "visible": p.visible,
                    "title": p.title,
                    "about": p.about,
                    "areas": [a.name for a in p.areas.all()],
                    "technologies": [t.name for t in p.technologies.all()],
                    "consented_at": _dt(p.consented_at),
                }
                for p in profiles
            ],
        )
    )
    devices = list(devices_for_user(user, confirmed=None)) if user else []
    inv.groups.append(
        Group(
            "two_factor_devices",
            _("Totrinsbekræftelse"),
            _("Vises ikke. Nøglerne bruges kun til at bekræfte dit login."),
            [{"name": d.name, "confirmed": d.confirmed} for d in devices],
        )
    )
    tokens = ApiToken.objects.filter(user=user) if user else ApiToken.objects.none()
    inv.groups.append(
        Group(
            "api_tokens",
            _("API-nøgler"),
            _("Vises ikke. Kun en hash af nøglen er gemt."),
            [
                {
                    "name": t.name,
                    "prefix": t.prefix,
                    "scope": t.scope,
                    "created_at": _dt(t.created_at),
                    "last_used_at": _dt(t.last_used_at),
                    "revoked_at": _dt(t.revoked_at),
                }
                for t in tokens
            ],
        )
    )
    subscriber_q = Q(user__isnull=True, email__iexact=email)
    if user is not None:
        subscriber_q |= Q(user=user)
    subscriptions = [
        {
            "subscription": s.heading,
            "created_at": _dt(s.created_at),
            "confirmed_at": _dt(s.confirmed_at),
        }
        for subscriber in Subscriber.objects.filter(subscriber_q)
        for s in subscriber.subscriptions.all()
    ]
    inv.groups.append(
        Group(
            "subscriptions",
            _("Abonnementer på nyheder"),
            _("Vises ikke. Adressen bruges kun til at sende ugens nyheder."),
            subscriptions,
        )
    )
    sender_q = Q(sender_email__iexact=email)
    if user is not None:
        sender_q |= Q(sender=user)
    inv.groups.append(
        Group(
            "contact_requests",
            _("Beskeder sendt med “Kontakt”"),
            _(
                "Vises ikke. Modtagerne fik beskeden på mail; navn, adresse og tekst slettes "
                "efter %(days)s dage."
            )
            % {"days": settings.CONTACT_RETENTION_DAYS},
            [
                {
                    "created_at": _dt(r.created_at),
                    "topic": r.get_topic_display(),
                    "project": r.project.title if r.project else "",
                    "sender_name": r.sender_name,
                    "sender_email": r.sender_email,
                    "message": r.message,
                }
                for r in ContactRequest.objects.filter(sender_q).select_related("project")
            ],
        )
    )
    invitations = SurveyInvitation.objects.filter(
        Q(email__iexact=email) | Q(handed_over_to__iexact=email)
    ).select_related("round", "municipality")
    inv.groups.append(
        Group(
            "survey_invitations",
            _("Links til kommunernes undersøgelser"),
            _("Vises ikke. Besvarelserne tilhører kommunen og slettes ikke."),
            [
                {
                    "round": i.round.name,
                    "municipality": i.municipality.name,
                    "email": i.email if i.email.lower() == email else "",
                    "handed_over_to": i.handed_over_to if i.handed_over_to.lower() == email else "",
                    "sent_at": _dt(i.sent_at),
                }
                for i in invitations
            ],
        )
    )
    bookings = (
        Booking.objects.filter(Q(requested_by=user) | Q(decided_by=user)).select_related("kit")
        if user
        else Booking.objects.none()
    )
    inv.groups.append(
        Group(
            "kit_bookings",
            _("Reservationer af IoT-kits"),
            _("Vises for kittets ejer og koordinatorer."),
            [
                {
                    "kit": b.kit.name,
                    "start_date": b.start_date.isoformat(),
                    "end_date": b.end_date.isoformat(),
                    "status": b.get_status_display(),
                    "requested_by_you": b.requested_by_id == user.pk,
                    "purpose": b.purpose,
                }
                for b in bookings
            ],
        )
    )
    reminder_q = Q(email__iexact=email) | Q(email_hash=email_hash(email))
    if user is not None:
        reminder_q |= Q(user=user)
    inv.groups.append(
        Group(
            "reminders",
            _("Påmindelser om at opdatere projekter"),
            _("Vises for koordinatorer. Adressen slettes, når mailen er sendt."),
            [
                {
                    "project": r.project.title,
                    "kind": r.get_kind_display(),
                    "run_date": r.run_date.isoformat(),
                    "status": r.get_status_display(),
                    "answer": r.get_answer_display(),
                }
                for r in Reminder.objects.filter(reminder_q).select_related("project")
            ],
        )
    )
    inv.groups.append(
        Group(
            "account_invitations",
            _("Invitationer til Smartby"),
            _("Vises for koordinatorer."),
            [
                {
                    "organisation": i.organisation.name if i.organisation else "",
                    "created_at": _dt(i.created_at),
                    "expires_at": _dt(i.expires_at),
                    "accepted_at": _dt(i.accepted_at),
                }
                for i in AccountInvitation.objects.filter(email__iexact=email).select_related(
                    "organisation"
                )
            ],
        )
    )
    assessors = (
        Assessor.objects.filter(user=user).select_related("round")
        if user
        else Assessor.objects.none()
    )
    inv.groups.append(
        Group(
            "assessments",
            _("Bedømmelser i prioriteringsrunder"),
            _("Vises for koordinatorer og de andre bedømmere i runden."),
            [
                {
                    "round": str(a.round),
                    "invited_at": _dt(a.invited_at),
                    "scores": a.scores.count(),
                }
                for a in assessors
            ],
        )
    )
    audit_q = _mentions(subject)
    if user is not None:
        audit_q |= Q(actor=user)
    inv.groups.append(
        Group(
            "audit_entries",
            _("Revisionsspor"),
            _(
                "Vises for koordinatorer (og på projekternes historik): hvem ændrede hvad og "
                "hvornår. Indeholder aldrig e-mailadresser eller telefonnumre fra projekterne."
            ),
            [
                {
                    "at": _dt(e.at),
                    "action": e.action,
                    "object": e.object_repr,
                    "by_you": user is not None and e.actor_id == user.pk,
                    "changes": e.changes,
                }
                for e in AuditEntry.objects.filter(audit_q).exclude(object_type=AUDIT_OBJECT_TYPE)
            ],
        )
    )
    return inv


def export(inventory: Inventory) -> dict[str, Any]:
    """The machine-readable document (FORMAT) of everything in `inventory`."""
    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "email": inventory.subject.email,
        "records": {g.key: g.items for g in inventory.groups},
    }


# Permission -----------------------------------------------------------------------------------


def authorise(actor: Any, subject: Subject, link: AccessLink | None = None) -> None:
    """Who may see, export and delete a person's data: the holder of a working link for the
    address, the logged-in user for their own address, or a coordinator."""
    if link is not None:
        if link.used_at is not None or link.expires_at <= timezone.now():
            raise PermissionDenied
        if normalise_email(link.email) != subject.email:
            raise PermissionDenied
        return
    if getattr(actor, "is_authenticated", False) and (
        actor.is_coordinator or normalise_email(actor.email) == subject.email
    ):
        return
    raise PermissionDenied


def _audit(actor: Any, action: str, link: AccessLink | None, changes: dict[str, Any]) -> None:
    AuditEntry.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=action,
        object_type=AUDIT_OBJECT_TYPE,
        object_id=str(link.pk) if link else "",
        object_repr=_("Personoplysninger"),
        changes=changes,
        source=changes.get("via", "web"),
    )


def export_for(
    actor: Any, subject: Subject, *, link: AccessLink | None = None, via: str = "web"
) -> dict[str, Any]:
    """Authorise, collect and audit an export (the entry holds counts, never the data)."""
    authorise(actor, subject, link)
    inventory = collect(subject)
    with transaction.atomic():
        _audit(actor, "personal_data.exported", link, {"via": via, "counts": inventory.counts()})
    return export(inventory)


# Deletion -------------------------------------------------------------------------------------


@dataclass
class DeletionResult:
    counts: dict[str, int]
    projects_without_contact: list[Project]
    account: str  # "none", "deleted" or "anonymised"


def pseudonym(user: User) -> str:
    return _("Slettet bruger #%(id)s") % {"id": user.pk}


def _redact(value: Any, terms: list[str]) -> Any:
    if isinstance(value, str):
        lowered = value.lower()
        for term in terms:
            start = lowered.find(term.lower())
            while start != -1:
                value = value[:start] + REDACTED + value[start + len(term) :]
                lowered = value.lower()
                start = lowered.find(term.lower(), start + len(REDACTED))
        return value
    if isinstance(value, list):
        return [_redact(v, terms) for v in value]
    if isinstance(value, dict):
        return {k: _redact(v, terms) for k, v in value.items()}
    return value


def _has_history(user: User) -> bool:
    """Whether anything but the person's own data points at the user (authored rows)."""
    if AuditEntry.objects.filter(actor=user).exclude(object_type=AUDIT_OBJECT_TYPE).exists():
        return True
    for rel in User._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete) or rel.many_to_many:
            continue
        model = rel.related_model
        if model is AuditEntry or model._meta.label_lower in OWN_DATA or issubclass(model, Device):
            continue  # audit entries: checked above; devices: deleted with the account
        if rel.related_model._default_manager.filter(**{rel.field.name: user.pk}).exists():
            return True
    return False


def delete(
    actor: Any, subject: Subject, *, link: AccessLink | None = None, via: str = "web"
) -> DeletionResult:
    """Remove the person from Smartby in one transaction (see the module docstring)."""
    authorise(actor, subject, link)
    email, user = subject.email, subject.user
    user_pk = user.pk if user is not None else None
    counts: dict[str, int] = {}
    with transaction.atomic():
        if link is not None:
            claimed = AccessLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
            if not claimed:
                raise PermissionDenied
        terms = sorted({email, *_names(subject)}, key=len, reverse=True)
        mentions = list(AuditEntry.objects.filter(_mentions(subject)))
        for entry in mentions:
            entry.object_repr = _redact(entry.object_repr, terms)[:300]
            entry.changes = _redact(entry.changes, terms)
            entry.save(update_fields=["object_repr", "changes"])
        counts["audit_entries_redacted"] = len(mentions)

        contacts = list(Contact.objects.filter(email__iexact=email).select_related("project"))
        projects = {c.project_id: c.project for c in contacts}
        for contact in contacts:
            contact.delete()
        for project in projects.values():
            AuditEntry.objects.create(
                actor=None,
                action="update",  # shown on the project's history page like an edit
                object_type=project._meta.label_lower,
                object_id=str(project.pk),
                object_repr=str(project)[:300],
                changes={"contacts": {"old": REDACTED, "new": None}},
                source=via,
            )
        counts["project_contacts"] = len(contacts)
        empty = [p for p in projects.values() if not p.contacts.exists()]

        subscriber_q = Q(user__isnull=True, email__iexact=email)
        sender_q = Q(sender_email__iexact=email)
        reminder_q = Q(email__iexact=email) | Q(email_hash=email_hash(email))
        if user is not None:
            subscriber_q |= Q(user=user)
            sender_q |= Q(sender=user)
            reminder_q |= Q(user=user)
        subscribers = Subscriber.objects.filter(subscriber_q)
        counts["subscriptions"] = Subscription.objects.filter(subscriber__in=subscribers).count()
        subscribers.delete()
        # Cleared like the retention rule does: the organisations and topic stay for the effect
        # dashboard's counts; nothing in them identifies the sender.
        counts["contact_requests"] = ContactRequest.objects.filter(sender_q).update(
            sender_name="", sender_email="", message="", sender=None
        )
        counts["survey_invitations"] = SurveyInvitation.objects.filter(email__iexact=email).update(
            email=""
        ) + SurveyInvitation.objects.filter(handed_over_to__iexact=email).update(handed_over_to="")
        reminders = list(Reminder.objects.filter(reminder_q))
        for reminder in reminders:
            reminder.email = ""
            reminder.recipient_name = ""
            reminder.user = None
            reminder.email_hash = email_hash(f"slettet:{reminder.pk}")
            reminder.save(update_fields=["email", "recipient_name", "user", "email_hash"])
        counts["reminders"] = len(reminders)
        counts["account_invitations"] = AccountInvitation.objects.filter(
            email__iexact=email
        ).delete()[0]
        LoginFailure.objects.filter(key=throttle.account_key(email)).delete()
        counts["task_results"] = DBTaskResult.objects.filter(
            Q(args_kwargs__icontains=email) | Q(return_value__icontains=email),
            finished_at__isnull=False,
        ).delete()[0]
        counts["account"] = 0
        account = "none"
        if user is not None:
            counts["account"] = 1
            counts["kit_bookings"] = Booking.objects.filter(requested_by=user).update(
                requested_by=None
            ) + Booking.objects.filter(decided_by=user).update(decided_by=None)
            counts["peer_profile"] = PeerProfile.objects.filter(user=user).delete()[0]
            counts["api_tokens"] = ApiToken.objects.filter(user=user).delete()[0]
            Membership.objects.filter(user=user).delete()
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            if _has_history(user):
                name = pseudonym(user)
                if user.name:
                    StatusReport.objects.filter(author=user).update(author_name=name)
                    PhaseEvent.objects.filter(actor=user).update(actor_name=name)
                user.email = f"slettet-{user.pk}@slettet.invalid"
                user.name = name
                user.is_active = False
                user.is_staff = False
                user.is_superuser = False
                user.set_unusable_password()
                user.save()
                account = "anonymised"
            else:
                user.delete()
                account = "deleted"
        if account == "deleted" and getattr(actor, "pk", None) == user_pk:
            actor = None  # the user deleted their own account, which had no history
        _audit(
            actor,
            "personal_data.deleted",
            link,
            {
                "via": via,
                "account": account,
                "counts": counts,
                "projects_without_contact": [p.pk for p in empty],
            },
        )
    logger.info("Personal data deleted via %s: %s", via, counts)
    return DeletionResult(counts=counts, projects_without_contact=empty, account=account)
