"""IATI imports in the worker: the upload is stored, read as a stream, saved in chunks.

The page shows a progress bar (bytes read of the file's size) while the worker reads. A
file that turns out unreadable half-way leaves nothing behind: the entries it had added
are deleted and the batch says why.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from casework.funding import iati
from casework.funding.models import Contribution, ImportBatch
from casework.funding.organisations import Matcher
from casework.funding.services import (
    ContributionRow,
    ImportResult,
    finish_batch,
    save_rows,
)

logger = logging.getLogger(__name__)

CHUNK_ROWS = 500
PROGRESS_EVERY_S = 1.0


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "funding-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(upload: UploadedFile) -> tuple[Path, str, int]:
    """Copy the upload to the data directory in chunks; (path, SHA-256, size)."""
    path = upload_dir() / f"{uuid.uuid4().hex}.xml"
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return path, digest.hexdigest(), size


def queue_iati(
    upload: UploadedFile, *, user: User | None, publish: bool
) -> ImportBatch:
    """A batch waiting for the worker, and its task queued once the batch is saved."""
    from casework.funding.tasks import import_iati_file

    path, sha256, size = store_upload(upload)
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.IATI,
        state=ImportBatch.State.QUEUED,
        filename=(upload.name or "iati.xml")[:255],
        sha256=sha256,
        size=size,
        stored_path=str(path),
        publish=publish,
        created_by=user,
    )
    transaction.on_commit(lambda: import_iati_file.enqueue(batch.pk))
    return batch


def run_iati_batch(batch_id: int) -> int:
    """Read the batch's stored file and save its rows; returns the entries added."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.state != ImportBatch.State.QUEUED:
        return 0  # run already (a task delivered twice)
    path = Path(batch.stored_path)
    batch.state = ImportBatch.State.RUNNING
    batch.save(update_fields=["state", "updated_at"])
    parsed = iati.ParsedFile()
    result = ImportResult(keep_created=False)
    matcher = Matcher()
    chunk: list[ContributionRow] = []
    last = time.monotonic()
    try:
        with path.open("rb") as handle:

            def progress() -> None:
                nonlocal last
                if time.monotonic() - last >= PROGRESS_EVERY_S:
                    last = time.monotonic()
                    ImportBatch.objects.filter(pk=batch.pk).update(
                        read_bytes=handle.tell()
                    )

            for row in iati.stream_iati(
                handle,
                filename=batch.filename,
                parsed=parsed,
                publish=batch.publish,
                on_activity=progress,
            ):
                chunk.append(row)
                if len(chunk) >= CHUNK_ROWS:
                    save_rows(
                        chunk, batch=batch, result=result, matcher=matcher, finish=False
                    )
                    chunk = []
            save_rows(chunk, batch=batch, result=result, matcher=matcher, finish=False)
    except (iati.IatiError, OSError) as exc:
        Contribution.objects.filter(batch=batch).delete()
        batch.state = ImportBatch.State.FAILED
        batch.created_count = 0
        batch.messages = [
            {"where": batch.filename, "message": f"{exc}; nothing was imported"}
        ]
        batch.save()
        path.unlink(missing_ok=True)
        return 0
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.FAILED)
        raise
    result.skipped = parsed.skipped
    result.messages = [
        (
            batch.filename,
            f"{parsed.activities_seen} activities read, "
            f"{parsed.activities_mine_action} on mine action",
        ),
        *parsed.messages,
    ]
    batch.read_bytes = batch.size
    finish_batch(batch, result)
    path.unlink(missing_ok=True)
    return result.created_count
