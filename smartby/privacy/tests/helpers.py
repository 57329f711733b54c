"""Test data for "Mine data": a person with a record of each kind, made through real models."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from smartby.geo.models import Municipality
from smartby.network.models import ContactRequest
from smartby.registry.models import Area, Contact, Project
from smartby.registry.tests.helpers import make_project
from smartby.reminders.models import DeliveryStatus, Reminder, email_hash
from smartby.subscriptions.models import Kind, Subscriber, Subscription
from smartby.surveys.models import Invitation as SurveyInvitation
from smartby.surveys.tests.answer_helpers import make_round

SITE_URL = "https://smartby.example.dk"
#: The contact person of `make_project` who consented to publication.
METTE = "mette@example.org"
METTE_NAME = "Mette Hansen"


@dataclass
class Person:
    project: Project
    subscriber: Subscriber
    contact_request: ContactRequest
    invitation: SurveyInvitation
    reminder: Reminder


def person_everywhere(actor: Any, email: str = METTE) -> Person:
    """A project (by `actor`) with METTE as a contact, and METTE as subscriber, sender of a
    "Kontakt" message, survey invitee and reminder recipient."""
    project = make_project(actor)
    subscriber = Subscriber.objects.create(email=email)
    Subscription.objects.create(
        subscriber=subscriber,
        kind=Kind.AREA,
        area=Area.objects.get(name="Forsyning"),
        confirmed_at=timezone.now(),
    )
    request = ContactRequest.objects.create(
        project=project,
        topic="erfaringer",
        sender_name=METTE_NAME,
        sender_email=email,
        message="Hej, kan vi tale om sensorerne?",
    )
    invitation = SurveyInvitation.objects.create(
        round=make_round(),
        municipality=Municipality.objects.get(code="751"),
        email=email,
        token_hash="x" * 64,
        expires_at=timezone.now() + dt.timedelta(days=10),
    )
    reminder = Reminder.objects.create(
        project=project,
        run_date=timezone.localdate(),
        email=email,
        email_hash=email_hash(email),
        recipient_name=METTE_NAME,
        status=DeliveryStatus.PENDING,
        next_attempt_at=timezone.now(),
    )
    return Person(project, subscriber, request, invitation, reminder)


def contact_names(project: Project) -> list[str]:
    return list(Contact.objects.filter(project=project).values_list("name", flat=True))
