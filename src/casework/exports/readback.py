"""Open exported files back as text: tests use it to check what a user would read."""

from __future__ import annotations

import ctypes
import io
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium
from docx import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
)


def docx_text(data: bytes) -> str:
    """All paragraph, table and footnote text of a DOCX, one paragraph per line.

    A paragraph Word numbers itself (decimal numbering, "%1.") reads "12.\ttext", as
    Word shows it; the number is computed from numbering.xml, not typed in the file.
    """
    document = Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    numbers = _word_numbers(paragraphs, document)
    lines = [number + p.text for number, p in zip(numbers, paragraphs, strict=True)]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    lines += docx_footnotes(data)
    return "\n".join(lines)


def _word_numbers(paragraphs: list[Any], document: Any) -> list[str]:
    """For each paragraph, "N.\t" when a decimal list numbers it, else ""."""
    found = [""] * len(paragraphs)
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return found
    starts: dict[str, int] = {}
    for num in numbering.iter(W + "num"):
        num_id = num.get(W + "numId")
        abstract_id = num.find(W + "abstractNumId").get(W + "val")
        abstract = next(
            a
            for a in numbering.iter(W + "abstractNum")
            if a.get(W + "abstractNumId") == abstract_id
        )
        level = abstract.find(W + "lvl")
        if level is None or level.find(W + "numFmt").get(W + "val") != "decimal":
            continue
        start = level.find(W + "start")
        override = num.find(f"{W}lvlOverride/{W}startOverride")
        chosen = override if override is not None else start
        starts[num_id] = int(chosen.get(W + "val")) if chosen is not None else 1
    counters: dict[str, int] = {}
    for n, paragraph in enumerate(paragraphs):
        num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(W + "numId").get(W + "val")
        level = num_pr.find(W + "ilvl")
        if num_id not in starts or (level is not None and level.get(W + "val") != "0"):
            continue
        value = starts[num_id] + counters.get(num_id, 0)
        counters[num_id] = counters.get(num_id, 0) + 1
        found[n] = f"{value}.\t"
    return found


def docx_footnotes(data: bytes) -> list[str]:
    """The text of each real Word footnote (word/footnotes.xml), separators left out."""
    from lxml import etree

    document = Document(io.BytesIO(data))
    notes: list[str] = []
    for rel in document.part.rels.values():
        if rel.reltype != FOOTNOTES:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(W + "footnote"):
            if note.get(W + "type") in ("separator", "continuationSeparator"):
                continue
            notes.append("".join(t.text or "" for t in note.iter(W + "t")).strip())
    return notes


def docx_styles(data: bytes) -> list[str]:
    """The style name of each paragraph, to check that headings are real Word headings."""
    return [
        p.style.name if p.style is not None else ""
        for p in Document(io.BytesIO(data)).paragraphs
    ]


# pdfium gives a hyphen that ends a line of a hyphenated word as U+FFFE, with the line
# break removed: dropping it gives the word whole, as a reader copying the text gets it.
LINE_END_HYPHEN = "\ufffe"


def pdf_text(data: bytes) -> str:
    """The text layer of every page of a PDF, hyphenated words joined again."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(
            pdf[i].get_textpage().get_text_range().replace(LINE_END_HYPHEN, "")
            for i in range(len(pdf))
        )
    finally:
        pdf.close()


def pdf_missing_glyphs(data: bytes) -> int:
    """How many characters of a PDF are drawn with the font's missing-glyph box.

    reportlab draws a character its font lacks as glyph 0 (.notdef), which the text
    layer gives back as U+0000.
    """
    pdf = pypdfium2.PdfDocument(data)
    try:
        missing = 0
        for i in range(len(pdf)):
            textpage = pdf[i].get_textpage()
            missing += sum(
                pdfium.FPDFText_GetUnicode(textpage, n) == 0
                for n in range(textpage.count_chars())
            )
        return missing
    finally:
        pdf.close()


def pdf_language(data: bytes) -> str:
    """The document's language tag (the catalogue's /Lang), "" when it has none."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        size = pdfium.FPDFCatalog_GetLanguage(pdf.raw, None, 0)
        if size <= 2:
            return ""
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium.FPDFCatalog_GetLanguage(pdf.raw, buffer, size)
        return bytes(buffer)[: size - 2].decode("utf-16-le")
    finally:
        pdf.close()
