"""`casework backup DIR` and `casework restore DIR`: the database, originals and media.

A backup directory holds a consistent copy of the database (SQLite: the online backup
API, so the site may keep running; PostgreSQL: `pg_dump` in custom format, taken in the
same snapshot as the row counts), the media directory (the stored originals among it),
and MANIFEST.json: the SHA-256 and size of every file, the row count of every table and
the versions. The manifest is written last: without it a backup is partial. `restore`
checks every file against the manifest before it touches anything, restores into an empty
data directory (or, with --force, over one), then compares the row counts again.
Files are created 0600 and directories 0700. Secrets (the key file, passwords) are not
part of a backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from casework import __version__
from casework.cli.site import setup_django

MANIFEST = "MANIFEST.json"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA = "media"
SKIPPED = ("originals/incoming",)  # partial uploads in progress, never part of a backup
CHUNK = 1 << 20


class BackupError(click.ClickException):
    """A backup or restore that cannot go on; the message says why and what to do."""


# --- files -----------------------------------------------------------------------------


def _private_dir(path: Path) -> None:
    """`path` and every directory created on the way to it, 0700."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        directory.mkdir(mode=0o700, exist_ok=True)
        directory.chmod(0o700)
    if missing:
        return
    path.chmod(0o700)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_private(source: Path, target: Path) -> None:
    _private_dir(target.parent)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out, source.open("rb") as handle:
        shutil.copyfileobj(handle, out, CHUNK)
    target.chmod(0o600)


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(relative == s or relative.startswith(s + "/") for s in SKIPPED):
            continue
        if path.is_file() and not path.is_symlink():
            yield path


def _has_files(root: Path) -> bool:
    return next(_files_under(root), None) is not None


# --- the database ------------------------------------------------------------------------


def _database() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _vendor(database: dict[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(
        f"Backups support SQLite and PostgreSQL; this site uses {engine}. "
        "Use the database's own dump tools."
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "select name from sqlite_master where type = 'table' "
                "and name not like 'sqlite_%' order by name"
            )
        ]
        return {
            name: connection.execute(
                f"select count(*) from {_quoted(name)}"
            ).fetchone()[0]
            for name in names
        }


def _pg_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(
        "select tablename from pg_tables where schemaname = current_schema() "
        "order by tablename"
    )
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f"select count(*) from {_quoted(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def _pg_environment(database: dict[str, Any]) -> dict[str, str]:
    """libpq's variables, so that no password appears on a command line."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} was not found: a PostgreSQL backup needs the PostgreSQL client "
            "tools (for example `apt install postgresql-client`) on the PATH. "
            "Install them, then retry."
        )
    return found


def _run_tool(args: list[str], env: dict[str, str], *, what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            f"{what} failed: {done.stderr.strip() or done.stdout.strip()}"
        )


def _backup_sqlite(database: dict[str, Any], target: Path) -> dict[str, int]:
    source = Path(str(database["NAME"]))
    if not source.is_file():
        raise BackupError(
            f"No database at {source}: nothing to back up (check CASEWORK_DATA_DIR)."
        )
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    with (
        contextlib.closing(sqlite3.connect(source, timeout=60)) as live,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        live.backup(copy)  # page by page, consistent, while the site keeps running
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    target.chmod(0o600)
    return _sqlite_counts(target)


def _backup_postgresql(database: dict[str, Any], target: Path) -> dict[str, int]:
    import psycopg

    pg_dump = _tool("pg_dump")
    env = _pg_environment(database)
    with psycopg.connect(_pg_conninfo(database)) as connection:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        with connection.cursor() as cursor:
            cursor.execute("select pg_export_snapshot()")
            row = cursor.fetchone()
            snapshot = str(row[0]) if row else ""
            counts = _pg_counts(cursor)
        # The dump reads the same snapshot as the counts, while this transaction is open.
        args = [pg_dump, "--format=custom", "--no-owner", f"--snapshot={snapshot}"]
        _run_tool([*args, "--file", str(target)], env, what="pg_dump")
        connection.rollback()
    target.chmod(0o600)
    return counts


def _pg_conninfo(database: dict[str, Any]) -> str:
    from psycopg.conninfo import make_conninfo

    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}
    params = {v: str(database[k]) for k, v in keys.items() if database.get(k)}
    return make_conninfo(dbname=str(database["NAME"]), **params)


def _migrations() -> dict[str, str]:
    """The last applied migration of each app (the schema the backup was taken with)."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connection)
        .migration_qs.order_by("app", "name")
        .values_list("app", "name")
    ):
        latest[app] = name
    return latest


# --- backup --------------------------------------------------------------------------------


def make_backup(directory: Path) -> dict[str, Any]:
    """Write a backup into `directory` (new or empty) and return its manifest."""
    from django.conf import settings

    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            f"{directory} is not empty: choose a new directory for the backup."
        )
    database = _database()
    vendor = _vendor(database)
    _private_dir(directory)
    if vendor == "sqlite":
        db_file = SQLITE_FILE
        tables = _backup_sqlite(database, directory / db_file)
    else:
        db_file = PG_FILE
        tables = _backup_postgresql(database, directory / db_file)
    media_root = Path(settings.MEDIA_ROOT)
    for path in _files_under(media_root):
        _copy_private(path, directory / MEDIA / path.relative_to(media_root))
    files = {
        path.relative_to(directory).as_posix(): {
            "sha256": sha256_of(path),
            "size": path.stat().st_size,
        }
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "casework_version": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": db_file},
        "migrations": _migrations(),
        "tables": tables,
        "files": files,
    }
    partial = directory / (MANIFEST + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(manifest, out, indent=2, sort_keys=True)
    partial.replace(directory / MANIFEST)  # a backup without a manifest is partial
    return manifest


# --- restore -------------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{path} is missing: {directory} is not a complete backup "
            "(it may have been interrupted). Use another backup."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = manifest["files"]
        tables = manifest["tables"]
        vendor = manifest["database"]["vendor"]
        db_file = manifest["database"]["file"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(
            f"{path} cannot be read ({exc}): the backup is damaged. Use another backup."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{path}: backup format {manifest.get('format')!r}; this version of "
            f"Casework restores format {FORMAT}."
        )
    if not (
        isinstance(files, dict)
        and isinstance(tables, dict)
        and vendor in {"sqlite", "postgresql"}
        and db_file in files
    ):
        raise BackupError(f"{path} is incomplete: the backup is damaged.")
    return dict(manifest)


def verify(directory: Path, manifest: dict[str, Any]) -> None:
    """Every file of the manifest present with its size and hash, and no other file."""
    files: dict[str, dict[str, Any]] = manifest["files"]
    root = directory.resolve()
    for relative, expected in sorted(files.items()):
        path = (directory / relative).resolve()
        if not path.is_relative_to(root):
            raise BackupError(f"{MANIFEST} names {relative}, outside the backup.")
        if not path.is_file():
            raise BackupError(
                f"{relative} is missing from the backup: it is partial. "
                "Use another backup."
            )
        if path.stat().st_size != expected.get("size") or sha256_of(
            path
        ) != expected.get("sha256"):
            raise BackupError(
                f"{relative} does not match its SHA-256 in {MANIFEST}: the backup is "
                "damaged. Use another backup."
            )
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory).as_posix()
        if path.is_file() and relative != MANIFEST and relative not in files:
            raise BackupError(
                f"{relative} is in the backup directory but not in {MANIFEST}: "
                "the backup was changed after it was made. Use another backup."
            )


def _sqlite_target_in_use(path: Path) -> bool:
    if not path.exists():
        return False
    with contextlib.suppress(sqlite3.Error):
        return bool(_sqlite_counts(path))
    return True


def _pg_target_in_use(database: dict[str, Any]) -> bool:
    import psycopg

    with (
        psycopg.connect(_pg_conninfo(database)) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "select count(*) from pg_tables where schemaname = current_schema()"
        )
        row = cursor.fetchone()
        return bool(row and row[0])


def _restore_sqlite(source: Path, target: Path) -> None:
    _private_dir(target.parent)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
    os.close(handle)
    temporary = Path(name)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as backup,
            contextlib.closing(sqlite3.connect(temporary)) as copy,
        ):
            backup.backup(copy)
        temporary.chmod(0o600)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _restore_postgresql(source: Path, database: dict[str, Any], *, force: bool) -> None:
    pg_restore = _tool("pg_restore")
    args = [
        pg_restore,
        "--no-owner",
        "--exit-on-error",
        "--dbname",
        str(database["NAME"]),
    ]
    if force:
        args += ["--clean", "--if-exists"]
    env = _pg_environment(database)
    _run_tool([*args, str(source)], env, what="pg_restore")


def _check_schema(manifest: dict[str, Any]) -> None:
    """Refuse a backup whose database has migrations this version does not know."""
    from django.db.migrations.loader import MigrationLoader

    # No connection: the migration files only (the target may not exist yet).
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    migrations = manifest.get("migrations") or {}
    unknown = sorted(
        f"{app}.{name}"
        for app, name in migrations.items()
        if isinstance(app, str) and (app, name) not in known
    )
    if unknown:
        raise BackupError(
            f"The backup's database has migrations this version of Casework "
            f"({__version__}) does not know ({', '.join(unknown[:5])}): it was made by "
            f"a newer version (Casework {manifest.get('casework_version', '?')}). "
            "Install that version, then restore."
        )


def restore_backup(directory: Path, *, force: bool) -> dict[str, Any]:
    """Check the backup, then restore it into this site's data directory."""
    from django.conf import settings

    manifest = read_manifest(directory)
    verify(directory, manifest)
    _check_schema(manifest)
    database = _database()
    vendor = _vendor(database)
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"This backup holds a {manifest['database']['vendor']} database and this "
            f"site uses {vendor}: restore it into a site with the same database "
            "(DATABASE_URL unset for SQLite, set for PostgreSQL)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    in_use = (
        _sqlite_target_in_use(Path(str(database["NAME"])))
        if vendor == "sqlite"
        else _pg_target_in_use(database)
    ) or _has_files(media_root)
    if in_use and not force:
        raise BackupError(
            f"The data directory {settings.DATA_DIR} (or its database) is not empty: "
            "restore into a fresh one, or add --force to replace its contents."
        )
    db_source = directory / manifest["database"]["file"]
    if vendor == "sqlite":
        _restore_sqlite(db_source, Path(str(database["NAME"])))
        restored = _sqlite_counts(Path(str(database["NAME"])))
    else:
        _restore_postgresql(db_source, database, force=force)
        import psycopg

        with (
            psycopg.connect(_pg_conninfo(database)) as connection,
            connection.cursor() as cursor,
        ):
            restored = _pg_counts(cursor)
    if force and media_root.exists():
        shutil.rmtree(media_root)
    _private_dir(media_root)
    prefix = MEDIA + "/"
    for relative, expected in manifest["files"].items():
        if not relative.startswith(prefix):
            continue
        target = media_root / relative.removeprefix(prefix)
        _copy_private(directory / relative, target)
        if sha256_of(target) != expected["sha256"]:
            raise BackupError(f"{target} was not written correctly: check the disk.")
    wrong = {
        table: (count, restored.get(table))
        for table, count in manifest["tables"].items()
        if restored.get(table) != count
    }
    if wrong:
        raise BackupError(
            "The restored database differs from the backup's row counts: "
            + ", ".join(
                f"{t} {want} != {got}" for t, (want, got) in sorted(wrong.items())
            )
        )
    # Every cached page, figure and data-version stamp described the data as it was before:
    # drop them all, so the site (web and worker share this cache) reads the restored data.
    from django.core.cache import cache

    cache.clear()
    return manifest


# --- commands ------------------------------------------------------------------------------


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup(directory: Path) -> None:
    """Back up the database, originals and media into DIRECTORY (new or empty).

    Example: casework backup /srv/backups/casework-2026-12-02
    """
    setup_django()
    manifest = make_backup(directory)
    size = sum(f["size"] for f in manifest["files"].values())
    click.echo(
        f"Backup written to {directory}: {len(manifest['files'])} files, "
        f"{size / 1_000_000:.1f} MB, {sum(manifest['tables'].values())} rows in "
        f"{len(manifest['tables'])} tables."
    )


@click.command()
@click.argument(
    "directory", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--force", is_flag=True, help="Replace the contents of a data directory in use."
)
def restore(directory: Path, force: bool) -> None:
    """Restore a backup made by `casework backup` into this site's data directory.

    Every file is checked against MANIFEST.json first; a damaged or partial backup is
    refused. The data directory must be empty unless --force is given.

    Example: CASEWORK_DATA_DIR=/srv/casework casework restore /srv/backups/casework-2026-12-02
    """
    setup_django()
    manifest = restore_backup(directory, force=force)
    click.echo(
        f"Restored {directory} (taken {manifest.get('created_at', '?')} with Casework "
        f"{manifest.get('casework_version', '?')}): "
        f"{sum(manifest['tables'].values())} rows, {len(manifest['files'])} files checked."
    )
    click.echo(
        "Next: `casework manage migrate` (brings an older backup up to this version)."
    )


COMMANDS = [backup, restore]
