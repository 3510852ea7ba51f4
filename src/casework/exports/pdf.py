"""DocumentSpec -> PDF in the same UN layout as the DOCX (reportlab).

A4; the title block; the symbol as running header from the second page; the page number
in every footer; a "Draft" marking on every page of a draft. Text is set in DejaVu Sans
(vendored in `exports/fonts`, with its licence), which draws every character French and
Spanish need plus ✓, dashes and no-break spaces; `fit_to_font` replaces the rare
character it lacks so that no reader sees a missing-glyph box. Lines break between words
or at a hyphenation point of the document's language (pyphen), never inside a word
without a hyphen. Footnotes are numbered in the text and printed after it, under a rule.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape as xml_escape

import pyphen
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from casework.exports import un_format
from casework.exports.languages import language_tag
from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FACES: Final = {
    "DejaVu": "DejaVuSans.ttf",
    "DejaVu-Bold": "DejaVuSans-Bold.ttf",
    "DejaVu-Italic": "DejaVuSans-Oblique.ttf",
    "DejaVu-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
# Characters the fonts lack -> what to print instead (same look, same line breaking).
SUBSTITUTES: Final[dict[str, str]] = {
    "\u2060": "",  # word joiner
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark
    "\u2011": "-",  # non-breaking hyphen
}
FALLBACK: Final = "?"
MARGIN: Final = 20 * mm
# Flowables of reportlab's story (reportlab ships no type information).
Story = list[Any]


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """The code points all four faces can draw."""
    faces = [TTFont(name, str(FONT_DIR / file)).face for name, file in FACES.items()]
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
def _register_fonts() -> None:
    for name, file in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(
        "DejaVu",
        normal="DejaVu",
        bold="DejaVu-Bold",
        italic="DejaVu-Italic",
        boldItalic="DejaVu-BoldItalic",
    )


@lru_cache(maxsize=8)
def _styles(language: str) -> dict[str, ParagraphStyle]:
    _register_fonts()
    body = ParagraphStyle(
        "body",
        fontName="DejaVu",
        fontSize=10,
        leading=14,
        spaceAfter=6,
        # Break at the language's hyphenation points; never split a word without one.
        hyphenationLang=un_format.HYPHENATION.get(language, "en_GB"),
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=0,
    )

    def like(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    return {
        "title": like(
            "title", fontName="DejaVu-Bold", fontSize=14, leading=18, spaceAfter=8
        ),
        "subtitle": like("subtitle", fontName="DejaVu-Italic"),
        "h1": like(
            "h1", fontName="DejaVu-Bold", fontSize=12, leading=16, spaceBefore=8
        ),
        "h2": like(
            "h2", fontName="DejaVu-Bold", fontSize=10.5, leading=14, spaceBefore=6
        ),
        "body": body,
        "numbered": like("numbered", leftIndent=10 * mm, firstLineIndent=-10 * mm),
        "right": like("right", alignment=2, spaceAfter=0),
        "left": like("left", spaceAfter=0),
        "cell": like("cell", fontSize=8, leading=10, spaceAfter=0),
        "note": like("note", fontSize=8, leading=10, spaceAfter=2),
    }


def render_pdf(spec: DocumentSpec) -> bytes:
    """Render the spec as an A4 PDF with a text layer."""
    styles = _styles(un_format.language_of(spec))
    story: Story = _head(spec, styles)
    notes: list[str] = []
    for item in spec.blocks:
        if isinstance(item, Heading):
            style = styles["h1" if item.level <= 1 else "h2"]
            story.append(RLParagraph(escape(un_format.text(spec, item.text)), style))
        elif isinstance(item, Paragraph):
            text = escape(un_format.text(spec, item.text))
            if item.emphasis:
                text = f"<b>{text}</b>"
            for note in item.footnotes:
                notes.append(un_format.text(spec, note))
                text += f"<super>{len(notes)}</super>"
            if item.number:
                story.append(
                    RLParagraph(
                        f"{escape(item.number)}&nbsp;&nbsp;{text}", styles["numbered"]
                    )
                )
            else:
                story.append(RLParagraph(text, styles["body"]))
        elif isinstance(item, Table):
            story.extend(_table(item, styles, spec))
        elif isinstance(item, PageBreak):
            story.append(RLPageBreak())
    if notes:
        story.append(Spacer(1, 4 * mm))
        story.append(HRFlowable(width="30%", thickness=0.5, hAlign="LEFT"))
        for number, note in enumerate(notes, start=1):
            story.append(RLParagraph(f"{number}.&nbsp;{escape(note)}", styles["note"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=fit_to_font(spec.title),
        author=fit_to_font(un_format.author(spec)),
        subject=fit_to_font(spec.symbol),
        lang=language_tag(spec.language),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    furniture = _Furniture(spec)
    document.build(story, onFirstPage=furniture.first, onLaterPages=furniture.later)
    return buffer.getvalue()


def _head(spec: DocumentSpec, styles: dict[str, ParagraphStyle]) -> Story:
    """The title block and the title, as the DOCX has them."""
    head = un_format.head(spec)
    story: Story = []
    for n, line in enumerate(head.right):
        text = escape(line)
        bold = n == 0 and bool(spec.symbol)
        story.append(RLParagraph(f"<b>{text}</b>" if bold else text, styles["right"]))
    if head.right:
        story.append(Spacer(1, 5 * mm))
    for line, bold in zip(head.left, head.left_bold, strict=True):
        text = escape(line)
        story.append(RLParagraph(f"<b>{text}</b>" if bold else text, styles["left"]))
    if head.left:
        story.append(Spacer(1, 5 * mm))
    story.append(RLParagraph(escape(un_format.text(spec, spec.title)), styles["title"]))
    if spec.subtitle:
        subtitle = escape(un_format.text(spec, spec.subtitle))
        story.append(RLParagraph(subtitle, styles["subtitle"]))
    return story


class _Furniture:
    """What every page carries: page number, running header, draft marking."""

    def __init__(self, spec: DocumentSpec) -> None:
        self.symbol = fit_to_font(spec.symbol)
        self.draft = fit_to_font(un_format.draft_marking(spec))
        language = un_format.language_of(spec)
        self.word = fit_to_font(un_format.DRAFT.get(language, un_format.DRAFT["en"]))

    def first(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, header=False)

    def later(self, canvas: Any, document: Any) -> None:
        self._page(canvas, document, header=True)

    def _page(self, canvas: Any, document: Any, *, header: bool) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont("DejaVu", 9)
        canvas.drawCentredString(width / 2, 10 * mm, str(document.page))
        if header and self.symbol:
            canvas.setFont("DejaVu-Bold", 9)
            canvas.drawRightString(width - MARGIN, height - 12 * mm, self.symbol)
        if self.draft:
            canvas.setFont("DejaVu-Bold", 9)
            canvas.setFillColor(colors.HexColor("#b00020"))
            canvas.drawString(MARGIN, height - 12 * mm, self.draft)
            canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
            canvas.setFont("DejaVu-Bold", 80)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, self.word)
        canvas.restoreState()


def _table(item: Table, styles: dict[str, ParagraphStyle], spec: DocumentSpec) -> Story:
    widths = _widths(len(item.header))
    header = [soft_hyphens(un_format.text(spec, h), spec.language) for h in item.header]
    rows = [
        [soft_hyphens(un_format.text(spec, v), spec.language) for v in row]
        for row in item.rows
    ]
    size, bold_header = _cell_size(header, rows, widths)
    cell = ParagraphStyle(
        "cell-fitted", parent=styles["cell"], fontSize=size, leading=size * 1.25
    )

    def para(value: str, *, bold: bool = False) -> RLParagraph:
        text = escape(value)
        return RLParagraph(f"<b>{text}</b>" if bold else text, cell)

    data = [[para(h, bold=bold_header) for h in header]]
    data += [[para(v) for v in row] for row in rows]
    table = RLTable(data, repeatRows=1, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2),
            ]
        )
    )
    flow: Story = []
    if item.caption:
        caption = escape(un_format.text(spec, item.caption))
        flow.append(RLParagraph(f"<i>{caption}</i>", styles["body"]))
    flow += [table, Spacer(1, 4 * mm)]
    return flow


@lru_cache(maxsize=4)
def _hyphenator(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=un_format.HYPHENATION.get(language, "en_GB"))


def soft_hyphens(text: str, language: str) -> str:
    """Soft hyphens at the language's hyphenation points of long words, so that a word
    wider than a narrow table column breaks there, with a hyphen, and nowhere else."""
    hyphenator = _hyphenator(un_format.language_of_code(language))
    return re.sub(
        r"[^\W\d_]{7,}",
        lambda m: hyphenator.inserted(m.group(0), hyphen="\u00ad"),
        text,
    )


CELL_SIZES: Final = (8.0, 7.5, 7.0, 6.5, 6.0)
PADDING: Final = 4.0  # left + right padding of a cell, points


def _cell_size(
    header: list[str], rows: list[list[str]], widths: list[float] | None
) -> tuple[float, bool]:
    """The largest type size (and whether the header row can stay bold) at which every
    piece of every cell (a word, or its part between two hyphenation points with the
    hyphen) fits its column; the smallest size when nothing fits."""
    if widths is None:
        return CELL_SIZES[0], True

    def pieces(text: str) -> list[str]:
        out: list[str] = []
        for word in fit_to_font(text).split():
            parts = word.split("\u00ad")
            out += [p + "-" for p in parts[:-1]] + parts[-1:]
        return out

    heads = [pieces(h) for h in header]
    cells = [
        [piece for row in rows for piece in pieces(row[n])] for n in range(len(header))
    ]

    def fits(size: float, bold_header: bool) -> bool:
        bold = "DejaVu-Bold" if bold_header else "DejaVu"
        return all(
            pdfmetrics.stringWidth(piece, font, size) + PADDING <= width
            for n, width in enumerate(widths)
            for font, column in ((bold, heads[n]), ("DejaVu", cells[n]))
            for piece in column
        )

    for bold_header in (True, False):
        for size in CELL_SIZES:
            if fits(size, bold_header):
                return size, bold_header
    return CELL_SIZES[-1], False


def _widths(columns: int) -> list[float] | None:
    """Wide tables (one column per indicator): a wider first column for names."""
    if columns <= 4:
        return None  # reportlab shares the width by content
    usable = A4[0] - 2 * MARGIN
    first = usable * 0.2
    return [first] + [(usable - first) / (columns - 1)] * (columns - 1)
