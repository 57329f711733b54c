"""Who may do what in the portfolio. Every write path (UI, API) asks these.

- anonymous readers read everything;
- coordinators (and superusers) enter and edit strategies, focus areas, initiatives and effect
  goals, and add status reports and measurements anywhere;
- members of an initiative's responsible organisation (the project owner's/leader's
  organisation, `Initiative.responsible_organisation`) add status reports and measurements to
  that initiative.
"""

from smartby.portfolio.models import Initiative
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids


def can_manage_portfolio(user: AnyUser) -> bool:
    """Create and edit strategies, focus areas, initiatives and effect goals."""
    return is_coordinator(user)


def can_report_on(user: AnyUser, initiative: Initiative) -> bool:
    """Add a status report or a measurement to `initiative`."""
    if is_coordinator(user):
        return True
    org_id = initiative.responsible_organisation_id
    return org_id is not None and org_id in organisation_ids(user)
