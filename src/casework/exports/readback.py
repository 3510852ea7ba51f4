"""Open exported files back as text: tests use it to check what a user would read."""

from __future__ import annotations

import io

import pypdfium2
from docx import Document


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX, one paragraph per line."""
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def docx_styles(data: bytes) -> list[str]:
    """The style name of each paragraph, to check that headings are real Word headings."""
    return [p.style.name for p in Document(io.BytesIO(data)).paragraphs]


def pdf_text(data: bytes) -> str:
    """The text layer of every page of a PDF."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(
            pdf[i].get_textpage().get_text_range() for i in range(len(pdf))
        )
    finally:
        pdf.close()
