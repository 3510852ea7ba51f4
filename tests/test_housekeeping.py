"""The housekeeping sweep: what dead workers and requests leave behind is cleared, and
what a live import still needs is kept (issue 15)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.utils import timezone

from casework import housekeeping
from casework.documents import tasks
from casework.funding.models import ImportBatch
from casework.imports.models import ImportJob

OLD = time.time() - 3 * 86_400


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def aged(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    os.utime(path, (OLD, OLD))
    return path


def test_import_files_no_job_refers_to_are_removed_and_a_failed_jobs_file_kept(
    owner, settings
):
    folder = Path(settings.DATA_DIR) / "imports"
    orphan = aged(folder / "orphan.xlsx")
    kept = aged(folder / "failed-job.xlsx")
    young = folder / "being-saved.xlsx"
    young.write_bytes(b"x")
    ImportJob.objects.create(
        kind="report",
        status="failed",
        filename="report.xlsx",
        sha256="1" * 64,
        stored_path=str(kept),
        created_by=owner,
    )

    done = housekeeping.sweep()

    assert done["import files removed (no job)"] == 1
    assert not orphan.exists()
    assert kept.exists() and young.exists()


def test_the_sweep_fails_a_stalled_funding_import_and_is_idle_after(db, settings):
    batch = ImportBatch.objects.create(
        kind="table",
        state="running",
        filename="contributions.csv",
        sha256="2" * 64,
        stored_path=str(aged(Path(settings.DATA_DIR) / "funding-imports" / "a.csv")),
        language="es",
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - dt.timedelta(hours=1)
    )

    first = housekeeping.sweep()
    second = housekeeping.sweep()

    batch.refresh_from_db()
    assert first["funding imports had lost their worker (failed)"] == 1
    assert batch.state == ImportBatch.State.FAILED
    assert "Vuelva a importar el archivo" in batch.messages[0]["message"]
    assert not Path(settings.DATA_DIR, "funding-imports", "a.csv").exists()
    assert batch.stored_path == ""
    assert set(second.values()) == {0}


def test_the_housekeeping_task_runs_the_whole_sweep(db, settings):
    orphan = aged(Path(settings.DATA_DIR) / "funding-imports" / "orphan.csv")

    assert tasks.housekeeping.call() == 0  # no analysis run to re-queue

    assert not orphan.exists()
