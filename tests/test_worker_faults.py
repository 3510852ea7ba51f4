"""The worker outlives database faults and its analysis child dies with it.

Real processes on a real data directory, on SQLite and (when it runs) PostgreSQL: a held
write lock, writes that fail with "database or disk is full", the connection closed (or,
on PostgreSQL, terminated by the server) under the worker; then `kill -9` mid-analysis.
Faults are injected by a module loaded before the worker starts (FAULTS below), which
wraps Django's cursor so that chosen writes fail the way the database would fail them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.documents.sample_files import FRENCH_REPORT
from conftest import need_service
from tests.test_commands import clean_env

pytestmark = pytest.mark.slow

PYTHON = sys.executable
ADMIN_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres"
)

SETUP = """
from django.core.files.uploadedfile import SimpleUploadedFile
from casework.states.services import load_reference_data
from casework.states.models import StateParty
from casework.documents.services import upload_documents
from casework.web.services import request_heartbeat
load_reference_data()
upload_documents([SimpleUploadedFile("rapport.txt", open({path!r}, "rb").read())],
                 state=StateParty.objects.get(iso3="SEN"), kind="other", year=2025,
                 user=None)
request_heartbeat(); request_heartbeat()
"""

FAULTS = '''
"""Test-only: make the chosen writes (INSERT/UPDATE, counted from 1) fail."""
import os, sys
from django.db.backends import utils

KIND = os.environ["CASEWORK_TEST_FAULT"]
AT = {int(n) for n in os.environ["CASEWORK_TEST_FAULT_AT"].split(",")}
_writes = [0]
_execute = utils.CursorWrapper.execute


def _drop(db):
    if db.vendor == "postgresql":
        import psycopg
        pid = db.connection.info.backend_pid
        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as other:
            other.execute("select pg_terminate_backend(%s)", [pid])
    else:
        db.connection.close()  # the raw sqlite3 connection, under Django


def execute(self, sql, params=None):
    if sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
        _writes[0] += 1
        if _writes[0] in AT:
            print(f"FAULT {KIND} on write {_writes[0]}", file=sys.stderr, flush=True)
            if KIND == "full":
                with self.db.wrap_database_errors:
                    raise self.db.Database.OperationalError("database or disk is full")
            _drop(self.db)
    return _execute(self, sql, params)


utils.CursorWrapper.execute = execute
'''

WORKER = (
    "import faults; from casework.cli import main; "
    "main(['worker', '--burst'], prog_name='casework')"
)


def _casework(args: list[str], env: dict[str, str], timeout: int = 240):
    return subprocess.run(
        [PYTHON, "-m", "casework", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _shell(code: str, env: dict[str, str]) -> str:
    done = _casework(["manage", "shell", "-c", code], env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _query(env: dict[str, str], sql: str) -> list[tuple]:
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as connection:
            return list(connection.execute(sql).fetchall())
    with contextlib.closing(
        sqlite3.connect(Path(env["CASEWORK_DATA_DIR"]) / "casework.sqlite3")
    ) as connection:
        return list(connection.execute(sql).fetchall())


def _run_status(env: dict[str, str]) -> tuple[str, int]:
    rows = _query(
        env, "select status, attempts from documents_analysisrun order by id desc"
    )
    return rows[0]


def _prepare(env: dict[str, str], tmp_path: Path, *, repeat: int) -> None:
    Path(env["CASEWORK_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    migrated = _casework(["manage", "migrate", "--skip-checks", "-v", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    report = tmp_path / "rapport.txt"
    report.write_text(("\n".join(FRENCH_REPORT) + "\n") * repeat, encoding="utf-8")
    _shell(SETUP.format(path=str(report)), env)
    assert _run_status(env) == ("queued", 0)


def _assert_all_work_done(env: dict[str, str]) -> None:
    status, attempts = _run_status(env)
    assert status in {"done", "partial"}, (status, attempts)
    (findings,) = _query(env, "select count(*) from findings_finding")[0]
    assert findings >= 3
    (beats,) = _query(env, "select count(*) from web_workerheartbeat")[0]
    assert beats == 2
    statuses = dict(
        _query(
            env,
            "select status, count(*) from django_tasks_database_dbtaskresult where "
            "task_path in ('casework.documents.tasks.analyse_run', "
            "'casework.web.tasks.heartbeat') group by status",
        )
    )
    assert set(statuses) == {"SUCCESSFUL"}, statuses


@pytest.fixture(params=["sqlite", "postgresql"])
def data_env(request, tmp_path) -> Iterator[dict[str, str]]:
    env = clean_env(
        tmp_path / "data",
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_TASK_BACKEND="database",
        CASEWORK_LOG_LEVEL="WARNING",
    )
    if request.param == "sqlite":
        yield env
        return
    need_service("PostgreSQL", "127.0.0.1", 5432)
    import psycopg

    name = f"casework_faults_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def _started(
    args: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen]:
    """A process that is always stopped (and reaped), also when the test fails."""
    with log.open("w") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(30)


@pytest.mark.parametrize("kind", ["full", "drop"])
def test_worker_survives_failing_writes_and_finishes_the_queue(
    data_env, tmp_path, kind
):
    _prepare(data_env, tmp_path, repeat=20)
    (tmp_path / "faults.py").write_text(FAULTS, encoding="utf-8")
    env = {
        **data_env,
        "PYTHONPATH": str(tmp_path),
        "CASEWORK_TEST_FAULT": kind,
        # spread over the worker's start, claims, heartbeats, results and task rows
        # (14: the result's first write, the document, in apply_result's transaction)
        "CASEWORK_TEST_FAULT_AT": "1,3,4,6,9,12,14",
    }
    done = subprocess.run(
        [PYTHON, "-c", WORKER], env=env, capture_output=True, text=True, timeout=300
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert log.count(f"FAULT {kind}") == 7, log
    assert "Traceback" not in log.replace("exc_info", ""), log
    assert "next try in" in log, log
    _assert_all_work_done(data_env)


def test_worker_survives_a_write_lock_held_past_the_timeout(tmp_path):
    env = clean_env(
        tmp_path / "data",
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_TASK_BACKEND="database",
        CASEWORK_LOG_LEVEL="WARNING",
    )
    _prepare(env, tmp_path, repeat=3000)
    database = tmp_path / "data" / "casework.sqlite3"
    log = tmp_path / "worker.log"
    with _started([PYTHON, "-m", "casework", "worker", "--burst"], env, log) as worker:
        deadline = time.monotonic() + 120
        while _run_status(env)[0] != "running":
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        # Another process takes the write lock and keeps it past SQLite's 20 s timeout:
        # until the worker has met it (its next heartbeat or result write timed out and
        # was logged), however slow the machine, and while the worker is still alive.
        with contextlib.closing(sqlite3.connect(database, timeout=30)) as holder:
            holder.execute("BEGIN IMMEDIATE")
            deadline = time.monotonic() + 180
            while "database is locked" not in log.read_text():
                assert worker.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
            holder.rollback()
        assert worker.wait(240) == 0, log.read_text()
    text = log.read_text()
    assert "database is locked" in text, text
    _assert_all_work_done(env)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(n) for n in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_worker_leaves_no_orphan_and_its_stale_run_is_finished(
    data_env, tmp_path
):
    _prepare(data_env, tmp_path, repeat=4000)
    log = tmp_path / "worker.log"
    with _started([PYTHON, "-m", "casework", "worker"], data_env, log) as worker:
        deadline = time.monotonic() + 120
        children: set[int] = set()
        while not children:
            assert time.monotonic() < deadline, log.read_text()
            if _run_status(data_env)[0] == "running":
                children = _children(worker.pid)
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in children):
        assert time.monotonic() < deadline, f"orphaned analysis process {children}"
        time.sleep(0.05)
    assert _run_status(data_env) == ("running", 1)

    # A minute later (the clock moved back here), the next worker takes the run again.
    _shell(
        "import datetime as dt; from django.utils import timezone; "
        "from casework.documents.models import AnalysisRun as R; "
        "past = timezone.now() - dt.timedelta(seconds=61); "
        "R.objects.update(heartbeat_at=past, started_at=past)",
        data_env,
    )
    done = _casework(["worker", "--burst"], data_env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "had lost their worker" in done.stderr
    status, attempts = _run_status(data_env)
    message = _query(data_env, "select message from documents_analysisrun")
    assert (status, attempts) in {("done", 2), ("partial", 2)}, message


def test_sigterm_stops_the_worker_after_the_current_job(tmp_path):
    env = clean_env(
        tmp_path / "data",
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_TASK_BACKEND="database",
        CASEWORK_LOG_LEVEL="WARNING",
    )
    _prepare(env, tmp_path, repeat=3000)
    log = tmp_path / "worker.log"
    with _started([PYTHON, "-m", "casework", "worker"], env, log) as worker:
        deadline = time.monotonic() + 120
        while _run_status(env)[0] != "running":
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(120) == 0, log.read_text()
    assert "stopping after the current task" in log.read_text()
    assert _run_status(env)[0] in {"done", "partial"}


def test_an_unmigrated_database_is_a_clear_message_not_an_endless_retry(tmp_path):
    env = clean_env(
        tmp_path / "data",
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_TASK_BACKEND="database",
    )
    Path(env["CASEWORK_DATA_DIR"]).mkdir()
    done = _casework(["worker", "--burst"], env, timeout=60)
    assert done.returncode == 1
    assert "casework manage migrate" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_stop_signal_to_the_whole_group_leaves_the_run_for_the_next_worker(tmp_path):
    # What systemd does by default: SIGTERM to the worker and its analysis child at once.
    env = clean_env(
        tmp_path / "data",
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_TASK_BACKEND="database",
        CASEWORK_LOG_LEVEL="WARNING",
    )
    _prepare(env, tmp_path, repeat=4000)
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [PYTHON, "-m", "casework", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while not (_run_status(env)[0] == "running" and _children(worker.pid)):
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
            os.killpg(worker.pid, signal.SIGTERM)
            assert worker.wait(120) == 0, log.read_text()
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(30)
    assert "interrupted by the worker's stop" in log.read_text()
    assert _run_status(env) == ("running", 1)  # not failed: no one pressed Retry
    _shell(
        "import datetime as dt; from django.utils import timezone; "
        "from casework.documents.models import AnalysisRun as R; "
        "past = timezone.now() - dt.timedelta(seconds=61); "
        "R.objects.update(heartbeat_at=past, started_at=past)",
        env,
    )
    done = _casework(["worker", "--burst"], env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _run_status(env) in {("done", 2), ("partial", 2)}
