"""The markedsoverblik's use cases: validation, permissions per persona, audit and proposals."""

import pytest
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.catalogue import operations
from smartby.catalogue.models import Proposal, Solution, SolutionUse, Standard, Supplier
from smartby.catalogue.reference import STANDARDS
from smartby.catalogue.tests.helpers import (
    make_company,
    make_solution,
    make_supplier,
    make_use,
    solution_data,
    supplier_data,
    supplier_member,
)
from smartby.lib.errors import ValidationFailed
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def fields_of(exc: pytest.ExceptionInfo) -> set[str]:
    return {e["field"] for e in exc.value.errors}


def test_reference_standards_are_loaded_by_the_migration():
    slugs = set(Standard.objects.values_list("slug", flat=True))
    assert {s[0] for s in STANDARDS} <= slugs
    assert {"os2iot", "ds-iso-37120", "ds-iso-37122", "oasc-mim1", "oasc-mim7", "lorawan"} <= slugs
    assert Standard.objects.get(slug="fiware").body == "FIWARE Foundation"


def test_create_supplier_requires_a_valid_cvr_and_a_company(coordinator, org_a):
    company = make_company()
    with pytest.raises(ValidationFailed) as exc:
        operations.create_supplier(coordinator, supplier_data(company, cvr=""))
    assert fields_of(exc) == {"cvr"}
    with pytest.raises(ValidationFailed) as exc:
        operations.create_supplier(coordinator, supplier_data(company, cvr="12345678"))
    assert "modulus 11" in exc.value.errors[0]["message"]
    # A municipality cannot be a supplier.
    with pytest.raises(ValidationFailed) as exc:
        operations.create_supplier(coordinator, supplier_data(org_a))
    assert fields_of(exc) == {"organisation"}
    assert not Supplier.objects.exists()
    supplier = operations.create_supplier(coordinator, supplier_data(company, cvr="12345674"))
    company.refresh_from_db()
    assert company.cvr == "12345674"
    assert supplier.get_absolute_url() == f"/markedsoverblik/leverandoerer/{company.slug}/"
    entry = AuditEntry.objects.get(object_type="catalogue.supplier", action="create")
    assert entry.actor == coordinator
    assert entry.changes["cvr"]["new"] == "12345674"


def test_a_cvr_cannot_belong_to_two_organisations(coordinator):
    make_supplier(coordinator, cvr="12345674")
    other = make_company("Andet Firma ApS (test)")
    with pytest.raises(ValidationFailed) as exc:
        operations.create_supplier(coordinator, supplier_data(other, cvr="12345674"))
    assert fields_of(exc) == {"cvr"}


@pytest.mark.parametrize("persona", ["editor_a", "editor_b"])
def test_only_coordinators_curate(request, persona, coordinator):
    user = request.getfixturevalue(persona)
    supplier = make_supplier(coordinator)
    solution = make_solution(coordinator, supplier)
    standard = Standard.objects.get(slug="mqtt")
    with pytest.raises(PermissionDenied):
        operations.create_supplier(user, supplier_data(make_company("X ApS (test)")))
    with pytest.raises(PermissionDenied):
        operations.update_supplier(user, supplier, supplier_data(supplier.organisation))
    with pytest.raises(PermissionDenied):
        operations.delete_supplier(user, supplier)
    with pytest.raises(PermissionDenied):
        operations.create_solution(user, solution_data(supplier, name="Ny"))
    with pytest.raises(PermissionDenied):
        operations.update_solution(user, solution, solution_data(supplier, name="Ændret"))
    with pytest.raises(PermissionDenied):
        operations.delete_solution(user, solution)
    with pytest.raises(PermissionDenied):
        operations.create_standard(user, {"name": "X", "kind": "standard"})
    with pytest.raises(PermissionDenied):
        operations.update_standard(user, standard, {"name": "X", "kind": "standard"})
    with pytest.raises(PermissionDenied):
        operations.delete_standard(user, standard)
    solution.refresh_from_db()
    assert solution.name == "Fyldningssensor"


def test_solution_validation_is_danish_and_writes_nothing(coordinator):
    supplier = make_supplier(coordinator)
    bad = solution_data(
        supplier, name="", category="rumfart", technologies=["findes-ikke"], hosting=""
    )
    with pytest.raises(ValidationFailed) as exc:
        operations.create_solution(coordinator, bad)
    assert fields_of(exc) == {"name", "category", "technologies", "hosting"}
    messages = " ".join(e["message"] for e in exc.value.errors)
    assert "Løsningen skal have et navn" in messages
    assert "Ukendt teknologi: findes-ikke" in messages
    assert not Solution.objects.exists()


def test_create_update_delete_solution_is_audited(coordinator):
    supplier = make_supplier(coordinator)
    solution = make_solution(coordinator, supplier)
    assert solution.slug == "fyldningssensor"
    assert sorted(solution.standards.values_list("slug", flat=True)) == ["lorawan", "mqtt"]
    # The same name again at the same supplier is refused; the slug of another is unique.
    with pytest.raises(ValidationFailed) as exc:
        make_solution(coordinator, supplier, name="fyldningssensor")
    assert fields_of(exc) == {"name"}
    other = make_supplier(coordinator, name="Andet Firma ApS (test)")
    twin = make_solution(coordinator, other)
    assert twin.slug == "fyldningssensor-2"
    operations.patch_solution(coordinator, solution, {"hosting": "eu-cloud", "standards": []})
    solution.refresh_from_db()
    assert solution.hosting == "eu-cloud" and not solution.standards.exists()
    update = AuditEntry.objects.filter(object_type="catalogue.solution", action="update").get()
    assert set(update.changes) == {"hosting", "standards"}
    pk = solution.pk
    operations.delete_solution(coordinator, solution)
    assert not Solution.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()


def test_supplier_with_solutions_cannot_be_deleted(coordinator):
    supplier = make_supplier(coordinator)
    make_solution(coordinator, supplier)
    with pytest.raises(ValidationFailed):
        operations.delete_supplier(coordinator, supplier)
    assert Supplier.objects.filter(pk=supplier.pk).exists()


def test_standards_crud(coordinator):
    standard = operations.create_standard(
        coordinator, {"name": "OGC WMS", "kind": "standard", "body": "OGC", "url": ""}
    )
    assert standard.slug == "ogc-wms"
    with pytest.raises(ValidationFailed) as exc:
        operations.create_standard(coordinator, {"name": "OGC WMS", "kind": "standard"})
    assert fields_of(exc) == {"name"}
    operations.update_standard(coordinator, standard, {"name": "OGC WMS 1.3", "kind": "standard"})
    standard.refresh_from_db()
    assert standard.name == "OGC WMS 1.3"
    operations.delete_standard(coordinator, standard)
    assert not Standard.objects.filter(slug="ogc-wms").exists()


def test_uses_are_recorded_by_those_who_may_edit_the_project(coordinator, editor_a, editor_b):
    supplier = make_supplier(coordinator)
    solution = make_solution(coordinator, supplier)
    project = make_project(editor_a)  # Aarhus
    with pytest.raises(PermissionDenied):
        make_use(editor_b, solution, project)
    with pytest.raises(PermissionDenied):
        make_use(supplier_member(supplier), solution, project)
    use = make_use(editor_a, solution, project, since="2024-05-01")
    assert use.since.isoformat() == "2024-05-01"
    with pytest.raises(ValidationFailed) as exc:
        make_use(editor_a, solution, project)
    assert fields_of(exc) == {"project"}
    with pytest.raises(ValidationFailed) as exc:
        operations.add_solution_use(editor_a, solution, {"project": "findes-ikke"})
    assert fields_of(exc) == {"project"}
    with pytest.raises(PermissionDenied):
        operations.update_solution_use(editor_b, use, {"experience": "Nej"})
    operations.update_solution_use(coordinator, use, {"experience": "Ny erfaring", "since": ""})
    use.refresh_from_db()
    assert use.experience == "Ny erfaring" and use.since is None
    with pytest.raises(PermissionDenied):
        operations.delete_solution_use(editor_b, use)
    operations.delete_solution_use(editor_a, use)
    assert not SolutionUse.objects.exists()


def test_supplier_members_propose_and_coordinators_approve(coordinator, editor_a):
    supplier = make_supplier(coordinator)
    solution = make_solution(coordinator, supplier)
    member = supplier_member(supplier)
    for outsider in (editor_a, coordinator):
        with pytest.raises(PermissionDenied):
            operations.propose_solution_change(outsider, solution, {"name": "Bedre navn"})
    with pytest.raises(ValidationFailed) as exc:
        operations.propose_solution_change(member, solution, {"category": "rumfart"})
    assert fields_of(exc) == {"category"}
    with pytest.raises(ValidationFailed):
        operations.propose_solution_change(member, solution, {"name": "Fyldningssensor"})
    proposal = operations.propose_solution_change(
        member, solution, {"price_note": "800 kr. pr. sensor", "standards": ["lorawan"]}
    )
    assert proposal.data == {"price_note": "800 kr. pr. sensor", "standards": ["lorawan"]}
    solution.refresh_from_db()
    assert solution.price_note == "ca. 1.000 kr. pr. sensor"  # nothing published yet
    with pytest.raises(PermissionDenied):
        operations.approve_proposal(member, proposal)
    operations.approve_proposal(coordinator, proposal, "Fint")
    solution.refresh_from_db()
    assert solution.price_note == "800 kr. pr. sensor"
    assert list(solution.standards.values_list("slug", flat=True)) == ["lorawan"]
    proposal.refresh_from_db()
    assert proposal.status == "godkendt" and proposal.reviewer == coordinator
    assert AuditEntry.objects.filter(object_type="catalogue.proposal", action="approve").exists()
    assert AuditEntry.objects.filter(
        object_type="catalogue.solution", action="update", actor=coordinator
    ).exists()
    with pytest.raises(ValidationFailed):
        operations.reject_proposal(coordinator, proposal, "For sent")


def test_reject_needs_a_reason(coordinator):
    supplier = make_supplier(coordinator)
    member = supplier_member(supplier)
    proposal = operations.propose_supplier_change(member, supplier, {"size": "mellemstor"})
    with pytest.raises(ValidationFailed) as exc:
        operations.reject_proposal(coordinator, proposal, "  ")
    assert fields_of(exc) == {"note"}
    operations.reject_proposal(coordinator, proposal, "Vi kan ikke bekræfte antallet af ansatte.")
    proposal.refresh_from_db()
    supplier.refresh_from_db()
    assert proposal.status == "afvist" and supplier.size == "lille"


def test_supplier_profile_proposal_is_applied(coordinator):
    supplier = make_supplier(coordinator)
    member = supplier_member(supplier)
    with pytest.raises(ValidationFailed) as exc:
        operations.propose_supplier_change(member, supplier, {"contact_email": "ikke en mail"})
    assert fields_of(exc) == {"contact_email"}
    # The organisation and CVR are not proposable: they are ignored.
    proposal = operations.propose_supplier_change(
        member, supplier, {"contact_email": "support@x.example.org", "cvr": "10000009"}
    )
    assert proposal.data == {"contact_email": "support@x.example.org"}
    operations.approve_proposal(coordinator, proposal)
    supplier.refresh_from_db()
    assert supplier.contact_email == "support@x.example.org"
    assert supplier.organisation.cvr != "10000009"


def test_new_solution_proposal_creates_the_solution_on_approval(coordinator):
    supplier = make_supplier(coordinator)
    member = supplier_member(supplier)
    data = solution_data(supplier, name="Indeklimasensor") | {"supplier": "999"}
    proposal = operations.propose_new_solution(member, supplier, data)
    assert not Solution.objects.exists()
    operations.approve_proposal(coordinator, proposal)
    proposal.refresh_from_db()
    assert proposal.solution.name == "Indeklimasensor"
    assert proposal.solution.supplier == supplier  # not the one named in the data


def test_approval_that_no_longer_validates_writes_nothing(coordinator):
    supplier = make_supplier(coordinator)
    make_solution(coordinator, supplier, name="Indeklimasensor")
    member = supplier_member(supplier)
    proposal = operations.propose_new_solution(
        member, supplier, solution_data(supplier, name="Indeklima 2")
    )
    make_solution(coordinator, supplier, name="Indeklima 2")
    with pytest.raises(ValidationFailed):
        operations.approve_proposal(coordinator, proposal)
    proposal.refresh_from_db()
    assert proposal.status == "afventer"
    assert Proposal.objects.count() == 1
