"""Who may do what with guides and the kompetencetjek. Every write path asks these functions.

- anyone reads guides and takes the kompetencetjek (without saving);
- editors (logged in, member of an organisation) edit guides and restore old versions;
- coordinators also create and delete guides and manage the kompetencetjek;
- a saved result belongs to an organisation: its members save and see it, coordinators see it.
"""

from smartby.orgs.models import Organisation
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_edit_guide(user: AnyUser) -> bool:
    return is_coordinator(user) or bool(organisation_ids(user))


def can_manage_guides(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_manage_assessment(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_save_result(user: AnyUser, organisation: Organisation) -> bool:
    """Only the organisation's own members assess it."""
    return organisation.pk in organisation_ids(user)


def can_view_results(user: AnyUser, organisation: Organisation) -> bool:
    return is_coordinator(user) or organisation.pk in organisation_ids(user)


def result_organisations(user: AnyUser) -> list[Organisation]:
    """The organisations `user` may save results for."""
    return list(Organisation.objects.filter(pk__in=organisation_ids(user)).order_by("name"))
