"""Imports in the worker: the upload is stored, read as a stream, saved in chunks.

The web request only stores the file (within the upload size limit) and queues it; no
row is read there. The page shows a progress bar while the worker reads.

IATI: bytes read of the file's size. A file that turns out unreadable half-way leaves
nothing behind: the entries it had added are deleted and the batch says why.

CSV/XLSX tables (`run_table_batch`) are read twice, and written in chunks:
1. check: the whole file is read within the safe-open limits (size, unpacked size, rows,
   cells), its decimal mark found and its rows spooled to an unnamed temporary file. A
   file over a limit or unreadable half-way fails here, before anything is written.
2. save: the spooled rows are parsed and saved CHUNK_ROWS at a time, each chunk in its own
   transaction. One transaction for a 200,000-row file would hold SQLite's write lock for
   minutes (issue 15: a 100k-row import held it past the 20 s busy timeout and the worker
   and every web write behind it failed); a chunk holds it for a fraction of a second.
   What can still fail here is the database: then every entry of the batch is deleted
   and the batch says where it stopped, so a failure never leaves half a file in the
   ledger. The entries are published (when the form asked) only once all are saved, so
   the public pages never show part of a file.

A worker killed mid-import (stopped, out of memory, the machine restarted) cannot say so:
its batch stays "running" with part of the file saved. The worker writes the batch's
`updated_at` at least every few seconds while it reads; `reap_stalled_batches` (run by
the housekeeping sweep) fails a running batch whose time stopped moving for
STALLED_AFTER, deleting its entries, and a worker that was only slow finds its batch
failed at its next progress step and stops (`BatchLost`), so the two never both write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.documents.storage import sweep_unreferenced
from casework.funding import iati, table_import
from casework.funding.decimal_mark import DecimalMark
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
# A running batch whose worker has not written for this long has lost its worker.
STALLED_AFTER = dt.timedelta(minutes=15)
# A stored upload no batch refers to (a request that died between the copy and the
# batch's row) is removed after this long.
ORPHAN_AFTER = dt.timedelta(days=1)
PROGRESS_EVERY_S = 1.0
# A file with many bad rows keeps this many row messages; the rest are counted.
MAX_MESSAGES = 1_000


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "funding-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(
    upload: UploadedFile, *, suffix: str = ".xml"
) -> tuple[Path, str, int]:
    """Copy the upload to the data directory in chunks; (path, SHA-256, size). A copy
    that fails (a full disk) leaves no partial file."""
    path = upload_dir() / f"{uuid.uuid4().hex}{suffix}"
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
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
        language=translation.get_language() or "",
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
                    _still_mine(batch.pk, read_bytes=handle.tell())

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
    except BatchLost:
        Contribution.objects.filter(batch=batch).delete()
        path.unlink(missing_ok=True)
        return 0
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


# --- CSV/XLSX tables ------------------------------------------------------------------


def queue_table(
    upload: UploadedFile, *, user: User | None, publish: bool, decimal_mark: str
) -> ImportBatch:
    """Store a contributions table and queue it for the worker; no row is read here."""
    from casework.funding.tasks import import_table_file

    filename = (upload.name or "table.csv")[:255]
    path, sha256, size = store_upload(upload, suffix=Path(filename).suffix.lower())
    try:
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.TABLE,
            state=ImportBatch.State.QUEUED,
            filename=filename,
            sha256=sha256,
            size=size,
            stored_path=str(path),
            publish=publish,
            decimal_mark=decimal_mark,
            created_by=user,
            language=translation.get_language() or "",
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    transaction.on_commit(lambda: import_table_file.enqueue(batch.pk))
    return batch


class BatchLost(Exception):
    """The batch is no longer running (the housekeeping sweep failed it): stop."""


def _still_mine(batch_id: int, **fields: Any) -> None:
    """Write the batch's progress and its `updated_at` (a running batch whose time stops
    moving has lost its worker); BatchLost when it is no longer running."""
    updated = ImportBatch.objects.filter(
        pk=batch_id, state=ImportBatch.State.RUNNING
    ).update(updated_at=timezone.now(), **fields)
    if not updated:
        raise BatchLost(batch_id)


class _Throttle:
    """Writes a batch's progress at most every PROGRESS_EVERY_S seconds."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch_id = batch.pk
        self.last = time.monotonic()

    def __call__(self, **fields: Any) -> None:
        if time.monotonic() - self.last >= PROGRESS_EVERY_S:
            self.last = time.monotonic()
            _still_mine(self.batch_id, **fields)


def _fail(batch: ImportBatch, where: str, message: str) -> None:
    """The batch failed: none of its entries stay in the ledger, the message says why."""
    Contribution.objects.filter(batch=batch).delete()
    batch.state = ImportBatch.State.FAILED
    batch.created_count = batch.unchanged_count = batch.skipped_count = 0
    batch.pending = {}
    batch.stored_path = ""
    batch.messages = [{"where": where, "message": message}]
    batch.save()


def _check_table(
    batch: ImportBatch, handle: IO[bytes], spool: IO[bytes]
) -> tuple[DecimalMark, list[tuple[str, str]], int]:
    """Pass 1: read the whole file within its limits and spool its rows; returns the
    decimal mark, how the file was read, and the number of rows."""
    progress = _Throttle(batch)
    evidence = table_import.MarkEvidence(("amount",))
    count = 0
    with table_import.open_table(
        handle,
        filename=batch.filename,
        limits=table_import.IMPORT_LIMITS,
        on_progress=lambda read: progress(read_bytes=read),
    ) as table:
        table_import.check_columns(table.header, filename=batch.filename)
        for row in table.rows:
            evidence.see(row[1])
            pickle.dump(row, spool, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    mark = evidence.decide(chosen=batch.decimal_mark, delimiter=table.delimiter)
    notes = table_import.notes_of(batch.filename, note=table.note, mark=mark)
    return mark, notes, count


def _spooled(spool: IO[bytes]) -> Any:
    spool.seek(0)
    while True:
        try:
            # Our own temporary file, written by _check_table just before: not input.
            yield pickle.load(spool)
        except EOFError:
            return


def _save_table(
    batch: ImportBatch,
    spool: IO[bytes],
    *,
    mark: DecimalMark,
    result: ImportResult,
    at: Callable[[int], None],
) -> int:
    """Pass 2: parse the spooled rows and save them CHUNK_ROWS at a time; returns the
    rows in error beyond the MAX_MESSAGES listed."""
    progress = _Throttle(batch)
    matcher = Matcher()
    ranks: dict[str, int] = {}
    chunk: list[ContributionRow] = []
    unlisted = 0
    for done, (number, raw) in enumerate(_spooled(spool), start=1):
        at(number)
        try:
            # Published at the end, all at once (see the module's docstring).
            chunk.append(
                table_import.contribution_row(
                    raw, mark=mark, publish=False, ranks=ranks
                )
            )
        except table_import.RowErrors as exc:
            result.skipped += 1
            if len(result.messages) < MAX_MESSAGES:
                result.messages.extend(table_import.row_messages(number, exc))
            else:
                unlisted += 1
        if len(chunk) >= CHUNK_ROWS:
            save_rows(chunk, batch=batch, result=result, matcher=matcher, finish=False)
            chunk = []
            progress(rows_done=done)
    save_rows(chunk, batch=batch, result=result, matcher=matcher, finish=False)
    return unlisted


def run_table_batch(batch_id: int) -> int:
    """Check then save a stored CSV/XLSX contributions table; returns the entries added."""
    claimed = ImportBatch.objects.filter(
        pk=batch_id, state=ImportBatch.State.QUEUED
    ).update(state=ImportBatch.State.RUNNING)
    if not claimed:
        return 0  # run already (a task delivered twice)
    batch = ImportBatch.objects.get(pk=batch_id)
    with translation.override(batch.language or settings.LANGUAGE_CODE):
        return _run_table(batch)


def _run_table(batch: ImportBatch) -> int:
    path = Path(batch.stored_path)
    result = ImportResult(keep_created=False)
    row = 0

    def at(number: int) -> None:
        nonlocal row
        row = number

    try:
        with (
            path.open("rb") as handle,
            tempfile.TemporaryFile(dir=upload_dir()) as spool,
        ):
            try:
                mark, notes, count = _check_table(batch, handle, spool)
            except table_import.TableError as exc:
                _fail(
                    batch,
                    batch.filename,
                    _("%(error)s Nothing was imported.") % {"error": exc},
                )
                return 0
            batch.rows_total, batch.read_bytes = count, batch.size
            batch.save(update_fields=["rows_total", "read_bytes", "updated_at"])
            unlisted = _save_table(batch, spool, mark=mark, result=result, at=at)
        if unlisted:
            result.messages.append(
                (
                    batch.filename,
                    ngettext(
                        "%(count)d more row with errors is not listed; correct the rows "
                        "above and import the file again to see it.",
                        "%(count)d more rows with errors are not listed; correct the "
                        "rows above and import the file again to see them.",
                        unlisted,
                    )
                    % {"count": unlisted},
                )
            )
        # How the numbers were read comes first, so a reader sees it with the row messages.
        result.messages = [*notes, *result.messages]
        if batch.publish:
            Contribution.objects.filter(batch=batch).update(is_published=True)
        batch.rows_done = batch.rows_total
        _still_mine(batch.pk)
        finish_batch(batch, result)
    except BatchLost:
        logger.warning("funding table import %s was failed by the sweep", batch.pk)
        Contribution.objects.filter(batch=batch).delete()
        return 0
    except Exception as exc:
        logger.exception("funding table import %s failed at row %d", batch.pk, row)
        where = _("row %(row)d") % {"row": row} if row else batch.filename
        try:
            _fail(
                batch,
                where,
                _(
                    "the import stopped here (%(error)s); nothing was imported. Import "
                    "the file again; if it fails again, send this message to the "
                    "site's administrator."
                )
                % {"error": f"{type(exc).__name__}: {exc}"},
            )
        except Exception:  # the database is still away: the batch stays RUNNING
            logger.exception(
                "funding table import %s: cannot record the failure", batch.pk
            )
        return 0
    finally:
        path.unlink(missing_ok=True)
    return result.created_count


# --- housekeeping ---------------------------------------------------------------------


def reap_stalled_batches(*, older_than: dt.timedelta = STALLED_AFTER) -> int:
    """Fail running imports whose worker died: their entries are deleted, their stored
    file removed, and the batch's page says what happened and what to do; returns how
    many."""
    cutoff = timezone.now() - older_than
    stalled = ImportBatch.objects.filter(
        state=ImportBatch.State.RUNNING, updated_at__lt=cutoff
    )
    count = 0
    for batch in stalled:
        with transaction.atomic():
            # Claimed by state: a worker that wrote a moment ago keeps its batch.
            claimed = ImportBatch.objects.filter(
                pk=batch.pk, state=ImportBatch.State.RUNNING, updated_at__lt=cutoff
            ).update(state=ImportBatch.State.FAILED)
            if not claimed:
                continue
            if batch.stored_path:
                Path(batch.stored_path).unlink(missing_ok=True)
            with translation.override(batch.language or settings.LANGUAGE_CODE):
                _fail(
                    batch,
                    batch.filename,
                    _(
                        "the worker stopped while it was importing this file (it was "
                        "restarted or ran out of memory); nothing was imported. Import "
                        "the file again."
                    ),
                )
        logger.warning("funding import %s had lost its worker: failed", batch.pk)
        count += 1
    return count


def sweep_orphan_uploads(*, older_than: dt.timedelta = ORPHAN_AFTER) -> int:
    """Remove stored uploads that no batch refers to; returns how many."""
    known = ImportBatch.objects.exclude(stored_path="").values_list(
        "stored_path", flat=True
    )
    return sweep_unreferenced(upload_dir(), set(known), older_than=older_than)
