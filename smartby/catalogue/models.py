"""Markedsoverblik: suppliers, their solutions, standards and the municipalities' use of them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SupplierSize(models.TextChoices):
    MICRO = "mikro", _("Mikro (under 10 ansatte)")
    SMALL = "lille", _("Lille (under 50 ansatte)")
    MEDIUM = "mellemstor", _("Mellemstor (under 250 ansatte)")
    LARGE = "stor", _("Stor (250 ansatte eller flere)")


class Supplier(models.Model):
    """A company or knowledge institution offering solutions; its name and CVR live on the organisation."""

    organisation = models.OneToOneField(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="supplier",
        verbose_name=_("organisation"),
    )
    size = models.CharField(_("størrelse"), max_length=20, choices=SupplierSize.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    contact_email = models.EmailField(
        _("kontakt-e-mail (salg/support)"),
        blank=True,
        help_text=_("En funktionsadresse, fx salg@… – ikke en privat persons adresse."),
    )
    contact_phone = models.CharField(_("kontakttelefon (salg/support)"), max_length=30, blank=True)
    website = models.URLField(_("hjemmeside"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:supplier_detail", args=[self.organisation.slug])

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def slug(self) -> str:
        return self.organisation.slug


class StandardKind(models.TextChoices):
    STANDARD = "standard", _("Standard")
    INTEROPERABILITY = "interoperabilitet", _("Interoperabilitetsløsning")
    REFERENCE = "referencearkitektur", _("Referencearkitektur / MIM")
    PROTOCOL = "protokol", _("Protokol")


class Standard(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=StandardKind.choices)
    body = models.CharField(_("udgiver / ejer"), max_length=200, blank=True)
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("standard")
        verbose_name_plural = _("standarder")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:standard_detail", args=[self.slug])


class SolutionCategory(models.TextChoices):
    IOT_PLATFORM = "iot-platform", _("IoT-platform")
    SENSORS = "sensorer", _("Sensorer")
    DATA_PLATFORM = "dataplatform", _("Dataplatform")
    CITIZEN_APP = "borgerrettet-app", _("Borgerrettet app")
    ANALYTICS = "analyse-ai", _("Analyse / AI")
    NETWORK = "netvaerk", _("Netværk / LoRaWAN")
    WELFARE = "velfaerdsteknologi", _("Velfærdsteknologi")
    OTHER = "andet", _("Andet")


class Hosting(models.TextChoices):
    OWN = "egen-drift", _("Kommunens egen drift")
    DANISH = "dansk-datacenter", _("Dansk datacenter")
    EU_CLOUD = "eu-cloud", _("EU/EØS-cloud")
    OUTSIDE_EU = "uden-for-eu", _("Uden for EU/EØS")


class PriceModel(models.TextChoices):
    SUBSCRIPTION = "abonnement", _("Abonnement")
    LICENCE = "licens-drift", _("Licens + drift")
    PER_UNIT = "pr-enhed", _("Pr. enhed")
    USAGE = "forbrug", _("Forbrugsbaseret")
    OPEN_SOURCE = "open-source", _("Open source / gratis")
    OTHER = "andet", _("Andet")


class Solution(models.Model):
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="solutions", verbose_name=_("leverandør")
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.CharField(_("kategori"), max_length=30, choices=SolutionCategory.choices)
    description = models.TextField(_("beskrivelse"))
    technologies = models.ManyToManyField(
        "registry.Technology", related_name="solutions", blank=True, verbose_name=_("teknologier")
    )
    areas = models.ManyToManyField(
        "registry.Area", related_name="solutions", blank=True, verbose_name=_("områder")
    )
    standards = models.ManyToManyField(
        Standard, related_name="solutions", blank=True, verbose_name=_("standarder")
    )
    open_apis = models.TextField(_("åbne API'er"), blank=True)
    data_ownership = models.TextField(_("dataejerskab og adgang til rådata"), blank=True)
    hosting = models.CharField(_("hosting"), max_length=20, choices=Hosting.choices)
    price_model = models.CharField(_("prismodel"), max_length=20, choices=PriceModel.choices)
    price_note = models.CharField(_("prisnote"), max_length=500, blank=True)
    references = models.TextField(_("referencer"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("løsning")
        verbose_name_plural = _("løsninger")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "name"], name="catalogue_solution_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:solution_detail", args=[self.slug])


class SolutionUse(models.Model):
    """A project (and so its municipalities) uses a solution; with what they learned."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="uses", verbose_name=_("løsning")
    )
    project = models.ForeignKey(
        "registry.Project",
        on_delete=models.CASCADE,
        related_name="solution_uses",
        verbose_name=_("projekt"),
    )
    experience = models.TextField(_("det har vi lært"), blank=True)
    since = models.DateField(_("i brug siden"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["solution__name", "project__title"]
        verbose_name = _("brug af løsning")
        verbose_name_plural = _("brug af løsninger")
        constraints = [
            models.UniqueConstraint(fields=["solution", "project"], name="catalogue_use_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.solution} – {self.project}"

    def get_absolute_url(self) -> str:
        return self.solution.get_absolute_url()


class ProposalKind(models.TextChoices):
    SUPPLIER = "leverandoer", _("Ændring af leverandørprofil")
    SOLUTION = "loesning", _("Ændring af løsning")
    NEW_SOLUTION = "ny-loesning", _("Ny løsning")


class ProposalStatus(models.TextChoices):
    PENDING = "afventer", _("Afventer")
    APPROVED = "godkendt", _("Godkendt")
    REJECTED = "afvist", _("Afvist")


class Proposal(models.Model):
    """A supplier's proposed change (or new solution), applied only when a coordinator approves."""

    kind = models.CharField(_("type"), max_length=20, choices=ProposalKind.choices)
    supplier = models.ForeignKey(
        Supplier, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("leverandør")
    )
    solution = models.ForeignKey(
        Solution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("løsning"),
    )
    data = models.JSONField(_("foreslåede værdier"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="catalogue_proposals",
        verbose_name=_("foreslået af"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    decision_note = models.TextField(_("begrundelse"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    decided_at = models.DateTimeField(_("behandlet"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="loesning") | models.Q(solution__isnull=False),
                name="catalogue_proposal_solution_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(status="afventer") | models.Q(decided_at__isnull=False),
                name="catalogue_proposal_decided_at",
            ),
        ]

    def __str__(self) -> str:
        target = self.solution or self.supplier
        return f"{self.get_kind_display()}: {target}"

    def get_absolute_url(self) -> str:
        return reverse("catalogue:proposal_detail", args=[self.pk])
