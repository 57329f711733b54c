"""The technology radar: yearly editions, each placing technologies of the registry taxonomy
in a quadrant and a ring with a rationale."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100


class Quadrant(models.TextChoices):
    """The four quadrants, in the order they are drawn (clockwise from top right)."""

    DEVICES = "sensorer", _("Sensorer og enheder")
    NETWORK = "netvaerk", _("Netværk og forbindelse")
    DATA = "data", _("Data og platforme")
    APPLICATIONS = "anvendelser", _("Analyse og anvendelser")


class Ring(models.TextChoices):
    """The four rings, from the centre out."""

    ADOPT = "anvend", _("Anvend")
    TRIAL = "afproev", _("Afprøv")
    ASSESS = "undersoeg", _("Undersøg")
    HOLD = "afvent", _("Afvent")


RING_DESCRIPTIONS = {
    Ring.ADOPT: _("Modent og afprøvet i flere kommuner. Brug det, hvor behovet er der."),
    Ring.TRIAL: _("Lovende og klar til piloter med klare krav til data og leverandører."),
    Ring.ASSESS: _("Værd at følge og forstå. Undersøg muligheder, før der investeres."),
    Ring.HOLD: _("Vent med nye investeringer, til modenhed, økonomi eller regler er på plads."),
}


def refuse_if_on_radar(collector: Any, field: Any, sub_objs: Any, using: str) -> None:
    """on_delete of Blip.technology: a technology placed on the radar cannot be deleted from the
    taxonomy (the editions are a published record); it can be merged into another one, which
    moves its blips (radar.signals)."""
    technology = sub_objs[0].technology
    raise ValidationError(
        gettext(
            "Teknologien „%(name)s“ er placeret på teknologiradaren og kan ikke slettes. "
            "Læg den sammen med en anden teknologi i stedet."
        )
        % {"name": technology.name},
        code="on_radar",
    )


class Edition(models.Model):
    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(_("introduktion"), blank=True)
    published = models.BooleanField(_("udgivet"), default=False)
    published_at = models.DateTimeField(_("udgivet den"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("radarudgave")
        verbose_name_plural = _("radarudgaver")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="radar_edition_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(published_at__isnull=False),
                name="radar_edition_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("radar:edition", args=[self.year])


class Blip(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="blips", verbose_name=_("udgave")
    )
    technology = models.ForeignKey(
        "registry.Technology",
        on_delete=refuse_if_on_radar,
        related_name="radar_blips",
        verbose_name=_("teknologi"),
    )
    quadrant = models.CharField(_("kvadrant"), max_length=20, choices=Quadrant.choices)
    ring = models.CharField(_("ring"), max_length=20, choices=Ring.choices)
    rationale = models.TextField(_("begrundelse"))
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["edition", "technology__name"]
        verbose_name = _("placering")
        verbose_name_plural = _("placeringer")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "technology"], name="radar_blip_unique_technology"
            ),
            models.CheckConstraint(
                condition=models.Q(quadrant__in=Quadrant.values), name="radar_blip_quadrant"
            ),
            models.CheckConstraint(
                condition=models.Q(ring__in=Ring.values), name="radar_blip_ring"
            ),
            models.CheckConstraint(
                condition=~models.Q(rationale=""), name="radar_blip_rationale_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.technology} – {self.get_ring_display()} ({self.edition.year})"

    def get_absolute_url(self) -> str:
        return reverse("radar:technology", args=[self.technology.slug])

    @property
    def ring_index(self) -> int:
        return Ring.values.index(self.ring)

    @property
    def quadrant_index(self) -> int:
        return Quadrant.values.index(self.quadrant)
