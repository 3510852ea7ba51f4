"""DocumentSpec -> DOCX in UN layout, editable in Word.

A4 with the UN title block; the symbol as running header from the second page; the page
number as a field in the footer; headings in Word's Heading styles; numbered paragraphs
with real Word numbering (inserting a paragraph in Word renumbers the rest); footnotes as
Word footnotes (`word/footnotes.xml`); core properties (title, author, dates) set; a
"Draft" marking in every header while the document is not agreed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Final
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

from casework.exports import un_format
from casework.exports.languages import language_tag
from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table

# Id of our numbering definition in numbering.xml (clear of the template's own).
NUMBERING_ID: Final = 90
URL: Final = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")
W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAFT_RED: Final = RGBColor(0xB0, 0x00, 0x20)
BODY_STYLE: Final = "Body Text"


def render_docx(spec: DocumentSpec) -> bytes:
    """Render the spec as an editable Word document."""
    document = Document()
    _page(document)
    _properties(document, spec)
    _set_language(document, spec.language)
    _headers_and_footers(document, spec)
    _title_block(document, spec)
    numbers = [b.number for b in spec.blocks if isinstance(b, Paragraph) and b.number]
    start = un_format.consecutive_numbers(numbers)
    num_id = _numbering(document, start) if start is not None else None
    notes = _Footnotes(document)
    for item in spec.blocks:
        if isinstance(item, Heading):
            level = min(max(item.level, 1), 3)
            document.add_heading(un_format.text(spec, item.text), level=level)
        elif isinstance(item, Paragraph):
            # "Body Text" marks the content a Word round trip reads back
            # (`exports.word_edits`); a paragraph added in Word with Enter inherits it.
            paragraph = document.add_paragraph(style=BODY_STYLE)
            if item.number:
                if num_id is not None:
                    _number(paragraph, num_id)
                else:
                    paragraph.add_run(f"{item.number}\t")
                    paragraph.paragraph_format.first_line_indent = Pt(-28)
                    paragraph.paragraph_format.left_indent = Pt(28)
            run = paragraph.add_run(un_format.text(spec, item.text))
            run.bold = item.emphasis
            for note in item.footnotes:
                notes.add(paragraph, un_format.text(spec, note))
        elif isinstance(item, Table):
            _add_table(document, item, spec)
        elif isinstance(item, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    notes.save()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    width, height = un_format.PAGE_MM
    section.page_width = Mm(width)
    section.page_height = Mm(height)
    margins = un_format.MARGINS_MM
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])


def _properties(document: WordDocument, spec: DocumentSpec) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.title = spec.title
    properties.subject = spec.symbol
    properties.author = un_format.author(spec)
    properties.last_modified_by = un_format.author(spec)
    properties.created = now
    properties.modified = now
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""
    properties.category = "draft" if spec.draft else ""
    properties.language = language_tag(spec.language)


def _headers_and_footers(document: WordDocument, spec: DocumentSpec) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    marking = un_format.draft_marking(spec)
    for header, with_symbol in (
        (section.first_page_header, False),
        (section.header, True),
    ):
        paragraph = header.paragraphs[0]
        if marking:
            run = paragraph.add_run(marking)
            run.bold = True
            run.font.color.rgb = DRAFT_RED
        if with_symbol and spec.symbol:
            if marking:
                paragraph.add_run("\t\t")
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(spec.symbol).bold = True
    for footer in (section.first_page_footer, section.footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)


def _page_field(paragraph: WordParagraph) -> None:
    """A PAGE field: Word prints the number of each page."""
    run = paragraph.add_run()
    for xml in (
        f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>',
        f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>',
        f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>',
        f"<w:t {nsdecls('w')}>1</w:t>",
        f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>',
    ):
        run._r.append(parse_xml(xml))


def _title_block(document: WordDocument, spec: DocumentSpec) -> None:
    head = un_format.head(spec)
    for n, line in enumerate(head.right):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(line).bold = n == 0 and bool(spec.symbol)
    if head.right:
        document.add_paragraph()
    for line, bold in zip(head.left, head.left_bold, strict=True):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(line).bold = bold
    if head.left:
        document.add_paragraph()
    document.add_paragraph(un_format.text(spec, spec.title), style="Title")
    if spec.subtitle:
        document.add_paragraph(un_format.text(spec, spec.subtitle), style="Subtitle")


def _numbering(document: WordDocument, start: int) -> int:
    """Add the UN paragraph numbering ("1.", then "(a)", "(i)"); return its numId."""
    numbering = document.part.numbering_part.element
    levels = (
        ("decimal", "%1.", 0),
        ("lowerLetter", "(%2)", 567),
        ("lowerRoman", "(%3)", 1134),
    )
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent + 567}" w:hanging="567"/></w:pPr></w:lvl>'
        for n, (fmt, text, indent) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUMBERING_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvl_xml}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        if start != 1
        else ""
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{NUMBERING_ID}">'
            f'<w:abstractNumId w:val="{NUMBERING_ID}"/>{override}</w:num>'
        )
    )
    return NUMBERING_ID


def _number(paragraph: WordParagraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


class _Footnotes:
    """Word footnotes: references in the text, notes in word/footnotes.xml."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.notes: list[str] = []
        self.part: Part | None = None

    def add(self, paragraph: WordParagraph, note: str) -> None:
        if self.part is None:
            self.part = Part(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                b"",
                self.document.part.package,
            )
            self.document.part.relate_to(self.part, RT.FOOTNOTES)
        self.notes.append(note)
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/>'
                f'</w:rPr><w:footnoteReference w:id="{len(self.notes)}"/></w:r>'
            )
        )

    def _note_runs(self, note: str) -> str:
        """The note's text, its links as real hyperlinks."""
        assert self.part is not None
        runs: list[str] = []
        last = 0
        for match in URL.finditer(note):
            runs.append(_run(note[last : match.start()]))
            rid = self.part.relate_to(match.group(0), RT.HYPERLINK, is_external=True)
            runs.append(
                f'<w:hyperlink r:id="{rid}"><w:r><w:rPr><w:color w:val="0563C1"/>'
                f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">'
                f"{xml_escape(match.group(0))}</w:t></w:r></w:hyperlink>"
            )
            last = match.end()
        runs.append(_run(note[last:]))
        return "".join(runs)

    def save(self) -> None:
        if self.part is None:
            return
        body = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
            f"</w:r>{_run(' ')}{self._note_runs(note)}</w:p></w:footnote>"
            for n, note in enumerate(self.notes, start=1)
        )
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
            '<w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p>'
            '<w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>"
        )
        # A plain Part is written out as its blob: the finished footnotes.xml.
        self.part._blob = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            f"{separators}{body}</w:footnotes>"
        ).encode()
        settings = self.document.settings.element
        if settings.find(qn("w:footnotePr")) is None:
            settings.append(
                parse_xml(
                    f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                    '<w:footnote w:id="0"/></w:footnotePr>'
                )
            )


def _run(text: str) -> str:
    if not text:
        return ""
    return f'<w:r><w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'


def _add_table(document: WordDocument, item: Table, spec: DocumentSpec) -> None:
    if item.caption:
        document.add_paragraph(un_format.text(spec, item.caption), style="Caption")
    table = document.add_table(rows=1, cols=len(item.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, item.header, strict=True):
        cell.text = un_format.text(spec, text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # The header row repeats on every page the table runs over.
    table.rows[0]._tr.get_or_add_trPr().append(
        parse_xml(f"<w:tblHeader {nsdecls('w')}/>")
    )
    for row in item.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = un_format.text(spec, text)


def _set_language(document: WordDocument, language: str) -> None:
    # Word's spell checker and hyphenation follow w:lang of the default run style.
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), language_tag(language))
