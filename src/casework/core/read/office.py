"""Legacy and other office formats (.doc, .odt, .rtf) via LibreOffice, when installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from casework.core.errors import CorruptDocumentError, MissingToolError
from casework.core.model import PipelineConfig, SourceFile
from casework.core.read.docx import read_docx


def soffice_path() -> str | None:
    """The LibreOffice binary, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_office(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Convert to DOCX with `soffice --headless --convert-to docx`, then read that."""
    binary = soffice_path()
    if binary is None:
        raise MissingToolError(
            path,
            f"reading {path.suffix or 'this format'} needs LibreOffice, which is not installed",
            "install LibreOffice (soffice) or save the file as DOCX or PDF",
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"input{path.suffix or '.doc'}"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    binary,
                    "--headless",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=max(30.0, config.time_budget_s),
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocumentError(
                path, "could not be converted by LibreOffice in time"
            ) from exc
        converted = Path(tmp) / "input.docx"
        if not converted.exists():
            raise CorruptDocumentError(
                path,
                "could not be converted by LibreOffice",
                "open it in an office program and save as DOCX",
            )
        result = read_docx(path, converted.read_bytes(), sha256, config)
    return SourceFile(
        path=path,
        sha256=sha256,
        format=path.suffix.lstrip(".").lower() or "office",
        pages=result.pages,
        lines_are_paragraphs=True,
    )
