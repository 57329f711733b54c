"""Guides (versioned Markdown pages) and the kompetencetjek (self-assessment)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuideKind(models.TextChoices):
    PROCUREMENT = "udbudstips", _("Udbudstips")
    PITCH = "elevatortale", _("Elevatortaler")
    SUSTAINABLE = "baeredygtig-omstilling", _("Bæredygtig digital omstilling")
    STANDARDS = "standarder", _("Standarder og interoperabilitet")
    OTHER = "anden", _("Andre vejledninger")


class Guide(models.Model):
    """A guide. Its text lives in versions; `current_version` is the one shown."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("slags"), max_length=30, choices=GuideKind.choices)
    area = models.ForeignKey(
        "registry.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guides",
        verbose_name=_("forvaltningsområde"),
    )
    summary = models.CharField(_("resumé"), max_length=400)
    current_version = models.ForeignKey(
        "GuideVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktuel version"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("vejledning")
        verbose_name_plural = _("vejledninger")
        constraints = [
            # One elevator pitch per administrative area; only pitches have an area.
            models.UniqueConstraint(fields=["area"], name="guide_one_pitch_per_area"),
            models.CheckConstraint(
                condition=Q(area__isnull=True) | Q(kind="elevatortale"),
                name="guide_area_only_for_pitches",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guides:guide_detail", args=[self.slug])

    @property
    def body(self) -> str:
        return self.current_version.body if self.current_version else ""


class GuideVersion(models.Model):
    """One saved text of a guide. Versions are never changed; an edit adds a new one."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="versions", verbose_name=_("vejledning")
    )
    number = models.PositiveIntegerField(_("versionsnummer"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("resumé"), max_length=400)
    body = models.TextField(_("tekst (Markdown)"))
    change_note = models.CharField(_("ændringsnote"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        ordering = ["guide", "-number"]
        verbose_name = _("version af vejledning")
        verbose_name_plural = _("versioner af vejledninger")
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_version_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="guide_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guide} – version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("guides:guide_version", args=[self.guide.slug, self.number])


# --- kompetencetjek ---------------------------------------------------------------------------


class Assessment(models.Model):
    """A self-assessment. At most one is published (the one people answer)."""

    title = models.CharField(_("titel"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    intro = models.TextField(_("introduktion (Markdown)"), blank=True)
    published = models.BooleanField(_("offentliggjort"), default=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-version", "-id"]
        verbose_name = _("kompetencetjek")
        verbose_name_plural = _("kompetencetjek")
        constraints = [
            models.UniqueConstraint(
                fields=["published"],
                condition=Q(published=True),
                name="assessment_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("guides:assessment")


class Dimension(models.Model):
    """An area of competence, with advice for a low, middle and high score."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="dimensions")
    slug = models.SlugField(max_length=60)
    name = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    low_below = models.PositiveSmallIntegerField(
        _("lav under"), default=40, help_text=_("En score under denne grænse er lav (0–100).")
    )
    high_from = models.PositiveSmallIntegerField(
        _("høj fra"), default=70, help_text=_("En score fra denne grænse og op er høj (0–100).")
    )
    advice_low = models.TextField(_("råd ved lav score"))
    advice_middle = models.TextField(_("råd ved middel score"))
    advice_high = models.TextField(_("råd ved høj score"))

    class Meta:
        ordering = ["assessment", "order", "id"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "slug"], name="dimension_unique_slug"),
            models.CheckConstraint(
                condition=Q(low_below__lte=models.F("high_from")) & Q(high_from__lte=100),
                name="dimension_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dimension")
    )
    text = models.CharField(_("spørgsmål"), max_length=400)
    help = models.CharField(_("hjælpetekst"), max_length=600, blank=True)
    weight = models.PositiveSmallIntegerField(_("vægt"), default=1)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["dimension__order", "order", "id"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=10), name="question_weight_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Result(models.Model):
    """A saved answer set of an organisation: the answers and the scores they gave then."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="competence_results",
        verbose_name=_("organisation"),
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="results", verbose_name=_("test")
    )
    answers = models.JSONField(_("svar"), help_text=_("Spørgsmålets id → svar 0–4"))
    scores = models.JSONField(_("score pr. dimension"), help_text=_("Dimensionens slug → 0–100"))
    total = models.FloatField(_("samlet score"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemt af"),
    )
    created_at = models.DateTimeField(_("gemt"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("resultat af kompetencetjek")
        verbose_name_plural = _("resultater af kompetencetjek")
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="result_org_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(total__lte=100), name="result_total_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.created_at:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("guides:result_detail", args=[self.pk])
