import datetime as dt
import os
import subprocess
import sys

import pytest

from smartby.registry.freshness import (
    Freshness,
    cutoffs,
    due_q,
    freshness_of,
    freshness_q,
    months_before,
)
from smartby.registry.models import Project
from smartby.reminders.tests.conftest import set_verified

TODAY = dt.date(2026, 8, 31)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2028, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 15), 12, dt.date(2025, 3, 15)),
        (dt.date(2026, 1, 10), 1, dt.date(2025, 12, 10)),
        (dt.date(2026, 5, 31), 3, dt.date(2026, 2, 28)),
    ],
)
def test_months_before_is_calendar_months_clamped_to_the_month_end(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("last_verified", "expected"),
    [
        (TODAY, Freshness.FRESH),
        (dt.date(2026, 3, 1), Freshness.FRESH),  # a day short of 6 months
        (dt.date(2026, 2, 28), Freshness.DUE),  # exactly 6 months
        (dt.date(2025, 8, 31), Freshness.DUE),  # exactly 12 months
        (dt.date(2025, 8, 30), Freshness.STALE),  # 12 months and a day
        (dt.date(2019, 1, 1), Freshness.STALE),
        (None, Freshness.STALE),  # never verified
    ],
)
def test_freshness_boundaries(last_verified, expected):
    assert freshness_of(last_verified, TODAY) == expected


def test_thresholds_come_from_settings(settings):
    settings.FRESHNESS_DUE_MONTHS = 3
    settings.FRESHNESS_STALE_MONTHS = 4
    assert cutoffs(TODAY).due == dt.date(2026, 5, 31)
    assert freshness_of(dt.date(2026, 5, 31), TODAY) == Freshness.DUE
    assert freshness_of(dt.date(2026, 4, 30), TODAY) == Freshness.DUE
    assert freshness_of(dt.date(2026, 4, 29), TODAY) == Freshness.STALE


@pytest.mark.django_db
def test_database_filter_agrees_with_the_badge(due_project):
    days = [TODAY, dt.date(2026, 3, 1), dt.date(2026, 2, 28), dt.date(2025, 8, 31)]
    days += [dt.date(2025, 8, 30), None]
    projects = [set_verified(due_project(), day) for day in days]
    for value in Freshness:
        matched = set(
            Project.objects.filter(freshness_q([value], TODAY)).values_list("pk", flat=True)
        )
        assert matched == {p.pk for p in projects if freshness_of(p.last_verified, TODAY) == value}
    due = set(Project.objects.filter(due_q(TODAY)).values_list("pk", flat=True))
    assert due == {p.pk for p in projects[2:]}
    assert not Project.objects.filter(freshness_q(["ukendt"], TODAY)).exists()


@pytest.mark.django_db
def test_the_project_knows_its_freshness(due_project):
    assert due_project(months=1).freshness == Freshness.FRESH
    assert due_project(months=7).freshness == Freshness.DUE
    assert due_project(months=None).freshness == Freshness.STALE


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FRESHNESS_DUE_MONTHS": "12", "FRESHNESS_STALE_MONTHS": "12"}, "FRESHNESS_DUE_MONTHS"),
        ({"FRESHNESS_DUE_MONTHS": "0"}, "FRESHNESS_DUE_MONTHS"),
        ({"REMINDER_MAX_ATTEMPTS": "0"}, "REMINDER_MAX_ATTEMPTS must be at least 1"),
    ],
)
def test_bad_thresholds_fail_loudly_at_start_up(env, message):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "smartby.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
