"""Prometheus metrics, exposed at /metrics.

Labels hold only bounded, non-personal values: a request's URL pattern name (never its path,
which can hold ids), its method and its status class. With PROMETHEUS_MULTIPROC_DIR set (as
`make serve` does) every process — each gunicorn worker and the task worker that sends the
reminders — writes its counters to files there and a scrape adds them up (prometheus_client's
multiprocess mode); without it each process counts for itself."""

import os
from collections.abc import Iterator

from django.db import DatabaseError
from django.http import HttpRequest
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry()

REQUESTS = Counter(
    "smartby_http_requests",
    "HTTP requests by route name, method and status class.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "smartby_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
REMINDER_EMAILS = Counter(
    "smartby_reminder_emails",
    "Reminder emails (digests and escalations) by outcome: sent or failed (an attempt that "
    "failed; it may be retried).",
    ["outcome"],
    registry=REGISTRY,
)
EMAILS = Counter(
    "smartby_emails",
    "Other emails (invitations, password resets, digests, contact messages) delivered with "
    "retries, by outcome: sent or failed (after all retries).",
    ["outcome"],
    registry=REGISTRY,
)

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def route_name(request: HttpRequest) -> str:
    """The matched URL pattern's name ("registry:project_detail"), else its route pattern
    ("projekter/<int:pk>/"), else "unmatched" (a 404 no pattern matched)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


def observe_request(request: HttpRequest, status: int, seconds: float) -> None:
    method = request.method if request.method in METHODS else "other"
    route = route_name(request)
    REQUESTS.labels(route=route, method=method, status=f"{status // 100}xx").inc()
    LATENCY.labels(route=route, method=method).observe(seconds)


class TaskQueueCollector(Collector):
    """The task queue's depth and the age of its oldest ready task, read at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from smartby.observability.health import queue_stats

        try:
            depth, age = queue_stats()
        except DatabaseError:
            return
        yield GaugeMetricFamily(
            "smartby_task_queue_ready", "Tasks ready to run in the task queue.", value=depth
        )
        yield GaugeMetricFamily(
            "smartby_task_queue_oldest_ready_age_seconds",
            "How long the oldest ready task has waited.",
            value=age,
        )


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def exposition() -> bytes:
    """The text exposition format of every metric, for one scrape."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        counters = generate_latest(registry)
    else:
        counters = generate_latest(REGISTRY)
    scrape = CollectorRegistry()
    scrape.register(TaskQueueCollector())
    return counters + generate_latest(scrape)
