"""Who may do what on the technology radar: everybody reads published editions; coordinators
(and superusers) see drafts and curate editions and blips. Editors contribute through the
registry (their projects are the radar's evidence), not by placing technologies."""

from smartby.radar.models import Edition
from smartby.registry.permissions import AnyUser, is_coordinator


def can_edit_radar(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_view_edition(user: AnyUser, edition: Edition) -> bool:
    return edition.published or can_edit_radar(user)
