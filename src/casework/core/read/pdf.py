"""PDF text layer through pypdfium2 (BSD/Apache); optional OCR with Tesseract."""

from __future__ import annotations

import logging
import re
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
from casework.core.read.glyphs import expand_presentation_forms, repair_glyph_codes

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


# A hyphen that ended a line. pdfium marks one it found between a letter and a letter or
# digit (\x02 in older builds, U+FFFE now) and drops the line break itself, so its mark
# stands for a hard hyphen too ("north-South"); a soft hyphen (U+00AD) is only a break.
# Group 1 the word's first half, 2 the hyphen, 3 the line break if any, 4 the second half,
# 5 punctuation stuck to it, 6 the blank after it (where a moved line break goes).
_LINE_END_HYPHEN = re.compile(
    r"([^\W\d_]+)(-(?=[ \t]*\n)|\x02|\ufffe|\u00ad)[ \t]*(\n?)[ \t]*(\w*)"
    r"((?:(?![-\x02\ufffe\u00ad][ \t]*\n)\S)*)([ \t]?)"
)
_MARKS = ("\x02", "\ufffe")
_COMPOUND = re.compile(r"([^\W\d_]+)-([^\W\d_]+)")


def compounds(pages: list[str]) -> frozenset[str]:
    """Hyphenated words printed whole within a line ("well-known"): keep their hyphen."""
    return frozenset(
        m.group().lower() for text in pages for m in _COMPOUND.finditer(text)
    )


def join_line_end_hyphens(text: str, keep: frozenset[str] = frozenset()) -> str:
    """ "finan-\ncial year" → "financial\nyear": the word whole, the line break after it.

    A soft hyphen is always joined. A hyphen or pdfium's mark is joined only when a
    lower-case letter follows and the document never prints that compound whole:
    "north-South" and "COVID-19" keep theirs.
    """

    def join(match: re.Match[str]) -> str:
        head, hyphen, newline, tail, rest, blank = match.groups()
        soft = hyphen == "\u00ad"
        if tail and (
            soft or (tail[0].islower() and f"{head}-{tail}".lower() not in keep)
        ):
            # The line break goes where the blank after the word was (none: it is dropped).
            moved = ("\n" if blank else "") if newline else blank
            return f"{head}{tail}{rest}{moved}"
        if soft:
            return f"{head}{newline}{tail}{rest}{blank}"
        return f"{head}-{newline}{tail}{rest}{blank}"

    if "-" not in text and not any(mark in text for mark in (*_MARKS, "\u00ad")):
        return text
    for _ in range(3):  # again for a word split over three lines ("extra-/ordi-/nary")
        joined = _LINE_END_HYPHEN.sub(join, text)
        if joined == text:
            break
        text = joined
    return text.replace("\u00ad", "")


def _normalise(text: str) -> str:
    return expand_presentation_forms(text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_pages(texts: list[str]) -> list[str]:
    """Normalise a document's pdfium output: LF line ends, ligatures spelled out, glyph
    codes resolved or dropped, words hyphenated at line ends joined."""
    pages = repair_glyph_codes([_normalise(t) for t in texts])
    keep = compounds(pages)
    return [
        join_line_end_hyphens(t, keep).replace("\x02", "-").replace("\ufffe", "-")
        for t in pages
    ]


def clean_page_text(text: str) -> str:
    """`clean_pages` for one page on its own."""
    return clean_pages([text])[0]


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


class _UnloadablePage(Exception):
    """pdfium opened the file but not one of its pages (or that page's text)."""

    def __init__(self, number: int, error: pdfium.PdfiumError) -> None:
        super().__init__(f"page {number}: {error}")
        self.number, self.error = number, error


def _pdfium_texts(
    path: Path, document: pdfium.PdfDocument, config: PipelineConfig
) -> tuple[list[str], list[bool], list[int]]:
    """Each page's raw text, whether it has a text layer, and the pages that are scans."""
    texts: list[str] = []
    layers: list[bool] = []
    blank: list[int] = []
    for index in range(len(document)):
        try:
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
        except pdfium.PdfiumError as exc:
            raise _UnloadablePage(index + 1, exc) from exc
        has_text = bool(text.strip())
        if not has_text and _has_images(page):
            if config.ocr:
                text = _ocr_page(path, page, index + 1)
                has_text = bool(text.strip())
            else:
                blank.append(index + 1)
        page.close()
        texts.append(text)
        layers.append(has_text)
    return texts, layers, blank


def pdftotext_pages(data: bytes, config: PipelineConfig) -> list[str] | None:
    """Each page's text as poppler's pdftotext reads it; None when it is absent or fails."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                # -l: one page over the limit is enough to say the file is too long.
                [
                    binary,
                    "-enc",
                    "UTF-8",
                    "-l",
                    str(config.max_pages + 1),
                    str(source),
                    "-",
                ],
                capture_output=True,
                timeout=max(30.0, config.time_budget_s),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", errors="replace").split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    return pages if any(p.strip() for p in pages) else None


def _read_with_pdftotext(
    path: Path, data: bytes, config: PipelineConfig, problem: str
) -> tuple[list[str], list[bool], list[str]]:
    """The fallback when pdfium cannot read the file: pdftotext, or a one-line error."""
    texts = pdftotext_pages(data, config)
    if texts is None:
        hint = "open it in a PDF viewer, save or print it to a new PDF and re-upload"
        if shutil.which("pdftotext") is None:
            hint += " (or install poppler-utils, whose pdftotext may read it)"
        raise CorruptDocumentError(path, problem, hint)
    if len(texts) > config.max_pages:
        raise TooLargeError(
            path, f"has more than {config.max_pages} pages, the page limit"
        )
    logger.info("%s: %s; read with pdftotext", path.name, problem)
    warning = f"{path.name}: {problem}, so it was read with pdftotext; check the text"
    return texts, [bool(t.strip()) for t in texts], [warning]


def read_pdf(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read each page's text layer; pages without one are reported or OCRed.

    When pdfium cannot open the file or one of its pages, poppler's pdftotext (if
    installed) reads the whole file instead.
    """
    warnings: list[str] = []
    blank: list[int] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocumentError(path) from exc
        texts, layers, warnings = _read_with_pdftotext(
            path, data, config, f"is not a readable PDF ({exc})"
        )
    else:
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
            texts, layers, blank = _pdfium_texts(path, document, config)
        except _UnloadablePage as exc:
            texts, layers, warnings = _read_with_pdftotext(
                path,
                data,
                config,
                f"has a page the PDF library cannot load (page {exc.number}: {exc.error})",
            )
        finally:
            document.close()
    count = len(texts)
    if blank and len(blank) == count:
        raise NoTextLayerError(path, "has no text layer on any page (a scan?)")
    if blank:
        word = "page" if len(blank) == 1 else "pages"
        verb = "has" if len(blank) == 1 else "have"
        warnings.append(
            f"{path.name}: {word} {page_ranges(blank)} {verb} no text layer; "
            "rerun with --ocr or upload the DOCX"
        )
    pages = [
        Page(number=i + 1, text=text, has_text_layer=layer)
        for i, (text, layer) in enumerate(zip(clean_pages(texts), layers, strict=True))
    ]
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
