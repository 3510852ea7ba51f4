"""Store each original once, named by its SHA-256, read-only, before anything reads it.

The bytes go first to a temporary file in `originals/incoming/`, which is removed on every
failure path (a full disk, a broken connection, a database error); a temporary file left
by a killed process (and Django's temporary copy of an upload) is swept by
`sweep_incoming`.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Collection
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from casework.documents.models import StoredOriginal

logger = logging.getLogger(__name__)

# The formats the analyser reads (casework.core.read); anything else is refused at upload.
EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm", ".txt", ".md")
# The formats that are zip archives, checked by documents.safe_open at upload.
ZIP_EXTENSIONS = (".docx", ".odt")
# A temporary file untouched for this long belongs to a process that died.
STALE_AFTER = dt.timedelta(hours=1)
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class StorageError(OSError):
    """The original could not be stored; `disk_full` when the disk (or quota) is full."""

    def __init__(self, filename: str, cause: OSError) -> None:
        super().__init__(cause.errno, f"{filename}: {cause.strerror or cause}")
        self.filename = filename
        self.disk_full = cause.errno in DISK_FULL


def originals_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "originals"


def incoming_dir() -> Path:
    return originals_dir() / "incoming"


def store_original(upload: UploadedFile) -> tuple[StoredOriginal, bool]:
    """Write the bytes under originals/ by SHA-256; returns (original, created).

    A file already stored (same hash) is not written again: the existing row is reused.
    Raises `StorageError` when the disk refuses the bytes; nothing is left behind then.
    """
    name = upload.name or ""
    extension = Path(name).suffix.lower()[:12]
    tmp_path: Path | None = None
    placed: Path | None = None
    try:
        tmp_dir = incoming_dir()
        tmp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with tempfile.NamedTemporaryFile(dir=tmp_dir, delete=False) as handle:
            tmp_path = Path(handle.name)
            for chunk in upload.chunks():
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        sha256 = digest.hexdigest()
        existing = StoredOriginal.objects.filter(sha256=sha256).first()
        if existing is not None and existing.path.exists():
            tmp_path.unlink()
            tmp_path = None
            logger.info("original %s already stored; reused", sha256[:12])
            return existing, False
        original = existing or StoredOriginal(
            sha256=sha256, size=size, extension=extension
        )
        final = original.path
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp_path.replace(final)
        tmp_path, placed = None, final
        final.chmod(0o444)  # never altered by processing
        if existing is None:
            original.save()
        placed = None
    except OSError as exc:
        logger.error("original %s not stored: %s", name, exc)
        raise StorageError(name, exc) from exc
    finally:
        # On any failure: no partial file in incoming/, no original without its row.
        if tmp_path is not None:
            tmp_path.unlink(missing_ok=True)
        if placed is not None and not _row_exists(placed.stem):
            placed.unlink(missing_ok=True)
    logger.info("original %s stored (%d bytes)", sha256[:12], size)
    return original, existing is None


def _row_exists(sha256: str) -> bool:
    """Whether another upload of the same bytes filed the original meanwhile (when the
    database cannot say, the file is kept: an unreferenced original is harmless)."""
    from django.db import DatabaseError

    try:
        return StoredOriginal.objects.filter(sha256=sha256).exists()
    except DatabaseError:
        return True


def upload_temp_dir() -> Path:
    """Where Django keeps uploads over 2.5 MB while a request streams in."""
    configured = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir())


def sweep_incoming(*, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Remove temporary files that a killed process left behind: partial originals in
    originals/incoming/, and Django's own upload copies (`tmp*.upload*`, ours only)."""
    cutoff = time.time() - older_than.total_seconds()
    removed = _sweep(incoming_dir(), "*", cutoff) + _sweep(
        upload_temp_dir(), "tmp*.upload*", cutoff
    )
    if removed:
        logger.warning("removed %d abandoned partial uploads", removed)
    return removed


def sweep_unreferenced(
    folder: Path, referenced: set[str], *, older_than: dt.timedelta
) -> int:
    """Remove the files of `folder` that no row refers to (`referenced`: their paths),
    once older than `older_than` (younger ones may be an upload whose row is being
    saved); returns how many. Used by the apps that keep uploads for the worker."""
    cutoff = time.time() - older_than.total_seconds()
    return _sweep(folder, "*", cutoff, keep=referenced)


def _sweep(
    folder: Path, pattern: str, cutoff: float, *, keep: Collection[str] = ()
) -> int:
    if not folder.is_dir():
        return 0
    removed = 0
    uid = os.getuid()
    for path in folder.glob(pattern):
        try:
            info = path.stat()
            if (
                path.is_file()
                and info.st_uid == uid
                and info.st_mtime < cutoff
                and str(path) not in keep
            ):
                path.unlink()
                removed += 1
        except OSError:  # taken by another sweep, or not ours to remove
            continue
    return removed


def verify_original(original: StoredOriginal) -> bool:
    """True when the stored bytes still hash to the name they carry."""
    digest = hashlib.sha256()
    with original.path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == original.sha256
