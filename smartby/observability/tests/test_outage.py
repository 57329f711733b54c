"""A database outage under traffic: the production server (gunicorn) on its own PostgreSQL
cluster, which is stopped and started, then restarted, while a thread keeps requesting a page,
the API and /healthz. Every answer is 200 or 503 (never 500, never a hang), 503 while the
database is down, 200 again once it is back — from the same worker processes."""

import http.client
import json
import logging
import os
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import RequestFactory

from smartby.lib.tests.pgcluster import Cluster, free_port, throwaway_cluster
from smartby.observability import outage

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"
PAGE, API, HEALTH = "/projekter/", "/api/v1/projects", "/healthz"
REQUEST_TIMEOUT = 20  # seconds; a request that takes longer counts as a hang
WAIT = 60  # seconds to wait for a state the test expects


@dataclass
class Answer:
    path: str
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    headers: dict[str, str]
    body: bytes
    error: str = ""
    started: float = 0.0  # time.monotonic() when the request was sent


def fetch(base: str, path: str, cookie: str = "") -> Answer:
    started = time.monotonic()
    connection = http.client.HTTPConnection(base, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read()
        return Answer(path, response.status, dict(response.getheaders()), body, "", started)
    except OSError as exc:
        return Answer(path, None, {}, b"", type(exc).__name__, started)
    finally:
        connection.close()


class Traffic(threading.Thread):
    """Requests the page (with a session cookie, so the session middleware reads the
    database), the API (whose rate limit counts in the database) and /healthz in turn, one at
    a time, until stopped; keeps every answer in order."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.answers: list[Answer] = []
        self.stopped = threading.Event()
        self.cookie = f"sessionid={secrets.token_hex(16)}"

    def run(self) -> None:
        while not self.stopped.is_set():
            for path in (PAGE, API, HEALTH):
                self.answers.append(fetch(self.base, path, self.cookie))

    def wait_for(self, predicate: Callable[[Answer], bool], after: int = 0) -> int:
        """Index of the first answer from `after` on that matches `predicate`."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            for index in range(after, len(self.answers)):
                if predicate(self.answers[index]):
                    return index
            time.sleep(0.05)
        raise AssertionError(f"no such answer within {WAIT} s: {self.summary(after)}")

    def summary(self, after: int = 0) -> list[tuple[str, int | None, str]]:
        return [(a.path, a.status, a.error) for a in self.answers[after:]]


def healthy_since(moment: float) -> Callable[[Answer], bool]:
    """A /healthz answered 200 to a request sent after `moment`."""
    return lambda a: a.path == HEALTH and a.status == 200 and a.started > moment


def worker_pids(master: int) -> set[int]:
    output = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout
    return {int(pid) for pid in output.split()}


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster(prefix="smartby-outage-") as cluster:
        yield cluster


@pytest.fixture
def server(cluster: Cluster, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    """`smartby migrate` and then gunicorn (two sync workers, as `make serve` runs it) against
    the cluster; yields its host:port, the gunicorn master process and its log file."""
    env = {
        **os.environ,
        "DATABASE_URL": cluster.createdb("smartby"),
        "DEBUG": "false",
        "SMARTBY_VAR_DIR": str(tmp_path / "var"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "API_ANON_RATE_LIMIT": "1000000",
        "LOG_FORMAT": "text",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    subprocess.run(
        [sys.executable, "-m", "smartby", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=PROJECT_ROOT,
        check=True,
    )
    port, log = free_port(), tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(GUNICORN), "smartby.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while fetch(base, HEALTH).status != 200:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)
        yield base, process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_requests_get_503_while_postgresql_is_down_and_200_after_without_app_restart(
    cluster, server
):
    base, gunicorn, log = server
    traffic = Traffic(base)
    traffic.start()
    try:
        # Running normally, every worker with a persistent connection (CONN_MAX_AGE).
        for path in (PAGE, API):
            traffic.wait_for(lambda a, path=path: a.path == path and a.status == 200)
        workers = worker_pids(gunicorn.pid)
        assert len(workers) == 2

        # Down: "fast" shutdown disconnects every client and refuses new connections.
        cluster.stop("fast")
        down = len(traffic.answers)
        for path in (PAGE, API, HEALTH):
            traffic.wait_for(lambda a, path=path: a.path == path and a.status == 503, down)

        # Back: from the first healthy /healthz on, everything is 200 again.
        cluster.start()
        up = time.monotonic()
        back = traffic.wait_for(healthy_since(up), down)

        # A restart in the middle of the traffic, then recovery again.
        traffic.wait_for(lambda a: a.path == PAGE, back + 1)
        restarting = len(traffic.answers)
        cluster.restart("fast")
        up_again = time.monotonic()
        back_again = traffic.wait_for(healthy_since(up_again), restarting)
        traffic.wait_for(lambda a: a.path == HEALTH, back_again + 30)
    finally:
        traffic.stopped.set()
        traffic.join(REQUEST_TIMEOUT * 2)
    answers = traffic.answers

    # Never a 500, a hang or a dropped connection: 200 or 503 only.
    assert [a for a in answers if a.status not in (200, 503)] == [], traffic.summary()
    outage_answers = answers[down:back]
    for path in (PAGE, API, HEALTH):
        assert any(a.path == path and a.status == 503 for a in outage_answers)
    assert {(a.path, a.status) for a in answers[back:restarting]} <= {
        (PAGE, 200),
        (API, 200),
        (HEALTH, 200),
    }, traffic.summary(back)
    assert {a.status for a in answers[back_again:]} == {200}, traffic.summary(back_again)

    # The 503s: a standalone Danish page and the API's one error body, with Retry-After.
    page = next(a for a in outage_answers if a.path == PAGE and a.status == 503)
    assert page.headers["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Smartby er midlertidigt utilgængelig" in page.body.decode()
    api = next(a for a in outage_answers if a.path == API and a.status == 503)
    assert api.headers["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert json.loads(api.body) == {"detail": outage.API_DETAIL, "errors": []}
    health = next(a for a in outage_answers if a.path == HEALTH and a.status == 503)
    report = json.loads(health.body)
    assert (report["status"], report["checks"]["database"]["status"]) == ("fail", "fail")

    # The same processes recovered: no worker was restarted or replaced.
    assert gunicorn.poll() is None
    assert worker_pids(gunicorn.pid) == workers

    # Logged as one line each, without traceback or the driver's error text (host, port).
    text = log.read_text()
    assert "Service Unavailable: database unavailable (OperationalError)" in text
    assert "Traceback" not in text
    assert f"port {cluster.port}" not in text


# --- the parts, without a server --------------------------------------------------------------


def test_the_503_page_renders_without_touching_the_database():
    # No `db` fixture: pytest-django makes any database access here raise.
    page = render_to_string("503.html", {"retry_after_seconds": 30})
    assert "Prøv igen om 30 sekunder." in page
    assert "<script" not in page
    assert "style=" not in page


def test_a_database_error_is_503_and_other_errors_stay_500():
    request = RequestFactory().get("/api/v1/projects")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = outage.server_error(request)
    assert response.status_code == 503
    assert json.loads(response.content)["detail"] == outage.API_DETAIL
    assert "no-cache" in response["Cache-Control"]
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        health = outage.server_error(RequestFactory().get("/healthz"))
        page = outage.server_error(RequestFactory().get("/projekter/"))
    assert health.status_code == page.status_code == 503
    assert json.loads(health.content)["checks"]["database"] == {
        "status": "fail",
        "error": "OperationalError",
    }
    assert page["Retry-After"] == "30"
    assert "Smartby er midlertidigt utilgængelig" in page.content.decode()
    try:
        raise ValueError("a bug")
    except ValueError:
        assert outage.server_error(RequestFactory().get("/projekter/")).status_code == 500


def test_the_log_line_names_the_error_class_only():
    try:
        raise OperationalError('connection to server at "db.internal" (10.0.0.5) failed')
    except OperationalError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "%s: %s",
            ("Service Unavailable", "/paamindelse/hemmelig-token/"),
            sys.exc_info(),
        )
    assert outage.DatabaseOutageFilter().filter(record)
    assert record.getMessage() == "Service Unavailable: database unavailable (OperationalError)"
    assert record.exc_info is None
