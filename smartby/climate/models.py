"""DK2020: each municipality's climate-plan process, by phase, with its history.

The phases are reference data (`Phase`, loaded by a data migration): the steps the KD-Net
minutes of 28 Aug 2020 describe, each with the quote it rests on, plus the steps after the plan
is written, which the minutes do not describe (`from_seed` is false for those).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2019  # DK2020's pilot started in 2019; nothing before it is a DK2020 date
LAST_YEAR = 2100


class Phase(models.Model):
    """One step of the DK2020 process, in order (`position`)."""

    position = models.PositiveSmallIntegerField(_("rækkefølge"), unique=True)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    source_quote = models.TextField(_("citat fra kilden"), blank=True)
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    from_seed = models.BooleanField(
        _("beskrevet i KD-Net-materialet"),
        default=False,
        help_text=_("Falsk for faser, som KD-Net-referatet ikke beskriver."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("DK2020-fase")
        verbose_name_plural = _("DK2020-faser")

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    NOT_STARTED = "ikke_startet", _("Ikke startet")
    IN_PROGRESS = "i_gang", _("I gang")
    ADOPTED = "vedtaget", _("Vedtaget")
    APPROVED = "godkendt", _("Godkendt")


ADOPTED_STATUSES = (PlanStatus.ADOPTED, PlanStatus.APPROVED)


class Cohort(models.TextChoices):
    """The DK2020 rounds as the KD-Net minutes name them."""

    BEFORE_ROUND_1 = "foer_1_runde", _("Med før 1. runde")
    ROUND_1 = "1_runde", _("1. runde (ansøgning senest 21. oktober 2020)")
    ROUND_2 = "2_runde", _("2. runde (ansøgning forventeligt oktober 2021)")


class ClimatePlan(models.Model):
    """A municipality's DK2020 climate plan: where in the process it is now."""

    municipality = models.OneToOneField(
        "geo.Municipality",
        on_delete=models.PROTECT,
        related_name="climate_plan",
        verbose_name=_("kommune"),
    )
    cohort = models.CharField(_("runde"), max_length=20, choices=Cohort.choices, blank=True)
    joined_year = models.PositiveSmallIntegerField(_("tilmeldt år"), null=True, blank=True)
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("nuværende fase"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.NOT_STARTED
    )
    adopted_date = models.DateField(_("vedtaget den"), null=True, blank=True)
    plan_url = models.URLField(_("link til klimaplanen"), max_length=500, blank=True)
    notes = models.TextField(_("noter"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)
    updated_at = models.DateTimeField(_("opdateret"), auto_now=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("klimaplan")
        verbose_name_plural = _("klimaplaner")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="climate_plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(cohort="") | Q(cohort__in=Cohort.values),
                name="climate_plan_cohort_valid",
            ),
            models.CheckConstraint(
                condition=Q(joined_year__isnull=True)
                | Q(joined_year__gte=FIRST_YEAR, joined_year__lte=LAST_YEAR),
                name="climate_plan_joined_year_range",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=ADOPTED_STATUSES) | Q(adopted_date__isnull=False),
                name="climate_plan_adopted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.NOT_STARTED) | Q(phase__isnull=False),
                name="climate_plan_started_has_phase",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Klimaplan for %(name)s") % {"name": self.municipality.name})

    def get_absolute_url(self) -> str:
        return reverse("climate:municipality", args=[self.municipality.code])


class PhaseEvent(models.Model):
    """One entry of a plan's history: the phase and status from `date`, with a comment."""

    plan = models.ForeignKey(
        ClimatePlan, on_delete=models.CASCADE, related_name="events", verbose_name=_("klimaplan")
    )
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("fase"),
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices)
    date = models.DateField(_("dato"))
    comment = models.TextField(_("kommentar"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    actor_name = models.CharField(
        _("registreret af (navn)"),
        max_length=200,
        blank=True,
        help_text=_("Navnet, som det var, da ændringen blev registreret, eller kilden."),
    )
    created_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("fasehændelse")
        verbose_name_plural = _("fasehændelser")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="climate_event_status_valid"
            ),
        ]

    def __str__(self) -> str:
        phase = self.phase.name if self.phase else "–"
        return f"{self.plan.municipality.name}: {phase} ({self.get_status_display()}), {self.date}"
