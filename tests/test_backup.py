"""The restore drill: backup → fresh data directory → restore, and a damaged backup refused."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import need_service
from tests.test_commands import clean_env

pytestmark = pytest.mark.slow

ADMIN_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres"
)

CONTENT = """
from django.core.files.uploadedfile import SimpleUploadedFile
from casework.states.services import load_reference_data
from casework.states.models import StateParty
from casework.documents.services import upload_documents
load_reference_data()
for name, text in [("un.txt", "Rapport du Sénégal, 2025."), ("two.txt", "Peru, 2024.")]:
    upload_documents([SimpleUploadedFile(name, text.encode())],
                     state=StateParty.objects.get(iso3="SEN"), kind="other",
                     year=2025, user=None)
"""


def _casework(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casework", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _ok(args: list[str], env: dict[str, str]) -> str:
    done = _casework(args, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _counts(env: dict[str, str]) -> dict[str, int]:
    """Row counts read straight from the database, not through Casework."""
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as connection:
            names = [
                r[0]
                for r in connection.execute(
                    "select tablename from pg_tables where schemaname = 'public'"
                )
            ]
            return {
                n: connection.execute(f'select count(*) from "{n}"').fetchone()[0]
                for n in names
            }
    path = Path(env["CASEWORK_DATA_DIR"]) / "casework.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        names = [
            r[0]
            for r in connection.execute(
                "select name from sqlite_master where type='table' "
                "and name not like 'sqlite_%'"
            )
        ]
        return {
            n: connection.execute(f'select count(*) from "{n}"').fetchone()[0]
            for n in names
        }


def _originals(env: dict[str, str]) -> dict[str, str]:
    root = Path(env["CASEWORK_DATA_DIR"]) / "media" / "originals"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@contextlib.contextmanager
def _postgres_database() -> Iterator[str]:
    import psycopg

    name = f"casework_backup_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def sites(request, tmp_path) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """Two data directories with the same settings: the source and a fresh one."""
    key = secrets.token_urlsafe(50)
    source = clean_env(tmp_path / "source", CASEWORK_SECRET_KEY=key)
    fresh = clean_env(tmp_path / "fresh", CASEWORK_SECRET_KEY=key)
    for env in (source, fresh):
        Path(env["CASEWORK_DATA_DIR"]).mkdir()
    if request.param == "sqlite":
        yield source, fresh
        return
    need_service("PostgreSQL", "127.0.0.1", 5432)
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump or pg_restore is not installed")
    with _postgres_database() as first, _postgres_database() as second:
        yield {**source, "DATABASE_URL": first}, {**fresh, "DATABASE_URL": second}


def test_restore_drill_gives_identical_rows_and_originals(sites, tmp_path):
    source, fresh = sites
    _ok(["manage", "migrate", "--skip-checks", "-v", "0"], source)
    _ok(["manage", "shell", "-c", CONTENT], source)
    backup = tmp_path / "backup"
    said = _ok(["backup", str(backup)], source)
    assert "Backup written to" in said

    manifest = json.loads((backup / "MANIFEST.json").read_text())
    assert manifest["tables"] == _counts(source)
    assert manifest["tables"]["documents_document"] == 2
    assert manifest["tables"]["states_stateparty"] >= 160
    assert manifest["casework_version"]
    for relative, entry in manifest["files"].items():
        data = (backup / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], relative
    for path in [backup, *backup.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))

    restored = _ok(["restore", str(backup)], fresh)
    assert "Restored" in restored
    assert _counts(fresh) == _counts(source)
    originals = _originals(source)
    assert len(originals) == 2
    assert _originals(fresh) == originals
    media = Path(fresh["CASEWORK_DATA_DIR"]) / "media"
    for path in [media, *media.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))

    # The restored site works: a login-free page of Casework reads its data.
    listed = _ok(
        [
            "manage",
            "shell",
            "-c",
            "from casework.documents.models import Document as D;"
            " print(sorted(D.objects.values_list('filename', flat=True)))",
        ],
        fresh,
    )
    assert "['two.txt', 'un.txt']" in listed

    again = _casework(["restore", str(backup)], fresh)
    assert again.returncode != 0
    assert "is not empty" in again.stderr and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    # A stamp cached before the restore describes the old data: the restore drops it.
    stale = "from django.core.cache import cache; print(cache.get('version:documents'))"
    _ok(
        [
            "manage",
            "shell",
            "-c",
            "from django.core.cache import cache;"
            " cache.set('version:documents', 'before-restore', 3600)",
        ],
        fresh,
    )
    assert "before-restore" in _ok(["manage", "shell", "-c", stale], fresh)
    forced = _casework(["restore", "--force", str(backup)], fresh)
    assert forced.returncode == 0, forced.stderr
    assert _counts(fresh) == _counts(source)
    assert "before-restore" not in _ok(["manage", "shell", "-c", stale], fresh)


@pytest.fixture
def sqlite_backup(tmp_path) -> tuple[Path, dict[str, str]]:
    key = secrets.token_urlsafe(50)
    source = clean_env(tmp_path / "source", CASEWORK_SECRET_KEY=key)
    Path(source["CASEWORK_DATA_DIR"]).mkdir()
    _ok(["manage", "migrate", "--skip-checks", "-v", "0"], source)
    _ok(["manage", "shell", "-c", CONTENT], source)
    backup = tmp_path / "backup"
    _ok(["backup", str(backup)], source)
    fresh = clean_env(tmp_path / "fresh", CASEWORK_SECRET_KEY=key)
    return backup, fresh


def _refused(backup: Path, fresh: dict[str, str]) -> str:
    done = _casework(["restore", str(backup)], fresh)
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr
    assert not (Path(fresh["CASEWORK_DATA_DIR"]) / "casework.sqlite3").exists()
    return done.stderr


def test_a_damaged_or_partial_backup_is_refused_before_anything_is_written(
    sqlite_backup,
):
    backup, fresh = sqlite_backup
    original = next((backup / "media" / "originals").rglob("*.txt"))
    name = original.relative_to(backup).as_posix()
    kept = original.read_bytes()

    original.write_bytes(kept[:-1] + b"!")  # same size, one byte changed
    message = _refused(backup, fresh)
    assert name in message and "SHA-256" in message

    original.unlink()
    message = _refused(backup, fresh)
    assert name in message and "missing" in message
    original.write_bytes(kept)

    with (backup / "database.sqlite3").open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\0" * 16)
    message = _refused(backup, fresh)
    assert "database.sqlite3" in message


def test_a_backup_without_its_manifest_or_with_an_extra_file_is_refused(
    sqlite_backup,
):
    backup, fresh = sqlite_backup
    (backup / "media" / "planted.txt").write_text("not from the backup")
    message = _refused(backup, fresh)
    assert "media/planted.txt" in message
    (backup / "media" / "planted.txt").unlink()

    (backup / "MANIFEST.json").unlink()
    message = _refused(backup, fresh)
    assert "MANIFEST.json" in message and "not a complete backup" in message


def test_backup_refuses_a_directory_in_use(sqlite_backup):
    backup, _fresh = sqlite_backup
    source = clean_env(
        backup.parent / "source", CASEWORK_SECRET_KEY=secrets.token_urlsafe(50)
    )
    done = _casework(["backup", str(backup)], source)
    assert done.returncode != 0
    assert "is not empty" in done.stderr and "Traceback" not in done.stderr


def test_a_backup_from_a_newer_version_is_refused(sqlite_backup):
    backup, fresh = sqlite_backup
    manifest_path = backup / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["migrations"]["documents"] = "0999_from_the_future"
    manifest_path.write_text(json.dumps(manifest))
    message = _refused(backup, fresh)
    assert "documents.0999_from_the_future" in message and "newer version" in message
