"""Organisation use cases: create, edit and merge duplicates.

Each function checks permission (`PermissionDenied`), validates through `orgs.forms`
(`ValidationError` with a field → messages dict), writes in one transaction and records an audit
entry. Pages, imports and the API call these instead of saving organisations directly.

- editors (members of at least one organisation) and coordinators create companies,
  institutions and other partners; municipalities and regions are reference data;
- members edit their own organisations, coordinators edit every organisation;
- coordinators merge a duplicate into another organisation.
"""

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.accounts.models import Invitation, Membership
from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record
from smartby.lib.text import unique_slug as _unique_slug
from smartby.orgs.forms import OrganisationForm, is_reference
from smartby.orgs.models import Organisation
from smartby.registry import permissions
from smartby.registry.models import Partner, Project
from smartby.search.index import index_organisations, index_projects, projects_of_organisations

AUDITED_FIELDS = ("name", "kind", "cvr", "website")
# Slugs that would collide with the fixed addresses under /organisationer/.
RESERVED_SLUGS = frozenset({"ny"})


# Permissions


def can_create_organisation(user: permissions.AnyUser) -> bool:
    return permissions.is_coordinator(user) or bool(permissions.organisation_ids(user))


def can_edit_organisation(user: permissions.AnyUser, organisation: Organisation) -> bool:
    return permissions.is_coordinator(user) or organisation.pk in permissions.organisation_ids(user)


def can_merge_organisations(user: permissions.AnyUser) -> bool:
    return permissions.is_coordinator(user)


# Helpers


def unique_slug(name: str) -> str:
    return _unique_slug(
        Organisation.objects, name, fallback="organisation", max_length=190, reserved=RESERVED_SLUGS
    )


def snapshot(organisation: Organisation) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in AUDITED_FIELDS}


def _validated(form: OrganisationForm) -> OrganisationForm:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


def _save(form: OrganisationForm) -> Organisation:
    """Save, turning a lost race on the unique name into the same error as the form's check."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("Der findes allerede en organisation med navnet „%(name)s“.")},
            params={"name": form.cleaned_data["name"]},
        ) from exc


# Use cases


def create_organisation(
    actor: Any, data: Mapping[str, Any], *, source: str = "web"
) -> Organisation:
    if not can_create_organisation(actor):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at oprette organisationer.")
        )
    form = _validated(OrganisationForm(data, actor=actor))
    with transaction.atomic():
        form.instance.slug = unique_slug(form.cleaned_data["name"])
        organisation = _save(form)
        index_organisations([organisation.pk])
        record(
            actor=actor,
            action="create",
            obj=organisation,
            changes=audit_changes({}, snapshot(organisation)),
            source=source,
        )
    return organisation


def update_organisation(
    actor: Any, organisation: Organisation, data: Mapping[str, Any], *, source: str = "web"
) -> Organisation:
    """Edit name, type, CVR and website. The slug (the address) stays as it was."""
    if not can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("Du har ikke adgang til at redigere denne organisation."))
    before = snapshot(organisation)
    form = _validated(OrganisationForm(data, instance=organisation, actor=actor))
    with transaction.atomic():
        organisation = _save(form)
        changes = audit_changes(before, snapshot(organisation))
        if "name" in changes or "kind" in changes:
            index_organisations([organisation.pk])
            index_projects(projects_of_organisations([organisation.pk]))
        if changes:
            record(actor=actor, action="update", obj=organisation, changes=changes, source=source)
    return organisation


def merge_organisations(
    actor: Any, keep: Organisation, duplicate: Organisation, *, source: str = "web"
) -> Organisation:
    """Move the duplicate's led projects, partnerships, memberships and invitations to `keep`
    and delete the duplicate (coordinators).

    A partnership is dropped when `keep` already takes part in the same project (as partner or
    as lead), and a membership when the user is already a member of `keep`. Each project that
    changes gets its own audit entry, so its history shows the merge.
    """
    if not can_merge_organisations(actor):
        raise PermissionDenied(_("Kun koordinatorer kan sammenlægge organisationer."))
    if keep.pk == duplicate.pk:
        raise ValidationError({"keep": _("En organisation kan ikke lægges sammen med sig selv.")})
    if is_reference(duplicate):
        raise ValidationError(
            {
                "keep": _(
                    "Kommuner og regioner er referencedata og kan ikke lægges sammen "
                    "med en anden organisation."
                )
            }
        )
    with transaction.atomic():
        # Lock both rows so that two merges of the same organisations cannot interleave.
        list(Organisation.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]))
        project_changes: dict[int, dict[str, Any]] = defaultdict(dict)

        led = list(Project.objects.filter(lead_organisation=duplicate).values_list("pk", flat=True))
        Project.objects.filter(pk__in=led).update(lead_organisation=keep)
        for pk in led:
            project_changes[pk]["lead_organisation"] = {"old": duplicate.name, "new": keep.name}
        # `keep` now leads these projects, so its own partnerships in them are redundant.
        redundant = Partner.objects.filter(organisation=keep, project_id__in=led)
        for pk in redundant.values_list("project_id", flat=True):
            project_changes[pk]["partners"] = {"old": keep.name, "new": None}
        redundant.delete()

        taken = set(
            Partner.objects.filter(organisation=keep).values_list("project_id", flat=True)
        ) | set(Project.objects.filter(lead_organisation=keep).values_list("pk", flat=True))
        partnerships = list(Partner.objects.filter(organisation=duplicate))
        dropped = [p.pk for p in partnerships if p.project_id in taken]
        for partner in partnerships:
            project_changes[partner.project_id]["partners"] = {
                "old": duplicate.name,
                "new": keep.name,
            }
        Partner.objects.filter(pk__in=dropped).delete()
        Partner.objects.filter(organisation=duplicate).update(organisation=keep)

        Project.objects.filter(pk__in=list(project_changes)).update(updated_at=timezone.now())
        for project in Project.objects.filter(pk__in=list(project_changes)).order_by("pk"):
            record(
                actor=actor,
                action="update",
                obj=project,
                changes=project_changes[project.pk],
                source=source,
            )

        members = Membership.objects.filter(organisation=keep).values_list("user_id", flat=True)
        Membership.objects.filter(organisation=duplicate, user_id__in=list(members)).delete()
        moved_members = Membership.objects.filter(organisation=duplicate).update(organisation=keep)
        moved_invitations = Invitation.objects.filter(organisation=duplicate).update(
            organisation=keep
        )

        record(
            actor=actor,
            action="merge",
            obj=keep,
            changes={
                "merged": {"old": duplicate.name, "new": keep.name},
                "led_projects": {"old": None, "new": len(led)},
                "partnerships": {"old": None, "new": len(partnerships) - len(dropped)},
                "partnerships_dropped": {"old": None, "new": len(dropped)},
                "memberships": {"old": None, "new": moved_members},
                "invitations": {"old": None, "new": moved_invitations},
            },
            source=source,
        )
        record(
            actor=actor,
            action="delete",
            obj=duplicate,
            changes={
                **audit_changes(snapshot(duplicate), {}),
                "merged_into": {"old": None, "new": keep.slug},
            },
            source=source,
        )
        duplicate.delete()
        index_projects(projects_of_organisations([keep.pk]))
    return keep
