"""Who may do what with DK2020 plans. Every write path (UI and API) asks these.

- anyone reads every plan, its history, the map and the overview;
- coordinators update every municipality's plan;
- members of a municipality's organisation update that municipality's plan.
"""

__all__ = ["can_update_plan", "is_coordinator"]

from smartby.geo.models import Municipality
from smartby.orgs.models import Organisation
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_update_plan(user: AnyUser, municipality: Municipality) -> bool:
    if is_coordinator(user):
        return True
    mine = organisation_ids(user)
    if not mine:
        return False
    return Organisation.objects.filter(pk__in=mine, municipality=municipality).exists()
