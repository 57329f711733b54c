"""Database outages answer 503, not 500.

When PostgreSQL cannot be reached (stopped, restarting, failing over, out of connections) the
database driver raises OperationalError or InterfaceError, wherever the request happens to touch
the database first: in a view, in a template's `request.user`, in the session or API rate-limit
middleware. Django turns every uncaught exception, in a view or in a middleware, into a call of
the `handler500` view; `server_error` below is that view. For a database error it answers
**503 Service Unavailable** with `Retry-After` — the project's JSON error body under /api/, a failed health report at /healthz, a
small standalone Danish page elsewhere (`503.html`: rendered without a request, so no context
processor, session or user lookup can touch the database again) — and otherwise Django's usual
500 page.

`DatabaseOutageFilter` (on the `django.request` logger, see LOGGING in settings) turns Django's
"Service Unavailable: <path>" record with its traceback into one line naming only the error
class: the driver's error text can hold host and user names, and the path can hold tokens.

The app recovers by itself: a connection that failed is closed at the end of the request
(Django's close_if_unusable_or_obsolete, errors_occurred), and a persistent connection
(CONN_MAX_AGE) that broke while idle is found by CONN_HEALTH_CHECKS before its next use, so the
same processes serve the next request from a fresh connection once the server is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from smartby.api.errors import error_response

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
HEALTHZ_PATH = "/healthz"
API_DETAIL = "Databasen er midlertidigt utilgængelig. Prøv igen om lidt."


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` means the database cannot be reached or used right now (connection
    refused or lost, server shutting down or starting up, too many connections; also a
    cancelled statement or a deadlock, which are as transient)."""
    return isinstance(exc, (OperationalError, InterfaceError))


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """503 with Retry-After: the API's error body under /api/, /healthz's report (when the
    outage struck before its own checks, e.g. in the session or login middleware), else the
    standalone page."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = error_response(503, API_DETAIL)
    elif request.path == HEALTHZ_PATH:
        failed = {"status": "fail", "error": type(exc).__name__}
        response = JsonResponse({"status": "fail", "checks": {"database": failed}}, status=503)
    else:
        page = render_to_string("503.html", {"retry_after_seconds": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The handler500 view: Django calls it while handling the uncaught exception, so
    sys.exc_info() is that exception."""
    exc = sys.exc_info()[1]
    if exc is not None and database_unavailable(exc):
        return unavailable_response(request, exc)
    return defaults.server_error(request, template_name)


class DatabaseOutageFilter(logging.Filter):
    """Rewrites a `django.request` record caused by a database outage into one line without
    traceback, path or error text: "Service Unavailable: database unavailable (OperationalError)".
    The request id (observability.logs) ties it to the access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if database_unavailable(exc):
            record.msg = "Service Unavailable: database unavailable (%s)"
            record.args = (type(exc).__name__,)
            record.exc_info = None
            record.exc_text = None
        return True
