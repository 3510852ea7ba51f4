"""Documents written for these tests (never taken from any corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PAGES = [
    "Republic of Chad\nArticle 7 report 2031\n\nThe national budget allocated USD 1,250,000 to the mine action "
    "centre in 2031, covering salaries and vehicles.",
    "Le Tchad sollicite l'appui de ses partenaires pour l'enquête non technique, dont le coût est estimé "
    "à 2 300 000 EUR.",
    "Las operaciones se vieron obstaculizadas por las lluvias y la inseguridad en el norte del país.",
]


def make_pdf(path: Path, pages: list[str]) -> Path:
    """Write a text PDF with one string per page (fpdf2, a dev dependency)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    """A DOCX with EN/FR/ES paragraphs, a table and one tracked change (insert kept, delete dropped)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.sections[0].header.paragraphs[
        0
    ].text = "Republic of Chad - Article 7 report"
    document.add_paragraph(
        "The national budget allocated USD 800,000 to the mine action centre in 2031."
    )
    document.add_paragraph("Les femmes représentent 40 % des équipes de déminage.")
    document.add_paragraph("El país requiere apoyo adicional para adquirir detectores.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Donor", "Amount"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Japan", "USD 400,000"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph = parse_xml(
        f'<w:p {ns}><w:r><w:t xml:space="preserve">Clearance was </w:t></w:r>'
        f'<w:del w:id="1" w:author="a" w:date="2031-01-01T00:00:00Z"><w:r><w:delText>never</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="a" w:date="2031-01-01T00:00:00Z"><w:r><w:t>finally</w:t></w:r></w:ins>'
        f'<w:r><w:t xml:space="preserve"> completed.</w:t></w:r></w:p>'
    )
    document.element.body.insert(len(document.element.body) - 1, paragraph)
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", PAGES)


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_docx(tmp_path_factory.mktemp("docx") / "report.docx")


@pytest.fixture(scope="session")
def pdf_maker():
    return make_pdf
