"""Account use cases: invitations, the user's own profile, and coordinators' user administration.

Every function that changes something checks permission (`PermissionDenied`, Danish message),
validates (`ValidationError` with a field → messages dict, so a form can show each message beside
its field), writes in one transaction, records an audit entry and queues email after commit.
Views, commands and tests call these functions instead of saving account models directly.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.accounts.models import Invitation, Membership, Role, User
from smartby.audit.operations import record
from smartby.lib import emails
from smartby.lib.tokens import hash_token
from smartby.orgs.models import Organisation

INVITATION_VALIDITY = timedelta(days=14)
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100
NAME_MAX_LENGTH = User._meta.get_field("name").max_length


class InvitationError(Exception):
    """An invitation link that cannot be used. `status` is the HTTP status to answer with."""

    status = 410

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvitationNotFound(InvitationError):
    status = 404


class InvitationExpired(InvitationError):
    pass


class InvitationUsed(InvitationError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _require_active(actor: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        raise PermissionDenied(_("Du skal være logget ind."))


# Invitations


def can_invite(actor: Any) -> bool:
    """Coordinators invite to any organisation; editors only to their own organisations."""
    if not (getattr(actor, "is_authenticated", False) and actor.is_active):
        return False
    return actor.is_coordinator or actor.memberships.exists()


def invitable_organisations(actor: User) -> QuerySet[Organisation]:
    if actor.is_coordinator:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=actor)


def invitable_roles(actor: User) -> list[tuple[str, str]]:
    if actor.is_coordinator:
        return list(Role.choices)
    return [(Role.EDITOR.value, Role.EDITOR.label)]


def invite_user(
    actor: User, email: str, organisation: Organisation | None, role: str
) -> Invitation:
    """Invite `email` to `organisation` with `role`; the email goes out after commit.

    The token is random and only its SHA-256 hash is stored: the returned invitation carries the
    plain token in `invitation.token` (not a field), and the link exists only in the email.
    Earlier open invitations for the same email and organisation expire.
    """
    _require_active(actor)
    if not actor.is_coordinator:
        if role != Role.EDITOR:
            raise PermissionDenied(_("Kun koordinatorer kan invitere nye koordinatorer."))
        if organisation is None or not actor.memberships.filter(organisation=organisation).exists():
            raise PermissionDenied(
                _("Du kan kun invitere kolleger til de organisationer, du selv er medlem af.")
            )

    email = normalise_email(email)
    errors: dict[str, str] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Indtast en gyldig e-mailadresse.")
    if role not in Role.values:
        errors["role"] = _("Vælg en gyldig rolle.")
    elif organisation is None and role != Role.COORDINATOR:
        errors["organisation"] = _("Vælg den organisation, redaktøren skal være medlem af.")
    if not errors:
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            error = _existing_user_error(existing, organisation, role)
            if error:
                errors["email"] = error
    if errors:
        raise ValidationError(errors)

    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        now = timezone.now()
        Invitation.objects.filter(
            email=email, organisation=organisation, accepted_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        invitation = Invitation.objects.create(
            email=email,
            organisation=organisation,
            role=role,
            token_hash=hash_token(token),
            invited_by=actor,
            expires_at=now + INVITATION_VALIDITY,
        )
        record(
            actor=actor,
            action="invitation.create",
            obj=invitation,
            changes={
                "email": {"old": None, "new": email},
                "organisation": {"old": None, "new": organisation.name if organisation else None},
                "role": {"old": None, "new": role},
            },
        )
        emails.invitation(
            to=email,
            link=emails.absolute_url(reverse("accounts:accept_invitation", args=[token])),
            organisation=organisation,
            role_label=Role(role).label,
            invited_by=actor,
            expires_at=invitation.expires_at,
        )
    invitation.token = token
    return invitation


def _existing_user_error(user: User, organisation: Organisation | None, role: str) -> str:
    if not user.is_active:
        return _(
            "Brugeren med denne e-mail er deaktiveret. En koordinator kan genaktivere brugeren."
        )
    gains_membership = (
        organisation is not None and not user.memberships.filter(organisation=organisation).exists()
    )
    gains_role = role == Role.COORDINATOR and not user.is_coordinator
    if gains_membership or gains_role:
        return ""
    if organisation is not None:
        return _("%(email)s er allerede medlem af %(organisation)s.") % {
            "email": user.email,
            "organisation": organisation.name,
        }
    return _("%(email)s er allerede koordinator.") % {"email": user.email}


def get_invitation(token: str) -> Invitation:
    """The open invitation for `token`, or an `InvitationError` saying why it cannot be used."""
    invitation = None
    if token and len(token) <= MAX_TOKEN_LENGTH:
        invitation = (
            Invitation.objects.select_related("organisation", "invited_by")
            .filter(token_hash=hash_token(token))
            .first()
        )
    if invitation is None:
        raise InvitationNotFound(
            _("Linket findes ikke. Kontrollér, at du har kopieret hele linket fra mailen.")
        )
    _check_open(invitation)
    return invitation


def _check_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationUsed(
            _("Invitationen er allerede brugt. Log ind med din e-mail og adgangskode.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationExpired(
            _("Invitationen er udløbet. Bed den, der inviterede dig, om at sende en ny.")
        )


def invited_user(invitation: Invitation) -> User | None:
    """The existing account an invitation is for, if any (then accepting adds the membership)."""
    return User.objects.filter(email__iexact=invitation.email).first()


def accept_invitation(token: str, *, name: str = "", password: str = "") -> User:
    """Accept an invitation: create the user (name and password required) with the invited role
    and membership, or, for an existing account, add the membership (and raise an editor to
    coordinator if so invited). The token can be used once."""
    invitation = get_invitation(token)
    existing = invited_user(invitation)
    name = name.strip()
    if existing is None:
        errors: dict[str, list[str]] = {}
        if not name:
            errors["name"] = [_("Skriv dit navn.")]
        elif len(name) > NAME_MAX_LENGTH:
            errors["name"] = [_("Navnet er for langt.")]
        try:
            validate_new_password(User(email=invitation.email, name=name), password)
        except ValidationError as e:
            errors.update(e.message_dict)
        if errors:
            raise ValidationError(errors)
    elif not existing.is_active:
        raise InvitationError(_("Kontoen for denne e-mail er deaktiveret. Kontakt en koordinator."))

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(invitation)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        if existing is None:
            user = User.objects.create_user(
                invitation.email, password, name=name, role=invitation.role
            )
            record(
                actor=user,
                action="user.create",
                obj=user,
                changes={
                    "email": {"old": None, "new": user.email},
                    "name": {"old": None, "new": user.name},
                    "role": {"old": None, "new": user.role},
                },
            )
        else:
            user = User.objects.select_for_update().get(pk=existing.pk)
            if invitation.role == Role.COORDINATOR and user.role != Role.COORDINATOR:
                _set_role(user, user, Role.COORDINATOR)
        organisation = invitation.organisation
        if (
            organisation is not None
            and not user.memberships.filter(organisation=organisation).exists()
        ):
            _add_membership(user, user, organisation)
        record(
            actor=user,
            action="invitation.accept",
            obj=invitation,
            changes={"accepted_at": {"old": None, "new": invitation.accepted_at.isoformat()}},
        )
    return user


def recent_invitations(actor: User, limit: int = 20) -> QuerySet[Invitation]:
    """The invitations `actor` sent lately (all of them for coordinators), with a `status`:
    "accepted", "expired" or "pending"."""
    qs = Invitation.objects.select_related("organisation", "invited_by").annotate(
        status=Case(
            When(accepted_at__isnull=False, then=Value("accepted")),
            When(expires_at__lte=timezone.now(), then=Value("expired")),
            default=Value("pending"),
        )
    )
    if not actor.is_coordinator:
        qs = qs.filter(invited_by=actor)
    return qs[:limit]


# The user's own account


def update_profile(actor: User, *, name: str) -> User:
    _require_active(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Skriv dit navn.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError({"name": _("Navnet er for langt.")})
    if name == actor.name:
        return actor
    with transaction.atomic():
        old = actor.name
        actor.name = name
        actor.save(update_fields=["name"])
        record(
            actor=actor,
            action="user.update",
            obj=actor,
            changes={"name": {"old": old, "new": name}},
        )
    return actor


def validate_new_password(user: User, password: str) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), errors on `password`."""
    if not password:
        raise ValidationError({"password": [_("Vælg en adgangskode.")]})
    try:
        validate_password(password, user=user)
    except ValidationError as e:
        raise ValidationError({"password": e.messages}) from e


def change_password(actor: User, *, password: str) -> User:
    """Set the actor's own password (from the profile page or a password-reset link)."""
    _require_active(actor)
    validate_new_password(actor, password)
    with transaction.atomic():
        actor.set_password(password)
        actor.save(update_fields=["password"])
        record(actor=actor, action="user.password_change", obj=actor)
    return actor


# User administration (coordinators)


def can_manage_users(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.is_coordinator)


def _require_user_admin(actor: Any, user: User | None = None) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied(_("Kun koordinatorer kan administrere brugere."))
    if user is not None and user.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Kun en superbruger kan ændre en superbruger."))


def user_list(actor: User, query: str = "") -> QuerySet[User]:
    """Users for the coordinators' list, searchable by name or email."""
    _require_user_admin(actor)
    qs = User.objects.prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    ).order_by("name", "email")
    query = query.strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return qs


def change_role(actor: User, user: User, role: str) -> User:
    _require_user_admin(actor, user)
    if role not in Role.values:
        raise ValidationError({"role": _("Vælg en gyldig rolle.")})
    if user.pk == actor.pk:
        raise ValidationError({"role": _("Du kan ikke ændre din egen rolle.")})
    if user.role == role:
        return user
    with transaction.atomic():
        _set_role(actor, user, role)
    return user


def _set_role(actor: User, user: User, role: str) -> None:
    old = user.role
    user.role = role
    user.save(update_fields=["role"])
    record(actor=actor, action="user.role", obj=user, changes={"role": {"old": old, "new": role}})


def set_active(actor: User, user: User, active: bool) -> User:
    """Deactivate (the user can no longer log in, their sessions end) or reactivate a user."""
    _require_user_admin(actor, user)
    if user.pk == actor.pk and not active:
        raise ValidationError({"is_active": _("Du kan ikke deaktivere dig selv.")})
    if user.is_active == active:
        return user
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="user.activate" if active else "user.deactivate",
            obj=user,
            changes={"is_active": {"old": not active, "new": active}},
        )
    return user


def add_membership(actor: User, user: User, organisation: Organisation) -> Membership:
    _require_user_admin(actor, user)
    if user.memberships.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(user)s er allerede medlem af %(organisation)s.")
                % {"user": user, "organisation": organisation.name}
            }
        )
    with transaction.atomic():
        return _add_membership(actor, user, organisation)


def _add_membership(actor: User, user: User, organisation: Organisation) -> Membership:
    membership = Membership.objects.create(user=user, organisation=organisation)
    record(
        actor=actor,
        action="user.add_membership",
        obj=user,
        changes={"organisation": {"old": None, "new": organisation.name}},
    )
    return membership


def remove_membership(actor: User, user: User, organisation: Organisation) -> None:
    _require_user_admin(actor, user)
    with transaction.atomic():
        deleted, _rows = Membership.objects.filter(user=user, organisation=organisation).delete()
        if not deleted:
            raise ValidationError(
                {
                    "organisation": _("%(user)s er ikke medlem af %(organisation)s.")
                    % {"user": user, "organisation": organisation.name}
                }
            )
        record(
            actor=actor,
            action="user.remove_membership",
            obj=user,
            changes={"organisation": {"old": organisation.name, "new": None}},
        )
