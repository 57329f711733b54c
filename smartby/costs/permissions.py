"""Who may do what with collaborations. Every write path asks these.

Cost sharing between public bodies is public information (the KD-Net minutes with the key are
public), so everybody, also anonymous visitors, reads collaborations, budget years, scenarios
and their exports. Only coordinators (and superusers) create and change them: the key is agreed
among the members and entered by the network's secretariat, not by each member.
"""

from smartby.registry.permissions import AnyUser, is_coordinator


def can_manage(user: AnyUser) -> bool:
    return is_coordinator(user)
