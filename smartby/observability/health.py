"""The checks behind /healthz: the database, the read replica and the task queue.

Each check is cheap (one `SELECT 1`, one aggregate over ready tasks) and reports no personal
data: only states, latencies, counts and error class names (never error texts, which can hold
host names or user names)."""

import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
REPLICA_ALIAS = "replica"


def primary() -> BaseDatabaseWrapper:
    return connections["default"]


def replica() -> BaseDatabaseWrapper | None:
    """The read replica's connection if one is configured (the `replica` database alias)."""
    return connections[REPLICA_ALIAS] if REPLICA_ALIAS in connections.settings else None


def check_connection(connection: BaseDatabaseWrapper) -> dict[str, Any]:
    """`SELECT 1` on one connection, with its latency in milliseconds."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"status": FAIL, "error": type(exc).__name__}
    latency = (time.perf_counter() - started) * 1000
    return {"status": OK, "latency_ms": round(latency, 2)}


def check_replica(connection: BaseDatabaseWrapper | None) -> dict[str, Any]:
    """A replica that is down makes the site degraded, not failed: reads fall back to the
    primary."""
    if connection is None:
        return {"status": OK, "configured": False, "detail": "not configured"}
    result = check_connection(connection)
    if result["status"] == FAIL:
        result["status"] = DEGRADED
    return {**result, "configured": True}


def queue_stats(now: datetime | None = None) -> tuple[int, float]:
    """Ready tasks in the django-tasks-db queue and the age in seconds of the oldest one (how
    long it has been ready: since it was enqueued, or since its run_after if later)."""
    now = now or timezone.now()
    ready_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest(F("enqueued_at"), F("run_after")),
    )
    row = DBTaskResult.objects.ready().aggregate(depth=Count("id"), oldest=Min(ready_since))
    oldest = row["oldest"]
    age = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
    return row["depth"], age


def check_task_queue() -> dict[str, Any]:
    """Degraded when more tasks wait than TASK_QUEUE_MAX_DEPTH or the oldest has waited longer
    than TASK_QUEUE_MAX_AGE_SECONDS (is the worker running?)."""
    try:
        depth, age = queue_stats()
    except DatabaseError as exc:
        return {"status": FAIL, "error": type(exc).__name__}
    too_deep = depth > settings.TASK_QUEUE_MAX_DEPTH
    too_old = age > settings.TASK_QUEUE_MAX_AGE_SECONDS
    return {
        "status": DEGRADED if too_deep or too_old else OK,
        "ready": depth,
        "oldest_ready_age_seconds": round(age, 1),
        "max_depth": settings.TASK_QUEUE_MAX_DEPTH,
        "max_age_seconds": settings.TASK_QUEUE_MAX_AGE_SECONDS,
    }


def overall(checks: dict[str, dict[str, Any]]) -> str:
    """The worst state of all checks."""
    states = {check["status"] for check in checks.values()}
    if FAIL in states:
        return FAIL
    return DEGRADED if DEGRADED in states else OK


def run_checks() -> dict[str, Any]:
    database = check_connection(primary())
    checks = {
        "database": database,
        "replica": check_replica(replica()),
        "task_queue": (
            check_task_queue()
            if database["status"] == OK
            else {"status": FAIL, "error": "database unavailable"}
        ),
    }
    return {"status": overall(checks), "checks": checks}
