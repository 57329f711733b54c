"""Cross-cutting API behaviour for /api/: CORS for anonymous reads and the anonymous rate
limit (shared by all app server processes through the database)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from smartby.api.errors import error_response
from smartby.api.models import RateCounter

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def client_key(request: HttpRequest) -> str:
    return "ip:" + (request.META.get("REMOTE_ADDR") or "unknown")


def hit(key: str, limit: int, period: int) -> int | None:
    """Count a request; return seconds to wait when `key` is over `limit` per `period`."""
    now = int(time.time())
    window = now - now % period
    updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window=window, count=1)
        except IntegrityError:
            RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
    count = (
        RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first()
    )
    if count is not None and count > limit:
        return window + period - now
    return None


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        anonymous = "HTTP_AUTHORIZATION" not in request.META
        if request.method == "OPTIONS" and "HTTP_ORIGIN" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            response["Access-Control-Allow-Origin"] = "*"
            return response
        limit = settings.API_ANON_RATE_LIMIT
        if anonymous and limit:
            wait = hit(client_key(request), limit, settings.API_ANON_RATE_PERIOD)
            if wait is not None:
                return error_response(
                    429,
                    f"For mange forespørgsler. Prøv igen om {wait} sekunder, "
                    "eller brug en API-nøgle.",
                    Retry_After=str(max(wait, 1)),
                )
        response = self.get_response(request)
        if anonymous and request.method in SAFE_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After, Link"
        return response
