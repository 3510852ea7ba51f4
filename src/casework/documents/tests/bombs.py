"""Zip bombs for the tests, generated on the fly (never committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

GB_OF_ZEROS = 1024  # blocks of 1 MB


def write_bomb(path: Path, member: str, *, megabytes: int = GB_OF_ZEROS) -> Path:
    """An archive of about 1 MB whose `member` unpacks to `megabytes` MB of zeros,
    written block by block so that the test itself never holds it in memory."""
    block = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            for _ in range(megabytes):
                handle.write(block)
    return path
