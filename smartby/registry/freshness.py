"""How fresh a project's information is, judged from `last_verified` alone.

- frisk: verified less than FRESHNESS_DUE_MONTHS (6) months ago;
- bør bekræftes: verified between FRESHNESS_DUE_MONTHS and FRESHNESS_STALE_MONTHS (12) months ago,
  both ends included (exactly 6 and exactly 12 months old are both "bør bekræftes");
- forældet: verified more than FRESHNESS_STALE_MONTHS months ago, or never.

Months are calendar months: 31 August minus 6 months is the last day of February. The same
cut-off dates serve the badge on a page (`freshness_of`) and the database filter (`freshness_q`),
so the two always agree. Pages, filters, the map, the API and the reminders all use this module.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Freshness(TextChoices):
    FRESH = "frisk", _("Frisk")
    DUE = "boer-bekraeftes", _("Bør bekræftes")
    STALE = "foraeldet", _("Forældet")


DUE_OR_STALE = (Freshness.DUE, Freshness.STALE)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` months earlier, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Cutoffs:
    """Verified on or before `due` → due; verified before `stale` (or never) → stale."""

    due: dt.date
    stale: dt.date


def cutoffs(today: dt.date | None = None) -> Cutoffs:
    today = today or timezone.localdate()
    return Cutoffs(
        due=months_before(today, settings.FRESHNESS_DUE_MONTHS),
        stale=months_before(today, settings.FRESHNESS_STALE_MONTHS),
    )


def freshness_of(last_verified: dt.date | None, today: dt.date | None = None) -> Freshness:
    c = cutoffs(today)
    if last_verified is None or last_verified < c.stale:
        return Freshness.STALE
    if last_verified <= c.due:
        return Freshness.DUE
    return Freshness.FRESH


def freshness_q(values: Iterable[str], today: dt.date | None = None) -> Q:
    """A filter on Project for any of `values` (unknown values match nothing)."""
    c = cutoffs(today)
    conditions = {
        Freshness.FRESH: Q(last_verified__gt=c.due),
        Freshness.DUE: Q(last_verified__gte=c.stale, last_verified__lte=c.due),
        Freshness.STALE: Q(last_verified__lt=c.stale) | Q(last_verified__isnull=True),
    }
    q = Q(pk__in=[])
    for value in set(values):
        if value in conditions:
            q |= conditions[Freshness(value)]
    return q


def due_q(today: dt.date | None = None) -> Q:
    """Projects whose information should be confirmed (bør bekræftes or forældet)."""
    return freshness_q(DUE_OR_STALE, today)
