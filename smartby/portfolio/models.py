"""Strategies, their focus areas and initiatives (with the status report's Stamdata), effect
goals with dated measurements, and the periodic status with traffic lights (history kept)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)*$"


class Strategy(models.Model):
    title = models.CharField(_("titel"), max_length=300)
    short_title = models.CharField(_("kort titel"), max_length=200, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    period = models.CharField(_("periode"), max_length=40, help_text=_("Fx 2016-2020."))
    description = models.TextField(_("beskrivelse"), blank=True)
    owner = models.CharField(
        _("ejer"), max_length=300, help_text=_("Hvem står bag strategien, fx Regeringen, KL …")
    )
    source = models.CharField(_("kilde"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-period", "title"]
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("portfolio:strategy_detail", args=[self.slug])


class FocusArea(models.Model):
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("strategi"),
    )
    number = models.CharField(_("nummer"), max_length=10)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "sort_order", "number"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="portfolio_focusarea_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=NUMBER_PATTERN), name="portfolio_focusarea_number_form"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.strategy.get_absolute_url()}#fokus-{self.number}"


class Initiative(models.Model):
    """An initiative with the Stamdata of its status report (table 1 of the real report)."""

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("fokusområde"),
    )
    number = models.CharField(_("nummer"), max_length=10, help_text=_("Fx 5.2."))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    # Stamdata
    ministry = models.CharField(_("ministerium/ansvarlig organisation"), max_length=300, blank=True)
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    steering_group = models.CharField(_("styregruppe"), max_length=300, blank=True)
    project_owner = models.CharField(_("projektejer"), max_length=200, blank=True)
    project_leader = models.CharField(_("projektleder"), max_length=200, blank=True)
    responsible_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portfolio_initiatives",
        verbose_name=_("projektejers/projektleders organisation"),
        help_text=_(
            "Medlemmer af organisationen må tilføje statusrapporter og målinger til initiativet."
        ),
    )
    start_date = models.DateField(_("starttidspunkt"), null=True, blank=True)
    expected_end = models.DateField(_("oprindeligt forventet sluttidspunkt"), null=True, blank=True)
    actual_end = models.DateField(_("egentligt sluttidspunkt"), null=True, blank=True)
    budget_dkk = models.BigIntegerField(_("samlet budget (kr.)"), null=True, blank=True)
    budget_note = models.CharField(
        _("bemærkning til budget"),
        max_length=300,
        blank=True,
        help_text=_("Fx finansiering: Fællesoffentligt finansieret."),
    )
    spend_dkk = models.BigIntegerField(_("forbrug (kr.)"), null=True, blank=True)
    spend_note = models.CharField(
        _("bemærkning til mer- eller mindreforbrug"),
        max_length=300,
        blank=True,
        help_text=_("Fx Budgettet er holdt."),
    )
    purpose = models.TextField(_("formål"), blank=True)
    results = models.TextField(_("resultater"), blank=True)
    effect_summary = models.TextField(_("om effektmålene"), blank=True)
    evaluation = models.TextField(_("evaluering"), blank=True)
    future_ownership = models.TextField(_("fremtidigt ejerskab"), blank=True)
    economy = models.TextField(_("økonomi"), blank=True)
    more_info_url = models.URLField(_("læs mere (link)"), max_length=500, blank=True)
    source_note = models.TextField(_("kilde og mangler i data"), blank=True)
    projects = models.ManyToManyField(
        "registry.Project",
        related_name="portfolio_initiatives",
        blank=True,
        verbose_name=_("projekter der gennemfører initiativet"),
    )
    sort_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["focus_area__sort_order", "sort_order", "number"]
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativer")
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "number"], name="portfolio_initiative_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=NUMBER_PATTERN), name="portfolio_initiative_number_form"
            ),
            models.CheckConstraint(
                condition=Q(budget_dkk__isnull=True) | Q(budget_dkk__gte=0),
                name="portfolio_initiative_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(spend_dkk__isnull=True) | Q(spend_dkk__gte=0),
                name="portfolio_initiative_spend_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(expected_end__isnull=True)
                | Q(start_date__isnull=True)
                | Q(expected_end__gte=models.F("start_date")),
                name="portfolio_initiative_expected_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(start_date__isnull=True)
                | Q(actual_end__gte=models.F("start_date")),
                name="portfolio_initiative_actual_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "portfolio:initiative_detail", args=[self.focus_area.strategy.slug, self.number]
        )

    @property
    def variance_dkk(self) -> int | None:
        """Over- (positive) or underspend (negative) in kroner; None without both figures."""
        if self.budget_dkk is None or self.spend_dkk is None:
            return None
        return self.spend_dkk - self.budget_dkk


class EffectKind(models.TextChoices):
    CAPABILITY = "kapabilitet", _("Kapabiliteter")
    BEHAVIOUR = "adfaerd", _("Adfærd")
    OTHER = "andet", _("Andet")


class EffectGoal(models.Model):
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="effect_goals",
        verbose_name=_("initiativ"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    kind = models.CharField(
        _("effekttype"), max_length=20, choices=EffectKind.choices, default=EffectKind.OTHER
    )
    text = models.CharField(_("effektmål"), max_length=500)
    description = models.TextField(_("beskrivelse"), blank=True)
    indicator = models.CharField(_("indikator"), max_length=300, blank=True)
    unit = models.CharField(_("enhed"), max_length=40, blank=True)
    baseline_value = models.DecimalField(
        _("udgangspunkt (værdi)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("udgangspunkt (dato)"), null=True, blank=True)
    target_value = models.DecimalField(
        _("mål (værdi)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("mål (dato)"), null=True, blank=True)
    result = models.TextField(_("resultat/evaluering"), blank=True)

    class Meta:
        ordering = ["initiative", "number"]
        verbose_name = _("effektmål")
        verbose_name_plural = _("effektmål")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "number"], name="portfolio_effectgoal_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Effektmål')} {self.number}: {self.text}"

    def get_absolute_url(self) -> str:
        return f"{self.initiative.get_absolute_url()}#effektmaal-{self.number}"

    @property
    def has_figures(self) -> bool:
        return self.baseline_value is not None or self.target_value is not None


class Measurement(models.Model):
    goal = models.ForeignKey(
        EffectGoal,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("effektmål"),
    )
    date = models.DateField(_("dato"))
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["goal", "date"]
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        constraints = [
            models.UniqueConstraint(fields=["goal", "date"], name="portfolio_measurement_one_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.value}"

    def get_absolute_url(self) -> str:
        return self.goal.get_absolute_url()


class Light(models.TextChoices):
    GREEN = "groen", _("Grøn")
    YELLOW = "gul", _("Gul")
    RED = "roed", _("Rød")


LIGHT_VALUES = [value for value, _label in Light.choices]


class StatusReport(models.Model):
    """One periodic status. Never changed after it is made: a new report is a new row."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="status_reports",
        verbose_name=_("initiativ"),
    )
    period = models.CharField(_("periode"), max_length=40, help_text=_("Fx 2020 K4."))
    report_date = models.DateField(_("statusdato"))
    time = models.CharField(_("tid"), max_length=10, choices=Light.choices)
    economy = models.CharField(_("økonomi"), max_length=10, choices=Light.choices)
    quality = models.CharField(_("kvalitet/leverancer"), max_length=10, choices=Light.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    author_name = models.CharField(_("forfatter (navn)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-report_date", "-created_at", "-id"]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        constraints = [
            models.CheckConstraint(condition=Q(time__in=LIGHT_VALUES), name="portfolio_time_light"),
            models.CheckConstraint(
                condition=Q(economy__in=LIGHT_VALUES), name="portfolio_economy_light"
            ),
            models.CheckConstraint(
                condition=Q(quality__in=LIGHT_VALUES), name="portfolio_quality_light"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.number} {self.period}"

    def get_absolute_url(self) -> str:
        return f"{self.initiative.get_absolute_url()}#status-{self.pk}"
