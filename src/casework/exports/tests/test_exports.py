import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from casework.domain.locale import format_date, format_money
from casework.exports import pdf
from casework.exports.docx import render_docx
from casework.exports.pdf import fit_to_font, missing_glyphs, render_pdf
from casework.exports.readback import (
    docx_footnotes,
    docx_styles,
    docx_text,
    pdf_language,
    pdf_missing_glyphs,
    pdf_text,
)
from casework.exports.spec import DocumentSpec, Heading, Paragraph, Table
from casework.exports.tables import render_csv, render_xlsx

SPEC = DocumentSpec(
    title="Rapport du Comité",
    language="fr",
    symbol="APLC/MSP.99/2030/1",
    date_line="le 1er décembre 2030",
    blocks=(
        Heading("I. Activités du Comité"),
        Paragraph(
            "Le Comité s'est réuni le 27 janvier avec la Türkiye.",
            number="1.",
            footnotes=("https://example.org/note",),
        ),
        Table(header=("État", "Montant"), rows=(("Sénégal", "1 200 000 €"),)),
        Heading("II. Actions prioritaires"),
        Paragraph("Poursuivre le dialogue.", number="2."),
    ),
)


def test_docx_has_real_headings_and_all_text():
    data = render_docx(SPEC)
    text = docx_text(data)
    for expected in (
        "Rapport du Comité",
        "APLC/MSP.99/2030/1",
        "le 1er décembre 2030",
        "1.\tLe Comité s'est réuni le 27 janvier avec la Türkiye.",
        "2.\tPoursuivre le dialogue.",
        "Sénégal | 1 200 000 €",
    ):
        assert expected in text
    # The numbers are Word's (numbering.xml), the note a Word footnote: not typed text.
    paragraphs = Document(io.BytesIO(data)).paragraphs
    assert not any(p.text.startswith(("1.", "2.")) for p in paragraphs)
    assert docx_footnotes(data) == ["https://example.org/note"]
    styles = docx_styles(data)
    assert "Title" in styles and styles.count("Heading 1") == 2


def test_pdf_has_a_text_layer_with_accents():
    text = pdf_text(render_pdf(SPEC))
    assert "Rapport du Comité" in text
    assert "Türkiye" in text and "Sénégal" in text
    assert "II. Actions prioritaires" in text


def test_csv_and_xlsx_keep_accents():
    assert render_csv(("État",), [("Côte d'Ivoire",)]).decode(
        "utf-8-sig"
    ).splitlines() == ["État", "Côte d'Ivoire"]
    workbook = load_workbook(
        io.BytesIO(render_xlsx({"Données": (("État", "n"), [("Sénégal", 3)])}))
    )
    assert [[c.value for c in row] for row in workbook["Données"].rows] == [
        ["État", "n"],
        ["Sénégal", 3],
    ]


FRENCH_FIGURES = DocumentSpec(
    title="Observations préliminaires",
    language="fr",
    date_line=format_date(dt.date(2025, 12, 1), "fr"),
    blocks=(
        Paragraph(
            "Le Sénégal a consacré "
            + format_money(3_000_000, "USD", "fr")
            + " au déminage ; il le précise\u202f!",
            number="1.",
        ),
        Table(
            header=("État", "Montant"), rows=(("Sénégal", "3\u00a0000\u00a0000 USD"),)
        ),
    ),
)


def test_pdf_with_no_break_spaces_and_french_dates_reads_back():
    assert format_money(3_000_000, "USD", "fr") == "3\u00a0000\u00a0000\u00a0USD"
    assert FRENCH_FIGURES.date_line == "1er décembre 2025"
    data = render_pdf(FRENCH_FIGURES)
    text = pdf_text(data).replace("\u00a0", " ")
    assert "3 000 000 USD" in text
    assert "1er décembre 2025" in text
    assert "précise !" in text
    assert pdf_missing_glyphs(data) == 0


def test_characters_the_fonts_lack_would_be_boxes_without_fit_to_font(monkeypatch):
    spec = DocumentSpec(title="T", blocks=(Paragraph("Rapport 2025 \u4e2d"),))
    assert pdf_missing_glyphs(render_pdf(spec)) == 0
    monkeypatch.setattr(pdf, "fit_to_font", lambda text: text)
    assert pdf_missing_glyphs(render_pdf(spec)) == 1


@pytest.mark.parametrize(
    ("text", "fitted"),
    [
        ("3\u202f000\u202f000", "3\u202f000\u202f000"),
        ("« mot\u202f»", "« mot\u202f»"),
        ("2025\u20112026", "2025\u20112026"),
        ("Türkiye, Côte d'Ivoire, São Tomé", "Türkiye, Côte d'Ivoire, São Tomé"),
        ("✓ – …", "✓ – …"),
        ("Ṣ", "Ṣ"),
        ("\u4e2d", "?"),
    ],
)
def test_fit_to_font_keeps_what_the_fonts_draw(text, fitted):
    assert fit_to_font(text) == fitted
    assert missing_glyphs(fit_to_font(text)) == set()


def test_every_state_name_is_drawable_in_the_pdf_fonts():
    from casework.domain.state_names import table

    names = {
        n
        for row in table().values()
        for n in (*row.names.values(), *row.short.values())
    }
    assert {name: missing_glyphs(name) for name in names if missing_glyphs(name)} == {}


@pytest.mark.parametrize(
    ("language", "tag"), [("en", "en-GB"), ("fr", "fr-FR"), ("es", "es-ES")]
)
def test_documents_carry_their_language(language, tag):
    spec = DocumentSpec(
        title="Observaciones preliminares",
        language=language,
        blocks=(
            Heading("I. Desafíos y necesidades"),
            Paragraph("¿Cuántos? " + format_money(1_250_000, "USD", language)),
        ),
    )
    data = render_pdf(spec)
    assert pdf_language(data) == tag
    assert "Observaciones preliminares" in pdf_text(data)
    word = render_docx(spec)
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        styles = package.read("word/styles.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert f'w:lang w:val="{tag}"' in styles
    assert f"<dc:language>{tag}</dc:language>" in core
    # French typography puts a narrow no-break space before "?"; the others do not.
    expected = "¿Cuántos\u202f?" if language == "fr" else "¿Cuántos?"
    assert expected in docx_text(word)


def test_notes_are_word_footnotes_in_every_language():
    spec = DocumentSpec(
        title="Informe",
        language="es",
        blocks=(Paragraph("Texto.", footnotes=("Véase https://example.org",)),),
    )
    data = render_docx(spec)
    assert docx_footnotes(data) == ["Véase https://example.org"]
    assert "Notas" not in docx_text(data)
