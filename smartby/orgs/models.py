from django.db import models
from django.utils.translation import gettext_lazy as _

from smartby.lib.validators import validate_cvr


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    NATIONAL = "national", _("KL / national myndighed")
    COMPANY = "virksomhed", _("Virksomhed")
    KNOWLEDGE = "vidensinstitution", _("Vidensinstitution")
    ASSOCIATION = "forening", _("Forening / netværk")
    OTHER = "andet", _("Andet")


class Organisation(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])
    website = models.URLField(_("hjemmeside"), blank=True)
    municipality = models.OneToOneField(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("kommune"),
    )
    region = models.OneToOneField(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("region"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self) -> str:
        return self.name
