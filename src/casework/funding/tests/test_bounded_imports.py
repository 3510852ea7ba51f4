"""Funding imports open files through documents.safe_open: limits, encodings."""

import csv
import functools
import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from casework.documents import safe_open
from casework.documents.safe_open import Limits
from casework.documents.tests.bombs import write_bomb
from casework.funding import table_import
from casework.funding.models import Contribution, ImportBatch

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, whatever an earlier test's request activated."""
    with translation.override("en"):
        yield


HEADER = table_import.CONTRIBUTION_COLUMNS
NORWAY_FR = ["Norvège", *table_import.CONTRIBUTION_EXAMPLE[1:]]


def _csv(rows, *, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def test_an_xlsx_zip_bomb_is_refused_with_the_limit_named(tmp_path):
    path = write_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", megabytes=300)
    data = path.read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(table_import.TableError) as refused:
            table_import.parse_contributions(data, filename="bomb.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * MB
    assert "bomb.xlsx" in str(refused.value) and "200 MB" in str(refused.value)


def test_a_latin1_csv_keeps_its_accents_and_says_how_it_was_read():
    rows = [NORWAY_FR, [*NORWAY_FR[:12], "Déminage à Cuando Cubango, près de Menongue"]]
    parsed = table_import.parse_contributions(
        _csv(rows, encoding="latin-1"), filename="latin.csv"
    )
    assert [row.donor_name for row in parsed.rows] == ["Norvège", "Norvège"]
    assert not any("\ufffd" in row.description for row in parsed.rows)
    assert any("latin.csv" in note and "UTF-8" in note for _w, note in parsed.notes)


def test_a_utf16_csv_is_read_with_its_columns():
    parsed = table_import.parse_contributions(
        _csv([NORWAY_FR], encoding="utf-16"), filename="excel.csv"
    )
    assert parsed.skipped == 0 and parsed.rows[0].donor_name == "Norvège"


def test_too_many_rows_are_refused_naming_the_limit():
    data = _csv([NORWAY_FR] * 12, encoding="utf-8")
    with pytest.raises(table_import.TableError, match="more than 10 rows"):
        table_import.read_table(data, filename="long.csv", limits=Limits(rows=10))


def test_the_import_page_refuses_a_bomb_with_a_message_and_no_batch(
    client, support, tmp_path
):
    path = write_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", megabytes=300)
    client.force_login(support)
    with path.open("rb") as handle:
        response = client.post(
            reverse("funding:imports"),
            {"kind": "table", "file": handle, "decimal_mark": ""},
            follow=True,
        )
    assert response.status_code == 200
    assert "bomb.xlsx" in response.content.decode()
    assert ImportBatch.objects.count() == 0 and Contribution.objects.count() == 0


def test_the_import_page_refuses_a_file_over_the_size_limit_before_reading_it(
    client, support, monkeypatch
):
    small = functools.partial(safe_open.check_size, limits=Limits(compressed_bytes=100))
    monkeypatch.setattr("casework.funding.views.imports.check_size", small)
    client.force_login(support)
    data = _csv([NORWAY_FR] * 3, encoding="utf-8")
    response = client.post(
        reverse("funding:imports"),
        {
            "kind": "table",
            "file": SimpleUploadedFile("big.csv", data),
            "decimal_mark": "",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "big.csv" in body and "MB limit" in body
    assert ImportBatch.objects.count() == 0


def test_a_file_over_the_web_import_limit_is_refused_naming_it():
    data = _csv([NORWAY_FR] * (table_import.IMPORT_LIMITS.rows + 1), encoding="utf-8")
    with pytest.raises(table_import.TableError, match="more than 5000 rows"):
        table_import.parse_contributions(data, filename="big.csv")


def test_a_failed_save_leaves_no_empty_batch(client, support, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("casework.funding.views.imports.save_rows", broken)
    client.force_login(support)
    data = _csv([NORWAY_FR], encoding="utf-8")
    with pytest.raises(RuntimeError):
        client.post(
            reverse("funding:imports"),
            {
                "kind": "table",
                "file": SimpleUploadedFile("a.csv", data),
                "decimal_mark": "",
            },
        )
    assert ImportBatch.objects.count() == 0
