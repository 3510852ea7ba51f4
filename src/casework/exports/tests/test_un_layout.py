"""Every generated document in UN layout: what Word and a PDF reader find in the files."""

import datetime as dt
import io
import re
import zipfile

import pypdfium2
import pytest
from docx import Document
from docx.shared import Mm

from casework.domain import state_names
from casework.domain.indicators import INDICATORS
from casework.domain.languages import LANGUAGES
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.readback import (
    LINE_END_HYPHEN,
    docx_footnotes,
    pdf_missing_glyphs,
    pdf_text,
)
from casework.exports.spec import (
    DocumentSpec,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TitleBlock,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_NAMES = ("BIH", "COD", "GNB", "SSD", "CAF", "TLS", "VCT", "SEN")


def report(language: str, *, draft: bool = False) -> DocumentSpec:
    names = [state_names.name(iso3, language) for iso3 in LONG_NAMES]
    rows = tuple(
        (name, *("✓" if (n + i) % 3 == 0 else "" for i, _ in enumerate(INDICATORS)))
        for n, name in enumerate(names)
    )
    body = [
        Paragraph(
            f"{names[0]} – {n}: interventions, réunions, coordination, financement.",
            number=f"{n}.",
            footnotes=("https://www.apminebanconvention.org/",) if n == 2 else (),
        )
        for n in range(1, 30)
    ]
    return DocumentSpec(
        title="Report of the Committee",
        language=language,
        symbol="APLC/MSP.22/2025/5",
        date_line="1 December 2025",
        head=TitleBlock(
            meeting="Twenty-second Meeting of the States Parties",
            place_and_dates="Geneva, 1–5 December 2025",
            agenda_item="Item 10 of the provisional agenda",
            agenda_title="Cooperation and assistance",
            original_language="en",
        ),
        draft=draft,
        blocks=(
            Heading("I. Activities"),
            *body[:15],
            Table(
                header=("State", *(i.label(language) for i in INDICATORS)),
                rows=rows,
            ),
            PageBreak(),
            Heading("II. Priorities"),
            *body[15:],
        ),
    )


def numbered_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_docx_is_a4_with_word_numbering_footnotes_header_and_page_numbers(language):
    data = render_docx(report(language))
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert len(numbered_paragraphs(document)) == 29
    assert not any(re.match(r"\d+\.\t", p.text) for p in document.paragraphs)
    assert docx_footnotes(data) == ["https://www.apminebanconvention.org/"]
    assert "APLC/MSP.22/2025/5" in section.header.paragraphs[0].text
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footers = [
            package.read(n).decode()
            for n in package.namelist()
            if n.startswith("word/footer")
        ]
        footnotes_rels = package.read("word/_rels/footnotes.xml.rels").decode()
    assert footers and all(" PAGE " in footer for footer in footers)
    assert "https://www.apminebanconvention.org/" in footnotes_rels  # a real link
    properties = document.core_properties
    assert properties.title == "Report of the Committee"
    assert properties.author and "python-docx" not in properties.author
    assert properties.created.year == dt.datetime.now(dt.UTC).year
    assert properties.subject == "APLC/MSP.22/2025/5"


def test_the_title_block_says_distribution_and_original_language():
    texts = {
        language: [
            p.text
            for p in Document(io.BytesIO(render_docx(report(language)))).paragraphs
        ]
        for language in LANGUAGES
    }
    assert "Distr.: General" in texts["en"] and "Original: English" in texts["en"]
    assert "Distr. générale" in texts["fr"] and "Original\u00a0: anglais" in texts["fr"]
    assert "Distr. general" in texts["es"] and "Original: inglés" in texts["es"]
    assert texts["en"].index("APLC/MSP.22/2025/5") < texts["en"].index(
        "Twenty-second Meeting of the States Parties"
    )


def test_a_draft_is_marked_until_it_is_agreed():
    draft = Document(io.BytesIO(render_docx(report("fr", draft=True))))
    agreed = Document(io.BytesIO(render_docx(report("fr"))))
    assert "Projet" in draft.sections[0].header.paragraphs[0].text
    assert "Projet" in draft.sections[0].first_page_header.paragraphs[0].text
    assert "Projet" not in agreed.sections[0].header.paragraphs[0].text
    pages = pdf_pages(render_pdf(report("es", draft=True)))
    assert all("Borrador" in page for page in pages)
    assert not any("Borrador" in page for page in pdf_pages(render_pdf(report("es"))))


def pdf_pages(data: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_has_every_glyph_page_numbers_and_the_running_header(language):
    data = render_pdf(report(language))
    assert pdf_missing_glyphs(data) == 0
    pages = pdf_pages(data)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert str(number) in lines, f"page {number} has no page number"
    assert all("APLC/MSP.22/2025/5" in page for page in pages)
    assert "✓" in "".join(pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_never_breaks_a_word_without_a_hyphen(language):
    """A narrow 13-column table and long State names: every word of the document is
    found whole in the text layer once hyphenated line ends are joined again."""
    spec = report(language)
    data = render_pdf(spec)
    raw = "".join(pdf_pages(data))
    assert LINE_END_HYPHEN in raw  # the narrow columns did make it hyphenate
    flat = " ".join(pdf_text(data).split())
    words: set[str] = set()
    for block in spec.blocks:
        cells = (
            [*block.header, *(c for row in block.rows for c in row)]
            if isinstance(block, Table)
            else [getattr(block, "text", "")]
        )
        for cell in cells:
            words |= set(re.findall(r"[^\W\d_]{2,}", cell))
    broken = sorted(w for w in words if w not in flat)
    assert broken == []
