"""Read replicas for real: `make test` runs a streaming standby of the test cluster
(scripts/with-postgres with WITH_REPLICA=1, TEST_REPLICA_URL). Each test adds it as the
`replica` alias, with the router on, and proves where queries ran by capturing them on each
connection (and by asking the replica's connection whether it is a standby)."""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import environ
import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from smartby.accounts.models import User
from smartby.conftest import PASSWORD
from smartby.geo.models import Municipality
from smartby.lib import dbrouting
from smartby.lib.tests import pgcluster
from smartby.orgs.models import Organisation
from smartby.registry.models import Project

REPLICA_URL = os.environ.get("TEST_REPLICA_URL", "")
REPLICA_PGDATA = os.environ.get("TEST_REPLICA_PGDATA", "")
WAIT_SECONDS = 60  # upper bound for replication to catch up; tests do not time anything

pytestmark = [
    pytest.mark.skipif(
        not REPLICA_URL,
        reason="no streaming replica: run with WITH_REPLICA=1 scripts/with-postgres (make test)",
    ),
    # The replica is a test mirror of `default`: it is never flushed (the primary's flush
    # streams to it).
    pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, dbrouting.REPLICA_PREFIX]),
]


@pytest.fixture(scope="module", autouse=True)
def _replica_alias() -> Iterator[None]:
    """The standby as the `replica` alias of the test database, for this module only (the rest
    of the suite runs without replicas). Module-scoped, so that it exists before the test's
    database access is set up (the marker's `databases` names it)."""
    if not REPLICA_URL:
        yield
        return
    address = environ.Env.db_url_config(REPLICA_URL)
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    entry = {**primary, "HOST": address["HOST"], "PORT": address["PORT"]}
    connections.settings.update(dbrouting.replica_databases([entry], primary, connect_timeout=2))
    try:
        yield
    finally:
        connections[dbrouting.REPLICA_PREFIX].close()
        del connections[dbrouting.REPLICA_PREFIX]
        del connections.settings[dbrouting.REPLICA_PREFIX]


@pytest.fixture
def replica(settings) -> Iterator[str]:
    """The router on, every request re-checking the replica (REPLICA_CHECK_SECONDS=0) unless a
    test says otherwise, and the replica caught up with the primary."""
    settings.DATABASE_ROUTERS = ["smartby.lib.dbrouting.ReplicaRouter"]
    settings.REPLICA_CHECK_SECONDS = 0
    settings.REPLICA_MAX_LAG_SECONDS = 5
    dbrouting.reset()
    wait_for_replay()
    try:
        yield dbrouting.REPLICA_PREFIX
    finally:
        # The primary's flush after the test must not wait for a standby session.
        connections[dbrouting.REPLICA_PREFIX].close()
        dbrouting.reset()


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def wait_for_replay() -> None:
    """Until the standby has replayed everything the primary has written so far."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (lsn,) = cursor.fetchone()

    def replayed() -> bool:
        with connections[dbrouting.REPLICA_PREFIX].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            return cursor.fetchone()[0]

    wait_until(replayed, "the replica replays the primary's writes")


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return cursor.fetchone()[0]


@contextmanager
def capture(alias: str) -> Iterator[list[str]]:
    """The statements the application runs on `alias` (not the router's replica check). Unlike
    CaptureQueriesContext, this does not connect, so it works while a replica is down."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        if "smartby replica check" not in sql:
            statements.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        yield statements


def get(client: Client, path: str) -> tuple[int, list[str], list[str]]:
    """GET `path`; its status and the statements that ran on the primary and on the replica."""
    with capture(DEFAULT_DB_ALIAS) as on_primary, capture(dbrouting.REPLICA_PREFIX) as on_replica:
        response = client.get(path)
    return response.status_code, on_primary, on_replica


def reads_of(queries: list[str], table: str) -> list[str]:
    return [q for q in queries if q.lstrip().upper().startswith("SELECT") and table in q]


def pg_ctl(*args: str) -> None:
    pgcluster.pg_ctl(REPLICA_PGDATA, *args)


# Routing


@pytest.mark.parametrize(
    "path",
    ["/", "/projekter/", "/api/v1/projects", "/soeg/?q=energi"],
    ids=["home", "list", "api", "search"],
)
def test_public_gets_read_from_the_replica(replica, client, path):
    assert in_recovery(replica) and not in_recovery(DEFAULT_DB_ALIAS)
    status, on_primary, on_replica = get(client, path)
    assert status == 200
    assert reads_of(on_replica, "registry_project") or reads_of(on_replica, "search_")
    assert not reads_of(on_primary, "registry_project")


def test_a_write_pins_the_client_to_the_primary_for_a_while(replica, client, editor_a, settings):
    response = client.post(
        "/konto/log-ind/", {"username": editor_a.email, "password": PASSWORD}, follow=False
    )
    assert response.status_code == 302
    pin = response.cookies[dbrouting.PIN_COOKIE]
    assert pin["max-age"] == settings.REPLICA_PIN_SECONDS
    assert pin["httponly"] and pin["samesite"] == "Lax"
    # Right after the write, every read of the same client is the primary's.
    status, on_primary, on_replica = get(client, "/projekter/")
    assert status == 200
    assert reads_of(on_primary, "registry_project") and on_replica == []
    # Another client at the same moment reads from the replica.
    assert reads_of(get(Client(), "/projekter/")[2], "registry_project")
    # Once the pin has run out, the logged-in user reads from the replica too (but the session
    # and the user are always read from the primary).
    client.cookies[dbrouting.PIN_COOKIE] = str(int(time.time()) - 1)
    status, on_primary, on_replica = get(client, "/projekter/")
    assert status == 200
    assert reads_of(on_replica, "registry_project")
    assert reads_of(on_primary, "django_session") and not reads_of(on_replica, "django_session")
    assert not reads_of(on_replica, "accounts_user")


def test_a_forged_or_broken_pin_cookie_does_no_harm(replica, client):
    client.cookies[dbrouting.PIN_COOKIE] = "not a number"
    status, _, on_replica = get(client, "/projekter/")
    assert status == 200 and reads_of(on_replica, "registry_project")
    client.cookies[dbrouting.PIN_COOKIE] = str(int(time.time()) + 3600)
    status, _, on_replica = get(client, "/projekter/")
    assert status == 200 and on_replica == []


def test_the_router_sends_only_stale_tolerant_reads_to_the_replica(replica):
    router = dbrouting.ReplicaRouter()
    # Outside a request (commands, tasks, the worker, the scheduler): always the primary.
    assert router.db_for_read(Project) == DEFAULT_DB_ALIAS
    token = dbrouting._context.set(dbrouting.ReadContext(stale_ok=True))
    try:
        assert router.db_for_read(Project) == replica
        assert router.db_for_read(User) == DEFAULT_DB_ALIAS  # accounts: always fresh
        with transaction.atomic():
            assert router.db_for_read(Municipality) == DEFAULT_DB_ALIAS
        # A model written in this request is read back from the primary; others are not.
        assert router.db_for_write(Organisation) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Organisation) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Municipality) == replica
    finally:
        dbrouting._context.reset(token)
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "registry")
    assert not router.allow_migrate(replica, "registry")
    municipality = Municipality.objects.using(replica).first()
    organisation = Organisation.objects.first()
    assert router.allow_relation(municipality, organisation)


def test_a_post_is_never_read_from_the_replica(replica, client, editor_a):
    client.force_login(editor_a)
    with capture(replica) as on_replica:
        client.post("/projekter/ny/", {"title": ""})
    assert on_replica == []


# Lag


def test_a_lagging_replica_is_not_used_until_it_catches_up(replica, client, settings, org_a):
    settings.REPLICA_MAX_LAG_SECONDS = 0.5
    with connections[replica].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        Organisation.objects.filter(pk=org_a.pk).update(name=F("name"))
        wait_until(
            lambda: dbrouting.measure(replica).reason == "lagging", "the replica falls behind"
        )
        status, on_primary, on_replica = get(client, "/projekter/")
        assert status == 200
        assert reads_of(on_primary, "registry_project") and on_replica == []
    finally:
        with connections[replica].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    wait_until(lambda: dbrouting.measure(replica).usable, "the replica catches up")
    status, _, on_replica = get(client, "/projekter/")
    assert status == 200 and reads_of(on_replica, "registry_project")


def test_the_lag_check_is_cached_per_process(replica, settings):
    settings.REPLICA_CHECK_SECONDS = 3600
    first = dbrouting.state_of(replica)
    assert first.usable and first.reason == "ok" and first.lag_seconds is not None
    with CaptureQueriesContext(connections[replica]) as on_replica:
        assert dbrouting.state_of(replica) is first
    assert on_replica.captured_queries == []  # not even the check


# Failover


@pytest.mark.skipif(not REPLICA_PGDATA, reason="the replica's data directory is unknown")
def test_requests_survive_a_replica_that_goes_down_and_use_it_again_when_back(
    replica, client, settings
):
    settings.REPLICA_CHECK_SECONDS = 3600  # the replica was fine a moment ago
    status, _, on_replica = get(client, "/projekter/")
    assert status == 200 and reads_of(on_replica, "registry_project")
    pg_ctl("-m", "immediate", "stop")
    try:
        # The replica dies under a connection the router still trusts: the page is answered
        # again from the primary, and the replica is skipped from then on.
        status, on_primary, _ = get(client, "/projekter/")
        assert status == 200 and reads_of(on_primary, "registry_project")
        assert dbrouting.state_of(replica).reason == "down"
        # A fresh check cannot connect either: still the primary, and /healthz says degraded.
        settings.REPLICA_CHECK_SECONDS = 0
        status, on_primary, _ = get(client, "/projekter/")
        assert status == 200 and reads_of(on_primary, "registry_project")
        health = client.get("/healthz").json()
        assert health["status"] == "degraded"
        assert health["checks"]["replica"] == {
            "status": "degraded",
            "error": "OperationalError",
            "configured": True,
        }
    finally:
        log = Path(REPLICA_PGDATA).parent / "replica.log"
        pg_ctl("-l", str(log), "-w", "start")
    wait_until(lambda: dbrouting.measure(replica).usable, "the replica streams again")
    status, _, on_replica = get(client, "/projekter/")
    assert status == 200 and reads_of(on_replica, "registry_project")
    health = client.get("/healthz").json()
    assert health["checks"]["replica"]["status"] == "ok"
    assert health["checks"]["replica"]["configured"] is True
