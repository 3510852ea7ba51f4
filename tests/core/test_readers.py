import pytest

from casework.core.model import PassageKind, PipelineConfig
from casework.core.read import read_document
from casework.core.segment import segment


def test_pdf_pages_keep_their_numbers_and_accents(sample_pdf):
    source = read_document(sample_pdf, PipelineConfig())
    assert len(source.pages) == 3
    assert "USD 1,250,000" in source.pages[0].text
    assert "sollicite l'appui" in " ".join(source.pages[1].text.split())
    assert "obstaculizadas" in source.pages[2].text


def test_docx_reads_header_table_and_keeps_insertions_only(sample_docx):
    source = read_document(sample_docx, PipelineConfig())
    text = "\n".join(p.text for p in source.pages)
    assert "Republic of Chad - Article 7 report" in text
    assert "Japan | USD 400,000" in text
    assert "Clearance was finally completed." in text
    assert "never" not in text


def test_corpus_header_is_a_hint_and_pages_split_on_form_feed(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "id: 1\nlanguage: fr\nstate: TCD\n---\nPremière page.\fDeuxième page.",
        encoding="utf-8",
    )
    source = read_document(path, PipelineConfig())
    assert (source.state_hint, source.language_hint) == ("TCD", "fr")
    assert [p.text for p in source.pages] == ["Première page.", "Deuxième page."]


def test_segmenter_recognises_headings_contents_lines_and_rows():
    from pathlib import Path

    from casework.core.model import Page, SourceFile

    text = "2.1 Assistance received\nContents .......... 4\nJapan | USD 3\nThe State received support. It thanks Japan."
    source = SourceFile(Path("x.txt"), "0" * 64, "text", (Page(1, text),))
    kinds = [p.kind for p in segment(source)]
    assert kinds == [
        PassageKind.HEADING,
        PassageKind.TOC,
        PassageKind.TABLE_ROW,
        PassageKind.SENTENCE,
        PassageKind.SENTENCE,
    ]


@pytest.mark.slow
def test_html_reader_keeps_rows(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><h1>Title</h1><p>Women make up 30% of teams.</p>"
        "<table><tr><td>Norway</td><td>NOK 5</td></tr></table><script>x()</script></body></html>"
    )
    text = read_document(path, PipelineConfig()).pages[0].text
    assert "Norway | NOK 5" in text and "x()" not in text
