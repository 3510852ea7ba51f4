"""Benchmark (not a test): pages/s for raw PDF text extraction and for the whole analysis.

Builds a 200-page multilingual PDF and a 60-page DOCX in a temporary folder, then prints
pages per second and peak memory (resource.getrusage ru_maxrss: peak resident set size
of this process, so it includes the interpreter and the PDF builder).
Times are the CPU time of this one process (time.process_time), the best of seven rounds
in which raw extraction and analysis take turns: on a shared machine wall-clock time
measures the neighbours.
The learned reader remembers embeddings by passage hash, and this document repeats its
paragraphs, so "analysis" embeds each distinct passage once; the "empty embedding cache"
figure embeds every candidate passage afresh, as a document of all-new text would.
Run: PYTHONPATH=src .venv/bin/python bench/analyse.py
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pypdfium2 as pdfium

from casework.core.indicators.learned import encoder
from casework.core.model import PipelineConfig
from casework.core.run import analyse_path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PARAGRAPHS = {
    "en": [
        "In 2031 the national budget of the Republic of Chad allocated USD 2,450,000 to the mine action centre, "
        "covering salaries, vehicles and the field operations of the army engineers.",
        "Survey teams were hampered by heavy rains and by insecurity along the northern border, and 14 new "
        "hazardous areas covering 1,203,400 m² were recorded after returnees reported accidents.",
        "The centre requires additional support of about USD 6.2 million to meet its annual milestones, in "
        "particular two mechanical assets and training for quality management staff.",
        "With the support of the Kingdom of the Netherlands and Japan, operators cleared 3.4 km² of farmland.",
    ],
    "fr": [
        "Le Gouvernement a alloué en 2031 un budget de 450 millions de francs CFA au centre national, qui "
        "prend en charge les salaires des démineurs et les locaux.",
        "Les équipes comptent désormais 38 % de femmes et les données sur les victimes sont ventilées par sexe "
        "et par âge, conformément à la politique nationale de genre.",
        "Une réunion de coordination réunissant l'autorité nationale, les bailleurs et les opérateurs s'est tenue "
        "en mars pour examiner les progrès du plan de travail et ses jalons annuels.",
    ],
    "es": [
        "El centro organizó una visita de intercambio con técnicos de Paraguay, en el marco de la cooperación "
        "sur-sur, para compartir su experiencia en gestión de la información.",
        "La estrategia de movilización de recursos prevé una mesa de donantes y la participación del sector "
        "privado mediante un fondo fiduciario, con una meta de USD 3,5 millones.",
        "Quedan por liberar 1.593.487 m² en tres departamentos, según el plan de trabajo 2032-2036.",
    ],
}


def build_pdf(path: Path, pages: int) -> None:
    """A realistic report: heading, numbered sections, prose in three languages, a table."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=10)
    languages = list(PARAGRAPHS)
    for number in range(pages):
        pdf.add_page()
        lang = languages[number % 3]
        pdf.set_font("dejavu", size=13)
        pdf.cell(
            0,
            8,
            f"Republic of Chad — Article 7 report — section {number + 1}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("dejavu", size=10)
        for repeat in range(4):
            for paragraph in PARAGRAPHS[lang]:
                pdf.multi_cell(
                    0,
                    5,
                    paragraph if repeat % 2 == 0 else paragraph.replace("2031", "2030"),
                )
                pdf.ln(1)
        pdf.cell(0, 5, "Donor | Operator | Amount", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(
            0,
            5,
            "Japan | The HALO Trust | USD 1,250,000",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.output(str(path))


def build_docx(path: Path, pages: int) -> None:
    """A DOCX with page breaks, paragraphs and a small table on each page."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    languages = list(PARAGRAPHS)
    for number in range(pages):
        document.add_heading(f"{number + 1}. Section", level=2)
        for paragraph in PARAGRAPHS[languages[number % 3]] * 3:
            document.add_paragraph(paragraph)
        table = document.add_table(rows=2, cols=3)
        for cell, value in zip(
            table.rows[0].cells, ("Donor", "Operator", "Amount"), strict=True
        ):
            cell.text = value
        for cell, value in zip(
            table.rows[1].cells, ("Norway", "NPA", "NOK 4,500,000"), strict=True
        ):
            cell.text = value
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))


def raw_extraction(path: Path) -> int:
    """Text of every page with pypdfium2 and nothing else; returns the page count."""
    document = pdfium.PdfDocument(str(path))
    count = len(document)
    for index in range(count):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()
    return count


def best_rates(runs: dict[str, object], rounds: int = 7) -> dict[str, float]:
    """Least CPU time of each run over a few rounds, taken in turn (the machine is shared:
    taking them in turn gives each the same chances of a quiet moment)."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.process_time()
            run()  # type: ignore[operator]
            best[name] = min(best[name], time.process_time() - start)
    return best


def main() -> None:
    """Build the documents, time raw extraction and full analysis, print the figures."""
    config = PipelineConfig()
    with tempfile.TemporaryDirectory() as tmp:
        pdf_path, docx_path = Path(tmp) / "bench.pdf", Path(tmp) / "bench.docx"
        build_pdf(pdf_path, 200)
        build_docx(docx_path, 60)
        result = analyse_path(pdf_path, config)
        assert not result.failed, result.issues
        docx_result = analyse_path(docx_path, config)
        rules_only = PipelineConfig(model=False)

        def cold() -> None:
            encoder().forget()  # every passage embedded again, as in a new document
            analyse_path(pdf_path, config)

        best = best_rates(
            {
                "raw": lambda: raw_extraction(pdf_path),
                "analysis": lambda: analyse_path(pdf_path, config),
                "cold": cold,
                "rules": lambda: analyse_path(pdf_path, rules_only),
                "docx": lambda: analyse_path(docx_path, config),
            }
        )
        raw, analysis = 200 / best["raw"], 200 / best["analysis"]
        docx_rate = docx_result.pages / best["docx"]
        present = sum(f.present for f in result.findings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"pdf: 200 pages, {present} indicators present, {len(result.figures.money)} amounts"
    )
    print(f"docx: {docx_result.pages} pages, analysis {docx_rate:.0f} pages/s")
    print(
        f"rules only {200 / best['rules']:.0f} pages/s; with the learned reader and an "
        f"empty embedding cache {200 / best['cold']:.0f} pages/s"
    )
    print(
        f"analysis {analysis:.0f} pages/s raw {raw:.0f} pages/s ratio {analysis / raw:.2f} peak {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
