"""Background tasks of survey rounds (Django's tasks framework; `smartby db_worker` runs them).
Each task is a thin wrapper around a plain, tested function in `answering.py`."""

import datetime as dt
import logging
from typing import Any

from django.tasks import task

from smartby.surveys import answering
from smartby.surveys.models import Round

logger = logging.getLogger(__name__)


@task
def send_invitations(round_id: int) -> dict[str, int]:
    """Send the round's unsent invitations (queued by the coordinator's button)."""
    round = Round.objects.filter(pk=round_id).first()
    return answering.send_invitations(round).as_dict() if round else {}


@task
def send_reminders_now(round_id: int, day: str) -> dict[str, int]:
    """Remind everyone not contacted on `day` (the coordinator's "Send påmindelser nu")."""
    round = Round.objects.filter(pk=round_id).first()
    if round is None:
        return {}
    return answering.send_reminders(round, dt.date.fromisoformat(day), now=True).as_dict()


@task
def daily_survey_reminders(day: str) -> dict[str, Any]:
    """The daily reminder run over every open round, enqueued once per `day` (ISO date) by
    `smartby scheduler`."""
    today = dt.date.fromisoformat(day)
    result = {
        r.key: answering.send_reminders(r, today).as_dict() for r in answering.open_rounds(today)
    }
    logger.info("Survey reminders for %s: %s", day, result)
    return result
