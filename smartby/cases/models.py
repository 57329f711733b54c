"""Use cases (a problem that technology can solve, with what it needs and brings) and their
business cases (scenarios of costs and benefits per year; figures in `cases.finance`)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_HORIZON = 20
MAX_RATE = Decimal("20")
MIN_FIRST_YEAR = 2000
MAX_FIRST_YEAR = 2100
MAX_AMOUNT = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, decimal_places=2)


class UseCase(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    problem = models.TextField(_("problem"))
    target_group = models.CharField(_("målgruppe"), max_length=300)
    data_needed = models.TextField(_("data og sensorer"), blank=True)
    benefits = models.TextField(_("forventede gevinster"), blank=True)
    risks = models.TextField(_("risici"), blank=True)
    area = models.ForeignKey(
        "registry.Area",
        on_delete=models.PROTECT,
        related_name="use_cases",
        verbose_name=_("område"),
    )
    owner_organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.PROTECT,
        related_name="use_cases",
        verbose_name=_("ejer"),
    )
    projects = models.ManyToManyField(
        "registry.Project", related_name="use_cases", blank=True, verbose_name=_("projekter")
    )
    solutions = models.ManyToManyField(
        "catalogue.Solution", related_name="use_cases", blank=True, verbose_name=_("løsninger")
    )
    standards = models.ManyToManyField(
        "catalogue.Standard", related_name="use_cases", blank=True, verbose_name=_("standarder")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")
        indexes = [models.Index(fields=["title"], name="usecase_title_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:usecase_detail", args=[self.slug])


class BusinessCase(models.Model):
    """One scenario of a use case: costs and benefits over `horizon_years` years from
    `first_year` (year 0), discounted at `discount_rate` percent a year."""

    use_case = models.ForeignKey(UseCase, on_delete=models.CASCADE, related_name="business_cases")
    title = models.CharField(_("titel"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("første år"))
    horizon_years = models.PositiveSmallIntegerField(_("tidshorisont (år)"))
    discount_rate = models.DecimalField(_("diskonteringsrente (%)"), max_digits=4, decimal_places=2)
    notes = models.TextField(_("forudsætninger og noter"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["use_case", "title", "id"]
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")
        constraints = [
            models.UniqueConstraint(fields=["use_case", "title"], name="businesscase_unique_title"),
            models.CheckConstraint(
                condition=Q(horizon_years__gte=1, horizon_years__lte=MAX_HORIZON),
                name="businesscase_horizon_range",
            ),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0, discount_rate__lte=MAX_RATE),
                name="businesscase_rate_range",
            ),
            models.CheckConstraint(
                condition=Q(first_year__gte=MIN_FIRST_YEAR, first_year__lte=MAX_FIRST_YEAR),
                name="businesscase_first_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.use_case.title}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:businesscase_detail", args=[self.use_case.slug, self.pk])

    @property
    def last_year(self) -> int:
        return self.first_year + self.horizon_years - 1


class LineKind(models.TextChoices):
    INVESTMENT = "investering", _("Investering")
    OPERATING = "drift", _("Driftsomkostning")
    BENEFIT = "gevinst", _("Økonomisk gevinst")
    NON_ECONOMIC = "ikke_oekonomisk", _("Ikke-økonomisk gevinst")


class BusinessCaseLine(models.Model):
    """A cost or benefit in one year. `year` counts from the business case's first year (0).
    Amounts are positive; the kind gives the sign. Non-economic benefits have no amount (and
    may have no year): they are described, not counted."""

    business_case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("type"), max_length=20, choices=LineKind.choices)
    label = models.CharField(_("beskrivelse"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    amount = models.DecimalField(
        _("beløb (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("linje i business case")
        verbose_name_plural = _("linjer i business case")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=LineKind.NON_ECONOMIC, amount__isnull=True)
                | (
                    ~Q(kind=LineKind.NON_ECONOMIC)
                    & Q(amount__isnull=False, amount__gte=0, year__isnull=False)
                ),
                name="businesscaseline_amount_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__lt=MAX_HORIZON),
                name="businesscaseline_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label
