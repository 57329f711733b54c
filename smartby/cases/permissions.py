"""Who may do what with use cases and business cases. Every write path (UI, API) asks these.

- anonymous readers read everything;
- editors create use cases owned by their own organisations and edit (and delete) those their
  organisations own, with their business cases;
- coordinators (and superusers) curate everything.
"""

from smartby.cases.models import UseCase
from smartby.orgs.models import Organisation
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_create_use_case(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_own_as(user: AnyUser, organisation: Organisation) -> bool:
    """May `user` make `organisation` the owner of a use case?"""
    return is_coordinator(user) or organisation.pk in organisation_ids(user)


def can_edit_use_case(user: AnyUser, use_case: UseCase) -> bool:
    """Edit or delete the use case and add, edit or delete its business cases."""
    return is_coordinator(user) or use_case.owner_organisation_id in organisation_ids(user)
