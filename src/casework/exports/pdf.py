"""DocumentSpec -> PDF with reportlab, using the Vera TTF fonts reportlab ships (accents work).

Vera covers Latin-1 and the punctuation French and Spanish need (« », œ, ¿ ¡, ’, –, …),
but not every space Unicode has: the narrow no-break space Babel and French typography
use, the thin space, the non-breaking hyphen. `fit_to_font` replaces such characters by
the nearest one the fonts have, so no reader ever sees a missing-glyph box.
"""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape as xml_escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from casework.exports.languages import language_tag
from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table

FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT_FILES: Final = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")
# Characters the fonts lack -> what to print instead (same look, same line breaking).
SUBSTITUTES: Final[dict[str, str]] = {
    "\u202f": "\u00a0",  # narrow no-break space (French: "3 000 000", "« mot »", " ;")
    "\u2007": "\u00a0",  # figure space
    "\u2060": "",  # word joiner
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",  # hyphen
    "\u2212": "-",  # minus sign, when the font has none
}
FALLBACK: Final = "?"
# Flowables of reportlab's story (reportlab ships no type information).
Story = list[Any]


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """The code points all four Vera faces can draw."""
    faces = [TTFont(name, str(FONT_DIR / name)).face for name in FONT_FILES]
    common = set(faces[0].charToGlyph)
    for face in faces[1:]:
        common &= set(face.charToGlyph)
    return frozenset(common)


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` the PDF fonts would draw as a box."""
    have = covered()
    return {ch for ch in text if ord(ch) not in have and ch not in "\n\t"}


def fit_to_font(text: str) -> str:
    """`text` with every character the fonts lack replaced by the nearest they have:
    a listed substitute, else the letter without its accent, else "?"."""
    have = covered()
    if all(ord(ch) in have for ch in text):
        return text
    out: list[str] = []
    for ch in text:
        if ord(ch) in have or ch in "\n\t":
            out.append(ch)
        elif ch in SUBSTITUTES:
            out.append(SUBSTITUTES[ch])
        else:
            base = "".join(
                c
                for c in unicodedata.normalize("NFKD", ch)
                if ord(c) in have and not unicodedata.combining(c)
            )
            out.append(base or FALLBACK)
    return "".join(out)


def escape(text: str) -> str:
    """Text for a reportlab paragraph: drawable by the fonts, markup escaped."""
    return xml_escape(fit_to_font(text))


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-Italic", str(FONT_DIR / "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont("Vera-BoldItalic", str(FONT_DIR / "VeraBI.ttf")))
    pdfmetrics.registerFontFamily(
        "Vera",
        normal="Vera",
        bold="Vera-Bold",
        italic="Vera-Italic",
        boldItalic="Vera-BoldItalic",
    )
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["BodyText"], fontName="Vera", fontSize=10, leading=14
    )
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontName="Vera-Bold", fontSize=16
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName="Vera-Italic"),
        "h1": ParagraphStyle(
            "h1", parent=base["Heading1"], fontName="Vera-Bold", fontSize=13
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontName="Vera-Bold", fontSize=11
        ),
        "body": body,
        "numbered": ParagraphStyle(
            "numbered", parent=body, leftIndent=10 * mm, firstLineIndent=-10 * mm
        ),
        "right": ParagraphStyle("right", parent=body, alignment=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10),
    }


def render_pdf(spec: DocumentSpec) -> bytes:
    """Render the spec as an A4 PDF with a text layer."""
    styles = _styles()
    story: Story = []
    if spec.symbol or spec.date_line:
        lines = "<br/>".join(escape(x) for x in (spec.symbol, spec.date_line) if x)
        story.append(RLParagraph(lines, styles["right"]))
    story.append(RLParagraph(escape(spec.title), styles["title"]))
    if spec.subtitle:
        story.append(RLParagraph(escape(spec.subtitle), styles["subtitle"]))
    note_number = 0
    for item in spec.blocks:
        if isinstance(item, Heading):
            story.append(
                RLParagraph(
                    escape(item.text), styles["h1" if item.level <= 1 else "h2"]
                )
            )
        elif isinstance(item, Paragraph):
            text = escape(item.text)
            if item.emphasis:
                text = f"<b>{text}</b>"
            for _ in item.footnotes:
                note_number += 1
                text += f"<super>{note_number}</super>"
            if item.number:
                story.append(
                    RLParagraph(
                        f"{escape(item.number)}&nbsp;&nbsp;{text}", styles["numbered"]
                    )
                )
            else:
                story.append(RLParagraph(text, styles["body"]))
        elif isinstance(item, Table):
            story.extend(_table(item, styles))
        elif isinstance(item, PageBreak):
            story.append(RLPageBreak())
    notes = spec.footnotes()
    if notes:
        story.append(Spacer(1, 6 * mm))
        for number, note in enumerate(notes, start=1):
            story.append(RLParagraph(f"{number}. {escape(note)}", styles["note"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=fit_to_font(spec.title),
        lang=language_tag(spec.language),
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    document.build(story)
    return buffer.getvalue()


def _table(item: Table, styles: dict[str, ParagraphStyle]) -> Story:
    cell = styles["cell"]
    data = [[RLParagraph(f"<b>{escape(h)}</b>", cell) for h in item.header]]
    data += [[RLParagraph(escape(v), cell) for v in row] for row in item.rows]
    table = RLTable(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    flow: Story = []
    if item.caption:
        flow.append(RLParagraph(f"<i>{escape(item.caption)}</i>", styles["body"]))
    flow += [table, Spacer(1, 4 * mm)]
    return flow
