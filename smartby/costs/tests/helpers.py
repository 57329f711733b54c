"""Test data for cost sharing, made through the real operations."""

from typing import Any

from smartby.costs import operations
from smartby.costs.models import BudgetYear, Collaboration, Scenario
from smartby.geo.models import Municipality

# Four municipalities of Region Midtjylland; registry populations 367,000, 99,500, 23,500, 3,700.
CODES = ["751", "730", "727", "741"]
JOINING = "665"  # Lemvig, 19,500


def make_collaboration(
    name: str = "Fælles IoT-sekretariat", codes: list[str] | None = None
) -> Collaboration:
    c = operations.create_collaboration(
        None, {"name": name, "description": "Et fælles sekretariat."}
    )
    for code in [*(codes or CODES), JOINING]:
        m = Municipality.objects.get(code=code)
        operations.save_member(None, c, {"kind": "kommune", "municipality": str(m.pk)})
    return c


def year_data(c: Collaboration, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": "2026",
        "budget": "1.000.000",
        "contributions": "Region Midtjylland=200000",
        "equal_percent": "25",
        "members": [str(m.pk) for m in c.members.exclude(municipality__code=JOINING)],
        "notes": "",
    }
    data.update(overrides)
    return data


def make_budget_year(c: Collaboration | None = None, **overrides: Any) -> BudgetYear:
    c = c or make_collaboration()
    return operations.save_budget_year(None, c, year_data(c, **overrides))


def make_scenario(by: BudgetYear, **overrides: Any) -> Scenario:
    data: dict[str, Any] = {
        "name": "Samsø træder ud, Lemvig ind",
        "leaving": [str(by.participants.get(member__municipality__code="741").member_id)],
        "joining": [str(by.collaboration.members.get(municipality__code=JOINING).pk)],
    }
    data.update(overrides)
    return operations.save_scenario(None, by, data)
