"""`smartby db_worker` waits out a database outage: a real worker process on a PostgreSQL cluster
of its own, which is stopped and started again; the same process then runs a new task."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from smartby.lib.tests.pgcluster import throwaway_cluster

PROJECT_ROOT = Path(__file__).resolve().parents[3]
WAIT = 60  # seconds to wait for something the test expects to happen


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def task_statuses(url: str) -> list[str]:
    with psycopg.connect(url) as db:
        return [s for (s,) in db.execute("SELECT status FROM django_tasks_database_dbtaskresult")]


def test_the_worker_survives_a_database_restart_and_runs_the_next_task(tmp_path):
    log = tmp_path / "worker.log"
    with throwaway_cluster(prefix="smartby-worker-") as cluster:
        url = cluster.createdb("smartby")
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "false",
            "SMARTBY_VAR_DIR": str(tmp_path / "var"),
        }
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)

        def smartby(*args: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "smartby", *args], env=env, cwd=PROJECT_ROOT, check=True
            )

        smartby("migrate", "--noinput", "-v", "0")
        with log.open("ab") as out:
            worker = subprocess.Popen(
                [
                    *(sys.executable, "-m", "smartby", "db_worker", "--no-reload"),
                    *("--no-startup-delay", "--interval", "0.2"),
                ],
                env=env,
                cwd=PROJECT_ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until(lambda: "Starting worker" in log.read_text(), "the worker to start")
            cluster.stop("fast")
            wait_until(
                lambda: "Database unavailable (OperationalError)" in log.read_text(),
                "the worker to notice the outage",
            )
            assert worker.poll() is None, log.read_text()

            cluster.start()
            smartby(
                "shell",
                "-c",
                "from smartby.reminders.tasks import send_reminders; send_reminders.enqueue()",
            )
            wait_until(lambda: task_statuses(url) == ["SUCCESSFUL"], "the task to run")
            assert worker.poll() is None, log.read_text()
        finally:
            worker.terminate()
            worker.wait(WAIT)
    text = log.read_text()
    assert text.count("Starting worker") >= 2  # started over after the outage
    assert "Traceback" not in text
