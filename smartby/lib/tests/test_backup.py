"""`smartby backup` and `smartby restore`: a backup of data made through the operations is
restored into an empty second PostgreSQL cluster, and every row and media file is back."""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command

from smartby.lib.backup import libpq_environment, table_counts
from smartby.lib.tests.pgcluster import throwaway_cluster
from smartby.orgs import operations as org_operations
from smartby.registry.tests.helpers import make_project

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def empty_cluster() -> Iterator[str]:
    """A new, empty PostgreSQL cluster with an empty database `restored`; yields its
    DATABASE_URL."""
    with throwaway_cluster(user="restorer", prefix="smartby-restore-") as cluster:
        yield cluster.createdb("restored")


def smartby(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run the `smartby` command in its own process against another database."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "smartby", *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def counts_in(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        return {
            t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
            for (t,) in tables
        }


def make_media(root: Path) -> None:
    (root / "projekter" / "billeder").mkdir(parents=True)
    (root / "projekter" / "billeder" / "sensor.png").write_bytes(bytes(range(256)) * 40)
    (root / "rapport æøå.pdf").write_bytes(b"%PDF-1.4 testrapport\n")


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_and_file_into_an_empty_cluster(
    editor_a, coordinator, tmp_path, settings, empty_cluster, capsys
):
    company = org_operations.create_organisation(
        editor_a,
        {
            "name": "Sensorfirmaet ApS",
            "kind": "virksomhed",
            "cvr": "10150817",
            "website": "https://sensorfirmaet.example.dk",
        },
    )
    project = make_project(editor_a, title="Vejrstation på rådhustaget")
    make_project(coordinator, title="Intelligent gadebelysning i Aarhus")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_media(tmp_path / "media")
    source = table_counts()
    assert source["audit_auditentry"] >= 3
    assert source["search_searchentry"] > 0

    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir))
    captured = capsys.readouterr()
    assert "pg_dump" in captured.err  # progress on stderr
    assert "Backup skrevet til" in captured.out

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["tables"] == source
    assert manifest["database"]["server_version"]
    assert manifest["media_files"] == 2
    assert {f["name"] for f in manifest["files"]} == {"database.dump", "media.tar"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])

    # The backup must not be written over by accident.
    with pytest.raises(CommandError, match="ikke tom"):
        call_command("backup", str(backup_dir))

    restored_media = tmp_path / "restored-media"
    result = smartby(
        "restore",
        str(backup_dir),
        "--media-root",
        str(restored_media),
        database_url=empty_cluster,
    )
    assert result.returncode == 0, result.stderr
    assert "pg_restore" in result.stderr
    assert f"alle {len(source)} tabeller har samme rækketal" in result.stdout
    assert "PASSWORD" not in result.stderr

    # Every row is back: counted independently of the command, and a few contents checked.
    assert counts_in(empty_cluster) == source
    with psycopg.connect(empty_cluster) as db:
        assert db.execute(
            "SELECT title FROM registry_project WHERE id = %s", [project.pk]
        ).fetchone() == ("Vejrstation på rådhustaget",)
        assert db.execute(
            "SELECT count(*) FROM search_searchentry WHERE project_id = %s AND title = %s",
            [project.pk, project.title],
        ).fetchone() == (1,)
        assert db.execute(
            "SELECT name, cvr FROM orgs_organisation WHERE id = %s", [company.pk]
        ).fetchone() == ("Sensorfirmaet ApS", "10150817")
        assert (
            db.execute(
                "SELECT count(*) FROM audit_auditentry WHERE object_id = %s AND action = 'create'",
                [str(project.pk)],
            ).fetchone()[0]
            >= 1
        )

    # The media files are identical.
    originals = sorted(p.relative_to(tmp_path / "media") for p in (tmp_path / "media").rglob("*"))
    copies = sorted(p.relative_to(restored_media) for p in restored_media.rglob("*"))
    assert originals == copies
    for name in originals:
        original = tmp_path / "media" / name
        if original.is_file():
            assert (restored_media / name).read_bytes() == original.read_bytes()

    # A database that is no longer empty is refused without --force, replaced with it.
    again = smartby(
        "restore", str(backup_dir), "--media-root", str(restored_media), database_url=empty_cluster
    )
    assert again.returncode == 1
    assert "--force" in again.stderr
    forced = smartby(
        "restore",
        str(backup_dir),
        "--force",
        "--media-root",
        str(restored_media),
        database_url=empty_cluster,
    )
    assert forced.returncode == 0, forced.stderr
    assert counts_in(empty_cluster) == source

    # A changed file or a changed manifest is refused before anything is touched.
    tampered = tmp_path / "tampered"
    shutil.copytree(backup_dir, tampered)
    with (tampered / "database.dump").open("r+b") as f:
        f.seek(200)
        byte = f.read(1)
        f.seek(200)
        f.write(bytes([byte[0] ^ 0xFF]))
    result = smartby("restore", str(tampered), "--force", database_url=empty_cluster)
    assert result.returncode == 2
    assert "database.dump passer ikke med manifestet" in result.stderr

    shutil.copy(backup_dir / "database.dump", tampered / "database.dump")
    tampered_manifest = json.loads((tampered / "manifest.json").read_text())
    tampered_manifest["files"][1]["sha256"] = "0" * 64
    (tampered / "manifest.json").write_text(json.dumps(tampered_manifest))
    with pytest.raises(CommandError, match=r"media\.tar passer ikke") as refused:
        call_command("restore", str(tampered), "--force")
    assert refused.value.returncode == 2

    (tampered / "manifest.json").write_text("{ikke json")
    with pytest.raises(CommandError, match="ikke gyldig JSON") as refused:
        call_command("restore", str(tampered), "--force")
    assert refused.value.returncode == 2
    assert counts_in(empty_cluster) == source


def test_sqlite_gets_a_clear_error(tmp_path):
    result = smartby(
        "backup", str(tmp_path / "b"), database_url=f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    )
    assert result.returncode == 1
    assert "virker kun med PostgreSQL" in result.stderr
    assert not (tmp_path / "b").exists()


def test_restore_without_manifest_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match=r"manifest\.json findes ikke") as refused:
        call_command("restore", str(tmp_path))
    assert refused.value.returncode == 2


def test_the_password_goes_to_the_environment_not_the_command_line():
    env = libpq_environment(
        {"NAME": "smartby", "USER": "app", "PASSWORD": "hemmelig", "HOST": "db", "PORT": 5433}
    )
    assert env["PGPASSWORD"] == "hemmelig"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "db",
        "5433",
        "app",
        "smartby",
    )
    assert "PGPASSWORD" not in libpq_environment({"NAME": "smartby", "PASSWORD": ""})
