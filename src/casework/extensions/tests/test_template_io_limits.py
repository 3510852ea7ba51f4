"""The extension template import opens XLSX and CSV within the safe-open limits (issue 15)."""

from __future__ import annotations

import codecs
import resource

import pytest

from casework.documents.safe_open import LIMITS
from casework.documents.tests.bombs import write_bomb
from casework.extensions.template_io import TemplateError, read_template

MB = 1024 * 1024


def test_a_zip_bomb_workbook_is_refused_before_unpacking(tmp_path):
    data = write_bomb(
        tmp_path / "req.xlsx", "xl/worksheets/sheet1.xml", megabytes=300
    ).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TemplateError) as refused:
        read_template(data, "request.xlsx")
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024 < (
        100 * MB
    )
    message = str(refused.value)
    assert "request.xlsx" in message and "200 MB limit" in message


def test_a_damaged_workbook_is_refused_by_name():
    with pytest.raises(TemplateError, match="request.xlsx"):
        read_template(b"not a zip", "request.xlsx")


def test_a_utf16_csv_is_read_by_its_bom():
    text = "Request,field,value\nRequest,language,fr\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    parsed = read_template(data, "request.csv")
    assert parsed.decimal == ","


def test_a_csv_in_a_guessed_encoding_is_refused_with_what_to_do():
    data = "Request,field,value\nRequest,reference,Norvège – demande de prolongation\n"
    with pytest.raises(TemplateError) as refused:
        read_template(data.encode("cp1252"), "latin.csv")
    assert "latin.csv" in str(refused.value) and "CSV UTF-8" in str(refused.value)


def test_a_csv_over_the_row_limit_is_refused_naming_the_limit():
    rows = LIMITS.rows + 1
    data = ("Request,field,value\n" + "Budget,1,2\n" * rows).encode()
    with pytest.raises(TemplateError) as refused:
        read_template(data, "long.csv")
    assert "long.csv" in str(refused.value) and str(LIMITS.rows) in str(refused.value)
