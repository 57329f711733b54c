"""Subscriptions: who follows which area, technology, municipality or region, and which weekly
digests were sent. A recipient (`Subscriber`) is a user or, for visitors without an account, an
email address that confirmed each subscription (double opt-in)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a subscription follows. The values are the project filters' facet names, and the
    names of the foreign keys on `Subscription`."""

    AREA = "area", _("Forvaltningsområde")
    TECHNOLOGY = "technology", _("Teknologi")
    MUNICIPALITY = "municipality", _("Kommune")
    REGION = "region", _("Region")


KIND_ORDER = [Kind.AREA, Kind.TECHNOLOGY, Kind.REGION, Kind.MUNICIPALITY]


class Subscriber(models.Model):
    """One recipient of digests: a user (`user`), or an email address without an account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriber",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonnent")
        verbose_name_plural = _("abonnenter")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, email="") | Q(user__isnull=True) & ~Q(email=""),
                name="subscriber_user_or_email",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(user__isnull=True),
                name="unique_subscriber_email",
            ),
        ]

    def __str__(self) -> str:
        # No address here: the string ends up in the audit log.
        return gettext("Abonnent %(pk)s") % {"pk": self.pk}

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def active(self) -> bool:
        return self.user is None or self.user.is_active


def _one_target(kind: str) -> Q:
    return Q(kind=kind) & Q(**{f"{k}__isnull": k != kind for k in Kind.values})


class Subscription(models.Model):
    """A subscriber follows one area, technology, municipality or region. The foreign key named
    by `kind` is set, the others are empty; deleting the followed term deletes the subscription."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(
        "registry.Area", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    technology = models.ForeignKey(
        "registry.Technology", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        "geo.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    # Subscriptions by a logged-in user are confirmed at once; by email after the link is used.
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        constraints = [
            models.CheckConstraint(
                condition=_one_target(Kind.AREA)
                | _one_target(Kind.TECHNOLOGY)
                | _one_target(Kind.MUNICIPALITY)
                | _one_target(Kind.REGION),
                name="subscription_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["subscriber", kind],
                    condition=Q(**{f"{kind}__isnull": False}),
                    name=f"unique_subscription_{kind}",
                )
                for kind in Kind.values
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def target(self) -> Any:
        return getattr(self, self.kind)

    @property
    def value(self) -> str:
        """The filter value of the target: a slug, or a municipality code."""
        return target_value(self.kind, self.target)

    @property
    def heading(self) -> str:
        """'Teknologi: IoT-sensorer', 'Aarhus Kommune', 'Region Midtjylland'."""
        return heading(self.kind, self.target)

    @property
    def description(self) -> str:
        """'teknologien IoT-sensorer', for a sentence."""
        return description(self.kind, self.target)

    def list_url(self, **extra: str) -> str:
        return project_list_url(self.kind, self.value, **extra)


def target_value(kind: str, target: Any) -> str:
    return target.code if kind == Kind.MUNICIPALITY else target.slug


def heading(kind: str, target: Any) -> str:
    if kind == Kind.AREA:
        return gettext("Område: %(name)s") % {"name": target.name}
    if kind == Kind.TECHNOLOGY:
        return gettext("Teknologi: %(name)s") % {"name": target.name}
    if kind == Kind.MUNICIPALITY:
        return gettext("%(name)s Kommune") % {"name": target.name}
    return target.name


def description(kind: str, target: Any) -> str:
    if kind == Kind.AREA:
        return gettext("området %(name)s") % {"name": target.name}
    if kind == Kind.TECHNOLOGY:
        return gettext("teknologien %(name)s") % {"name": target.name}
    if kind == Kind.MUNICIPALITY:
        return gettext("%(name)s Kommune") % {"name": target.name}
    return target.name


def project_list_url(kind: str, value: str, **extra: str) -> str:
    return reverse("registry:project_list") + "?" + urlencode({kind: value, **extra})


class Digest(models.Model):
    """A weekly digest for one subscriber and period (the Monday of its week). The row is
    written before the email is sent and is unique, so a second run in the same week sends
    nothing; `sent_at` is set once the SMTP server has accepted the message."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digests")
    period = models.DateField(_("uge (mandag)"))
    since = models.DateTimeField(_("ændringer fra"))
    until = models.DateTimeField(_("ændringer til"))
    project_count = models.PositiveIntegerField(_("antal projekter"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        ordering = ["-period", "-id"]
        verbose_name = _("nyhedsbrev")
        verbose_name_plural = _("nyhedsbreve")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "period"], name="unique_digest_period")
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} {self.period:%G-W%V}"
