"""DOCX through lxml: paragraphs, tables, headers/footers, tracked changes."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from casework.core.errors import CorruptDocumentError, EmptyDocumentError, TooLargeError
from casework.core.model import Page, PipelineConfig, SourceFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
PAGE_BREAK = "\f"


def _run_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(
        f"{W}t", f"{W}tab", f"{W}br", f"{W}lastRenderedPageBreak", f"{W}del"
    ):
        tag = node.tag
        if tag == f"{W}t":
            # Word keeps deleted text in w:delText (never w:t), so insertions stay and deletions go.
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}br":
            parts.append(PAGE_BREAK if node.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}lastRenderedPageBreak":
            parts.append(PAGE_BREAK)
    return "".join(parts)


def _blocks(body: etree._Element) -> Iterator[str]:
    for child in body:
        if child.tag == f"{W}p":
            yield _run_text(child)
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [
                    " ".join(_run_text(p).strip() for p in cell.iter(f"{W}p")).strip()
                    for cell in row.iter(f"{W}tc")
                ]
                yield " | ".join(cells)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _check_zip(path: Path, archive: zipfile.ZipFile, config: PipelineConfig) -> None:
    unpacked = 0
    for info in archive.infolist():
        unpacked += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if unpacked > config.max_unpacked_bytes or (
            info.file_size > 10_000_000 and ratio > 100
        ):
            raise TooLargeError(
                path,
                f"unpacks to more than {config.max_unpacked_bytes // (1024 * 1024)} MB "
                f"({info.filename} is compressed {ratio:.0f}:1, a zip bomb?)",
                "open it in Word, save it again and re-upload",
            )


def _xml(path: Path, archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(path, f"has a damaged {name} ({exc.msg})") from exc


def read_docx(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read a DOCX; a `w:br type=page` or Word's rendered page break starts a new page."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(
            path,
            "is not a valid DOCX (not a zip archive)",
            "open it in Word, save as DOCX and re-upload",
        ) from exc
    with archive:
        _check_zip(path, archive, config)
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise CorruptDocumentError(
                path,
                "is a zip archive without word/document.xml",
                "save it again as DOCX",
            )
        try:
            root = _xml(path, archive, "word/document.xml")
            extras = sorted(
                n
                for n in names
                if n.startswith(("word/header", "word/footer")) and n.endswith(".xml")
            )
            margins = [_xml(path, archive, n) for n in extras]
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise CorruptDocumentError(path, f"is a damaged DOCX ({exc})") from exc
    body = root.find(f"{W}body")
    if body is None:
        raise CorruptDocumentError(
            path, "has no document body", "save it again as DOCX"
        )
    lines: list[str] = []
    seen: set[str] = set()
    for margin in margins:
        for block in _blocks(margin):
            if block.strip() and block not in seen:
                seen.add(block)
                lines.append(block)
    lines.extend(_blocks(body))
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocumentError(path, "has no text", "check that it is the right file")
    chunks = text.split(PAGE_BREAK)
    pages = tuple(
        Page(number=i + 1, text=chunk.strip("\n")) for i, chunk in enumerate(chunks)
    )
    if len(pages) > config.max_pages:
        raise TooLargeError(
            path, f"has {len(pages)} pages, over the {config.max_pages}-page limit"
        )
    return SourceFile(
        path=path, sha256=sha256, format="docx", pages=pages, lines_are_paragraphs=True
    )
