"""Readers: one module per format; `read_document` picks one by content, then extension."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from casework.core.errors import (
    EmptyDocumentError,
    TooLargeError,
    UnsupportedFormatError,
)
from casework.core.model import PipelineConfig, SourceFile
from casework.core.read import docx, html, office, pdf, text

logger = logging.getLogger(__name__)

Reader = Callable[[Path, bytes, str, PipelineConfig], SourceFile]

READERS: dict[str, Reader] = {
    "pdf": pdf.read_pdf,
    "docx": docx.read_docx,
    "html": html.read_html,
    "text": text.read_text,
    "office": office.read_office,
}

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".csv": "text",
    ".doc": "office",
    ".odt": "office",
    ".rtf": "office",
}


def sniff_format(data: bytes) -> str | None:
    """Guess the format from the first bytes; None when the bytes say nothing."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return (
            "docx"
            if b"word/" in data[:65536] or b"[Content_Types]" in data[:4096]
            else "zip"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0") or data.startswith(b"{\\rtf"):
        return "office"
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    return None


def read_document(path: Path, config: PipelineConfig) -> SourceFile:
    """Read any supported file into pages; raises a PipelineError with a hint."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocumentError(path, "is empty (0 bytes)")
    if size > config.max_bytes:
        raise TooLargeError(
            path,
            f"is {size // (1024 * 1024)} MB, over the {config.max_bytes // (1024 * 1024)} MB limit",
            "split the document or compress its images",
        )
    data = path.read_bytes()
    by_ext = EXTENSIONS.get(path.suffix.lower())
    sniffed = sniff_format(data)
    fmt = sniffed or by_ext or "text"
    if fmt == "zip":
        if by_ext in ("office", "docx"):
            fmt = "office" if by_ext == "office" else "docx"
        else:
            raise UnsupportedFormatError(
                path,
                "is a zip archive, not a document",
                "unpack it and analyse the files inside",
            )
    if fmt == "office" and by_ext == "docx":
        fmt = "docx"  # docx reader explains "not a zip" better than LibreOffice
    warnings: list[str] = []
    if (
        sniffed
        and by_ext
        and sniffed not in (by_ext, "zip")
        and not (sniffed == "office" and by_ext == "office")
    ):
        warnings.append(
            f"{path.name}: content is {sniffed.upper()} but the name ends in "
            f"{path.suffix}; read as {sniffed.upper()} (rename the file to match)"
        )
    sha = hashlib.sha256(data).hexdigest()
    logger.info("%s: reading as %s", path.name, fmt)
    source = READERS[fmt](path, data, sha, config)
    if warnings:
        source = dataclasses.replace(source, warnings=(*warnings, *source.warnings))
    return source
