"""Procurement clauses (versioned requirement texts with placeholders) and requirement documents
composed from pinned clause versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """The six themes of the library, in the order a requirement document lists them."""

    DATA = "dataejerskab", _("Dataejerskab og adgang til rådata")
    OPEN = "aabne-standarder", _("Åbne standarder og API'er")
    EXIT = "exit", _("Exit og ingen leverandørbinding")
    SECURITY = "informationssikkerhed", _("Informationssikkerhed")
    GDPR = "gdpr", _("GDPR og databehandleraftale")
    OPI = "opi", _("OPI-partnerskab")


TOPIC_ORDER = {value: i for i, value in enumerate(Topic.values)}


class VersionStatus(models.TextChoices):
    PUBLISHED = "udgivet", _("Udgivet")
    PROPOSED = "forslag", _("Forslag")
    REJECTED = "afvist", _("Afvist")


class Tag(models.Model):
    name = models.CharField(_("navn"), max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emneord")
        verbose_name_plural = _("emneord")

    def __str__(self) -> str:
        return self.name


class Clause(models.Model):
    """A requirement clause. Its wording lives in versions; `current_version` is the published
    one that the library shows and the composer uses."""

    slug = models.SlugField(_("kort navn"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    topic = models.CharField(_("tema"), max_length=30, choices=Topic.choices)
    tags = models.ManyToManyField(
        Tag, related_name="clauses", blank=True, verbose_name=_("emneord")
    )
    current_version = models.OneToOneField(
        "ClauseVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gældende version"),
    )
    retired = models.BooleanField(_("udfaset"), default=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("udbudsklausul")
        verbose_name_plural = _("udbudsklausuler")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__in=Topic.values), name="procurement_clause_topic_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:clause_detail", args=[self.slug])


class ClauseVersion(models.Model):
    """One wording of a clause. Versions are never overwritten: an edit is a new version."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="versions", verbose_name=_("klausul")
    )
    number = models.PositiveIntegerField(_("versionsnummer"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.PUBLISHED
    )
    text = models.TextField(_("kravtekst"))
    reason = models.TextField(_("hvorfor"))
    guidance = models.TextField(_("vejledning"), blank=True)
    change_note = models.CharField(_("ændringsnote"), max_length=300, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bygger på"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    reviewed_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    review_note = models.CharField(_("begrundelse"), max_length=500, blank=True)

    class Meta:
        ordering = ["clause", "number"]
        verbose_name = _("klausulversion")
        verbose_name_plural = _("klausulversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "number"], name="procurement_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="procurement_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values),
                name="procurement_version_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clause.title} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse("procurement:version_detail", args=[self.clause.slug, self.number])

    @property
    def label(self) -> str:
        """Clause id and version as printed in exports, e.g. `exit-plan v2`."""
        return f"{self.clause.slug} v{self.number}"


class RequirementDocument(models.Model):
    """A composed requirement document saved for an organisation. It pins the clause versions
    it was composed from, so a later export reads exactly the same."""

    title = models.CharField(_("titel"), max_length=200)
    buyer = models.CharField(_("ordregiver"), max_length=200)
    intro = models.TextField(_("indledning"), blank=True)
    include_reasons = models.BooleanField(_("bilag med begrundelser"), default=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="requirement_documents",
        verbose_name=_("organisation"),
    )
    clause_versions = models.ManyToManyField(
        ClauseVersion,
        related_name="documents",
        verbose_name=_("klausulversioner"),
    )
    values = models.JSONField(_("værdier"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("kravdokument")
        verbose_name_plural = _("kravdokumenter")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:document_detail", args=[self.pk])
