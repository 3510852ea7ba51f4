"""Small PDF and DOCX files written on the fly (demo content and tests)."""

from __future__ import annotations

import io


def make_pdf(paragraphs: list[str], *, title: str = "") -> bytes:
    """A text-layer PDF with one paragraph per block (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    story = [Paragraph(title, styles["Title"])] if title else []
    for text in paragraphs:
        story += [Paragraph(text, styles["Normal"]), Spacer(1, 8)]
    SimpleDocTemplate(buffer, pagesize=A4, title=title or "report").build(story)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], *, title: str = "") -> bytes:
    """A DOCX with a title heading and plain paragraphs (python-docx)."""
    from docx import Document

    document = Document()
    if title:
        document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FRENCH_REPORT = [
    "En 2024, le Sénégal a consacré un budget national de 250 millions de francs CFA aux "
    "opérations de déminage en Casamance.",
    "Les opérations ont été financées par l'Union européenne et le Canada, grâce à l'appui "
    "desquels 120 000 m² ont été remis à disposition des communautés.",
    "L'insécurité et l'accès difficile à certaines zones constituent les principales "
    "difficultés rencontrées par les équipes.",
    "Les équipes de déminage comptent 30 % de femmes et les données sur les victimes sont "
    "ventilées par sexe et par âge.",
]
