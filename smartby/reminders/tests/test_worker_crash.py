"""The task worker killed (SIGKILL) in the middle of the daily reminder job: the job is run again
by the next worker and finishes, and no recipient gets an email twice.

A real `smartby db_worker` process runs the real `daily_reminders` task against the test
database and a real SMTP server, which takes in the second digest and then does not answer it
(no "250"): the worker is killed while it waits, after SMTP has the message and before the
reminder rows are marked sent — the classic gap of at-least-once delivery."""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from smartby.conftest import SMTPServer, _free_port
from smartby.reminders import operations
from smartby.reminders import tasks as reminder_tasks
from smartby.reminders.models import DeliveryStatus, Reminder, email_hash

PROJECT_ROOT = Path(__file__).resolve().parents[3]
WAIT = 60  # seconds to wait for something the test expects to happen

pytestmark = pytest.mark.django_db(transaction=True)


class StallingSMTPServer(SMTPServer):
    """Takes in message number `stall_at`, then holds back its reply until `release` is set."""

    def __init__(self, host: str, port: int, stall_at: int) -> None:
        super().__init__(host, port)
        self.stall_at = stall_at
        self.stalled = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == self.stall_at:
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        return reply


@pytest.fixture
def stalling_smtp() -> Iterator[StallingSMTPServer]:
    host = "127.0.0.1"
    server = StallingSMTPServer(host, _free_port(host), stall_at=2)
    controller = Controller(server, hostname=host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        server.release.set()
        controller.stop()


def database_url() -> str:
    """The test database, for the worker processes."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(worker_id: str, smtp: SMTPServer, log: Path, *extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://{smtp.host}:{smtp.port}",
        "DEBUG": "false",
        "SMARTBY_VAR_DIR": str(log.parent / "var"),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with log.open("ab") as out:
        return subprocess.Popen(
            [
                *(sys.executable, "-m", "smartby", "db_worker", "--no-reload"),
                *("--no-startup-delay", "--interval", "0.2", "--worker-id", worker_id, *extra),
            ],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_killed_worker_job_is_retried_and_no_email_goes_out_twice(
    due_project, editor_a, stalling_smtp, tmp_path
):
    due_project(title="Gadelys med sensorer")
    due_project(months=8, title="Droner til inspektion")
    result = reminder_tasks.daily_reminders.enqueue(timezone.localdate().isoformat())
    log = tmp_path / "worker.log"

    first = start_worker("first", stalling_smtp, log)
    try:
        assert stalling_smtp.stalled.wait(WAIT), log.read_text()
        task = DBTaskResult.objects.get(pk=result.id)
        assert (task.status, task.worker_ids) == (TaskResultStatus.RUNNING, ["first"])
        first.send_signal(signal.SIGKILL)
        first.wait(WAIT)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == -signal.SIGKILL
    stalling_smtp.release.set()

    # As the killed worker left it: one digest recorded as sent, one in flight (SMTP has it,
    # the rows say "sending"), one not yet claimed; the task still RUNNING.
    received = stalling_smtp.messages
    assert len(received) == 2
    in_flight = received[1]["To"]
    rows = Reminder.objects.all()
    assert {r.status for r in rows if r.email_hash == email_hash(in_flight)} == {"sending"}
    assert Counter(r.status for r in rows) >= Counter({"sent": 1, "pending": 1, "sending": 1})
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING

    # The next worker starts when the lease has run out (here at once: --lease 0), puts the
    # task back in the queue and runs it again to the end.
    second = start_worker("second", stalling_smtp, log, "--lease", "0")
    try:
        wait_until(
            lambda: DBTaskResult.objects.finished().filter(pk=result.id).exists(),
            "the retried job to finish",
        )
    finally:
        second.terminate()
        second.wait(WAIT)
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    assert task.worker_ids == ["first", "second"]
    assert task.return_value["emails"] == 1  # only the digest that was never tried

    # Every recipient got exactly one digest, the one in flight too: never a second one.
    per_address = Counter(m["To"] for m in stalling_smtp.messages)
    assert per_address == {
        "anna@aarhus.example.org": 1,
        "jens@example.org": 1,
        "mette@example.org": 1,
    }
    statuses = {(r.email_hash, r.status) for r in Reminder.objects.all()}
    assert (email_hash(in_flight), DeliveryStatus.SENDING) in statuses
    assert {s for h, s in statuses if h != email_hash(in_flight)} == {DeliveryStatus.SENT}

    # After CLAIM_TIMEOUT the interrupted rows are marked failed for the coordinators — and
    # still not sent again.
    later = timezone.now() + operations.CLAIM_TIMEOUT + operations.CLAIM_TIMEOUT
    rerun = operations.send_due(later)
    assert rerun.emails == 0
    interrupted = Reminder.objects.filter(email_hash=email_hash(in_flight))
    assert {r.status for r in interrupted} == {DeliveryStatus.FAILED}
    assert len(stalling_smtp.messages) == 3

    # No address in the workers' log (GDPR): only hashes and ids.
    assert "example.org" not in log.read_text()
