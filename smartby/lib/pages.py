"""The pages every Danish public website must have: the privacy policy and the accessibility
statement (webtilgængelighedserklæring). Facts that come from settings are read from them."""

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

ACCESSIBILITY_REVIEWED = dt.date(2026, 11, 23)


def _context() -> dict:
    return {
        "publisher": settings.CATALOG_PUBLISHER_NAME,
        "contact_email": settings.CATALOG_CONTACT_EMAIL,
    }


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/privacy.html",
        {
            **_context(),
            "contact_days": settings.CONTACT_RETENTION_DAYS,
            "task_days": settings.TASK_RESULT_RETENTION_DAYS,
            "reminder_days": settings.REMINDER_RECIPIENT_RETENTION_DAYS,
            "survey_days": settings.SURVEY_INVITATION_RETENTION_DAYS,
            "invitation_days": settings.ACCOUNT_INVITATION_RETENTION_DAYS,
            # The read-your-writes cookie exists only with read replicas (lib/dbrouting.py).
            "replicas": bool(settings.DATABASE_REPLICA_URLS),
            "pin_seconds": settings.REPLICA_PIN_SECONDS,
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/accessibility.html", {**_context(), "updated": ACCESSIBILITY_REVIEWED}
    )
