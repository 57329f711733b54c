"""Request ids and request metrics (first in MIDDLEWARE, so the timing covers the rest)."""

import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from smartby.observability import logs, metrics

# An id from the proxy in front is kept if it looks like one; anything else gets a fresh id.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class ObservabilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        token = logs.request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            metrics.observe_request(request, response.status_code, time.perf_counter() - started)
            response["X-Request-ID"] = request_id
            return response
        finally:
            logs.request_id.reset(token)
