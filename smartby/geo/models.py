from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One of the five Danish regions. `code` is the official region code (1081-1085)."""

    code = models.CharField(_("regionskode"), max_length=4, unique=True)
    iso_code = models.CharField(_("ISO 3166-2"), max_length=5, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")

    def __str__(self) -> str:
        return self.name


class MunicipalityKind(models.TextChoices):
    """The classification used by the 2014 survey (by-, mellem-, land- og yderkommuner)."""

    URBAN = "bykommune", _("Bykommune")
    INTERMEDIATE = "mellemkommune", _("Mellemkommune")
    RURAL = "landkommune", _("Landkommune")
    PERIPHERAL = "yderkommune", _("Yderkommune")


class Municipality(models.Model):
    """One of the 98 municipalities. `code` is the 3-digit code used by DAGI (101 København)."""

    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    kind = models.CharField(
        _("kommunetype"), max_length=20, choices=MunicipalityKind.choices, blank=True
    )
    population = models.PositiveIntegerField(_("befolkning"), null=True, blank=True)
    population_date = models.DateField(_("befolkningstal pr."), null=True, blank=True)
    # GeoJSON geometry (MultiPolygon, WGS84) as compact JSON text, served as-is on the map.
    geometry = models.TextField(_("grænse (GeoJSON)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name
