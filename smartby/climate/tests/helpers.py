"""Test data for DK2020 tracking, made through the real operations."""

import datetime as dt
from typing import Any

from smartby.climate import operations
from smartby.climate.models import ClimatePlan
from smartby.geo.models import Municipality

TODAY = dt.date(2024, 6, 1)


def update_data(**overrides: Any) -> dict[str, Any]:
    """POST data for PlanUpdateForm: in the plan-writing phase, in progress."""
    data: dict[str, Any] = {
        "phase": "udarbejdelse",
        "status": "i_gang",
        "event_date": "2024-03-01",
        "comment": "Første udkast til CO2-kortlægning er klar.",
        "cohort": "1_runde",
        "joined_year": "2020",
        "adopted_date": "",
        "plan_url": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def set_plan(actor: Any, code: str, **overrides: Any) -> ClimatePlan:
    municipality = Municipality.objects.get(code=code)
    return operations.update_plan(actor, municipality, update_data(**overrides), today=TODAY)
