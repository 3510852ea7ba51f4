"""Store each original once, named by its SHA-256, read-only, before anything reads it."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from casework.documents.models import StoredOriginal

logger = logging.getLogger(__name__)

# The formats the analyser reads (casework.core.read); anything else is refused at upload.
EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".html", ".htm", ".txt", ".md")


def originals_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "originals"


def store_original(upload: UploadedFile) -> tuple[StoredOriginal, bool]:
    """Write the bytes under originals/ by SHA-256; returns (original, created).

    A file already stored (same hash) is not written again: the existing row is reused.
    """
    extension = Path(upload.name or "").suffix.lower()[:12]
    tmp_dir = originals_dir() / "incoming"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=tmp_dir, delete=False) as handle:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            handle.write(chunk)
        tmp_path = Path(handle.name)
    sha256 = digest.hexdigest()
    existing = StoredOriginal.objects.filter(sha256=sha256).first()
    if existing is not None and existing.path.exists():
        tmp_path.unlink()
        logger.info("original %s already stored; reused", sha256[:12])
        return existing, False
    original = existing or StoredOriginal(sha256=sha256, size=size, extension=extension)
    final = original.path
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp_path.replace(final)
    final.chmod(0o444)  # never altered by processing
    if existing is None:
        original.save()
    logger.info("original %s stored (%d bytes)", sha256[:12], size)
    return original, existing is None


def verify_original(original: StoredOriginal) -> bool:
    """True when the stored bytes still hash to the name they carry."""
    digest = hashlib.sha256()
    with original.path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == original.sha256
