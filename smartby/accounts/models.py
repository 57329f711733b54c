from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


class Role(models.TextChoices):
    EDITOR = "editor", _("Redaktør")
    COORDINATOR = "coordinator", _("Koordinator")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=Role.COORDINATOR)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with email and password. Readers need no account."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    organisations = models.ManyToManyField(
        "orgs.Organisation",
        through="Membership",
        related_name="members",
        verbose_name=_("organisationer"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("administrator"), default=False)
    date_joined = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_coordinator(self) -> bool:
        """Coordinator rights. False while `second_factor_missing` is set: the middleware sets
        it on the request's user when a coordinator's session lacks the required second factor
        (accounts/middleware.py), so every coordinator-only check refuses until then."""
        if getattr(self, "second_factor_missing", False):
            return False
        return self.is_active and (self.is_superuser or self.role == Role.COORDINATOR)

    @property
    def needs_second_factor(self) -> bool:
        """Coordinators and superusers must use two-factor authentication
        (settings.REQUIRE_2FA_FOR_COORDINATORS)."""
        return self.is_active and (self.is_superuser or self.role == Role.COORDINATOR)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Invitation(models.Model):
    """An invitation by email. Only a hash of the token is stored; the link is shown once."""

    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"


class LoginFailure(models.Model):
    """One failed login, counted per account and per client (keys are keyed hashes, so the
    table holds neither e-mail addresses nor IP addresses). See `accounts/throttle.py`."""

    key = models.CharField(_("nøgle"), max_length=80, db_index=True)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("mislykket login")
        verbose_name_plural = _("mislykkede logins")

    def __str__(self) -> str:
        return f"{self.key.split(':', 1)[0]} {self.at:%Y-%m-%d %H:%M:%S}"


class RecoveryDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's single-use recovery codes as a django-otp device, so that a recovery code can
    verify a session like the authenticator app can. Unlike django-otp's static device (which
    keeps its codes in plain text), only a keyed hash of each code is stored; see
    `accounts/twofactor.py`."""

    class Meta(Device.Meta):
        verbose_name = _("gendannelseskoder")
        verbose_name_plural = _("gendannelseskoder")

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_RECOVERY_THROTTLE_FACTOR", 1)

    def verify_token(self, token: str) -> bool:
        from smartby.accounts.twofactor import hash_recovery_code

        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(code_hash=hash_recovery_code(token)).delete()[0]
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(used)


class RecoveryCode(models.Model):
    """One unused recovery code (its keyed SHA-256 hash); deleted when used."""

    device = models.ForeignKey(RecoveryDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"{self.device.user} ({self.pk})"
