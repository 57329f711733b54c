"""Coordinators edit a municipality's type and population; everybody else is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.conftest import PERSONAS
from smartby.geo import operations
from smartby.geo.models import Municipality

pytestmark = pytest.mark.django_db

ALLOWED = {"coordinator", "superuser"}
URL = "/kommuner/751/rediger/"
VALID = {"kind": "yderkommune", "population": "361544", "population_date": "2025-01-01"}


@pytest.fixture
def aarhus(db) -> Municipality:
    return Municipality.objects.get(code="751")


def stored(m: Municipality) -> tuple:
    m.refresh_from_db()
    return (m.kind, m.population, m.population_date)


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(persona, as_persona, aarhus):
    # editor_a is a member of Aarhus Kommune, but municipality data is for coordinators only.
    before = stored(aarhus)
    c = as_persona(persona)
    get, post = c.get(URL), c.post(URL, VALID)
    if persona in ALLOWED:
        assert get.status_code == 200
        assert post.status_code == 302 and post["Location"] == "/kommuner/751/"
        assert stored(aarhus) == ("yderkommune", 361544, dt.date(2025, 1, 1))
        entry = AuditEntry.objects.get(object_type="geo.municipality", object_id=str(aarhus.pk))
        assert entry.action == "update" and entry.actor is not None
        assert entry.changes["kind"] == {"old": before[0], "new": "yderkommune"}
        assert entry.changes["population"]["new"] == 361544
        assert entry.changes["population_date"]["new"] == "2025-01-01"
    else:
        for response in (get, post):
            if persona == "anonymous":
                assert response.status_code == 302
                assert response["Location"].startswith("/konto/log-ind/?next=")
            else:
                assert response.status_code == 403
        assert stored(aarhus) == before
        assert not AuditEntry.objects.exists()


def test_operation_refuses_editor_of_the_municipality(editor_a, aarhus):
    before = stored(aarhus)
    with pytest.raises(PermissionDenied):
        operations.update_municipality(editor_a, aarhus, VALID)
    assert stored(aarhus) == before


def test_form_offers_the_four_types_in_danish(client_coordinator):
    body = client_coordinator.get(URL).content.decode()
    for label in ("Bykommune", "Mellemkommune", "Landkommune", "Yderkommune"):
        assert label in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "storby"}, "kind", "Vælg en gyldig kommunetype."),
        ({"population": "-5"}, "population", "Befolkningstallet kan ikke være negativt."),
        ({"population": "mange"}, "population", "Skriv befolkningstallet som et helt tal."),
        ({"population_date": ""}, "population_date", "Angiv datoen for befolkningstallet."),
        ({"population": ""}, "population", "Angiv befolkningstallet for datoen."),
        (
            {"population_date": "2999-01-01"},
            "population_date",
            "Datoen kan ikke ligge i fremtiden.",
        ),
    ],
)
def test_invalid_input_gives_danish_errors_and_changes_nothing(
    coordinator, client_coordinator, aarhus, data, field, message
):
    before = stored(aarhus)
    with pytest.raises(ValidationError) as exc:
        operations.update_municipality(coordinator, aarhus, {**VALID, **data})
    assert exc.value.message_dict[field] == [message]
    response = client_coordinator.post(URL, {**VALID, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored(aarhus) == before
    assert not AuditEntry.objects.exists()


def test_clearing_type_and_population_is_allowed(coordinator, aarhus):
    operations.update_municipality(coordinator, aarhus, VALID)
    operations.update_municipality(coordinator, aarhus, {})
    assert stored(aarhus) == ("", None, None)


def test_unchanged_save_writes_no_audit(coordinator, aarhus):
    operations.update_municipality(coordinator, aarhus, VALID)
    operations.update_municipality(coordinator, aarhus, VALID)
    assert AuditEntry.objects.count() == 1


def test_today_is_a_valid_population_date(coordinator, aarhus):
    today = timezone.localdate()
    operations.update_municipality(coordinator, aarhus, {**VALID, "population_date": today})
    assert stored(aarhus)[2] == today


def test_unknown_municipality_is_404(client_coordinator):
    assert client_coordinator.get("/kommuner/999/rediger/").status_code == 404
