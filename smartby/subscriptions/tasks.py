"""Background tasks (Django's tasks framework). The scheduler enqueues `send_weekly_digests`
once a week; the work itself is the plain function `digests.send_digests`."""

from typing import Any

from django.tasks import task

from smartby.subscriptions.digests import send_digests


@task
def send_weekly_digests() -> dict[str, Any]:
    """Send this week's digests; idempotent, so a retried or duplicate run sends nothing twice."""
    return send_digests().as_dict()
