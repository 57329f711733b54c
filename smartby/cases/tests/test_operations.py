"""Operations: validation, saving, audit, and the permission matrix for each persona."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.cases import operations
from smartby.cases.forms import business_case_form_data
from smartby.cases.models import BusinessCase, BusinessCaseLine, UseCase
from smartby.cases.tests.helpers import (
    business_case_data,
    edit_data,
    make_business_case,
    make_use_case,
    use_case_data,
)
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def fields(exc) -> set[str]:
    return {e["field"] for e in exc.value.errors}


def test_create_use_case_links_projects_and_audits(editor_a):
    project = make_project(editor_a, title="Sensorer i kuber i Aarhus")
    use_case = make_use_case(editor_a, projects=f"https://x/projekter/{project.slug}/\n")
    assert use_case.slug == "affaldssensorer-i-kuber"
    assert list(use_case.projects.all()) == [project]
    assert use_case.created_by == editor_a
    entry = AuditEntry.objects.get(object_type="cases.usecase", action="create")
    assert entry.changes["projects"]["new"] == [project.slug]
    # The same title gets a new slug; the reserved "ny" does not become a slug.
    assert make_use_case(editor_a).slug == "affaldssensorer-i-kuber-2"
    assert make_use_case(editor_a, title="Ny").slug == "ny-2"


def test_use_case_validation_errors_are_danish_and_write_nothing(editor_a):
    with pytest.raises(operations.ValidationFailed) as exc:
        operations.create_use_case(
            editor_a, use_case_data(title="", problem="", area="999999", projects="findes-ikke")
        )
    assert {"title", "problem", "area", "projects"} <= fields(exc)
    messages = " ".join(e["message"] for e in exc.value.errors)
    assert "Use casen skal have en titel" in messages
    assert "Ukendt projekt: findes-ikke" in messages
    assert not UseCase.objects.exists()
    assert not AuditEntry.objects.filter(object_type="cases.usecase").exists()


def test_update_use_case_records_changed_fields(editor_a):
    use_case = make_use_case(editor_a)
    operations.update_use_case(editor_a, use_case, use_case_data(risks="Tyveri af sensorer"))
    use_case.refresh_from_db()
    assert use_case.risks == "Tyveri af sensorer"
    entry = AuditEntry.objects.get(object_type="cases.usecase", action="update")
    assert set(entry.changes) == {"risks"}


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("anonymous", False), ("editor_a", True), ("editor_b", False), ("coordinator", True)],
)
def test_use_case_permission_matrix(persona, allowed, request, editor_a, org_a):
    actor = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    use_case = make_use_case(editor_a)
    business_case = make_business_case(editor_a, use_case)
    calls = [
        lambda: operations.update_use_case(actor, use_case, use_case_data(risks="Nye risici")),
        lambda: operations.create_business_case(
            actor, use_case, business_case_data(title="Udvidet")
        ),
        lambda: operations.update_business_case(
            actor, business_case, edit_data(business_case, title="Omdøbt")
        ),
        lambda: operations.delete_business_case(actor, business_case),
        lambda: operations.delete_use_case(actor, use_case),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    assert UseCase.objects.exists() is not allowed


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("anonymous", False), ("editor_a", True), ("editor_b", False), ("coordinator", True)],
)
def test_create_use_case_for_aarhus(persona, allowed, request, org_a):
    actor = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    if allowed:
        assert (
            operations.create_use_case(actor, use_case_data(owner=org_a)).owner_organisation
            == org_a
        )
    else:
        with pytest.raises(PermissionDenied):
            operations.create_use_case(actor, use_case_data(owner=org_a))
        assert not UseCase.objects.exists()


def test_editor_cannot_move_a_use_case_to_another_organisation(editor_a, org_b):
    use_case = make_use_case(editor_a)
    with pytest.raises(PermissionDenied):
        operations.update_use_case(editor_a, use_case, use_case_data(owner=org_b))
    assert UseCase.objects.get().owner_organisation.name == "Aarhus Kommune"


def test_create_business_case_saves_lines_and_figures(editor_a):
    business_case = make_business_case(editor_a)
    assert business_case.lines.count() == 6
    non_economic = business_case.lines.get(kind="ikke_oekonomisk")
    assert non_economic.amount is None and non_economic.year is None
    result = operations.calculate(business_case)
    assert result.npv == Decimal("-13223.14")
    assert result.payback_year == 2028
    assert AuditEntry.objects.filter(object_type="cases.businesscase", action="create").exists()


def test_business_case_validation_per_line(editor_a):
    use_case = make_use_case(editor_a)
    lines = [
        {"kind": "investering", "label": "Udstyr", "year": "5", "amount": "1000"},
        {"kind": "gevinst", "label": "", "year": "1", "amount": "-3"},
        {"kind": "drift", "label": "Drift", "year": "", "amount": ""},
        {"kind": "ikke_oekonomisk", "label": "Tryghed", "year": "", "amount": "10"},
        {"kind": "noget", "label": "Ukendt", "year": "1", "amount": "1"},
    ]
    data = business_case_data(lines, horizon_years="3", discount_rate="25", first_year="1900")
    with pytest.raises(operations.ValidationFailed) as exc:
        operations.create_business_case(editor_a, use_case, data)
    assert {
        "discount_rate",
        "first_year",
        "lines[0].year",
        "lines[1].label",
        "lines[1].amount",
        "lines[2].year",
        "lines[2].amount",
        "lines[3].amount",
        "lines[4].kind",
    } <= fields(exc)
    messages = {e["field"]: e["message"] for e in exc.value.errors}
    assert "tidshorisonten" in messages["lines[0].year"]
    assert "ikke-økonomisk" in messages["lines[3].amount"]
    assert not BusinessCase.objects.exists() and not BusinessCaseLine.objects.exists()


def test_duplicate_scenario_title_is_refused(editor_a):
    business_case = make_business_case(editor_a)
    with pytest.raises(operations.ValidationFailed) as exc:
        operations.create_business_case(
            editor_a, business_case.use_case, business_case_data(title="basisscenarie")
        )
    assert fields(exc) == {"title"}


def test_danish_number_input(editor_a):
    lines = [{"kind": "investering", "label": "Udstyr", "year": "0", "amount": "1.250.000,50"}]
    bc = make_business_case(editor_a, lines=lines, discount_rate="3,5")
    assert bc.discount_rate == Decimal("3.5")
    assert bc.lines.get().amount == Decimal("1250000.50")


def test_update_business_case_adds_and_removes_lines(editor_a):
    bc = make_business_case(editor_a)
    data = edit_data(bc)
    data["lines-0-DELETE"] = "on"  # drop the investment
    data["lines-TOTAL_FORMS"] = "7"
    data.update({"lines-6-kind": "gevinst", "lines-6-label": "Salg", "lines-6-year": "0"})
    data["lines-6-amount"] = "5000"
    operations.update_business_case(editor_a, bc, data)
    result = operations.calculate(BusinessCase.objects.get(pk=bc.pk))
    # Nets now 5,000, 50,000, 50,000 → 5,000 + 86,776.86.
    assert result.npv == Decimal("91776.86")
    entry = AuditEntry.objects.get(object_type="cases.businesscase", action="update")
    assert set(entry.changes) == {"lines"}


def test_api_record_replaces_lines_in_order(editor_a):
    bc = make_business_case(editor_a)
    record = {
        "title": "Basisscenarie",
        "first_year": 2026,
        "horizon_years": 2,
        "discount_rate": 0.0,
        "notes": "",
        "lines": [{"kind": "gevinst", "label": "Salg", "year": 1, "amount": 12.345}],
    }
    operations.update_business_case(editor_a, bc, business_case_form_data(record, bc))
    assert [(x.kind, x.amount) for x in bc.lines.all()] == [("gevinst", Decimal("12.34"))]


def test_deleting_a_use_case_deletes_its_business_cases(coordinator, editor_a):
    bc = make_business_case(editor_a)
    operations.delete_use_case(coordinator, bc.use_case)
    assert not BusinessCase.objects.exists() and not BusinessCaseLine.objects.exists()
    assert AuditEntry.objects.filter(object_type="cases.usecase", action="delete").exists()
