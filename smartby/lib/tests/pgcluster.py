"""A throw-away PostgreSQL cluster for tests that need a server of their own (to restore into,
or to stop and restart under a running app), started like scripts/with-postgres does: in a
temporary directory, on a free loopback port, with trust authentication and durability off."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smartby.lib.backup import pg_binary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# PostgreSQL refuses to run as root; scripts/with-postgres creates the `postgres` user.
AS_PG = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def pg_ctl(data: Path | str, *args: str, check: bool = True) -> None:
    """`pg_ctl -D data ARGS` as the server's user."""
    subprocess.run(
        [*AS_PG, pg_binary("pg_ctl"), "-D", str(data), *args], check=check, capture_output=True
    )


class Cluster:
    def __init__(self, directory: Path, user: str) -> None:
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.user = user
        self.as_pg = AS_PG

    def url(self, database: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str, check: bool = True) -> None:
        pg_ctl(self.data, *args, check=check)

    def init(self) -> None:
        if self.as_pg:
            subprocess.run(["chown", "postgres", str(self.directory)], check=True)
        subprocess.run(
            [
                *self.as_pg,
                pg_binary("initdb"),
                *("-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8"),
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        """Start and wait until the server accepts connections."""
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._pg_ctl("-l", str(self.directory / "log"), "-w", "start", "-o", options)

    def stop(self, mode: str = "fast") -> None:
        """`fast` disconnects the clients and shuts down cleanly; `immediate` is a crash."""
        self._pg_ctl("-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        # With its log file: else the server writes to pg_ctl's output, which `run` would wait
        # on for ever.
        self._pg_ctl("-m", mode, "-l", str(self.directory / "log"), "-w", "restart")

    def createdb(self, name: str) -> str:
        """Create database `name`; returns its URL."""
        subprocess.run(
            [pg_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, name],
            check=True,
            capture_output=True,
        )
        return self.url(name)

    def remove(self) -> None:
        self._pg_ctl("-m", "immediate", "stop", check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def throwaway_cluster(user: str = "smartby", prefix: str = "smartby-pg-") -> Iterator[Cluster]:
    """A new, running, empty cluster (database `postgres` only), removed afterwards."""
    cluster = Cluster(Path(tempfile.mkdtemp(prefix=prefix)), user)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.remove()
