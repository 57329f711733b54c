"""The criteria of Digitaliseringspartnerskabet's prioritisation tool (2021, section 2.1 and
figure 3) and the four investment categories of section 2.2 "Økonomi".

The report names the three parameters in prose; figure 3 itself is an image whose scale is not
in the text, so Smartby scores each criterion on a five-step scale from "meget lille" (1) to
"meget stor" (5), the usual reading of a prioritisation matrix. The investment category is a
category, not a score: it is shown beside the ranking and never added to it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE_MIN = 1
SCALE_MAX = 5
SCALE_MID = 3


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str | Promise
    short: str | Promise
    source_text: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "value_citizens",
        _("Værdi for mange borgere og virksomheder"),
        _("Borgere og virksomheder"),
        "valget af anbefalinger sket ud fra en vurdering af deres potentiale for at skabe stor "
        "værdi for mange borgere og virksomheder",
    ),
    Criterion(
        "value_goals",
        _("Værdi i forhold til regeringens fire mål"),
        _("Regeringens mål"),
        "valget af anbefalinger vurderet ud fra deres værdi i forhold til regeringens fire mål "
        "for det danske samfund",
    ),
    Criterion(
        "digital_difference",
        _("Hvor stor en positiv forskel øget digitalisering kan gøre"),
        _("Digitaliseringspotentiale"),
        "anbefalingerne er vurderet i forhold til, hvor stor en positiv forskel øget "
        "digitalisering kan gøre",
    ),
)
CRITERION_CODES = tuple(c.code for c in CRITERIA)
VALUE_CODES = ("value_citizens", "value_goals")  # the matrix's x axis: mean of these two
POTENTIAL_CODE = "digital_difference"  # the matrix's y axis

SCALE_LABELS = {
    1: _("1 – meget lille"),
    2: _("2 – lille"),
    3: _("3 – middel"),
    4: _("4 – stor"),
    5: _("5 – meget stor"),
}

INVESTMENT_CATEGORIES = {
    1: _("Nye initiativer med væsentlige investeringer"),
    2: _("Videreudvikling eller acceleration af eksisterende indsatser"),
    3: _("Udgiftsneutralt ved omprioritering"),
    4: _("Ingen væsentlig ny finansiering"),
}

GOVERNMENT_GOALS = (
    "En effektiv offentlig sektor og service af høj kvalitet.",
    "De næste spring i den grønne omstilling.",
    "Vækst, eksport og et omstillingsparat og robust erhvervsliv.",
    "Et fortsat fair og lige samfund.",
)
