"""Backups of the PostgreSQL database and the media files, and their restore.

A backup directory holds `database.dump` (pg_dump's custom format), `media.tar` (only when
MEDIA_ROOT has files) and `manifest.json` (when, which versions, each file's size and SHA-256,
and the row count of every table). The dump and the row counts come from one exported snapshot,
so they agree even while the site is being written to.

Connection parameters go to pg_dump/pg_restore through the libpq environment (PGHOST, PGPORT,
PGUSER, PGPASSWORD, PGDATABASE), never on the command line, so the password shows neither in
the process list nor in any log.
"""

import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar"
FORMAT = 1
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; `exit_code` is the command's exit status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class VerificationFailed(BackupError):
    """The backup directory does not match its manifest (exit status 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=2)


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    media_files: int
    differences: dict[str, tuple[int, int | None]]  # table: (rows in manifest, rows now)


def pg_binary(name: str) -> str:
    """The newest installed PostgreSQL client program `name` (like scripts/with-postgres),
    else the one on PATH."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: [int(x) for x in p.parent.parent.name.split(".") if x.isdigit()],
    )
    if versions:
        return str(versions[-1])
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} blev ikke fundet; installer PostgreSQL' klientprogrammer.")
    return found


def libpq_environment(database: dict[str, Any]) -> dict[str, str]:
    """The process environment with the database's connection in libpq's variables."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        value = database.get(key)
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def require_postgresql() -> dict[str, Any]:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "smartby backup/restore virker kun med PostgreSQL (DATABASE_URL=postgres://…). "
            "Demo-databasen i SQLite kan kopieres med `sqlite3 var/smartby.sqlite3 "
            "'.backup kopi.sqlite3'`."
        )
    return database


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Exact row count of every table outside the system schemas (`schema.table` unless the
    schema is public)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname <> ALL(%s) AND schemaname NOT LIKE 'pg_temp%%' "
            "ORDER BY schemaname, tablename",
            [list(SYSTEM_SCHEMAS)],
        )
        tables = cursor.fetchall()
        counts = {}
        for schema, table in tables:
            name = table if schema == "public" else f"{schema}.{table}"
            quoted = f"{connection.ops.quote_name(schema)}.{connection.ops.quote_name(table)}"
            cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 (quoted identifiers)
            counts[name] = cursor.fetchone()[0]
    return counts


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _media_root(override: str | Path | None) -> Path | None:
    value = override if override is not None else getattr(settings, "MEDIA_ROOT", "")
    return Path(value) if value else None


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} fejlede:\n{result.stderr.strip()}")


def backup(directory: Path, *, force: bool = False, progress: Progress = print) -> dict[str, Any]:
    """Write a backup into `directory` (created if missing); returns the manifest."""
    database = require_postgresql()
    if directory.exists() and not directory.is_dir():
        raise BackupError(f"{directory} findes og er ikke en mappe.")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise BackupError(f"{directory} er ikke tom; brug --force for at skrive i den alligevel.")
    directory.mkdir(parents=True, exist_ok=True)
    for name in (DUMP, MEDIA, MANIFEST):
        (directory / name).unlink(missing_ok=True)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        progress(f"Tæller rækker i {database['NAME']} …")
        counts = table_counts()
        progress(f"pg_dump af {database['NAME']} ({len(counts)} tabeller) …")
        _run(
            [
                pg_binary("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={directory / DUMP}",
            ],
            libpq_environment(database),
        )

    names = [DUMP]
    media_root = _media_root(None)
    media = _media_files(media_root) if media_root else []
    if media_root and media:
        progress(f"Pakker {len(media)} mediefiler fra {media_root} …")
        with tarfile.open(directory / MEDIA, "w") as tar:
            for path in media:
                tar.add(path, arcname=str(path.relative_to(media_root)))
        names.append(MEDIA)

    progress("Beregner kontrolsummer …")
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "smartby_version": importlib.metadata.version("smartby"),
        "django_version": django.get_version(),
        "database": {"name": database["NAME"], "server_version": server_version},
        "media_files": len(media),
        "files": [
            {
                "name": name,
                "size": (directory / name).stat().st_size,
                "sha256": sha256(directory / name),
            }
            for name in names
        ],
        "tables": counts,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def verify(directory: Path) -> dict[str, Any]:
    """The manifest of `directory`, after checking every file it lists; raises
    VerificationFailed on anything missing or different."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as exc:
        raise VerificationFailed(f"{directory / MANIFEST} findes ikke.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise VerificationFailed(f"{directory / MANIFEST} er ikke gyldig JSON: {exc}") from exc
    try:
        if manifest["format"] != FORMAT:
            raise VerificationFailed(f"Ukendt manifestformat {manifest['format']!r}.")
        files = {entry["name"]: entry for entry in manifest["files"]}
        tables = manifest["tables"]
        for entry in files.values():
            if not isinstance(entry["name"], str) or Path(entry["name"]).name != entry["name"]:
                raise VerificationFailed(f"Ugyldigt filnavn i manifestet: {entry['name']!r}.")
            path = directory / entry["name"]
            if not path.is_file():
                raise VerificationFailed(f"{entry['name']} mangler i {directory}.")
            if path.stat().st_size != entry["size"] or sha256(path) != entry["sha256"]:
                raise VerificationFailed(
                    f"{entry['name']} passer ikke med manifestet (størrelse eller SHA-256); "
                    "backuppen er beskadiget eller ændret og gendannes ikke."
                )
    except (KeyError, TypeError, AttributeError) as exc:
        raise VerificationFailed(f"Manifestet er ufuldstændigt: {exc!r}.") from exc
    if DUMP not in files:
        raise VerificationFailed(f"Manifestet nævner ikke {DUMP}.")
    if not isinstance(tables, dict) or not all(isinstance(n, int) for n in tables.values()):
        raise VerificationFailed("Manifestets rækketal er ugyldige.")
    return manifest


def restore(
    directory: Path,
    *,
    force: bool = False,
    media_root: str | Path | None = None,
    progress: Progress = print,
) -> RestoreReport:
    """Restore the backup in `directory` into the configured database and MEDIA_ROOT (or
    `media_root`)."""
    database = require_postgresql()
    progress(f"Kontrollerer {directory} …")
    manifest = verify(directory)
    has_media = any(entry["name"] == MEDIA for entry in manifest["files"])
    target = _media_root(media_root)
    if has_media and target is None:
        raise BackupError(
            "Backuppen har mediefiler, men MEDIA_ROOT er ikke sat; brug --media-root."
        )

    existing = table_counts()
    if not force:
        if existing:
            raise BackupError(
                f"Databasen {database['NAME']} har allerede {len(existing)} tabeller; "
                "brug --force for at erstatte dem med backuppens."
            )
        if has_media and target and _media_files(target):
            raise BackupError(f"{target} har allerede filer; brug --force for at overskrive dem.")

    connection.close()
    progress(f"pg_restore til {database['NAME']} …")
    command = [
        pg_binary("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={database['NAME']}",
    ]
    if existing:
        command += ["--clean", "--if-exists"]
    _run([*command, str(directory / DUMP)], libpq_environment(database))

    media_count = 0
    if has_media and target:
        progress(f"Pakker mediefiler ud i {target} …")
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(directory / MEDIA) as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            tar.extractall(target, filter="data")
        media_count = len(members)

    progress("Sammenligner rækketal med manifestet …")
    now = table_counts()
    expected: dict[str, int] = manifest["tables"]
    differences = {
        table: (rows, now.get(table)) for table, rows in expected.items() if now.get(table) != rows
    }
    return RestoreReport(
        tables=len(expected),
        rows=sum(expected.values()),
        media_files=media_count,
        differences=differences,
    )
