"""PDF text layer through pypdfium2 (BSD/Apache); optional OCR with Tesseract."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from casework.core.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    MissingToolError,
    NoTextLayerError,
    TooLargeError,
)
from casework.core.model import Page, PipelineConfig, SourceFile

logger = logging.getLogger(__name__)


def page_ranges(numbers: list[int]) -> str:
    """Format [3, 4, 5, 9] as '3-5, 9'."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], -1]:
        if n == prev + 1:
            prev = n
            continue
        parts.append(f"{start}-{prev}" if prev > start else str(start))
        start = prev = n
    return ", ".join(parts)


def clean_page_text(text: str) -> str:
    """Normalise pdfium output: CRLF to LF, pdfium's hyphen marks to '-'."""
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\x02", "-")
        .replace("\ufffe", "-")
    )


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(
        True
        for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
    )


def _ocr_page(path: Path, page: pdfium.PdfPage, number: int) -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise MissingToolError(
            path,
            "--ocr needs Tesseract, which is not installed",
            "install tesseract-ocr or upload the DOCX",
        )
    with tempfile.TemporaryDirectory() as tmp:
        image_path = Path(tmp) / f"page-{number}.png"
        try:
            page.render(scale=300 / 72).to_pil().save(image_path)
        except ImportError as exc:
            raise MissingToolError(
                path, "--ocr needs Pillow to render pages", "pip install Pillow"
            ) from exc
        done = subprocess.run(
            [tesseract, str(image_path), "-", "-l", "eng+fra+spa"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    return done.stdout.decode("utf-8", errors="replace")


def read_pdf(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read each page's text layer; pages without one are reported or OCRed."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocumentError(path) from exc
        raise CorruptDocumentError(path, f"is not a readable PDF ({exc})") from exc
    try:
        count = len(document)
        if count == 0:
            raise EmptyDocumentError(
                path, "has no pages", "export the PDF again from the original"
            )
        if count > config.max_pages:
            raise TooLargeError(
                path, f"has {count} pages, over the {config.max_pages}-page limit"
            )
        pages: list[Page] = []
        blank: list[int] = []
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            text = clean_page_text(textpage.get_text_range())
            textpage.close()
            has_text = bool(text.strip())
            if not has_text and _has_images(page):
                if config.ocr:
                    text = _ocr_page(path, page, index + 1)
                    has_text = bool(text.strip())
                else:
                    blank.append(index + 1)
            page.close()
            pages.append(Page(number=index + 1, text=text, has_text_layer=has_text))
    finally:
        document.close()
    warnings: list[str] = []
    if blank and len(blank) == count:
        raise NoTextLayerError(path, "has no text layer on any page (a scan?)")
    if blank:
        word = "page" if len(blank) == 1 else "pages"
        verb = "has" if len(blank) == 1 else "have"
        warnings.append(
            f"{path.name}: {word} {page_ranges(blank)} {verb} no text layer; "
            "rerun with --ocr or upload the DOCX"
        )
    if not any(p.text.strip() for p in pages):
        raise EmptyDocumentError(
            path, "has no text on any page", "check that it is the right file"
        )
    return SourceFile(
        path=path,
        sha256=sha256,
        format="pdf",
        pages=tuple(pages),
        lines_are_paragraphs=False,
        warnings=tuple(warnings),
    )
