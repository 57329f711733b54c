"""Follow-up of Digitaliseringspartnerskabet's 46 recommendations (status history and evidence)
and the prioritisation tool (rounds, proposals, invited assessors and their scores)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartby.priorities.criteria import SCALE_MAX, SCALE_MIN


class ThemeKind(models.TextChoices):
    EU = "eu", _("Europa")
    FOCUS = "indsatsomraade", _("Indsatsområde")
    FOUNDATION = "fundament", _("Fundament")


class Theme(models.Model):
    """A part of the report the recommendations sit under: the EU section, one of the seven
    focus areas (with its vision) or one of the four foundation areas."""

    kind = models.CharField(_("type"), max_length=20, choices=ThemeKind.choices)
    number = models.PositiveSmallIntegerField(_("nummer"))
    section = models.CharField(_("afsnit"), max_length=10)
    title = models.CharField(_("titel"), max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    vision = models.TextField(_("vision"), blank=True)
    summary = models.TextField(_("resumé"), blank=True)

    class Meta:
        ordering = ["section", "id"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="priorities_theme_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    NOT_STARTED = "ikke_paabegyndt", _("Ikke påbegyndt")
    IN_PROGRESS = "i_gang", _("I gang")
    PARTLY_DONE = "delvist_gennemfoert", _("Delvist gennemført")
    DONE = "gennemfoert", _("Gennemført")
    ABANDONED = "opgivet", _("Opgivet")


class Recommendation(models.Model):
    """One of the 46 recommendations. `status` is the newest status entry's status (kept here
    for filtering; `operations.add_status_entry` keeps it in step)."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=300)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("tema")
    )
    proposal = models.TextField(_("forslag"))
    summary = models.TextField(_("resumé"), blank=True)
    prerequisites = models.JSONField(_("forudsætninger"), default=list, blank=True)
    actions = models.JSONField(_("handlinger"), default=list, blank=True)
    section = models.CharField(_("afsnit"), max_length=10, blank=True)
    page = models.PositiveSmallIntegerField(_("side i rapporten"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.NOT_STARTED
    )
    status_date = models.DateField(_("status pr."), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("anbefaling")
        verbose_name_plural = _("anbefalinger")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="priorities_rec_number_pos"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="priorities_rec_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("priorities:recommendation_detail", args=[self.number])


class StatusEntry(models.Model):
    """A dated status of a recommendation; entries are never edited, so the history stays."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="status_entries",
        verbose_name=_("anbefaling"),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    date = models.DateField(_("dato"))
    comment = models.TextField(_("kommentar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    created_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("statusangivelse")
        verbose_name_plural = _("statusangivelser")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="priorities_entry_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="priorities_entry_date_idx")]

    def __str__(self) -> str:
        return f"{self.recommendation.number}: {self.get_status_display()} ({self.date})"

    def get_absolute_url(self) -> str:
        return self.recommendation.get_absolute_url()


class Evidence(models.Model):
    """A link documenting how a recommendation is carried out, optionally a registry project."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("anbefaling"),
    )
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("webadresse"), max_length=500)
    project = models.ForeignKey(
        "registry.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendation_evidence",
        verbose_name=_("projekt i registret"),
    )
    added_on = models.DateField(_("tilføjet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-added_on", "-id"]
        verbose_name = _("dokumentation")
        verbose_name_plural = _("dokumentation")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "url"], name="priorities_evidence_unique_url"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.recommendation.get_absolute_url()


class RoundStatus(models.TextChoices):
    OPEN = "aaben", _("Åben for vurdering")
    CLOSED = "lukket", _("Lukket")


class Round(models.Model):
    """A prioritisation round: proposals scored by invited assessors on the partnership's
    criteria (`priorities.criteria`). The public sees results only once published (closed
    rounds only)."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    published = models.BooleanField(_("resultater offentliggjort"), default=False)
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("prioriteringsrunde")
        verbose_name_plural = _("prioriteringsrunder")
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(status=RoundStatus.CLOSED),
                name="priorities_round_published_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:round_detail", args=[self.slug])

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Proposal(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("runde")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("anbefaling"),
    )
    project = models.ForeignKey(
        "registry.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prioritisation_proposals",
        verbose_name=_("projekt i registret"),
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="priorities_proposal_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()


class Assessor(models.Model):
    """A logged-in user the coordinator invited to score a round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assessors", verbose_name=_("runde")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prioritisation_assignments",
        verbose_name=_("bruger"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("inviteret"), auto_now_add=True)

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("bedømmer")
        verbose_name_plural = _("bedømmere")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="priorities_assessor_unique"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()


def _score_range(field: str) -> Q:
    return Q(**{f"{field}__gte": SCALE_MIN, f"{field}__lte": SCALE_MAX})


class Score(models.Model):
    """One assessor's scores of one proposal: the three criteria on the scale
    SCALE_MIN–SCALE_MAX and the investment category (1–4)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="scores", verbose_name=_("forslag")
    )
    assessor = models.ForeignKey(
        Assessor, on_delete=models.CASCADE, related_name="scores", verbose_name=_("bedømmer")
    )
    value_citizens = models.PositiveSmallIntegerField(_("værdi for borgere og virksomheder"))
    value_goals = models.PositiveSmallIntegerField(_("værdi for regeringens mål"))
    digital_difference = models.PositiveSmallIntegerField(_("forskel ved digitalisering"))
    investment = models.PositiveSmallIntegerField(_("investeringskategori"))
    comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["proposal", "assessor"]
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "assessor"], name="priorities_score_once"),
            models.CheckConstraint(
                condition=_score_range("value_citizens")
                & _score_range("value_goals")
                & _score_range("digital_difference")
                & Q(investment__gte=1, investment__lte=4),
                name="priorities_score_ranges",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} – {self.assessor}"

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url()
