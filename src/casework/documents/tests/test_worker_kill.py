"""Killing the worker mid-analysis loses nothing: real processes on a real SQLite file."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casework.documents.sample_files import FRENCH_REPORT

pytestmark = pytest.mark.slow

CASEWORK = str(Path(sys.executable).with_name("casework"))

UPLOAD = """
from django.core.files.uploadedfile import SimpleUploadedFile
from casework.states.services import load_reference_data
from casework.states.models import StateParty
from casework.documents.services import upload_documents
load_reference_data()
data = open({path!r}, "rb").read()
upload_documents([SimpleUploadedFile("gros-rapport.txt", data)],
                 state=StateParty.objects.get(iso3="SEN"), kind="other", year=2025, user=None)
"""
REQUEUE = """
import datetime as dt
from django.utils import timezone
from casework.documents.models import AnalysisRun
from casework.documents.services import requeue_stale_runs
AnalysisRun.objects.update(lease_expires_at=timezone.now() - dt.timedelta(seconds=1))
print(requeue_stale_runs())
"""


def _run(args, env):
    # A timeout: a hung worker fails the test instead of outliving it.
    return subprocess.run(
        [CASEWORK, *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _status(db: Path) -> tuple[str, int] | None:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "select status, attempts from documents_analysisrun order by id desc limit 1"
        ).fetchone()


def test_killed_worker_loses_nothing(tmp_path):
    env = {
        **os.environ,
        "CASEWORK_DATA_DIR": str(tmp_path),
        "CASEWORK_DEBUG": "1",
        "CASEWORK_TASK_BACKEND": "database",
        "CASEWORK_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)  # this test reads the SQLite file directly
    big = tmp_path / "big.txt"
    # Large enough that the analysis takes seconds: time to kill the worker in the middle.
    big.write_text(("\n".join(FRENCH_REPORT) + "\n") * 12000, encoding="utf-8")
    digest = hashlib.sha256(big.read_bytes()).hexdigest()
    _run(["manage", "migrate", "--verbosity", "0"], env)
    _run(["manage", "shell", "-c", UPLOAD.format(path=str(big))], env)
    db = tmp_path / "casework.sqlite3"
    assert _status(db) == ("queued", 0)

    worker = subprocess.Popen(
        [CASEWORK, "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while _status(db)[0] != "running":
            assert time.monotonic() < deadline, "the worker never claimed the run"
            time.sleep(0.05)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    assert _status(db) == ("running", 1)
    stored = tmp_path / "media" / "originals" / digest[:2] / f"{digest}.txt"
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest

    assert _run(["manage", "shell", "-c", REQUEUE], env).stdout.strip().endswith("1")
    _run(["worker", "--burst"], env)
    status, attempts = _status(db)
    assert (status, attempts) in {("done", 2), ("partial", 2)}
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute(
            "select count(*) from findings_finding"
        ).fetchone()
    assert count >= 3
