"""`smartby db_worker` and `smartby scheduler` wait out a database outage: real processes on a
PostgreSQL cluster of their own, which is stopped and started again; the same worker process then
runs a new task."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from smartby.lib.tests.pgcluster import throwaway_cluster

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SEND_REMINDERS = "smartby.reminders.tasks.send_reminders"
WAIT = 60  # seconds to wait for something the test expects to happen


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def task_status(url: str, path: str) -> str | None:
    with psycopg.connect(url) as db:
        row = db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = %s", (path,)
        ).fetchone()
    return row[0] if row else None


def test_worker_and_scheduler_survive_a_database_restart(tmp_path):
    log, scheduler_log = tmp_path / "worker.log", tmp_path / "scheduler.log"
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
        with scheduler_log.open("ab") as out:
            scheduler = subprocess.Popen(
                [sys.executable, "-m", "smartby", "scheduler", "--interval", "1"],
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
            wait_until(
                lambda: "Database unavailable (OperationalError)" in scheduler_log.read_text(),
                "the scheduler to notice the outage",
            )
            assert worker.poll() is None, log.read_text()

            cluster.start()
            smartby(
                "shell",
                "-c",
                "from smartby.reminders.tasks import send_reminders; send_reminders.enqueue()",
            )
            wait_until(lambda: task_status(url, SEND_REMINDERS) == "SUCCESSFUL", "the task to run")
            assert worker.poll() is None, log.read_text()
            assert scheduler.poll() is None, scheduler_log.read_text()
        finally:
            for process in (worker, scheduler):
                process.terminate()
                process.wait(WAIT)
    text = log.read_text()
    assert text.count("Starting worker") >= 2  # started over after the outage
    assert "Traceback" not in text
    assert "Traceback" not in scheduler_log.read_text()
