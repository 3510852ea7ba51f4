"""Text fidelity of the readers, on files each test builds (all sentences invented here)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from casework.core.model import PipelineConfig
from casework.core.read import read_document
from casework.core.read.pdf import clean_page_text, clean_pages
from casework.core.run import analyse_path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_RELATIONS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)


def text_of(path: Path) -> list[str]:
    return [page.text for page in read_document(path, PipelineConfig()).pages]


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def write_docx(
    path: Path,
    body: str,
    *,
    footnotes: str = "",
    endnotes: str = "",
    strict: bool = False,
) -> Path:
    """A DOCX zipped by hand, so that it can hold what python-docx cannot write."""
    w = STRICT_W if strict else W
    types = STRICT_RELATIONS if strict else RELATIONS
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    open_tag = f'xmlns:w="{w}" xmlns:r="{types}" {NAMESPACES}'
    parts = {
        "[Content_Types].xml": head
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": head + f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{types}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": head
        + f"<w:document {open_tag}><w:body>{body}<w:sectPr/></w:body></w:document>",
    }
    relations = []
    if footnotes:
        parts["word/notes-a.xml"] = (
            head + f"<w:footnotes {open_tag}>{footnotes}</w:footnotes>"
        )
        relations.append(("footnotes", "notes-a.xml"))
    if endnotes:
        parts["word/notes-b.xml"] = (
            head + f"<w:endnotes {open_tag}>{endnotes}</w:endnotes>"
        )
        relations.append(("endnotes", "notes-b.xml"))
    parts["word/_rels/document.xml.rels"] = (
        head
        + f'<Relationships xmlns="{PACKAGE}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{types}/{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(relations, start=2)
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return path


SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
)


def note(kind: str, number: int, text: str) -> str:
    mark = (
        "<w:r><w:footnoteRef/></w:r>"
        if kind == "footnote"
        else "<w:r><w:endnoteRef/></w:r>"
    )
    return f'<w:{kind} w:id="{number}"><w:p>{mark}{run(" " + text)}</w:p></w:{kind}>'


# 1. Line-end hyphenation in PDFs


def test_pdf_words_hyphenated_at_line_ends_are_joined(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    for line in (
        "The treasury covered the whole finan-",
        "cial cost of the survey of the na-",
        "tional parks. The north-",
        "South corridor opened in 2031 after 12-",
        "14 months of work by the pro-",
        "vincial teams.",
    ):
        pdf.cell(0, 6, line)
        pdf.ln()
    path = tmp_path / "hyphens.pdf"
    pdf.output(str(path))
    (text,) = text_of(path)
    assert "whole financial cost" in text and "the national parks." in text
    assert "The north-South corridor" in text  # a capital after it: a real compound
    assert "12-\n14 months" in text  # digits are not a word
    assert "the provincial teams." in text  # pdfium drops that line break itself
    assert "\ufffe" not in text and "\x02" not in text
    analysis = analyse_path(path)
    assert not analysis.failed and "financial cost" in analysis.text


def test_plain_and_soft_hyphens_at_line_ends():
    # What older pdfium builds and other extractors give: the hyphen and the line break.
    assert clean_page_text("the finan-\ncial year, then") == "the financial\nyear, then"
    assert clean_page_text("the so-\r\ncial, economic") == "the social,\neconomic"
    assert (
        clean_page_text("the inter\u00ad\nnational plan") == "the international\nplan"
    )
    assert clean_page_text("a North-\nSouth road") == "a North-\nSouth road"
    assert clean_page_text("Items:\n- first\n- second") == "Items:\n- first\n- second"
    # A compound the document prints whole elsewhere keeps its hyphen at a line end.
    assert clean_pages(["a well-known site", "another well-\nknown site"])[1] == (
        "another well-\nknown site"
    )


# 2. Footnotes and endnotes in DOCX


def test_docx_text_only_in_a_footnote_is_read(tmp_path):
    path = write_docx(
        tmp_path / "footnote.docx",
        para("<w:r><w:footnoteReference w:id='2'/></w:r>"),
        footnotes=SEPARATORS
        + note(
            "footnote", 2, "The ministry paid the survey teams from its own budget."
        ),
    )
    assert text_of(path) == [
        "[1] The ministry paid the survey teams from its own budget."
    ]
    analysis = analyse_path(path)
    assert not analysis.failed


def test_docx_footnotes_follow_their_page_and_endnotes_the_document(tmp_path):
    body = (
        para(
            run("Clearance resumed in the valley."),
            "<w:r><w:footnoteReference w:id='5'/></w:r>",
        )
        + para(
            '<w:r><w:br w:type="page"/></w:r>', run("Two villages were handed back.")
        )
        + para(
            run("The last report is attached"),
            "<w:r><w:footnoteReference w:id='7'/></w:r>",
            "<w:r><w:endnoteReference w:id='3'/></w:r>",
            run("."),
        )
    )
    path = write_docx(
        tmp_path / "notes.docx",
        body,
        footnotes=SEPARATORS
        + note("footnote", 5, "After the rains ended in early spring.")
        + note("footnote", 7, "It was sent to the donors in June."),
        endnotes=note("endnote", 3, "Figures for the valley are provisional."),
    )
    first, second = text_of(path)
    assert (
        first
        == "Clearance resumed in the valley.\n[1] After the rains ended in early spring."
    )
    assert second.endswith(
        "The last report is attached.\n[2] It was sent to the donors in June.\n"
        "[i] Figures for the valley are provisional."
    )


# 3. Text boxes and nested tables in DOCX


def text_box(text: str) -> str:
    content = f"<w:txbxContent>{para(run(text))}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def cell(*blocks: str) -> str:
    return f"<w:tc>{''.join(blocks)}</w:tc>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows) + "</w:tbl>"


def test_docx_text_box_is_read_once_on_its_own_line(tmp_path):
    body = para(
        run("The team painted the "),
        text_box("Benchmark stone B-4"),
        run("marker before the survey began."),
    )
    (text,) = text_of(write_docx(tmp_path / "box.docx", body))
    assert (
        text
        == "The team painted the marker before the survey began.\nBenchmark stone B-4"
    )


def test_docx_nested_table_cells_appear_once(tmp_path):
    inner = table(
        [cell(para(run("Northern district"))), cell(para(run("14 hectares")))],
        [cell(para(run("Eastern district"))), cell(para(run("9 hectares")))],
    )
    body = table(
        [cell(para(run("Province"))), cell(para(run("Area released")), inner)],
        [cell(para(run("Lakeside"))), cell(para(run("none")))],
    )
    (text,) = text_of(write_docx(tmp_path / "nested.docx", body))
    for piece in (
        "Northern district",
        "14 hectares",
        "Eastern district",
        "9 hectares",
        "Province",
    ):
        assert text.count(piece) == 1, text
    assert text.splitlines() == [
        "Province | Area released Northern district 14 hectares Eastern district 9 hectares",
        "Lakeside | none",
    ]


# 4. Strict OOXML and special run content


def test_strict_docx_with_symbols_and_special_characters(tmp_path):
    body = para(
        run("Checked"),
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
        run(" the anti"),
        "<w:r><w:noBreakHyphen/></w:r>",
        run("personnel stock of de"),
        "<w:r><w:softHyphen/></w:r>",
        run("tonators"),
        '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>',
        run(" 40 boxes."),
    ) + para(
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/></w:r>',
        run("Team A"),
        "<w:r><w:br/></w:r>",
        run("Team B"),
        "<w:r><w:cr/></w:r>",
        run("Team C"),
        "<w:r><w:footnoteReference w:id='1'/></w:r>",
    )
    footnotes = note("footnote", 1, "Counted by the storekeeper.")
    path = write_docx(tmp_path / "strict.docx", body, footnotes=footnotes, strict=True)
    (text,) = text_of(path)
    assert text.splitlines() == [
        "Checked✓ the anti-personnel stock of detonators≥ 40 boxes.",
        "•\tTeam A",
        "Team B",
        "Team C",
        "[1] Counted by the storekeeper.",
    ]
    assert not analyse_path(path).failed


# 5. Ligatures in PDFs


def test_pdf_ligatures_are_spelled_out(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    # Helvetica maps no Unicode to codes under 0x20, so pdfium returns the codes as they
    # are, like a subset font whose ligatures were numbered by its producer.
    fi, fl, ff, ffi = "\x1f", "\x1e", "\x1c", "\x1d"
    pdf.multi_cell(
        0,
        6,
        f"The {fi}eld teams {fi}led their {fi}nal reports with the o{ffi}ce. A {fl}ood "
        f"a{ff}ected the {fi}rst district, and e{ff}orts to reach the villages were "
        f"di{ffi}cult. Five of the {fi}les were lost.\x01",
    )
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(
        0, 6, "The \ufb01nal survey \ufb02agged a con\ufb02ict over \ufb01elds."
    )
    path = tmp_path / "ligatures.pdf"
    pdf.output(str(path))
    first, second = text_of(path)
    assert " ".join(first.split()) == (
        "The field teams filed their final reports with the office. A flood affected "
        "the first district, and efforts to reach the villages were difficult. Five of "
        "the files were lost."
    )
    assert second == "The final survey flagged a conflict over fields."
    assert not re.search("[\x00-\x08\x0b-\x1f]", first + second)


def test_stray_control_characters_never_reach_the_text():
    text = clean_page_text("Totals\x01 for 2031\x0c:\tsee the annex\x07.")
    assert text == "Totals for 2031:\tsee the annex."


# 6. Pages pdfium cannot load


def fail_textpage(monkeypatch):
    def broken(self):
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdfium.PdfPage, "get_textpage", broken)


BORDER = ["The authority finished the survey of the border area."]


def test_page_load_failure_is_one_line_with_a_next_step(
    tmp_path, monkeypatch, pdf_maker
):
    path = pdf_maker(tmp_path / "broken.pdf", BORDER)
    fail_textpage(monkeypatch)
    monkeypatch.setattr("casework.core.read.pdf.shutil.which", lambda name: None)
    analysis = analyse_path(path)
    (message,) = [i.message for i in analysis.issues if i.severity == "error"]
    assert message.startswith(
        "broken.pdf: has a page the PDF library cannot load (page 1"
    )
    assert "\n" not in message and "unexpected" not in message
    assert "save or print it to a new PDF" in message and "poppler-utils" in message


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)
def test_pdftotext_reads_what_pdfium_cannot(tmp_path, monkeypatch, pdf_maker):
    path = pdf_maker(tmp_path / "rescued.pdf", BORDER)
    fail_textpage(monkeypatch)
    analysis = analyse_path(path)
    assert not analysis.failed, analysis.issues
    assert "finished the survey of the border area." in analysis.text
    assert any("pdftotext" in i.message for i in analysis.issues)


# 7. Text files with a UTF-16 byte-order mark


def test_invalid_utf16_is_one_line_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xff\xfe" + b"\x00\xdc" * 40 + "Fin.".encode("utf-16-le"))
    (message,) = [i.message for i in analyse_path(path).issues if i.severity == "error"]
    assert message.startswith("notes.txt: starts with a UTF-16 byte-order mark")
    assert "not valid UTF-16" in message and "save it again as UTF-8" in message
    assert "\n" not in message


def test_utf16_cut_short_is_read_with_a_warning(tmp_path):
    path = tmp_path / "cut.txt"
    text = "The valley was declared free of mines in 2031."
    path.write_bytes(text.encode("utf-16") + b"\x00")
    analysis = analyse_path(path)
    assert not analysis.failed and text in analysis.text
    assert any("UTF-16" in i.message for i in analysis.issues)


def test_a_symbol_code_before_letters_is_not_read_as_a_ligature():
    from casework.core.read.glyphs import repair_glyph_codes

    pages = ["The bound \x06f(x) \x06 holds, and \x06g\x06 is small; \x06z is near."]
    repaired = repair_glyph_codes(pages)[0]
    assert "fif" not in repaired and "\x06" not in repaired
    assert "holds" in repaired
