"""Subscription use cases: follow and unfollow (logged-in users), subscribe by email with double
opt-in (visitors), confirm, and unsubscribe from a digest's signed link.

Each function that changes something validates, writes in one transaction, records an audit
entry (never with an email address) and queues email after commit. Views, commands and tests
call these functions instead of saving subscription models directly.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.accounts.models import User
from smartby.audit.operations import record
from smartby.geo.models import Municipality, Region
from smartby.lib import emails
from smartby.registry.models import Area, Technology
from smartby.subscriptions.models import Kind, Subscriber, Subscription

logger = logging.getLogger(__name__)

CONFIRM_SALT = "smartby.subscriptions.confirm"
UNSUBSCRIBE_SALT = "smartby.subscriptions.unsubscribe"
CONFIRM_VALIDITY = timedelta(days=7)
# A visitor's form must not become a way to flood someone's inbox: at most one confirmation
# email per subscription in this interval, and at most this many unconfirmed subscriptions.
RESEND_INTERVAL = timedelta(minutes=10)
MAX_PENDING = 10
MAX_TOKEN_LENGTH = 200

TARGETS: dict[str, tuple[type, str]] = {
    Kind.AREA: (Area, "slug"),
    Kind.TECHNOLOGY: (Technology, "slug"),
    Kind.MUNICIPALITY: (Municipality, "code"),
    Kind.REGION: (Region, "slug"),
}


class TokenError(Exception):
    """A confirmation or unsubscribe link that cannot be used; `status` is the HTTP status."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TokenInvalid(TokenError):
    status = 400


class TokenExpired(TokenError):
    status = 410


class TokenUnknown(TokenError):
    status = 404


# Targets


def resolve_target(kind: str, value: str) -> Any:
    """The area, technology, municipality or region named by a filter value; ValidationError
    (Danish message) if there is none."""
    if kind not in TARGETS or not value or len(value) > 100:
        raise ValidationError(_("Vælg et område, en teknologi, en kommune eller en region."))
    model, field = TARGETS[kind]
    target = model.objects.filter(**{field: value}).first()
    if target is None:
        raise ValidationError(_("Det, du vil følge, findes ikke (længere)."))
    return target


def _require_user(actor: Any) -> User:
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        raise PermissionDenied(_("Du skal være logget ind for at følge emner."))
    return actor


def _subscriber_for_user(user: User) -> Subscriber:
    subscriber, _created = Subscriber.objects.get_or_create(user=user)
    return subscriber


def subscription_for(user: Any, kind: str, target: Any) -> Subscription | None:
    """The user's subscription to `target`, if any (confirmed or not)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Subscription.objects.filter(subscriber__user=user, kind=kind, **{kind: target}).first()


def user_subscriptions(user: User) -> list[Subscription]:
    return list(
        Subscription.objects.filter(subscriber__user=user)
        .select_related(*Kind.values)
        .order_by("kind", "id")
    )


# Logged-in users


def follow(actor: Any, kind: str, value: str) -> Subscription:
    """The actor follows a target; confirmed at once (the account's address is known)."""
    user = _require_user(actor)
    target = resolve_target(kind, value)
    with transaction.atomic():
        subscriber = _subscriber_for_user(user)
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber, kind=kind, **{kind: target}
        )
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        if created:
            record(actor=user, action="subscription.create", obj=subscription)
    return subscription


def unfollow(actor: Any, kind: str, value: str) -> bool:
    """Stop following a target; returns whether there was a subscription to remove."""
    user = _require_user(actor)
    target = resolve_target(kind, value)
    subscription = subscription_for(user, kind, target)
    if subscription is None:
        return False
    remove_subscription(user, subscription.pk)
    return True


def remove_subscription(actor: Any, pk: int) -> Subscription:
    """Delete one of the actor's own subscriptions (Subscription.DoesNotExist for anyone
    else's, so that a view answers 404 and reveals nothing)."""
    user = _require_user(actor)
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_related(*Kind.values)
            .select_for_update(of=("self",))
            .get(pk=pk, subscriber__user=user)
        )
        record(actor=user, action="subscription.delete", obj=subscription)
        subscription.delete()
    return subscription


# Visitors: double opt-in by email


def normalise_email(email: str) -> str:
    return email.strip().lower()


def subscribe_by_email(email: str, kind: str, value: str) -> Subscription | None:
    """A visitor asks to follow a target. Nothing is sent to the address until it confirms:
    this creates an unconfirmed subscription and emails a signed confirmation link (after
    commit). Returns None when nothing was sent (already subscribed, or too many requests);
    the visitor is told the same either way, so the form reveals nothing about an address.

    An address that belongs to an account gets the subscription on that account."""
    email = normalise_email(email)
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Indtast en gyldig e-mailadresse.")
    try:
        target = resolve_target(kind, value)
    except ValidationError as e:
        errors["value"] = e.messages[0]
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            subscriber = _subscriber_for_user(user)
        else:
            subscriber, _created = Subscriber.objects.get_or_create(user=None, email=email)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscription = Subscription.objects.filter(
            subscriber=subscriber, kind=kind, **{kind: target}
        ).first()
        if subscription is None:
            pending = subscriber.subscriptions.filter(confirmed_at__isnull=True).count()
            if pending >= MAX_PENDING:
                logger.warning("Subscriber %s has too many unconfirmed subscriptions", subscriber)
                return None
            subscription = Subscription.objects.create(
                subscriber=subscriber, kind=kind, **{kind: target}
            )
            record(actor=None, action="subscription.request", obj=subscription)
        elif subscription.confirmed_at is not None or (
            subscription.confirmation_sent_at
            and now - subscription.confirmation_sent_at < RESEND_INTERVAL
        ):
            return None
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["confirmation_sent_at"])
        emails.subscription_confirm(
            to=subscriber.address,
            link=emails.absolute_url(
                reverse("subscriptions:confirm", args=[confirm_token(subscription)])
            ),
            subscription=subscription,
            valid_days=CONFIRM_VALIDITY.days,
        )
    return subscription


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def _load(token: str, salt: str, max_age: timedelta | None = None) -> int:
    invalid = TokenInvalid(
        _("Linket er ugyldigt. Kopiér hele linket fra e-mailen, eller bed om et nyt.")
    )
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise invalid
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenExpired(
            _("Linket er udløbet. Tilmeld dig igen, så sender vi et nyt link.")
        ) from None
    except signing.BadSignature:
        raise invalid from None
    if not isinstance(pk, int):
        raise invalid
    return pk


def subscription_from_confirm_token(token: str) -> Subscription:
    pk = _load(token, CONFIRM_SALT, CONFIRM_VALIDITY)
    subscription = (
        Subscription.objects.select_related("subscriber", *Kind.values).filter(pk=pk).first()
    )
    if subscription is None:
        raise TokenUnknown(
            _("Abonnementet findes ikke længere. Måske er det afmeldt i mellemtiden.")
        )
    return subscription


def confirm_subscription(token: str) -> tuple[Subscription, bool]:
    """Confirm the subscription a link names; returns it and whether this call confirmed it
    (False: it already was)."""
    subscription = subscription_from_confirm_token(token)
    with transaction.atomic():
        updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        if updated:
            record(actor=None, action="subscription.confirm", obj=subscription)
    subscription.refresh_from_db(fields=["confirmed_at"])
    return subscription, bool(updated)


@dataclass
class Unsubscribed:
    removed: list[str]  # headings of the subscriptions removed


def subscriber_from_unsubscribe_token(token: str) -> Subscriber:
    pk = _load(token, UNSUBSCRIBE_SALT)
    subscriber = Subscriber.objects.select_related("user").filter(pk=pk).first()
    if subscriber is None:
        raise TokenUnknown(
            _("Vi kender ikke dette link. Du er sandsynligvis allerede afmeldt alle nyhedsbreve.")
        )
    return subscriber


def unsubscribe(token: str) -> Unsubscribed:
    """Remove every subscription of the subscriber a digest's link names. A subscriber without
    an account is deleted altogether (with its address)."""
    subscriber = subscriber_from_unsubscribe_token(token)
    with transaction.atomic():
        subscriptions = list(
            subscriber.subscriptions.select_related(*Kind.values).select_for_update(of=("self",))
        )
        for subscription in subscriptions:
            record(actor=None, action="subscription.unsubscribe", obj=subscription)
        subscriber.subscriptions.all().delete()
        if subscriber.user_id is None:
            subscriber.delete()
    return Unsubscribed(removed=[s.heading for s in subscriptions])


def prune_unconfirmed(now: Any = None) -> int:
    """Delete unconfirmed subscriptions whose link has expired, and visitors' subscriber rows
    (email addresses) that no longer have any subscription. Returns the number deleted."""
    now = now or timezone.now()
    cutoff = now - CONFIRM_VALIDITY
    expired = Q(confirmation_sent_at__lt=cutoff) | Q(
        confirmation_sent_at__isnull=True, created_at__lt=cutoff
    )
    deleted, _detail = Subscription.objects.filter(expired, confirmed_at__isnull=True).delete()
    orphans, _detail = Subscriber.objects.filter(
        user__isnull=True, subscriptions__isnull=True
    ).delete()
    return deleted + orphans
