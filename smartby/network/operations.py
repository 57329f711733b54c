"""Networking use cases: the peer profile, "Kontakt" messages and their retention.

A "Kontakt" message goes to each recipient as a separate email with the sender in Reply-To, so
no recipient address is ever shown to the sender (or to the other recipients); the sender gets
a receipt without them. Every message is recorded as a `ContactRequest` (organisation to
organisation, municipality to municipality, topic) for the effect dashboard. The sender's name,
address and message are kept only for CONTACT_RETENTION_DAYS (`prune_contacts`). Nothing
personal is logged: rate-limit counters are keyed by a keyed hash of the address and the IP.
"""

from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from smartby.api.middleware import hit
from smartby.api.models import RateCounter
from smartby.lib import emails
from smartby.network.models import ContactRequest, ContactTopic, PeerProfile
from smartby.orgs.models import Organisation
from smartby.registry.models import Contact, Project

HOUR = 3600
DAY = 24 * HOUR
RATE_KEY_PREFIX = "kontakt:"


class Flooded(Exception):
    """Too many messages from this address or client; nothing was sent or stored."""

    def __init__(self, wait_seconds: int) -> None:
        super().__init__(wait_seconds)
        self.wait_seconds = max(int(wait_seconds), 1)


class NoRecipients(Exception):
    """The project has no contact person with an email address."""


@dataclass(frozen=True)
class ContactInput:
    """A validated "Kontakt" message (see forms.ContactForm)."""

    name: str
    email: str
    topic: str
    message: str
    organisation: Organisation | None = None
    organisation_name: str = ""

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> "ContactInput":
        return cls(
            name=data["name"],
            email=data["email"],
            topic=data["topic"],
            message=data["message"],
            organisation=data.get("organisation"),
            organisation_name=data.get("organisation_other", ""),
        )


# The peer profile -----------------------------------------------------------------------------


def update_peer_profile(user: Any, data: dict[str, Any]) -> PeerProfile:
    """Save the user's own profile (cleaned data of PeerProfileForm). `consented_at` records when
    the user last chose to be visible."""
    with transaction.atomic():
        profile, _ = PeerProfile.objects.select_for_update().get_or_create(user=user)
        if data["visible"] and not profile.visible:
            profile.consented_at = timezone.now()
        elif not data["visible"]:
            profile.consented_at = None
        profile.visible = data["visible"]
        profile.title = data.get("title", "")
        profile.about = data.get("about", "")
        profile.save()
        profile.areas.set(data.get("areas", []))
        profile.technologies.set(data.get("technologies", []))
    return profile


def visible_profile(pk: int) -> PeerProfile | None:
    return (
        PeerProfile.objects.filter(pk=pk, visible=True, user__is_active=True)
        .select_related("user")
        .first()
    )


# Recipients -------------------------------------------------------------------------------------


def normalise_email(address: str) -> str:
    return address.strip().lower()


def project_recipients(project: Project) -> list[Contact]:
    """The project's contacts with an email address (public or not), one per address."""
    seen: set[str] = set()
    result = []
    for contact in Contact.objects.filter(project=project).exclude(email="").order_by("id"):
        address = normalise_email(contact.email)
        if address not in seen:
            seen.add(address)
            result.append(contact)
    return result


def named_recipients(recipients: list[Contact]) -> list[Contact]:
    """The recipients a sender may pick by name: only those who consented to being shown."""
    return [c for c in recipients if c.public]


# Rate limit ------------------------------------------------------------------------------------


def _rate_key(kind: str, value: str) -> str:
    digest = salted_hmac("smartby.network.contact-rate", value).hexdigest()[:40]
    return f"{RATE_KEY_PREFIX}{kind}:{digest}"


def check_rate_limit(sender_email: str, client_ip: str) -> None:
    """Count one message for the sender's address and the client's IP; raise `Flooded` with the
    seconds to wait when either is over its hourly or daily limit. Runs outside the message's
    transaction, so the count survives a refusal."""
    limits = ((settings.CONTACT_RATE_PER_HOUR, HOUR), (settings.CONTACT_RATE_PER_DAY, DAY))
    for key in (
        _rate_key("ip", client_ip or "unknown"),
        _rate_key("email", normalise_email(sender_email)),
    ):
        for limit, period in limits:
            if limit:
                wait = hit(key, limit, period)
                if wait is not None:
                    raise Flooded(wait)


# Sending ----------------------------------------------------------------------------------------


def _sender_organisation(data: ContactInput) -> tuple[Organisation | None, str]:
    if data.organisation is not None:
        return data.organisation, data.organisation.name
    match = Organisation.objects.filter(name__iexact=data.organisation_name).first()
    return (match, match.name) if match else (None, data.organisation_name)


def _deliver_after_commit(request: ContactRequest, messages: list, receipt: Any) -> None:
    def deliver() -> None:
        if all([emails.deliver(m) for m in messages]):
            ContactRequest.objects.filter(pk=request.pk).update(delivered_at=timezone.now())
        emails.deliver(receipt)

    transaction.on_commit(deliver)


def _send(
    *,
    data: ContactInput,
    sender: Any,
    client_ip: str,
    recipients: list[tuple[str, str]],
    record: dict[str, Any],
    context: dict[str, Any],
    receipt_about_url: str,
) -> ContactRequest:
    check_rate_limit(data.email, client_ip)
    organisation, organisation_name = _sender_organisation(data)
    context = {
        **context,
        "sender_name": data.name,
        "sender_email": data.email,
        "organisation_name": organisation_name,
        "topic_label": ContactTopic(data.topic).label,
        "message": data.message,
        "recipient_count": len(recipients),
    }
    with transaction.atomic():
        request = ContactRequest.objects.create(
            **record,
            from_organisation=organisation,
            from_municipality=organisation.municipality if organisation else None,
            topic=data.topic,
            sender=sender if getattr(sender, "is_authenticated", False) else None,
            sender_name=data.name,
            sender_email=data.email,
            message=data.message,
        )
        reply_to = formataddr((data.name, data.email))
        messages = [
            emails.contact_message(
                to=address, reply_to=reply_to, context={**context, "recipient_name": name}
            )
            for address, name in recipients
        ]
        receipt = emails.contact_receipt(
            to=data.email, context={**context, "about_url": receipt_about_url}
        )
        _deliver_after_commit(request, messages, receipt)
    return request


def send_to_project(
    *,
    project: Project,
    data: ContactInput,
    sender: Any = None,
    client_ip: str = "",
    contact_id: int | None = None,
) -> ContactRequest:
    """Send a message to the project's contact persons (or to one of those shown publicly)."""
    recipients = project_recipients(project)
    if contact_id:
        chosen = [c for c in named_recipients(recipients) if c.pk == contact_id]
        recipients = chosen or recipients
    if not recipients:
        raise NoRecipients
    lead = project.lead_organisation
    url = emails.absolute_url(project.get_absolute_url())
    return _send(
        data=data,
        sender=sender,
        client_ip=client_ip,
        recipients=[(c.email.strip(), c.name) for c in recipients],
        record={
            "project": project,
            "to_organisation": lead,
            "to_municipality": lead.municipality,
        },
        context={"project_title": project.title, "about_url": url},
        receipt_about_url=url,
    )


def peer_organisation(profile: PeerProfile) -> Organisation | None:
    """The organisation a contact to this person counts for: a municipality first."""
    orgs = sorted(
        (m.organisation for m in profile.user.memberships.select_related("organisation")),
        key=lambda o: (o.municipality_id is None, o.name),
    )
    return orgs[0] if orgs else None


def send_to_peer(
    *, profile: PeerProfile, data: ContactInput, sender: Any = None, client_ip: str = ""
) -> ContactRequest:
    """Send a message to a person who opted in to Find en fagkollega."""
    user = profile.user
    organisation = peer_organisation(profile)
    name = profile.display_name
    return _send(
        data=data,
        sender=sender,
        client_ip=client_ip,
        recipients=[(user.email, user.name)],
        record={
            "project": None,
            "to_organisation": organisation,
            "to_municipality": organisation.municipality if organisation else None,
        },
        context={
            "peer_name": name,
            "about_url": emails.absolute_url(reverse("network:profile")),
        },
        receipt_about_url=emails.absolute_url(reverse("network:directory")),
    )


# Retention --------------------------------------------------------------------------------------


def prune_contacts(days: int) -> tuple[int, int]:
    """Clear the sender's name, address, account link and message from contact requests older
    than `days`, and drop expired rate-limit counters. Returns (requests cleared, counters
    deleted). The organisation, municipality, topic and project stay for the statistics."""
    cutoff = timezone.now() - timedelta(days=days)
    personal = ~Q(sender_name="") | ~Q(sender_email="") | ~Q(message="") | Q(sender__isnull=False)
    cleared = (
        ContactRequest.objects.filter(created_at__lt=cutoff)
        .filter(personal)
        .update(sender_name="", sender_email="", message="", sender=None)
    )
    now = int(timezone.now().timestamp())
    counters, _ = RateCounter.objects.filter(
        key__startswith=RATE_KEY_PREFIX, window__lt=now - 2 * DAY
    ).delete()
    return cleared, counters
