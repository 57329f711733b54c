import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartby.registry.freshness import Freshness, freshness_of


class Area(models.Model):
    """Administrative area (the 7 areas of the 2014 survey; coordinators may add more)."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("forvaltningsområde")
        verbose_name_plural = _("forvaltningsområder")

    def __str__(self) -> str:
        return self.name


class Technology(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("teknologi")
        verbose_name_plural = _("teknologier")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    IDEA = "ide", _("Idé")
    PLANNING = "planlaegning", _("Planlægning")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTATION = "implementering", _("Implementering")
    OPERATION = "drift", _("Drift")
    COMPLETED = "afsluttet", _("Afsluttet")
    STOPPED = "stoppet", _("Stoppet")


def new_uid() -> str:
    return str(uuid.uuid4())


class Project(models.Model):
    uid = models.CharField(_("id"), max_length=64, unique=True, default=new_uid, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("resumé"), max_length=600)
    description = models.TextField(_("beskrivelse"), blank=True)
    municipalities = models.ManyToManyField(
        "geo.Municipality", related_name="projects", verbose_name=_("kommuner")
    )
    lead_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("ledende organisation"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="projects", verbose_name=_("område")
    )
    technologies = models.ManyToManyField(
        Technology, related_name="projects", blank=True, verbose_name=_("teknologier")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    budget_dkk = models.BigIntegerField(_("budget (kr.)"), null=True, blank=True)
    last_verified = models.DateField(_("senest bekræftet"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")
        indexes = [
            models.Index(fields=["status"], name="project_status_idx"),
            models.Index(fields=["title"], name="project_title_idx"),
            models.Index(fields=["-updated_at", "-id"], name="project_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_dkk__isnull=True) | models.Q(budget_dkk__gte=0),
                name="project_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:project_detail", args=[self.slug])

    @property
    def freshness(self) -> Freshness:
        """Frisk, bør bekræftes or forældet, from last_verified (see registry/freshness.py)."""
        return freshness_of(self.last_verified)


class FundingKind(models.TextChoices):
    OWN = "egen", _("Egen finansiering")
    EU = "eu", _("EU-program")
    FUND = "fond", _("Fond")
    STATE = "stat", _("Statslig pulje")
    PRIVATE = "privat", _("Privat partner")
    OTHER = "andet", _("Andet")


class Funding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    kind = models.CharField(_("type"), max_length=20, choices=FundingKind.choices)
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    amount_dkk = models.BigIntegerField(_("beløb (kr.)"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source}".strip()


class Partner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("rolle"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="unique_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})" if self.role else str(self.organisation)


class BenefitKind(models.TextChoices):
    ECONOMY = "okonomi", _("Økonomi")
    QUALITY = "kvalitet", _("Kvalitet")
    CLIMATE = "klima", _("Klima")
    OTHER = "andet", _("Andet")


class Benefit(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    kind = models.CharField(_("type"), max_length=20, choices=BenefitKind.choices)
    description = models.CharField(_("beskrivelse"), max_length=500)
    value = models.DecimalField(
        _("målt værdi"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("enhed"), max_length=50, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Contact(models.Model):
    """A contact person. Shown publicly only when `public` is true (the person's consent)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=200)
    role = models.CharField(_("rolle"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    public = models.BooleanField(_("må vises offentligt"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class LinkKind(models.TextChoices):
    LINK = "link", _("Link")
    DATASET = "datasaet", _("Datasæt")
    STANDARD = "standard", _("Standard")


class Link(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("type"), max_length=20, choices=LinkKind.choices, default="link")
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("adresse"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Location(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locations")
    lat = models.FloatField(_("breddegrad"))
    lon = models.FloatField(_("længdegrad"))
    label = models.CharField(_("betegnelse"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__gte=54.4, lat__lte=57.9, lon__gte=7.8, lon__lte=15.3),
                name="location_in_denmark",
            )
        ]

    def __str__(self) -> str:
        return self.label or f"{self.lat:.5f}, {self.lon:.5f}"
