"""Surveys of the municipalities: a survey has numbered versions (sections and questions with
stable keys); a round asks one version of a population of municipalities between two dates and
collects one response per municipality. A baseline round (the 2014 survey) has no responses but
the published aggregate figures (`BaselineFigure`).

Answers are stored as JSON on the response, {QUESTION_KEY: value}; the value's shape depends on
the question type (see `Response.answers`). `smartby.surveys.versions.validate_answers` is the
one place that checks answers against a version's questions.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Enkeltvalg")
    MULTIPLE = "multiple", _("Flervalg")
    MATRIX = "matrix", _("Matrix")
    LIKERT = "likert", _("Likert-udsagn")
    NUMBER = "number", _("Tal")
    TEXT = "text", _("Fritekst")


#: Question types whose answer options come from `Question.options`.
CHOICE_TYPES = {
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.MATRIX,
    QuestionType.LIKERT,
}
#: Question types with rows (`Question.items`): a matrix's items, a Likert question's statements.
ITEM_TYPES = {QuestionType.MATRIX, QuestionType.LIKERT}


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SUBMITTED = "submitted", _("Indsendt")


class Survey(models.Model):
    """A questionnaire (e.g. "cedi-2014"), used as the template for its rounds."""

    key = models.SlugField(_("nøgle"), max_length=60, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("spørgeskema")
        verbose_name_plural = _("spørgeskemaer")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.key])

    def latest_version(self) -> "SurveyVersion | None":
        return self.versions.order_by("-number").first()


class SurveyVersion(models.Model):
    """One numbered state of a survey's questions. A version that has responses is never changed:
    editing one of its questions creates the next version (`versions.edit_question`)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="versions", verbose_name=_("spørgeskema")
    )
    number = models.PositiveIntegerField(_("versionsnummer"))
    note = models.TextField(_("ændringsnote"), blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["survey", "number"]
        verbose_name = _("spørgeskemaversion")
        verbose_name_plural = _("spørgeskemaversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "number"], name="surveys_version_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="surveys_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} (version {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey_version", args=[self.survey.key, self.number])

    def has_responses(self) -> bool:
        return Response.objects.filter(round__version=self).exists()


class Section(models.Model):
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    key = models.SlugField(_("nøgle"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("afsnit")
        verbose_name_plural = _("afsnit")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="surveys_section_unique_key")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question with a key that is stable across versions and rounds.

    - `options`: [{"key", "label"}] for single, multiple, matrix and likert questions;
    - `items`: [{"key", "text", "area"}] — a matrix's rows or a Likert question's statements;
    - `condition`: None, or {"question": KEY, "in": [OPTION KEYS]}: the question is asked only
      when the answer to that single-choice question is one of the keys (skip logic; chains are
      allowed: a question whose condition question was skipped is skipped too).
    """

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.CASCADE, related_name="questions", verbose_name=_("version")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("afsnit")
    )
    key = models.SlugField(_("nøgle"), max_length=60)
    text = models.TextField(_("spørgsmål"))
    help = models.TextField(_("hjælpetekst"), blank=True)
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    options = models.JSONField(_("svarmuligheder"), default=list, blank=True)
    items = models.JSONField(_("delspørgsmål"), default=list, blank=True)
    required = models.BooleanField(_("skal besvares"), default=False)
    condition = models.JSONField(_("betingelse"), null=True, blank=True)
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="surveys_question_unique_key"),
            models.CheckConstraint(
                condition=models.Q(type__in=QuestionType.values), name="surveys_question_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:question_edit", args=[self.version.survey.key, self.pk])


class Round(models.Model):
    """One run of a survey version: who is asked (`population`, all 98 municipalities by
    default) and when. A baseline round (`is_baseline`) holds published aggregate figures only
    (`BaselineFigure`, `baseline_respondents`) and never takes responses."""

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("version")
    )
    key = models.SlugField(_("nøgle"), max_length=80, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    opens_on = models.DateField(_("åbner"))
    closes_on = models.DateField(_("lukker"))
    closed_at = models.DateTimeField(_("lukket før tid"), null=True, blank=True)
    population = models.ManyToManyField(
        "geo.Municipality", related_name="survey_rounds", blank=True, verbose_name=_("kommuner")
    )
    is_baseline = models.BooleanField(_("baseline (kun samlede tal)"), default=False)
    baseline_respondents = models.PositiveIntegerField(
        _("antal besvarelser (baseline)"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("runde")
        verbose_name_plural = _("runder")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gt=models.F("opens_on")),
                name="surveys_round_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(is_baseline=True) | models.Q(baseline_respondents__isnull=True),
                name="surveys_round_baseline_respondents_only_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("surveys:round", args=[self.key])

    @property
    def status(self) -> str:
        """ "baseline", "planned" (not open yet), "open" or "closed"."""
        if self.is_baseline:
            return "baseline"
        today = timezone.localdate()
        if self.closed_at is not None or today > self.closes_on:
            return "closed"
        if today < self.opens_on:
            return "planned"
        return "open"

    @property
    def is_open(self) -> bool:
        """Answers may be saved and submitted now (open dates, not closed early, not baseline)."""
        return self.status == "open"

    def closes_at(self) -> datetime.datetime:
        """The end of the closing day in the local time zone (for link expiry and reminders)."""
        end = datetime.datetime.combine(self.closes_on, datetime.time.max)
        return timezone.make_aware(end)


class Response(models.Model):
    """A municipality's answers to a round (one per municipality and round).

    `answers` = {QUESTION_KEY: value}: an option key (single), a list of option keys (multiple),
    {ITEM_KEY: option key} (matrix, likert), a number (number), a string (text). Skipped and
    unanswered questions are absent."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("runde")
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        related_name="survey_responses",
        verbose_name=_("kommune"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opdateret af"),
    )

    class Meta:
        ordering = ["round", "municipality__name"]
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="surveys_response_one_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="surveys_response_status",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ResponseStatus.SUBMITTED)
                | models.Q(submitted_at__isnull=False),
                name="surveys_response_submitted_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.round}"


class Invitation(models.Model):
    """A municipality's personal link to a round. Only the token's hash is stored."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("runde")
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        related_name="survey_invitations",
        verbose_name=_("kommune"),
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(_("token (hash)"), max_length=128, unique=True)
    expires_at = models.DateTimeField(_("udløber"))
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rykket"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    handed_over_to = models.EmailField(_("overdraget til"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["round", "municipality__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"], name="surveys_invitation_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.round}"


#: `BaselineFigure.group` of a printed difference in percentage points (smart_city − ovrige).
DIFF_GROUP = "smart_city_minus_ovrige"


class BaselineFigure(models.Model):
    """One published percentage of an aggregate-only round.

    - `question_key` is a question of the round's version, or a characteristic of the
      respondents: "municipality_kind" (options = `geo.Municipality.kind`) and
      "municipality_size" (options "over_67500", "smallest_class");
    - `item_key` is the matrix/likert item ("" if none);
    - `group` is "" (everyone asked the question) or a group name (smart_city, ovrige,
      bykommune, …); `DIFF_GROUP` marks a printed difference in percentage points;
    - `option_key` is one option, or several joined by "+" for a printed combined share
      (e.g. "very_high+high" for "i høj eller meget høj grad");
    - `n` is the printed base, null when the report does not print it.
    """

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="baseline_figures", verbose_name=_("runde")
    )
    question_key = models.CharField(_("spørgsmål"), max_length=60)
    item_key = models.CharField(_("delspørgsmål"), max_length=60, blank=True)
    group = models.CharField(_("gruppe"), max_length=40, blank=True)
    option_key = models.CharField(_("svarmulighed"), max_length=120)
    pct = models.DecimalField(_("procent"), max_digits=4, decimal_places=1)
    n = models.PositiveIntegerField(_("antal svar"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["round", "question_key", "item_key", "group", "option_key"]
        verbose_name = _("baseline-tal")
        verbose_name_plural = _("baseline-tal")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "question_key", "item_key", "group", "option_key"],
                name="surveys_baselinefigure_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(pct__gte=0, pct__lte=100)
                | models.Q(group=DIFF_GROUP, pct__gte=-100, pct__lte=100),
                name="surveys_baselinefigure_pct_range",
            ),
        ]

    def __str__(self) -> str:
        parts = [self.question_key, self.item_key, self.group or "alle", self.option_key]
        return f"{' / '.join(p for p in parts if p)}: {self.pct} %"
