"""`smartby scheduler --interval 3600`: call the scheduling logic now and then every interval
until stopped (SIGTERM or SIGINT end it between two calls). `make run` starts it next to the web
server and `smartby db_worker`, which runs what it enqueues. Each call also puts the tasks of
workers that died back in the queue (lib/task_leases.py)."""

import logging
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, close_old_connections

from smartby.lib.task_leases import recover_stale_tasks
from smartby.reminders.scheduling import schedule_tasks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue the periodic jobs every --interval seconds until stopped."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=3600.0, help="seconds (3600)")
        parser.add_argument("--once", action="store_true", help="schedule once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        if interval <= 0:
            raise CommandError("--interval must be positive.")
        stop = threading.Event()
        if not once and threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
        while True:
            try:
                recover_stale_tasks()  # tasks of workers that died run again (TASK_LEASE_SECONDS)
                enqueued = schedule_tasks()
            except (OperationalError, InterfaceError) as exc:
                # One line, no traceback: the driver's text names hosts and users.
                logger.warning(
                    "Database unavailable (%s); scheduling again in %s s",
                    type(exc).__name__,
                    interval,
                )
            except Exception:
                logger.exception("Scheduling failed; trying again in %s s", interval)
            else:
                if enqueued and options["verbosity"]:
                    self.stdout.write("Enqueued: " + ", ".join(enqueued))
                    self.stdout.flush()
            if once or stop.wait(interval):
                break
            close_old_connections()  # a long sleep may have outlived the connection
