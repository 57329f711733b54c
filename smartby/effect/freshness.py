"""How fresh a project's information is, from `last_verified`.

frisk: verified less than FRESHNESS_DUE_MONTHS (6) months ago; bør bekræftes: from 6 to
FRESHNESS_STALE_MONTHS (12) months ago, both ends included; forældet: more than 12 months ago
or never verified. The thresholds come from settings, so this agrees with the rest of Smartby
whatever they are set to.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartby.effect.period import add_months

FRESH = "frisk"
DUE = "boer-bekraeftes"
STALE = "foraeldet"
LABELS = {FRESH: _("Frisk"), DUE: _("Bør bekræftes"), STALE: _("Forældet")}


def thresholds() -> tuple[int, int]:
    """(due, stale) in months."""
    return (
        getattr(settings, "FRESHNESS_DUE_MONTHS", 6),
        getattr(settings, "FRESHNESS_STALE_MONTHS", 12),
    )


def cutoffs(today: dt.date) -> tuple[dt.date, dt.date]:
    """(due, stale): verified on or before `due` is no longer fresh; before `stale` is stale."""
    due_months, stale_months = thresholds()
    return add_months(today, -due_months), add_months(today, -stale_months)


def freshness(last_verified: dt.date | None, today: dt.date) -> str:
    due, stale = cutoffs(today)
    if last_verified is None or last_verified < stale:
        return STALE
    if last_verified <= due:
        return DUE
    return FRESH


def freshness_q(state: str, today: dt.date) -> Q:
    """The same rule as `freshness`, as a filter on projects."""
    due, stale = cutoffs(today)
    return {
        FRESH: Q(last_verified__gt=due),
        DUE: Q(last_verified__gte=stale, last_verified__lte=due),
        STALE: Q(last_verified__isnull=True) | Q(last_verified__lt=stale),
    }[state]
