import pytest

from smartby.catalogue.tests.helpers import make_solution, make_supplier, make_use, supplier_member
from smartby.registry.tests.helpers import make_project


@pytest.fixture
def catalogue(coordinator, editor_a, editor_b):
    """Two suppliers, three solutions; one used by an Aarhus project and an Odense project."""
    supplier = make_supplier(coordinator)
    other = make_supplier(coordinator, name="Lysværket A/S (test)", size="stor")
    sensor = make_solution(coordinator, supplier)
    climate = make_solution(
        coordinator,
        supplier,
        name="Indeklimasensor",
        technologies=["intelligent-bygningsstyring"],
        standards=["ngsi-ld"],
        hosting="eu-cloud",
        price_model="abonnement",
    )
    light = make_solution(
        coordinator,
        other,
        name="Lysstyring",
        category="iot-platform",
        technologies=["smart-belysning"],
        standards=[],
        hosting="uden-for-eu",
        price_model="licens-drift",
    )
    aarhus = make_project(editor_a, title="Affaldssensorer i Aarhus")
    odense = make_project(
        editor_b,
        title="Affald i Odense",
        municipalities=["461"],
        lead=editor_b.organisations.get(),
    )
    make_use(editor_a, sensor, aarhus, experience="Husk rådata i kontrakten.")
    make_use(editor_b, sensor, odense, experience="Batterierne holdt kortere end lovet.")
    return {
        "supplier": supplier,
        "other": other,
        "sensor": sensor,
        "climate": climate,
        "light": light,
        "aarhus": aarhus,
        "odense": odense,
        "member": supplier_member(supplier),
    }
