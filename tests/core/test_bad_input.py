import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.core.model import PipelineConfig
from casework.core.run import analyse_path


def error_of(path, config=None):
    analysis = analyse_path(path, config or PipelineConfig())
    errors = [i.message for i in analysis.issues if i.severity == "error"]
    assert len(errors) == 1, analysis.issues
    message = errors[0]
    assert (
        message.startswith(path.name + ":") and "\n" not in message and ";" in message
    )
    return message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "is empty" in error_of(path)


def test_truncated_pdf(tmp_path, sample_pdf):
    path = tmp_path / "cut.pdf"
    path.write_bytes(sample_pdf.read_bytes()[:300])
    assert "cut.pdf" in error_of(path)


def test_corrupted_pdf(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert "PDF" in error_of(path)


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="o", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Secret")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    assert "password" in error_of(path)


def test_image_only_pdf_says_no_text_layer(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 200), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert "no text layer" in error_of(path) and "--ocr" in error_of(path)


def test_zero_page_pdf(tmp_path):
    path = tmp_path / "zero.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    assert "zero.pdf" in error_of(path)


@pytest.mark.slow
def test_more_than_500_pages(tmp_path, pdf_maker):
    path = pdf_maker(tmp_path / "big.pdf", ["x"] * 501)
    assert "500-page limit" in error_of(path)


def test_page_limit_is_configurable(tmp_path, sample_pdf):
    assert "1-page limit" in error_of(sample_pdf, PipelineConfig(max_pages=1))


def test_docx_zip_bomb(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<a>" + b" " * 50_000_000 + b"</a>")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert "zip bomb" in error_of(path)


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a zip archive at all")
    assert "not a zip" in error_of(path)


def test_wrong_extension_is_read_by_content_with_a_warning(tmp_path, sample_pdf):
    path = tmp_path / "report.docx"
    path.write_bytes(sample_pdf.read_bytes())
    analysis = analyse_path(path)
    assert not analysis.failed and analysis.pages == 3
    assert any("rename" in i.message for i in analysis.issues)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert "binary data" in error_of(path)


def test_latin1_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le Tchad a reçu l'appui du Japon en 2031.".encode("latin-1"))
    analysis = analyse_path(path)
    assert not analysis.failed and any(
        "not UTF-8" in i.message for i in analysis.issues
    )


def test_legacy_office_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr("casework.core.read.office.soffice_path", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    assert "LibreOffice" in error_of(path)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.binary(max_size=2000),
    cut=st.integers(min_value=0, max_value=4000),
    suffix=st.sampled_from([".pdf", ".docx", ".txt", ".html", ".doc"]),
)
def test_fuzz_broken_inputs_never_raise(
    tmp_path, sample_pdf, sample_docx, data, cut, suffix
):
    seed = (sample_pdf if suffix == ".pdf" else sample_docx).read_bytes()
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(seed[:cut] + data)
    analysis = analyse_path(path)  # must not raise
    for issue in analysis.issues:
        assert "\n" not in issue.message and issue.message.startswith("fuzz")
