"""Test data for the markedsoverblik, made through the real operations."""

from typing import Any

from smartby.accounts.models import User
from smartby.catalogue import operations
from smartby.catalogue.models import Solution, SolutionUse, Supplier
from smartby.conftest import make_user
from smartby.lib.text import danish_slugify
from smartby.orgs.models import Organisation, OrganisationKind

VALID_CVRS = ["10000009", "12345674", "20000007", "30000005", "40000003"]


def make_company(name: str = "Sensorværket ApS (test)") -> Organisation:
    return Organisation.objects.create(
        name=name, slug=danish_slugify(name), kind=OrganisationKind.COMPANY
    )


def supplier_data(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    data = {
        "organisation": str(organisation.pk),
        "cvr": VALID_CVRS[organisation.pk % len(VALID_CVRS)],
        "size": "lille",
        "description": "Sensorer til affald og indeklima.",
        "contact_email": "salg@sensorvaerket.example.org",
        "contact_phone": "+45 70 20 30 40",
        "website": "https://sensorvaerket.example.org",
    }
    data.update(overrides)
    return data


def make_supplier(
    coordinator: User, name: str = "Sensorværket ApS (test)", **overrides
) -> Supplier:
    organisation = make_company(name)
    overrides.setdefault("cvr", _free_cvr())
    return operations.create_supplier(coordinator, supplier_data(organisation, **overrides))


def _free_cvr() -> str:
    from smartby.registry.demo import demo_cvr

    n = Organisation.objects.count()
    while True:
        cvr = demo_cvr(f"test-{n}")
        if not Organisation.objects.filter(cvr=cvr).exists():
            return cvr
        n += 1


def solution_data(supplier: Supplier, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "supplier": str(supplier.pk),
        "name": "Fyldningssensor",
        "category": "sensorer",
        "description": "Måler fyldningsgraden i affaldscontainere.",
        "technologies": ["iot-sensorer", "lorawan"],
        "areas": ["forsyning"],
        "standards": ["lorawan", "mqtt"],
        "open_apis": "REST-API med JSON.",
        "data_ownership": "Kommunen ejer data og kan hente rådata.",
        "hosting": "dansk-datacenter",
        "price_model": "pr-enhed",
        "price_note": "ca. 1.000 kr. pr. sensor",
        "references": "Aarhus Kommune",
    }
    data.update(overrides)
    return data


def make_solution(coordinator: User, supplier: Supplier, **overrides: Any) -> Solution:
    return operations.create_solution(coordinator, solution_data(supplier, **overrides))


def supplier_member(supplier: Supplier, email: str = "sara@sensorvaerket.example.org") -> User:
    user = make_user(email, name="Sara Sælger")
    user.organisations.add(supplier.organisation)
    return user


def make_use(actor: User, solution: Solution, project, **overrides: Any) -> SolutionUse:
    data = {"project": project.slug, "experience": "Husk rådata i kontrakten.", "since": ""}
    data.update(overrides)
    return operations.add_solution_use(actor, solution, data)
