"""Joint collaborations that share their costs: members, budget years (kept per year, with the
populations used frozen), fixed contributions and scenarios. The computation is
`costs.allocation`; `costs.operations` turns these rows into its input."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartby.costs.allocation import MAX_AMOUNT

MIN_YEAR = 2000
MAX_YEAR = 2100


class MemberKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    OTHER = "anden", _("Anden organisation")


class Collaboration(models.Model):
    """A joint collaboration (e.g. GovTech Midtjylland) whose members share a budget."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("samarbejde")
        verbose_name_plural = _("samarbejder")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("costs:collaboration_detail", args=[self.slug])


class Member(models.Model):
    """A possible participant. A municipality's population comes from the registry
    (`geo.Municipality.population`) unless `population` is entered (regions and others must
    enter it to be allocated by population)."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=MemberKind.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    population = models.PositiveIntegerField(
        _("befolkningstal (indtastet)"),
        null=True,
        blank=True,
        help_text=_("Udfyldes kun, hvis registrets tal ikke skal bruges."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "name"], name="costs_member_name"),
            models.UniqueConstraint(
                fields=["collaboration", "municipality"],
                condition=Q(municipality__isnull=False),
                name="costs_member_municipality",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__gte=1),
                name="costs_member_population_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind="kommune") | Q(municipality__isnull=False),
                name="costs_member_municipality_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.collaboration.get_absolute_url() + f"#medlem-{self.pk}"

    @property
    def registry_population(self) -> int | None:
        return self.municipality.population if self.municipality_id else None

    @property
    def effective_population(self) -> int | None:
        return self.population if self.population is not None else self.registry_population


class BudgetYear(models.Model):
    """One year's budget and key. The participants' populations are frozen when the year is
    saved, so earlier years keep the figures they were allocated by (history per year)."""

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="budget_years"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    budget = models.BigIntegerField(_("budget (kr.)"))
    equal_percent = models.DecimalField(
        _("ligelig andel (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_(
            "Den del af beløbet til fordeling, der deles ligeligt; resten efter indbyggertal."
        ),
    )
    population_date = models.DateField(_("befolkningstal pr."), null=True, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["collaboration", "-year"]
        verbose_name = _("budgetår")
        verbose_name_plural = _("budgetår")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "year"], name="costs_budgetyear_year"),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="costs_budgetyear_year_range",
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0, budget__lte=MAX_AMOUNT),
                name="costs_budgetyear_budget_range",
            ),
            models.CheckConstraint(
                condition=Q(equal_percent__gte=0, equal_percent__lte=100),
                name="costs_budgetyear_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration.name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("costs:budget_year", args=[self.collaboration.slug, self.year])


class Contribution(models.Model):
    """A fixed external contribution (e.g. the region pays DKK 500,000 a year)."""

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="contributions"
    )
    name = models.CharField(_("betales af"), max_length=200)
    amount = models.BigIntegerField(_("beløb (kr.)"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("fast bidrag")
        verbose_name_plural = _("faste bidrag")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0, amount__lte=MAX_AMOUNT),
                name="costs_contribution_amount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount} kr."


class Participant(models.Model):
    """A member taking part in a budget year, with the population the year is allocated by."""

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="participations", verbose_name=_("medlem")
    )
    population = models.PositiveIntegerField(_("befolkningstal"))

    class Meta:
        ordering = ["member__name"]
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "member"], name="costs_participant_unique"
            ),
            models.CheckConstraint(
                condition=Q(population__gte=1), name="costs_participant_population_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.name} ({self.budget_year.year})"


class Scenario(models.Model):
    """A variant of a budget year: members leaving or joining, another budget, key or
    contributions. Empty fields mean "as in the budget year"."""

    budget_year = models.ForeignKey(BudgetYear, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    budget = models.BigIntegerField(_("budget (kr.)"), null=True, blank=True)
    equal_percent = models.DecimalField(
        _("ligelig andel (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # [[name, amount], ...] replacing the budget year's contributions; null keeps them.
    contributions = models.JSONField(_("faste bidrag"), null=True, blank=True)
    leaving = models.ManyToManyField(
        Member, related_name="+", blank=True, verbose_name=_("udtræder")
    )
    joining = models.ManyToManyField(
        Member, related_name="+", blank=True, verbose_name=_("indtræder")
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")
        constraints = [
            models.UniqueConstraint(fields=["budget_year", "name"], name="costs_scenario_name"),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0, budget__lte=MAX_AMOUNT),
                name="costs_scenario_budget_range",
            ),
            models.CheckConstraint(
                condition=Q(equal_percent__isnull=True)
                | Q(equal_percent__gte=0, equal_percent__lte=100),
                name="costs_scenario_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_year}: {self.name}"

    def get_absolute_url(self) -> str:
        return self.budget_year.get_absolute_url() + f"?scenarie={self.pk}"
