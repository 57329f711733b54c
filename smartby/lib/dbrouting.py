"""Read replicas: which database a query goes to.

With `DATABASE_REPLICA_URLS` set, the replicas are the database aliases `replica`, `replica_2`,
… (`replica_databases`). Reads that may be slightly stale go to a replica; everything else goes
to the primary (`default`):

- Only GET and HEAD requests, while `ReplicaMiddleware` handles them, may read from a replica
  (public pages, API GETs, search). Management commands, tasks, the worker and the scheduler
  never do: outside a request there is no "may be stale" context.
- A client that made a write (any other method) reads from the primary for
  REPLICA_PIN_SECONDS afterwards: the response sets a short-lived cookie (`PIN_COOKIE`, no
  personal data) that every app server honours, so the page after a POST shows the change.
- Within a request, a model that was written is read from the primary from then on (a GET that
  counts a page view or an API rate limit reads its own count back).
- Reads inside a transaction (`atomic`) and reads of the models in PRIMARY_APPS (sessions,
  accounts, API tokens and rate counters, the task queue) always go to the primary: a session
  or a rights change must take effect at once, and the task queue is written constantly.
- A replica is used only while its last check (cached per process for REPLICA_CHECK_SECONDS)
  found it reachable, streaming from the primary and no more than REPLICA_MAX_LAG_SECONDS
  behind. A replica that fails to connect (REPLICA_CONNECT_TIMEOUT) or errors during a request
  is marked down for REPLICA_CHECK_SECONDS, and the GET is answered again from the primary: a
  request never fails because of a replica.

Migrations run on the primary only; relations between objects from any alias are allowed (the
replicas hold the same data).
"""

import contextlib
import logging
import random
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA_PREFIX = "replica"
PIN_COOKIE = "smartby_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Apps whose rows must be read fresh: sessions and accounts (a login, logout or rights change
# acts at once), API tokens and rate counters, the task queue.
PRIMARY_APPS = frozenset(
    {"sessions", "auth", "accounts", "django_otp", "otp_totp", "api", "django_tasks_db"}
)
# Marks the check's own query, so that tests and logs can tell it from the application's.
CHECK_SQL = """/* smartby replica check */
SELECT pg_is_in_recovery(),
       COALESCE((SELECT status = 'streaming' FROM pg_stat_wal_receiver LIMIT 1), false),
       CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"""


def replica_alias(index: int) -> str:
    """The alias of the `index`-th replica (0-based): `replica`, `replica_2`, …"""
    return REPLICA_PREFIX if index == 0 else f"{REPLICA_PREFIX}_{index + 1}"


def replica_databases(
    configs: list[dict[str, Any]], primary: dict[str, Any], connect_timeout: int
) -> dict[str, dict[str, Any]]:
    """DATABASES entries for the replicas, from their parsed URLs: the primary's connection
    settings with the replica's address, a short connect timeout, and no test database of its
    own (the test database streams from the primary)."""
    databases = {}
    for index, config in enumerate(configs):
        options = {**config.get("OPTIONS", {})}
        options.setdefault("connect_timeout", connect_timeout)
        databases[replica_alias(index)] = {
            "CONN_MAX_AGE": primary.get("CONN_MAX_AGE", 0),
            "CONN_HEALTH_CHECKS": True,
            **config,
            "OPTIONS": options,
            "TEST": {"MIRROR": DEFAULT_DB_ALIAS},
        }
    return databases


def replica_aliases() -> list[str]:
    """The configured replicas' aliases, in order."""
    return [
        alias
        for alias in connections.settings
        if alias == REPLICA_PREFIX or alias.startswith(REPLICA_PREFIX + "_")
    ]


# Per process: what the last check of each replica found.
@dataclass
class ReplicaState:
    checked_at: float  # time.monotonic()
    usable: bool
    reason: str  # "ok", "down", "not streaming", "lagging", "not a standby"
    lag_seconds: float | None = None


_states: dict[str, ReplicaState] = {}
_states_lock = threading.Lock()


def reset() -> None:
    """Forget every check (tests, and after a configuration change)."""
    with _states_lock:
        _states.clear()


def mark_down(alias: str) -> None:
    with _states_lock:
        _states[alias] = ReplicaState(time.monotonic(), False, "down")


def measure(alias: str) -> ReplicaState:
    """Check one replica now: reachable, a standby that streams from the primary, and its lag
    in seconds (0 when it has replayed everything it received, else the age of the last
    replayed transaction). The result is also kept for REPLICA_CHECK_SECONDS."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(CHECK_SQL)
            in_recovery, streaming, lag = cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("replica %s is down (%s)", alias, type(exc).__name__)
        _close_quietly(alias)
        state = ReplicaState(time.monotonic(), False, "down")
    else:
        lag_seconds = None if lag is None else max(float(lag), 0.0)
        if not in_recovery:
            reason = "not a standby"
        elif not streaming:
            reason = "not streaming"
        elif lag_seconds is None or lag_seconds > settings.REPLICA_MAX_LAG_SECONDS:
            reason = "lagging"
        else:
            reason = "ok"
        state = ReplicaState(time.monotonic(), reason == "ok", reason, lag_seconds)
    with _states_lock:
        _states[alias] = state
    return state


def state_of(alias: str) -> ReplicaState:
    """The replica's state from the last check, or from a new one if that is older than
    REPLICA_CHECK_SECONDS."""
    with _states_lock:
        state = _states.get(alias)
    if state is None or time.monotonic() - state.checked_at >= settings.REPLICA_CHECK_SECONDS:
        state = measure(alias)
    return state


def _close_quietly(alias: str) -> None:
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


# Per request (a context variable, so threads and requests never share it).
@dataclass
class ReadContext:
    stale_ok: bool  # this request may read from a replica
    chosen: str | None = None  # the replica picked for this request, once picked
    picked: bool = False
    written: set[str] = field(default_factory=set)  # models written in this request


_context: ContextVar[ReadContext | None] = ContextVar("smartby_read_context", default=None)


def _pick_replica(context: ReadContext) -> str | None:
    """One usable replica for the whole request (so its reads see one state), or None."""
    if not context.picked:
        context.picked = True
        usable = [alias for alias in replica_aliases() if state_of(alias).usable]
        context.chosen = random.choice(usable) if usable else None
    return context.chosen


class ReplicaRouter:
    """The database router (settings.DATABASE_ROUTERS when replicas are configured)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        context = _context.get()
        if (
            context is None
            or not context.stale_ok
            or model._meta.app_label in PRIMARY_APPS
            or model._meta.label in context.written
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return _pick_replica(context) or DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        context = _context.get()
        if context is not None:
            context.written.add(model._meta.label)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        aliases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def pinned(request: HttpRequest) -> bool:
    """True while the client's last write is less than REPLICA_PIN_SECONDS old."""
    try:
        until = float(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return False
    return until > time.time()


class ReplicaMiddleware:
    """Lets GET and HEAD requests of clients that did not just write read from a replica, pins
    a client that writes to the primary, and answers a GET again from the primary when the
    replica failed during it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        context = ReadContext(stale_ok=safe and bool(replica_aliases()) and not pinned(request))
        token = _context.set(context)
        try:
            response = self.get_response(request)
        finally:
            _context.reset(token)
        if not safe and replica_aliases():
            seconds = settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time() + seconds + 1)),
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that failed on its replica (connection lost, recovery conflict) runs once
        more, reading from the primary. Other errors are left alone."""
        context = _context.get()
        if context is None or context.chosen is None:
            return None
        alias = context.chosen
        if not isinstance(exception, DatabaseError) or not connections[alias].errors_occurred:
            return None
        logger.warning("replica %s failed during a request; answered from the primary", alias)
        mark_down(alias)
        _close_quietly(alias)
        context.stale_ok = False
        context.chosen = None
        match = request.resolver_match
        if match is None:
            return None
        return match.func(request, *match.args, **match.kwargs)
