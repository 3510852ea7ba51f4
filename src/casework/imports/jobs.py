"""Imports read by the worker, never in the web request (issue 15).

The web side stores the upload (`store`), which creates an `ImportJob` and queues the
app's task once the row is committed; the page then polls the job. The task calls `run`
with the app's reader: the reader gets the file's bytes and returns what it found
(`Parsed`), or raises `Refused` with a message for the page. A reader that saves
something (the extension request) gives a `write` step instead: it runs in one
transaction together with the job's final state, so a failure writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.accounts.permissions import AnyUser
from casework.documents.storage import sweep_unreferenced
from casework.documents.tasks import is_transient, reset_connections, with_db_retry
from casework.domain.languages import normalise
from casework.imports.models import ImportJob

logger = logging.getLogger(__name__)

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
PROGRESS_EVERY_S = 0.5
# A stored upload no job refers to is removed after this long.
ORPHAN_AFTER = dt.timedelta(days=1)
Status = ImportJob.Status


class Refused(ValueError):
    """The file cannot be imported; `str()` is the page's message (translated, naming
    the file, saying what to do), `details` the cells or values to fix."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class NotStored(OSError):
    """The upload could not be written to the server's disk; the message says so."""


class Superseded(RuntimeError):
    """Another run of the same job finished it first (a task delivered twice)."""


@dataclass
class Parsed:
    """What a reader found: `result` for the page, and the status the job ends in.
    `write`, when given, saves it; its return value joins `result`."""

    result: dict[str, Any] = field(default_factory=dict)
    status: str = Status.READY
    write: Callable[[], dict[str, Any]] | None = None


Progress = Callable[[int], None]
Reader = Callable[[ImportJob, bytes, Progress], Parsed]


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _write(upload: UploadedFile) -> tuple[Path, str, int]:
    """The upload's bytes in a private file (0600), in chunks; nothing left on failure."""
    name = upload.name or "upload"
    path = upload_dir() / f"{uuid.uuid4().hex}{Path(name).suffix.lower()[:8]}"
    digest = hashlib.sha256()
    size = 0
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except OSError as exc:
        path.unlink(missing_ok=True)
        logger.error("import %s not stored: %s", name, exc)
        if exc.errno in DISK_FULL:
            message = _(
                "%(name)s was not stored: the server's disk is full. Nothing was kept; "
                "try again later and tell the support unit if it happens again."
            )
        else:
            message = _(
                "%(name)s was not stored: the server could not write it (%(error)s). "
                "Nothing was kept; try again, and tell the support unit if it happens "
                "again."
            )
        raise NotStored(
            exc.errno, message % {"name": name, "error": exc.strerror or exc}
        ) from exc
    return path, digest.hexdigest(), size


def store(
    upload: UploadedFile,
    *,
    kind: str,
    user: User,
    task: Any,
    **target: Any,
) -> ImportJob:
    """Keep the upload, create its job and queue `task(job_id)` once the row is saved.

    `target` is the job's report or extension (`report=…`, `extension=…`). Raises
    `NotStored` when the disk refuses the file (then there is no job either).
    """
    path, sha256, size = _write(upload)
    try:
        job = ImportJob.objects.create(
            kind=kind,
            filename=(upload.name or "upload")[:255],
            size=size,
            sha256=sha256,
            stored_path=str(path),
            language=normalise(translation.get_language()),
            created_by=user,
            **target,
        )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def retry(job: ImportJob, task: Any) -> bool:
    """Queue a failed (or stalled) job again with the file it kept; False when the
    file is gone or the job is not failed."""
    if not job.can_retry or not job.stored_path or not Path(job.stored_path).exists():
        return False
    updated = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=Status.QUEUED,
        progress=0,
        message="",
        result={},
        claim="",
        updated_at=timezone.now(),
    )
    if updated:
        transaction.on_commit(lambda: task.enqueue(job.pk))
    return bool(updated)


def get_job_for_user(user: AnyUser, pk: int, *, kind: str) -> ImportJob:
    """The job `pk` of `kind` if `user` uploaded it; 404 otherwise (another user's job,
    even a colleague's, is never shown: it holds their file's contents)."""
    if not user.is_authenticated:
        raise Http404
    job = (
        ImportJob.objects.filter(pk=pk, kind=kind, created_by=user)
        .select_related("report", "extension")
        .first()
    )
    if job is None:
        raise Http404
    return job


def discard_file(job: ImportJob) -> None:
    """Remove the stored upload once the import is finished with it."""
    if job.stored_path:
        with contextlib.suppress(OSError):
            Path(job.stored_path).unlink(missing_ok=True)
        ImportJob.objects.filter(pk=job.pk).update(stored_path="")
        job.stored_path = ""


def sweep_orphan_files(*, older_than: dt.timedelta = ORPHAN_AFTER) -> int:
    """Remove stored uploads no job refers to (a request that died between writing the
    file and saving its job); returns how many. A failed job's file is kept: it is what
    its retry reads."""
    known = ImportJob.objects.exclude(stored_path="").values_list(
        "stored_path", flat=True
    )
    return sweep_unreferenced(
        Path(settings.DATA_DIR) / "imports", set(known), older_than=older_than
    )


# --- the worker side ------------------------------------------------------------------


def run(job_id: int, reader: Reader) -> str:
    """Claim the job, read its file with `reader`, and record the outcome."""
    token = uuid.uuid4().hex
    label = f"import job {job_id}"
    claimed = with_db_retry(
        lambda: ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
            status=Status.RUNNING,
            claim=token,
            progress=5,
            started_at=timezone.now(),
            updated_at=timezone.now(),
        ),
        what=label,
    )
    if not claimed:
        return "skipped"  # done already (a task delivered twice) or not queued
    job = with_db_retry(lambda: ImportJob.objects.get(pk=job_id), what=label)
    with translation.override(job.language):
        return _run_claimed(job, token, reader)


def _run_claimed(job: ImportJob, token: str, reader: Reader) -> str:
    label = f"import job {job.pk}"
    try:
        data = Path(job.stored_path).read_bytes()
    except OSError as exc:
        _fail(
            job,
            token,
            _(
                "%(name)s: the stored file cannot be read any more (%(error)s); "
                "upload it again."
            )
            % {"name": job.filename, "error": exc.strerror or exc},
        )
        return Status.FAILED
    _progress(job.pk, token, 15)
    try:
        parsed = reader(job, data, _throttled(job.pk, token))
        _finish(job, token, parsed)
    except Superseded:
        return "skipped"
    except Refused as refusal:
        _fail(job, token, str(refusal), refusal.details)
        return Status.FAILED
    except Exception as exc:
        if is_transient(exc):
            # The worker re-queues the task; the job waits for it, with its file.
            reset_connections()
            with_db_retry(
                lambda: ImportJob.objects.filter(pk=job.pk, claim=token).update(
                    status=Status.QUEUED, claim="", updated_at=timezone.now()
                ),
                what=label,
            )
            raise
        logger.error("%s: reading %s crashed", label, job.filename, exc_info=True)
        _fail(
            job,
            token,
            _(
                "%(name)s could not be read: the server met an error (%(error)s). "
                "Nothing was saved and the file is kept: try again, and if it fails "
                "again, tell the support unit."
            )
            % {"name": job.filename, "error": type(exc).__name__},
        )
        return Status.FAILED
    if parsed.status == Status.DONE:
        discard_file(job)
    return str(parsed.status)


def _progress(job_id: int, token: str, percent: int) -> None:
    try:
        ImportJob.objects.filter(pk=job_id, claim=token, status=Status.RUNNING).update(
            progress=max(5, min(95, percent)), updated_at=timezone.now()
        )
    except Exception as exc:  # a missed progress step is not worth failing the read
        if not is_transient(exc):
            raise
        logger.warning("import job %s: progress not written (%s)", job_id, exc)
        reset_connections()


def _throttled(job_id: int, token: str) -> Progress:
    last = 0.0

    def progress(percent: int) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_EVERY_S:
            last = time.monotonic()
            _progress(job_id, token, percent)

    return progress


def _finish(job: ImportJob, token: str, parsed: Parsed) -> None:
    def step() -> None:
        with transaction.atomic():
            result = dict(parsed.result)
            if parsed.write is not None:
                result.update(parsed.write())
            finished = ImportJob.objects.filter(
                pk=job.pk, claim=token, status=Status.RUNNING
            ).update(
                status=parsed.status,
                result=result,
                progress=100,
                message="",
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
            if finished != 1:
                raise Superseded  # rolls back what `write` saved

    with_db_retry(step, what=f"import job {job.pk}")


def _fail(
    job: ImportJob, token: str, message: str, details: list[str] | None = None
) -> None:
    with_db_retry(
        lambda: ImportJob.objects.filter(pk=job.pk, claim=token).update(
            status=Status.FAILED,
            message=message,
            result={"errors": details or []},
            progress=100,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        ),
        what=f"import job {job.pk}",
    )
