"""Who may do what in the follow-up and the prioritisation tool. Every write path asks these.

- everyone (also anonymous) reads the recommendations, their status history and evidence, and
  the results of published rounds;
- coordinators (and superusers) record status and evidence and run the rounds: create, edit,
  add proposals, invite assessors, close, reopen, publish;
- an invited assessor scores the proposals of an open round and sees only their own scores
  until the round is closed; then they see the aggregated results too.
"""

from smartby.priorities.models import Assessor, Round
from smartby.registry.permissions import AnyUser, is_coordinator


def can_follow_up(user: AnyUser) -> bool:
    return is_coordinator(user)


def can_manage_rounds(user: AnyUser) -> bool:
    return is_coordinator(user)


def assessor_for(user: AnyUser, round: Round) -> Assessor | None:
    if not (user.is_authenticated and user.is_active):
        return None
    return Assessor.objects.filter(round=round, user=user).first()


def can_score(user: AnyUser, round: Round) -> bool:
    return round.is_open and assessor_for(user, round) is not None


def can_see_round(user: AnyUser, round: Round) -> bool:
    return round.published or is_coordinator(user) or assessor_for(user, round) is not None


def can_see_results(user: AnyUser, round: Round) -> bool:
    """Coordinators always; assessors once the round is closed; everyone once published."""
    if round.published or is_coordinator(user):
        return True
    return not round.is_open and assessor_for(user, round) is not None
