"""Safe opening of uploaded office files and CSV: limits checked before unpacking."""

from __future__ import annotations

import io
import resource
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from casework.documents.safe_open import (
    Budget,
    FileRefused,
    Limits,
    check_zip,
    csv_rows,
    open_docx,
    read_csv,
    workbook_rows,
)
from casework.documents.tests.bombs import write_bomb

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, whatever an earlier test's request activated."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "report.docx"
    return write_bomb(path, "word/document.xml")


def _never_unpack(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)


def test_a_1_mb_zip_bomb_is_refused_before_unpacking_with_little_memory(
    docx_bomb, monkeypatch
):
    data = docx_bomb.read_bytes()
    assert len(data) < 2 * MB
    _never_unpack(monkeypatch)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused) as refused:
            check_zip(data, filename="report.docx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert peak < 100 * MB and rss_growth * 1024 < 100 * MB
    message = str(refused.value)
    assert refused.value.limit == "unpacked"
    assert "report.docx" in message and "1024 MB" in message and "200 MB" in message


def test_the_xml_parts_have_their_own_limit(tmp_path, monkeypatch):
    data = write_bomb(tmp_path / "long.docx", "word/document.xml", megabytes=80)
    _never_unpack(monkeypatch)
    with pytest.raises(FileRefused) as refused:
        check_zip(data.read_bytes(), filename="long.docx", limits=Limits(ratio=10**6))
    assert refused.value.limit == "xml" and "64 MB" in str(refused.value)


def test_open_docx_reads_a_real_document_and_refuses_a_bomb(docx_bomb):
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Rapport de la Norvège")
    document.save(buffer)
    opened = open_docx(buffer.getvalue(), filename="ok.docx")
    assert opened.paragraphs[0].text == "Rapport de la Norvège"
    with pytest.raises(FileRefused, match="report.docx"):
        open_docx(docx_bomb.read_bytes(), filename="report.docx")


def test_the_ratio_limit_catches_a_bomb_under_the_size_limit(tmp_path, monkeypatch):
    data = write_bomb(tmp_path / "small.xlsx", "xl/worksheets/sheet1.xml", megabytes=50)
    _never_unpack(monkeypatch)
    with pytest.raises(FileRefused) as refused:
        check_zip(data.read_bytes(), filename="small.xlsx")
    assert refused.value.limit == "ratio" and "small.xlsx" in str(refused.value)


def test_compressed_size_and_member_count_are_limited():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(12):
            archive.writestr(f"part{number}.xml", "<x/>")
    data = buffer.getvalue()
    with pytest.raises(FileRefused) as members:
        check_zip(data, filename="many.docx", limits=Limits(members=10))
    assert members.value.limit == "members" and "12" in str(members.value)
    with pytest.raises(FileRefused) as size:
        check_zip(data, filename="big.docx", limits=Limits(compressed_bytes=100))
    assert size.value.limit == "compressed" and "big.docx" in str(size.value)
    assert check_zip(data, filename="fine.docx").namelist()[0] == "part0.xml"


def test_a_file_that_is_not_a_zip_is_refused_by_name():
    with pytest.raises(FileRefused, match="notes.docx"):
        check_zip(b"plain text, not a zip", filename="notes.docx")


def _workbook(rows: int, columns: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for number in range(rows):
        sheet.append([f"r{number}c{c}" for c in range(columns)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_rows_and_cells_are_counted_while_streaming():
    data = _workbook(30, 4)
    rows = workbook_rows(data, filename="ok.xlsx")
    assert len(rows["Sheet"]) == 30 and rows["Sheet"][29][3] == "r29c3"
    with pytest.raises(FileRefused) as too_many_rows:
        workbook_rows(data, filename="rows.xlsx", limits=Limits(rows=20))
    assert too_many_rows.value.limit == "rows" and "20" in str(too_many_rows.value)
    with pytest.raises(FileRefused) as too_many_cells:
        workbook_rows(data, filename="cells.xlsx", limits=Limits(cells=50))
    assert too_many_cells.value.limit == "cells"


@pytest.mark.parametrize(
    ("data", "encoding", "guessed"),
    [
        ("donor,amount\nNorvège,10\n".encode(), "utf-8", False),
        ("\ufeffdonor,amount\nNorvège,10\n".encode(), "utf-8-sig", False),
        ("donor,amount\nNorvège,10\n".encode("utf-16"), "utf-16", False),
    ],
)
def test_csv_encoding_from_bom_or_utf8(data, encoding, guessed):
    read = read_csv(data, filename="f.csv")
    assert read.encoding == encoding and read.guessed is guessed
    assert "Norvège" in read.text and not read.text.startswith("\ufeff")


def test_a_latin1_csv_is_read_and_said_to_be_guessed():
    data = (
        "donor,recipient,description\n"
        "Norvège,Sénégal,Déminage et éducation aux risques à Ziguinchor\n"
        "Côte d'Ivoire,Pérou,Assistance aux victimes, réhabilitation\n"
    ).encode("latin-1")
    read = read_csv(data, filename="latin.csv")
    assert read.guessed and "Norvège" in read.text and "\ufffd" not in read.text
    assert "latin.csv" in read.note("latin.csv")


def test_csv_rows_are_limited_and_a_broken_line_is_named():
    text = "a,b\n" + "1,2\n" * 30
    assert len(list(csv_rows(text, Budget("f.csv")))) == 31
    with pytest.raises(FileRefused) as refused:
        list(csv_rows(text, Budget("f.csv", Limits(rows=10))))
    assert refused.value.limit == "rows" and "f.csv" in str(refused.value)
    with pytest.raises(FileRefused, match="line"):
        list(csv_rows("a\n" + "x" * 200_000 + "\n", Budget("wide.csv")))


def test_an_uploaded_file_object_is_checked_without_reading_it_whole(docx_bomb):
    upload = SimpleUploadedFile("report.docx", docx_bomb.read_bytes())
    with pytest.raises(FileRefused, match="report.docx"):
        check_zip(upload.file, filename="report.docx")
