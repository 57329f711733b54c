"""Privacy-friendly measurements for the effect dashboard.

Both tables hold aggregates only: a count per day and section, a count per day and search term.
No cookie is set, and no IP address, user agent, user id or session is stored anywhere, so a row
can never be traced back to a visitor."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The parts of the site that page views are counted for, taken from the URL's first
    segment (see `measure.section_for_path`)."""

    HOME = "forside", _("Forside")
    MAP = "kort", _("Danmarkskortet")
    PROJECTS = "projekter", _("Projekter")
    MUNICIPALITIES = "kommuner", _("Kommuner")
    ORGANISATIONS = "organisationer", _("Organisationer")
    PEERS = "fagkolleger", _("Find en fagkollega")
    API = "api", _("API")
    EFFECT = "effekt", _("Effekt")
    ACCOUNT = "konto", _("Konto")
    OTHER = "andet", _("Andet")


class PageView(models.Model):
    """Successful page (or API) views of one section on one day."""

    day = models.DateField(_("dag"))
    section = models.CharField(_("sektion"), max_length=20, choices=Section.choices)
    count = models.PositiveIntegerField(_("visninger"), default=0)

    class Meta:
        ordering = ["day", "section"]
        verbose_name = _("sidevisning")
        verbose_name_plural = _("sidevisninger")
        constraints = [
            models.UniqueConstraint(fields=["day", "section"], name="pageview_day_section")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.section}: {self.count}"


class SearchTerm(models.Model):
    """How often a (normalised) search term was searched for on one day."""

    day = models.DateField(_("dag"))
    term = models.CharField(_("søgeord"), max_length=100)
    count = models.PositiveIntegerField(_("søgninger"), default=0)

    class Meta:
        ordering = ["day", "term"]
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")
        constraints = [models.UniqueConstraint(fields=["day", "term"], name="searchterm_day_term")]

    def __str__(self) -> str:
        return f"{self.day} {self.term}: {self.count}"
