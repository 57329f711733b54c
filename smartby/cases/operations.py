"""The use cases of use cases and business cases. UI views and the API call these; each checks
permission, validates through `cases.forms`, writes in one transaction, audits and re-indexes
the search (a business case is found through its use case). `actor` None means a trusted caller
(the demo loader), as in `registry.operations`."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.cases import finance, permissions
from smartby.cases.forms import BusinessCaseEditor, UseCaseForm
from smartby.cases.models import BusinessCase, UseCase
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug as _unique_slug
from smartby.orgs.models import Organisation
from smartby.search.index import index_content

SEARCH_KIND = "usecase"
RESERVED_SLUGS = {"ny"}  # /use-cases/ny/ is the create page


def use_case_snapshot(use_case: UseCase) -> dict[str, Any]:
    return {
        "title": use_case.title,
        "problem": use_case.problem,
        "target_group": use_case.target_group,
        "data_needed": use_case.data_needed,
        "benefits": use_case.benefits,
        "risks": use_case.risks,
        "area": use_case.area.name,
        "owner_organisation": use_case.owner_organisation.name,
        "projects": sorted(use_case.projects.values_list("slug", flat=True)),
        "solutions": sorted(use_case.solutions.values_list("slug", flat=True)),
        "standards": sorted(use_case.standards.values_list("slug", flat=True)),
    }


def business_case_snapshot(business_case: BusinessCase) -> dict[str, Any]:
    return {
        "title": business_case.title,
        "first_year": business_case.first_year,
        "horizon_years": business_case.horizon_years,
        "discount_rate": str(business_case.discount_rate),
        "notes": business_case.notes,
        "lines": [
            [line.kind, line.label, line.year, None if line.amount is None else str(line.amount)]
            for line in business_case.lines.order_by("year", "id")
        ],
    }


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    return _unique_slug(
        UseCase.objects,
        title,
        fallback="use-case",
        reserved=RESERVED_SLUGS,
        exclude_pk=exclude_pk,
    )


def _check_owner(actor: Any, data: Any, current_owner_id: int | None = None) -> None:
    """Refuse (403) an owner organisation the actor does not belong to; an unknown one is left
    to the form's validation (422)."""
    if actor is None:
        return
    raw = str(data.get("owner_organisation") or "")
    if not raw.isdigit() or len(raw) > 12 or int(raw) == current_owner_id:
        return
    owner = Organisation.objects.filter(pk=int(raw)).first()
    if owner is not None and not permissions.can_own_as(actor, owner):
        raise PermissionDenied(_("Du kan kun oprette use cases for dine egne organisationer."))


def create_use_case(actor: Any, data: Any, *, source: str = "web") -> UseCase:
    if actor is not None and not permissions.can_create_use_case(actor):
        raise PermissionDenied(_("Du har ikke adgang til at oprette use cases."))
    _check_owner(actor, data)
    form = UseCaseForm(data, user=actor)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        use_case = form.save(commit=False)
        use_case.slug = unique_slug(use_case.title)
        use_case.created_by = actor if getattr(actor, "is_authenticated", False) else None
        use_case.save()
        form.save_m2m()
        index_content(SEARCH_KIND, [use_case.pk])
        audit(
            actor=actor,
            action="create",
            obj=use_case,
            changes=audit_changes({}, use_case_snapshot(use_case)),
            source=source,
        )
    return use_case


def update_use_case(actor: Any, use_case: UseCase, data: Any, *, source: str = "web") -> UseCase:
    if actor is not None and not permissions.can_edit_use_case(actor, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne use case."))
    before = use_case_snapshot(use_case)
    _check_owner(actor, data, use_case.owner_organisation_id)
    form = UseCaseForm(data, instance=use_case, user=actor)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        use_case = form.save()
        index_content(SEARCH_KIND, [use_case.pk])
        changes = audit_changes(before, use_case_snapshot(use_case))
        if changes:
            audit(actor=actor, action="update", obj=use_case, changes=changes, source=source)
    return use_case


def delete_use_case(actor: Any, use_case: UseCase, *, source: str = "web") -> None:
    """Delete a use case with its business cases."""
    if actor is not None and not permissions.can_edit_use_case(actor, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne use case."))
    with transaction.atomic():
        pk = use_case.pk
        audit(
            actor=actor,
            action="delete",
            obj=use_case,
            changes=audit_changes(use_case_snapshot(use_case), {}),
            source=source,
        )
        use_case.delete()
        index_content(SEARCH_KIND, [pk])


def create_business_case(
    actor: Any, use_case: UseCase, data: Any, *, source: str = "web"
) -> BusinessCase:
    if actor is not None and not permissions.can_edit_use_case(actor, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at tilføje business cases her."))
    editor = BusinessCaseEditor(data, use_case=use_case)
    if not editor.is_valid():
        raise ValidationFailed(editor.errors())
    with transaction.atomic():
        editor.instance.created_by = actor if getattr(actor, "is_authenticated", False) else None
        business_case = editor.save_all()
        UseCase.objects.filter(pk=use_case.pk).update(updated_at=business_case.updated_at)
        index_content(SEARCH_KIND, [use_case.pk])
        audit(
            actor=actor,
            action="create",
            obj=business_case,
            changes=audit_changes({}, business_case_snapshot(business_case)),
            source=source,
        )
    return business_case


def update_business_case(
    actor: Any, business_case: BusinessCase, data: Any, *, source: str = "web"
) -> BusinessCase:
    use_case = business_case.use_case
    if actor is not None and not permissions.can_edit_use_case(actor, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne business case."))
    before = business_case_snapshot(business_case)
    editor = BusinessCaseEditor(data, use_case=use_case, instance=business_case)
    if not editor.is_valid():
        raise ValidationFailed(editor.errors())
    with transaction.atomic():
        business_case = editor.save_all()
        UseCase.objects.filter(pk=use_case.pk).update(updated_at=business_case.updated_at)
        index_content(SEARCH_KIND, [use_case.pk])
        changes = audit_changes(before, business_case_snapshot(business_case))
        if changes:
            audit(actor=actor, action="update", obj=business_case, changes=changes, source=source)
    return business_case


def delete_business_case(actor: Any, business_case: BusinessCase, *, source: str = "web") -> None:
    use_case = business_case.use_case
    if actor is not None and not permissions.can_edit_use_case(actor, use_case):
        raise PermissionDenied(_("Du har ikke adgang til at slette denne business case."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=business_case,
            changes=audit_changes(business_case_snapshot(business_case), {}),
            source=source,
        )
        business_case.delete()
        index_content(SEARCH_KIND, [use_case.pk])


def calculate(business_case: BusinessCase) -> finance.Result:
    """The figures of a saved business case (lines read from the database or a prefetch)."""
    return finance.compute(
        business_case.first_year,
        business_case.horizon_years,
        business_case.discount_rate,
        [finance.Line(line.kind, line.year, line.amount) for line in business_case.lines.all()],
    )
