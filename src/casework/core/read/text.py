"""Plain text, including the corpus format: `key: value` header lines closed by `---`."""

from __future__ import annotations

import re
from pathlib import Path

from casework.core.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    UnsupportedFormatError,
)
from casework.core.model import Page, PipelineConfig, SourceFile

_HEADER_LINE = re.compile(r"[A-Za-z_][\w-]*:[^\n]*")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1b]")


def decode_text(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM-aware), UTF-16 or, with a warning, Windows-1252."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(path, data)
    sample = data[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise UnsupportedFormatError(
            path,
            "holds binary data, not text",
            "check the extension or export the document as PDF, DOCX or UTF-8 text",
        )
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError as exc:
        warnings.append(
            f"{path.name}: byte {exc.start} is not UTF-8; read as Windows-1252 "
            "(save the file as UTF-8 to be sure accents are right)"
        )
        return data.decode("cp1252", errors="replace"), warnings


def _decode_utf16(path: Path, data: bytes) -> tuple[str, list[str]]:
    """UTF-16 by its byte-order mark; a few bad code units (a cut file) are replaced."""
    try:
        return data.decode("utf-16"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-16", errors="replace")
        genuine = data.decode("utf-16", errors="ignore").count("\ufffd")
        bad = text.count("\ufffd") - genuine  # code units that could not be read
        where = (
            f"byte {exc.start}"
            if exc.end - exc.start == 1
            else f"bytes {exc.start}-{exc.end - 1}"
        )
        if bad > max(1, len(text) // 1000):
            raise CorruptDocumentError(
                path,
                "starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"({where} and {bad - 1} more places)",
                "open it in a text editor and save it again as UTF-8",
            ) from exc
        warning = (
            f"{path.name}: {where} of this UTF-16 file could not be read and became "
            "a replacement mark; save the file again as UTF-8 to be sure of the text"
        )
        return text, [warning]


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Split the corpus header (`key: value` lines, then `---`) from the body."""
    lines = raw.split("\n", 40)
    header: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        stripped = line.rstrip("\r")
        if stripped == "---" and header:
            body = "\n".join(lines[i + 1 :])
            return header, body
        if not _HEADER_LINE.fullmatch(stripped):
            break
        key, _, value = stripped.partition(":")
        value = value.split("#", 1)[0].strip()
        header[key.strip().lower()] = value
    return {}, raw


def read_text(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read a text file; pages are separated by form feeds."""
    raw, warnings = decode_text(path, data)
    header, body = split_header(raw)
    if not body.strip():
        raise EmptyDocumentError(path, "has no text", "upload the complete document")
    state = header.get("state", "").upper() or None
    language = header.get("language", "").lower() or None
    pages = tuple(Page(number=i + 1, text=t) for i, t in enumerate(body.split("\f")))
    return SourceFile(
        path=path,
        sha256=sha256,
        format="text",
        pages=pages,
        state_hint=state if state and re.fullmatch(r"[A-Z]{3}", state) else None,
        language_hint=language
        if language and re.fullmatch(r"[a-z]{2}", language)
        else None,
        lines_are_paragraphs=True,
        warnings=tuple(warnings),
        has_header=bool(header),
    )
