"""DocumentSpec -> DOCX with real Word styles (Title, Heading 1/2, List Number, Table Grid)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from casework.domain.languages import pick
from casework.exports.languages import language_tag
from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table

NOTES_HEADING = {"en": "Notes", "fr": "Notes", "es": "Notas"}


def render_docx(spec: DocumentSpec) -> bytes:
    """Render the spec as an editable Word document."""
    document = Document()
    document.core_properties.title = spec.title
    document.core_properties.language = language_tag(spec.language)
    _set_language(document, spec.language)
    if spec.symbol or spec.date_line:
        block = document.add_paragraph()
        block.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        block.add_run("\n".join(x for x in (spec.symbol, spec.date_line) if x))
    document.add_paragraph(spec.title, style="Title")
    if spec.subtitle:
        document.add_paragraph(spec.subtitle, style="Subtitle")
    note_number = 0
    for item in spec.blocks:
        if isinstance(item, Heading):
            document.add_heading(item.text, level=min(max(item.level, 1), 3))
        elif isinstance(item, Paragraph):
            paragraph = document.add_paragraph()
            if item.number:
                paragraph.add_run(f"{item.number}\t")
                paragraph.paragraph_format.first_line_indent = Pt(-28)
                paragraph.paragraph_format.left_indent = Pt(28)
            run = paragraph.add_run(item.text)
            run.bold = item.emphasis
            for _ in item.footnotes:
                note_number += 1
                marker = paragraph.add_run(str(note_number))
                marker.font.superscript = True
        elif isinstance(item, Table):
            _add_table(document, item)
        elif isinstance(item, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    notes = spec.footnotes()
    if notes:
        document.add_heading(pick(NOTES_HEADING, spec.language), level=2)
        for number, note in enumerate(notes, start=1):
            document.add_paragraph(f"{number}. {note}", style="Normal")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(document: WordDocument, item: Table) -> None:
    if item.caption:
        document.add_paragraph(item.caption, style="Caption")
    table = document.add_table(rows=1, cols=len(item.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, item.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in item.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _set_language(document: WordDocument, language: str) -> None:
    # Word's spell checker and hyphenation follow w:lang of the default run style.
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), language_tag(language))
