"""Who may do what in the markedsoverblik. Every write path (UI and API) asks these functions.

- anonymous readers read suppliers, solutions, standards and uses;
- coordinators (and superusers) create, edit and delete suppliers, solutions and standards, and
  approve or reject proposals;
- members of a supplier's organisation propose changes to the supplier profile and its solutions,
  or a new solution; nothing they propose is published before a coordinator approves it;
- whoever may edit a project (registry rules) records which solutions it uses.
"""

from smartby.catalogue.models import Supplier
from smartby.registry.models import Project
from smartby.registry.permissions import (
    AnyUser,
    can_edit_project,
    is_coordinator,
    organisation_ids,
)


def can_curate(user: AnyUser) -> bool:
    """Create, edit and delete suppliers, solutions and standards; decide on proposals."""
    return is_coordinator(user)


def is_supplier_member(user: AnyUser, supplier: Supplier) -> bool:
    return supplier.organisation_id in organisation_ids(user)


def can_propose(user: AnyUser, supplier: Supplier) -> bool:
    """Members of the supplier's organisation propose changes (coordinators edit directly)."""
    return is_supplier_member(user, supplier)


def supplier_ids_of(user: AnyUser) -> set[int]:
    """The suppliers the user may propose for."""
    mine = organisation_ids(user)
    if not mine:
        return set()
    return set(Supplier.objects.filter(organisation_id__in=mine).values_list("pk", flat=True))


def can_record_use(user: AnyUser, project: Project) -> bool:
    """Add, edit or remove a project's use of a solution."""
    return can_edit_project(user, project)
