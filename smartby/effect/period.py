"""The reporting period of the dashboard: whole days from `date_from` to `date_to`, inclusive."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

# Periods up to this many days are shown per day, longer ones per month.
DAILY_UP_TO_DAYS = 62


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month (31 Mar - 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Period:
    date_from: dt.date
    date_to: dt.date

    @classmethod
    def default(cls, today: dt.date | None = None) -> "Period":
        """The last twelve months: this month so far and the eleven whole months before it."""
        today = today or timezone.localdate()
        return cls(month_start(add_months(today, -11)), today)

    @property
    def start(self) -> dt.datetime:
        """The first moment of the period, in the site's time zone."""
        return timezone.make_aware(dt.datetime.combine(self.date_from, dt.time.min))

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period (exclusive upper bound)."""
        next_day = self.date_to + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(next_day, dt.time.min))

    @property
    def daily(self) -> bool:
        return (self.date_to - self.date_from).days < DAILY_UP_TO_DAYS

    def months(self) -> list[dt.date]:
        """The first day of each calendar month the period touches."""
        months, month = [], month_start(self.date_from)
        while month <= self.date_to:
            months.append(month)
            month = add_months(month, 1)
        return months

    def days(self) -> list[dt.date]:
        count = (self.date_to - self.date_from).days + 1
        return [self.date_from + dt.timedelta(days=i) for i in range(count)]

    def buckets(self) -> list[dt.date]:
        """Days for a short period, months for a long one (page views over time)."""
        return self.days() if self.daily else self.months()

    def as_query(self) -> str:
        return f"from={self.date_from.isoformat()}&to={self.date_to.isoformat()}"
