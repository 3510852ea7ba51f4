"""The shared import job: stored upload, worker run, outcome, retry (issue 15)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import Http404

from casework.imports import jobs
from casework.imports.models import ImportJob

pytestmark = pytest.mark.django_db


class FakeTask:
    """Stands in for a django_tasks task: records what was queued."""

    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.queued.append(job_id)


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _store(user, task, name="filled.xlsx", content=b"PK fake bytes"):
    return jobs.store(
        SimpleUploadedFile(name, content),
        kind=ImportJob.Kind.REPORT,
        user=user,
        task=task,
    )


def test_the_upload_is_kept_privately_and_queued_once_saved(
    data_dir, owner, django_capture_on_commit_callbacks
):
    task = FakeTask()
    with django_capture_on_commit_callbacks(execute=True):
        job = _store(owner, task)
        assert task.queued == []  # not before the row is committed
    assert task.queued == [job.pk]
    path = Path(job.stored_path)
    assert path.parent == data_dir / "imports"
    assert path.read_bytes() == b"PK fake bytes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert (job.status, job.size, job.created_by) == ("queued", 13, owner)


def test_a_full_disk_keeps_nothing_and_says_so(data_dir, owner, monkeypatch):
    real_open = os.open

    def full(path, flags, mode=0o777):
        descriptor = real_open(path, flags, mode)
        os.close(descriptor)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jobs.os, "open", full)
    with pytest.raises(jobs.NotStored) as refused:
        _store(owner, FakeTask())
    assert "disk is full" in str(refused.value)
    assert "filled.xlsx" in str(refused.value)
    assert list((data_dir / "imports").iterdir()) == []
    assert not ImportJob.objects.exists()


def test_a_read_file_is_ready_with_its_result(data_dir, owner):
    job = _store(owner, FakeTask())
    seen = []

    def reader(job, data, progress):
        seen.append(data)
        progress(50)
        return jobs.Parsed({"answers": {"A": {"measures": "Loi"}}})

    assert jobs.run(job.pk, reader) == "ready"
    job.refresh_from_db()
    assert seen == [b"PK fake bytes"]
    assert (job.status, job.progress, job.message) == ("ready", 100, "")
    assert job.result == {"answers": {"A": {"measures": "Loi"}}}
    assert job.finished_at is not None
    # delivered twice: the second run does nothing
    assert jobs.run(job.pk, reader) == "skipped"
    assert len(seen) == 1


def test_a_refused_file_fails_with_its_message_and_is_kept(data_dir, owner):
    job = _store(owner, FakeTask())

    def reader(job, data, progress):
        raise jobs.Refused("filled.xlsx is too big.", ["Budget!B2: not a number"])

    assert jobs.run(job.pk, reader) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and job.message == "filled.xlsx is too big."
    assert job.result == {"errors": ["Budget!B2: not a number"]}
    assert Path(job.stored_path).exists()  # the upload is kept


def test_a_crash_fails_clearly_then_the_same_file_is_read_again(
    data_dir, owner, django_capture_on_commit_callbacks
):
    task = FakeTask()
    job = _store(owner, task)

    def crash(job, data, progress):
        raise KeyError("sheet")

    assert jobs.run(job.pk, crash) == "failed"
    job.refresh_from_db()
    assert "filled.xlsx could not be read" in job.message
    assert "KeyError" in job.message and "try again" in job.message
    assert job.can_retry
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry(job, task)
    assert task.queued == [job.pk]
    assert jobs.run(job.pk, lambda j, d, p: jobs.Parsed({"ok": 1})) == "ready"
    job.refresh_from_db()
    assert (job.status, job.result, job.message) == ("ready", {"ok": 1}, "")
    assert not jobs.retry(job, task)  # a ready job is not read again


def test_a_failed_write_saves_nothing(data_dir, owner):
    job = _store(owner, FakeTask())

    def reader(job, data, progress):
        def write():
            Group.objects.create(name="half-written")
            raise jobs.Refused("filled.xlsx: the State is unknown.")

        return jobs.Parsed(status=ImportJob.Status.DONE, write=write)

    assert jobs.run(job.pk, reader) == "failed"
    assert not Group.objects.filter(name="half-written").exists()
    job.refresh_from_db()
    assert job.status == "failed" and "State is unknown" in job.message


def test_a_run_that_lost_its_claim_rolls_back_its_write(data_dir, owner):
    job = _store(owner, FakeTask())

    def reader(job, data, progress):
        def write():
            Group.objects.create(name="twice")
            # Meanwhile another run took the job (it was re-queued as stalled).
            ImportJob.objects.filter(pk=job.pk).update(claim="another-run")
            return {}

        return jobs.Parsed(status=ImportJob.Status.DONE, write=write)

    assert jobs.run(job.pk, reader) == "skipped"
    assert not Group.objects.filter(name="twice").exists()


def test_a_done_job_lets_go_of_its_file(data_dir, owner):
    job = _store(owner, FakeTask())
    path = Path(job.stored_path)
    done = jobs.Parsed(status=ImportJob.Status.DONE, write=lambda: {"request": 7})
    assert jobs.run(job.pk, lambda j, d, p: done) == "done"
    job.refresh_from_db()
    assert job.result == {"request": 7} and job.stored_path == ""
    assert not path.exists()


def test_a_database_fault_puts_the_job_back_in_the_queue(data_dir, owner, monkeypatch):
    # Inside a test the connection must stay open (it holds the test's transaction).
    monkeypatch.setattr(jobs, "reset_connections", lambda: None)
    job = _store(owner, FakeTask())

    def locked(job, data, progress):
        raise OperationalError("database is locked")

    with pytest.raises(OperationalError):
        jobs.run(job.pk, locked)  # the worker re-queues its task
    job.refresh_from_db()
    assert (job.status, job.claim) == ("queued", "")
    assert jobs.run(job.pk, lambda j, d, p: jobs.Parsed({"ok": 1})) == "ready"


def test_a_missing_file_fails_with_what_to_do(data_dir, owner):
    job = _store(owner, FakeTask())
    Path(job.stored_path).unlink()
    assert jobs.run(job.pk, lambda j, d, p: jobs.Parsed()) == "failed"
    job.refresh_from_db()
    assert "cannot be read any more" in job.message and "upload it again" in job.message


def test_only_the_uploader_gets_the_job(data_dir, owner, colleague, outsider):
    from django.contrib.auth.models import AnonymousUser

    job = _store(owner, FakeTask())
    assert jobs.get_job_for_user(owner, job.pk, kind="report") == job
    for other in (colleague, outsider, AnonymousUser()):
        with pytest.raises(Http404):
            jobs.get_job_for_user(other, job.pk, kind="report")
    with pytest.raises(Http404):  # the right user, the wrong kind of page
        jobs.get_job_for_user(owner, job.pk, kind="extension")


def test_a_running_job_without_news_is_stalled(data_dir, owner):
    import datetime as dt

    from django.utils import timezone

    job = _store(owner, FakeTask())
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", updated_at=timezone.now() - dt.timedelta(minutes=6)
    )
    job.refresh_from_db()
    assert job.is_stalled and job.can_retry
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now())
    job.refresh_from_db()
    assert not job.is_stalled and not job.can_retry
