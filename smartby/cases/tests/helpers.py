"""Test data for use cases and business cases, made through the real operations."""

from typing import Any

from smartby.cases import operations
from smartby.cases.models import BusinessCase, UseCase
from smartby.orgs.models import Organisation
from smartby.registry.models import Area

# Investment 100,000 in year 0, running costs 10,000 and savings 60,000 in years 1 and 2.
# Nets: -100,000, 50,000, 50,000. At 10 %: 50,000/1.1 + 50,000/1.21 = 86,776.86 → NPV -13,223.14.
LINES = [
    {"kind": "investering", "label": "Sensorer og montering", "year": "0", "amount": "100000"},
    {"kind": "drift", "label": "Abonnement og batterier", "year": "1", "amount": "10000"},
    {"kind": "drift", "label": "Abonnement og batterier", "year": "2", "amount": "10000"},
    {"kind": "gevinst", "label": "Færre tømninger", "year": "1", "amount": "60000"},
    {"kind": "gevinst", "label": "Færre tømninger", "year": "2", "amount": "60000"},
    {"kind": "ikke_oekonomisk", "label": "Mindre affald på gaden", "year": "", "amount": ""},
]
NPV_TEXT = "-13.223,14"


def use_case_data(**overrides: Any) -> dict[str, Any]:
    """POST data for UseCaseForm: a valid use case owned by Aarhus Kommune."""
    owner = overrides.pop("owner", None) or Organisation.objects.get(municipality__code="751")
    data: dict[str, Any] = {
        "title": "Affaldssensorer i kuber",
        "problem": "Kuberne tømmes efter fast rute, også når de er halvtomme.",
        "target_group": "Renovationen og borgere ved genbrugsøerne",
        "data_needed": "Fyldningsgrad fra ultralydssensorer via LoRaWAN",
        "benefits": "Færre kørsler og færre overfyldte kuber",
        "risks": "Batterilevetid og leverandørbinding",
        "area": str(Area.objects.get(name="Forsyning").pk),
        "owner_organisation": str(owner.pk),
        "projects": "",
    }
    data.update(overrides)
    return data


def business_case_data(
    lines: list[dict[str, str]] | None = None, **overrides: Any
) -> dict[str, Any]:
    """POST data for BusinessCaseEditor (new lines only)."""
    lines = LINES if lines is None else lines
    data: dict[str, Any] = {
        "title": "Basisscenarie",
        "first_year": "2026",
        "horizon_years": "3",
        "discount_rate": "10",
        "notes": "Priser fra leverandørens tilbud.",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
    }
    for i, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{i}-{key}"] = value
    data.update(overrides)
    return data


def edit_data(business_case: BusinessCase, **overrides: Any) -> dict[str, Any]:
    """POST data that keeps `business_case` as it is (existing lines kept), with overrides."""
    lines = list(business_case.lines.order_by("id"))
    data: dict[str, Any] = {
        "title": business_case.title,
        "first_year": str(business_case.first_year),
        "horizon_years": str(business_case.horizon_years),
        "discount_rate": str(business_case.discount_rate),
        "notes": business_case.notes,
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(len(lines)),
    }
    for i, line in enumerate(lines):
        data[f"lines-{i}-id"] = str(line.pk)
        data[f"lines-{i}-kind"] = line.kind
        data[f"lines-{i}-label"] = line.label
        data[f"lines-{i}-year"] = "" if line.year is None else str(line.year)
        data[f"lines-{i}-amount"] = "" if line.amount is None else str(line.amount)
    data.update(overrides)
    return data


def make_use_case(actor: Any = None, **overrides: Any) -> UseCase:
    return operations.create_use_case(actor, use_case_data(**overrides))


def make_business_case(
    actor: Any = None, use_case: UseCase | None = None, **overrides: Any
) -> BusinessCase:
    use_case = use_case or make_use_case(actor)
    return operations.create_business_case(actor, use_case, business_case_data(**overrides))
