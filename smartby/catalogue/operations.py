"""The markedsoverblik's use cases. Pages and the API call these; each checks permission,
validates through `catalogue.forms`, writes in one transaction, audits and re-indexes search."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.catalogue import permissions
from smartby.catalogue.forms import (
    MULTI_FIELDS,
    PROPOSABLE_SOLUTION_FIELDS,
    PROPOSABLE_SUPPLIER_FIELDS,
    SolutionForm,
    SolutionUseForm,
    StandardForm,
    SupplierForm,
    normalised,
    solution_data,
    supplier_data,
)
from smartby.catalogue.models import (
    Proposal,
    ProposalKind,
    ProposalStatus,
    Solution,
    SolutionUse,
    Standard,
    Supplier,
)
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug as _unique_slug
from smartby.search.index import index_content

MAX_NOTE = 2000


# --- helpers --------------------------------------------------------------------------------


def unique_slug(model: type[Model], name: str, exclude_pk: int | None = None) -> str:
    fallback = model._meta.model_name or "x"
    return _unique_slug(
        model._default_manager, name, fallback=fallback, reserved={"ny"}, exclude_pk=exclude_pk
    )


def _require_curator(actor: Any, message: str) -> None:
    if not permissions.can_curate(actor):
        raise PermissionDenied(message)


def _one_error(field: str, message: str) -> ValidationFailed:
    return ValidationFailed([{"field": field, "message": message}])


def supplier_snapshot(supplier: Supplier) -> dict[str, Any]:
    return {"organisation": supplier.organisation.name, **supplier_data(supplier)}


def solution_snapshot(solution: Solution) -> dict[str, Any]:
    data = solution_data(solution)
    data["supplier"] = str(solution.supplier)
    return data


def standard_snapshot(standard: Standard) -> dict[str, Any]:
    return {
        name: getattr(standard, name) for name in ("name", "kind", "body", "url", "description")
    }


def use_snapshot(use: SolutionUse) -> dict[str, Any]:
    return {
        "solution": use.solution.name,
        "project": use.project.title,
        "experience": use.experience,
        "since": use.since.isoformat() if use.since else None,
    }


def _reindex_supplier(supplier: Supplier) -> None:
    index_content("supplier", [supplier.pk])
    index_content("solution", list(supplier.solutions.values_list("pk", flat=True)))


# --- suppliers ------------------------------------------------------------------------------


def _save_supplier(form: SupplierForm) -> Supplier:
    supplier = form.save(commit=False)
    organisation = supplier.organisation
    if organisation.cvr != form.cleaned_data["cvr"]:
        organisation.cvr = form.cleaned_data["cvr"]
        organisation.save(update_fields=["cvr"])
    supplier.save()
    return supplier


def create_supplier(actor: Any, data: Any, *, source: str = "web") -> Supplier:
    _require_curator(actor, _("Kun koordinatorer kan oprette leverandører."))
    form = SupplierForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    try:
        with transaction.atomic():
            supplier = _save_supplier(form)
            index_content("supplier", [supplier.pk])
            audit(
                actor=actor,
                action="create",
                obj=supplier,
                changes=audit_changes({}, supplier_snapshot(supplier)),
                source=source,
            )
    except IntegrityError as exc:
        raise _one_error(
            "organisation", _("Organisationen er allerede oprettet som leverandør.")
        ) from exc
    return supplier


def update_supplier(actor: Any, supplier: Supplier, data: Any, *, source: str = "web") -> Supplier:
    _require_curator(actor, _("Kun koordinatorer kan redigere leverandører."))
    before = supplier_snapshot(supplier)
    form = SupplierForm(data, instance=supplier)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        supplier = _save_supplier(form)
        _reindex_supplier(supplier)
        changes = audit_changes(before, supplier_snapshot(supplier))
        if changes:
            audit(actor=actor, action="update", obj=supplier, changes=changes, source=source)
    return supplier


def delete_supplier(actor: Any, supplier: Supplier, *, source: str = "web") -> None:
    _require_curator(actor, _("Kun koordinatorer kan slette leverandører."))
    if supplier.solutions.exists():
        raise _one_error(
            "", _("Leverandøren har løsninger i markedsoverblikket. Slet eller flyt dem først.")
        )
    pk = supplier.pk
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=supplier,
            changes=audit_changes(supplier_snapshot(supplier), {}),
            source=source,
        )
        supplier.delete()
        index_content("supplier", [pk])


# --- solutions ------------------------------------------------------------------------------


def _validated_solution(data: Any, instance: Solution | None = None) -> SolutionForm:
    form = SolutionForm(data, instance=instance)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    return form


def _save_solution(form: SolutionForm, *, new: bool) -> Solution:
    solution = form.save(commit=False)
    if new:
        solution.slug = unique_slug(Solution, solution.name)
    try:
        with transaction.atomic():
            solution.save()
            form.save_m2m()
    except IntegrityError as exc:
        raise _one_error(
            "name", _("Leverandøren har allerede en løsning med navnet „%s“.") % solution.name
        ) from exc
    return solution


def create_solution(actor: Any, data: Any, *, source: str = "web") -> Solution:
    _require_curator(actor, _("Kun koordinatorer kan oprette løsninger."))
    form = _validated_solution(data)
    with transaction.atomic():
        solution = _save_solution(form, new=True)
        index_content("solution", [solution.pk])
        audit(
            actor=actor,
            action="create",
            obj=solution,
            changes=audit_changes({}, solution_snapshot(solution)),
            source=source,
        )
    return solution


def update_solution(actor: Any, solution: Solution, data: Any, *, source: str = "web") -> Solution:
    """Replace the solution's values with `data` (all fields; see `patch_solution`)."""
    _require_curator(actor, _("Kun koordinatorer kan redigere løsninger."))
    before = solution_snapshot(solution)
    form = _validated_solution(data, instance=solution)
    with transaction.atomic():
        solution = _save_solution(form, new=False)
        index_content("solution", [solution.pk])
        changes = audit_changes(before, solution_snapshot(solution))
        if changes:
            audit(actor=actor, action="update", obj=solution, changes=changes, source=source)
    return solution


def patch_solution(
    actor: Any, solution: Solution, data: dict[str, Any], *, source: str = "web"
) -> Solution:
    """Change only the given fields (the API's PATCH and approved proposals)."""
    merged = solution_data(solution) | normalised(data, ("supplier", *PROPOSABLE_SOLUTION_FIELDS))
    return update_solution(actor, solution, merged, source=source)


def delete_solution(actor: Any, solution: Solution, *, source: str = "web") -> None:
    _require_curator(actor, _("Kun koordinatorer kan slette løsninger."))
    pk = solution.pk
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=solution,
            changes=audit_changes(solution_snapshot(solution), {}),
            source=source,
        )
        solution.delete()
        index_content("solution", [pk])


# --- standards ------------------------------------------------------------------------------


def create_standard(actor: Any, data: Any, *, source: str = "web") -> Standard:
    _require_curator(actor, _("Kun koordinatorer kan oprette standarder."))
    form = StandardForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        standard = form.save(commit=False)
        standard.slug = unique_slug(Standard, standard.name)
        standard.save()
        index_content("standard", [standard.pk])
        audit(
            actor=actor,
            action="create",
            obj=standard,
            changes=audit_changes({}, standard_snapshot(standard)),
            source=source,
        )
    return standard


def update_standard(actor: Any, standard: Standard, data: Any, *, source: str = "web") -> Standard:
    _require_curator(actor, _("Kun koordinatorer kan redigere standarder."))
    before = standard_snapshot(standard)
    form = StandardForm(data, instance=standard)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        standard = form.save()
        index_content("standard", [standard.pk])
        index_content("solution", list(standard.solutions.values_list("pk", flat=True)))
        changes = audit_changes(before, standard_snapshot(standard))
        if changes:
            audit(actor=actor, action="update", obj=standard, changes=changes, source=source)
    return standard


def delete_standard(actor: Any, standard: Standard, *, source: str = "web") -> None:
    _require_curator(actor, _("Kun koordinatorer kan slette standarder."))
    pk = standard.pk
    with transaction.atomic():
        solution_pks = list(standard.solutions.values_list("pk", flat=True))
        audit(
            actor=actor,
            action="delete",
            obj=standard,
            changes=audit_changes(standard_snapshot(standard), {}),
            source=source,
        )
        standard.delete()
        index_content("standard", [pk])
        index_content("solution", solution_pks)


# --- uses: which projects (and so municipalities) use a solution ----------------------------


def add_solution_use(
    actor: Any, solution: Solution, data: Any, *, source: str = "web"
) -> SolutionUse:
    form = SolutionUseForm(data, solution=solution)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    project = form.cleaned_data["project"]
    if not permissions.can_record_use(actor, project):
        raise PermissionDenied(_("Du kan kun registrere brug for projekter, du må redigere."))
    form.instance.solution = solution
    try:
        with transaction.atomic():
            use = form.save()
            index_content("solution", [solution.pk])
            audit(
                actor=actor,
                action="create",
                obj=use,
                changes=audit_changes({}, use_snapshot(use)),
                source=source,
            )
    except IntegrityError as exc:
        raise _one_error("project", _("Projektet er allerede registreret som bruger.")) from exc
    return use


def update_solution_use(
    actor: Any, use: SolutionUse, data: Any, *, source: str = "web"
) -> SolutionUse:
    if not permissions.can_record_use(actor, use.project):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette projekts erfaringer."))
    before = use_snapshot(use)
    form = SolutionUseForm(data, instance=use, solution=use.solution)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        use = form.save()
        index_content("solution", [use.solution_id])
        changes = audit_changes(before, use_snapshot(use))
        if changes:
            audit(actor=actor, action="update", obj=use, changes=changes, source=source)
    return use


def delete_solution_use(actor: Any, use: SolutionUse, *, source: str = "web") -> None:
    if not permissions.can_record_use(actor, use.project):
        raise PermissionDenied(_("Du har ikke adgang til at fjerne dette projekts brug."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=use,
            changes=audit_changes(use_snapshot(use), {}),
            source=source,
        )
        solution_pk = use.solution_id
        use.delete()
        index_content("solution", [solution_pk])


# --- proposals from suppliers ---------------------------------------------------------------


def _changed(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    changed = {k: v for k, v in proposed.items() if current.get(k) != v}
    if not changed:
        raise _one_error(
            "", _("Forslaget ændrer ingenting i forhold til de nuværende oplysninger.")
        )
    return changed


def _new_proposal(
    actor: Any,
    *,
    kind: str,
    supplier: Supplier,
    data: dict[str, Any],
    solution: Solution | None = None,
    source: str,
) -> Proposal:
    with transaction.atomic():
        proposal = Proposal.objects.create(
            kind=kind, supplier=supplier, solution=solution, data=data, proposer=actor
        )
        audit(
            actor=actor,
            action="propose",
            obj=proposal,
            changes={k: {"old": None, "new": v} for k, v in data.items()},
            source=source,
        )
    return proposal


def propose_supplier_change(
    actor: Any, supplier: Supplier, data: Any, *, source: str = "web"
) -> Proposal:
    if not permissions.can_propose(actor, supplier):
        raise PermissionDenied(_("Kun leverandørens egne medarbejdere kan foreslå ændringer."))
    current = supplier_data(supplier)
    proposed = normalised(data, PROPOSABLE_SUPPLIER_FIELDS)
    form = SupplierForm(current | proposed, instance=supplier)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    changed = _changed(current, proposed)
    return _new_proposal(
        actor, kind=ProposalKind.SUPPLIER, supplier=supplier, data=changed, source=source
    )


def propose_solution_change(
    actor: Any, solution: Solution, data: Any, *, source: str = "web"
) -> Proposal:
    """Propose new values for some fields of a solution (absent fields stay as they are)."""
    if not permissions.can_propose(actor, solution.supplier):
        raise PermissionDenied(_("Kun leverandørens egne medarbejdere kan foreslå ændringer."))
    current = solution_data(solution)
    proposed = normalised(data, PROPOSABLE_SOLUTION_FIELDS)
    _validated_solution(current | proposed, instance=solution)
    changed = _changed(current, proposed)
    return _new_proposal(
        actor,
        kind=ProposalKind.SOLUTION,
        supplier=solution.supplier,
        solution=solution,
        data=changed,
        source=source,
    )


def propose_new_solution(
    actor: Any, supplier: Supplier, data: Any, *, source: str = "web"
) -> Proposal:
    if not permissions.can_propose(actor, supplier):
        raise PermissionDenied(_("Kun leverandørens egne medarbejdere kan foreslå løsninger."))
    proposed = normalised(data, PROPOSABLE_SOLUTION_FIELDS)
    for name in MULTI_FIELDS:
        proposed.setdefault(name, [])
    _validated_solution(proposed | {"supplier": str(supplier.pk)})
    return _new_proposal(
        actor, kind=ProposalKind.NEW_SOLUTION, supplier=supplier, data=proposed, source=source
    )


def _locked_pending(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise _one_error("", _("Forslaget er allerede behandlet."))
    return locked


def approve_proposal(
    actor: Any, proposal: Proposal, note: str = "", *, source: str = "web"
) -> Proposal:
    """Apply the proposed values through the ordinary update/create operation (validated and
    audited there) and mark the proposal approved. Nothing is written if the values no longer
    validate."""
    _require_curator(actor, _("Kun koordinatorer kan godkende forslag."))
    if len(note) > MAX_NOTE:
        raise _one_error("note", _("Begrundelsen må højst være %d tegn.") % MAX_NOTE)
    with transaction.atomic():
        proposal = _locked_pending(proposal)
        if proposal.kind == ProposalKind.SUPPLIER:
            supplier = proposal.supplier
            update_supplier(actor, supplier, supplier_data(supplier) | proposal.data, source=source)
        elif proposal.kind == ProposalKind.SOLUTION:
            assert proposal.solution is not None
            patch_solution(actor, proposal.solution, proposal.data, source=source)
        else:
            proposal.solution = create_solution(
                actor, proposal.data | {"supplier": str(proposal.supplier_id)}, source=source
            )
        proposal.status = ProposalStatus.APPROVED
        proposal.reviewer = actor
        proposal.decision_note = note.strip()
        proposal.decided_at = timezone.now()
        proposal.save()
        audit(
            actor=actor,
            action="approve",
            obj=proposal,
            changes={"status": {"old": ProposalStatus.PENDING, "new": proposal.status}},
            source=source,
        )
    return proposal


def reject_proposal(actor: Any, proposal: Proposal, note: str, *, source: str = "web") -> Proposal:
    _require_curator(actor, _("Kun koordinatorer kan afvise forslag."))
    note = (note or "").strip()
    if not note:
        raise _one_error("note", _("Skriv en begrundelse, så leverandøren ved, hvorfor."))
    if len(note) > MAX_NOTE:
        raise _one_error("note", _("Begrundelsen må højst være %d tegn.") % MAX_NOTE)
    with transaction.atomic():
        proposal = _locked_pending(proposal)
        proposal.status = ProposalStatus.REJECTED
        proposal.reviewer = actor
        proposal.decision_note = note
        proposal.decided_at = timezone.now()
        proposal.save()
        audit(
            actor=actor,
            action="reject",
            obj=proposal,
            changes={
                "status": {"old": ProposalStatus.PENDING, "new": proposal.status},
                "decision_note": {"old": "", "new": note},
            },
            source=source,
        )
    return proposal


def pending_proposals() -> Iterable[Proposal]:
    return Proposal.objects.filter(status=ProposalStatus.PENDING).select_related(
        "supplier__organisation", "solution", "proposer"
    )
