"""IoT kits that the network's members lend each other, their bookings, and the årshjul of
network events and deadlines.

On PostgreSQL an exclusion constraint (migration 0002) keeps two active bookings of the same kit
from overlapping; `operations.request_booking` checks the same with the kit row locked, so the
SQLite demo refuses them too.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Kit(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True, help_text=_("Markdown."))
    owner = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="kits",
        verbose_name=_("ejer"),
    )
    location = models.CharField(
        _("placering"), max_length=300, help_text=_("Hvor kittet afhentes, fx adresse og lokale.")
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kits",
        verbose_name=_("kommune"),
    )
    contact_email = models.EmailField(
        _("kontakt (funktionspostkasse)"),
        help_text=_("En fælles postkasse, fx iot@kommune.dk – ikke en personlig adresse."),
    )
    active = models.BooleanField(_("kan lånes"), default=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("IoT-kit")
        verbose_name_plural = _("IoT-kits")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kits:kit_detail", args=[self.slug])


class KitItem(models.Model):
    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("udstyr"), max_length=200)
    quantity = models.PositiveIntegerField(_("antal"), default=1)
    notes = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("udstyr i kit")
        verbose_name_plural = _("udstyr i kit")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="kits_kititem_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


class BookingStatus(models.TextChoices):
    PENDING = "afventer", _("Afventer godkendelse")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")
    CANCELLED = "annulleret", _("Annulleret")
    RETURNED = "afleveret", _("Afleveret")


# Bookings in these states hold the kit; the exclusion constraint covers exactly these.
BLOCKING_STATUSES = (BookingStatus.PENDING, BookingStatus.APPROVED)


class Booking(models.Model):
    kit = models.ForeignKey(
        Kit, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("kit")
    )
    borrower = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="kit_bookings",
        verbose_name=_("låner"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kit_bookings",
        verbose_name=_("anmodet af"),
    )
    start_date = models.DateField(_("fra og med"))
    end_date = models.DateField(_("til og med"))
    purpose = models.TextField(_("formål"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    decision_note = models.TextField(_("begrundelse"), max_length=2000, blank=True)
    return_reminder_sent_at = models.DateTimeField(
        _("påmindelse om aflevering sendt"), null=True, blank=True
    )
    overdue_reminder_sent_at = models.DateTimeField(
        _("påmindelse om overskredet aflevering sendt"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservationer")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="kits_booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="kits_booking_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["kit", "status", "end_date"])]

    def __str__(self) -> str:
        return f"{self.kit} – {self.borrower} ({self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("kits:booking_detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_blocking(self) -> bool:
        return self.status in BLOCKING_STATUSES

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class EventKind(models.TextChoices):
    NETWORK_MEETING = "netvaerksmoede", _("Netværksmøde")
    DEADLINE = "deadline", _("Deadline")
    CONFERENCE = "konference", _("Konference")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "andet", _("Andet")


class Event(models.Model):
    """One entry of the årshjul: a meeting, a conference or a deadline. Without a start time it
    lasts whole days (a deadline, a two-day conference)."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True, help_text=_("Markdown."))
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    start_date = models.DateField(_("dato"))
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    location = models.CharField(_("sted"), max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    organiser = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_events",
        verbose_name=_("arrangør"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["start_date", "start_time", "id"]
        verbose_name = _("begivenhed i årshjulet")
        verbose_name_plural = _("begivenheder i årshjulet")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="kits_event_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="kits_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="kits_event_end_time_needs_start_time",
            ),
        ]
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kits:event_detail", args=[self.pk])

    @property
    def last_date(self) -> dt.date:
        return self.end_date or self.start_date
