"""Who may do what in the registry. Every write path (UI, API, import) asks these functions.

- anonymous readers read everything public;
- editors create projects for their own organisations and edit projects their organisation
  leads or takes part in (as partner, or as one of the project's municipalities);
- coordinators (and superusers) edit everything, manage taxonomies and merge duplicates.
"""

from django.contrib.auth.models import AnonymousUser

from smartby.accounts.models import User
from smartby.orgs.models import Organisation
from smartby.registry.models import Project

type AnyUser = User | AnonymousUser


def is_coordinator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_coordinator)


def organisation_ids(user: AnyUser) -> set[int]:
    if not (user.is_authenticated and user.is_active):
        return set()
    cached = getattr(user, "_smartby_org_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("organisation_id", flat=True))
        user._smartby_org_ids = cached
    return cached


def can_create_project(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_lead_as(user: AnyUser, organisation: Organisation) -> bool:
    """May `user` register a project with `organisation` as lead?"""
    return is_coordinator(user) or organisation.pk in organisation_ids(user)


def participating_organisation_ids(project: Project) -> set[int]:
    ids = {project.lead_organisation_id}
    ids.update(p.organisation_id for p in project.partners.all())
    ids.update(
        Organisation.objects.filter(municipality__projects=project).values_list("pk", flat=True)
    )
    return ids


def can_edit_project(user: AnyUser, project: Project) -> bool:
    if is_coordinator(user):
        return True
    mine = organisation_ids(user)
    return bool(mine and mine & participating_organisation_ids(project))


def can_delete_project(user: AnyUser, project: Project) -> bool:
    return is_coordinator(user) or project.lead_organisation_id in organisation_ids(user)


def can_merge_projects(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_manage_taxonomies(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_import_projects(user: AnyUser) -> bool:
    """May `user` open the upload page? Each record is then checked as an edit or a create
    (`operations.import_projects` with an actor)."""
    return can_create_project(user)
