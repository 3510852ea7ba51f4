import io

from openpyxl import load_workbook

from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.readback import docx_styles, docx_text, pdf_text
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
        "Sénégal | 1 200 000 €",
        "1. https://example.org/note",
    ):
        assert expected in text
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
