"""Funding imports open files through documents.safe_open: limits, encodings."""

import csv
import errno
import functools
import io
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from casework.documents import safe_open
from casework.documents.safe_open import Limits
from casework.documents.tests.bombs import write_bomb
from casework.funding import table_import
from casework.funding.models import ImportBatch

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


def test_the_import_page_refuses_a_file_over_the_size_limit_before_reading_it(
    client, support, monkeypatch, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
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
    assert not (tmp_path / "funding-imports").exists()  # not even stored


def test_a_rates_file_over_the_web_limit_is_refused_naming_it():
    # Exchange rates are still read in the request: 5,000 rows at most.
    limit = table_import.WEB_LIMITS.rows
    data = (
        "currency,year,units_per_usd,source\n" + "EUR,2024,0.92,x\n" * limit
    ).encode()
    with pytest.raises(table_import.TableError, match=f"more than {limit} rows"):
        table_import.parse_rates(data, filename="rates.csv")


def test_a_batch_that_cannot_be_saved_leaves_no_stored_file(
    client, support, monkeypatch, settings, tmp_path
):
    settings.DATA_DIR = tmp_path

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ImportBatch.objects, "create", broken)
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
    assert list((tmp_path / "funding-imports").iterdir()) == []


def test_a_full_disk_while_storing_says_so_and_keeps_nothing(
    client, support, monkeypatch, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    real_open = Path.open

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, chunk):
            self.handle.write(chunk[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    def opening(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return FullDisk(handle) if "w" in mode else handle

    monkeypatch.setattr(Path, "open", opening)
    client.force_login(support)
    response = client.post(
        reverse("funding:imports"),
        {
            "kind": "table",
            "file": SimpleUploadedFile("a.csv", _csv([NORWAY_FR], encoding="utf-8")),
            "decimal_mark": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "a.csv could not be stored (No space left on device)" in body
    assert ImportBatch.objects.count() == 0
    assert list((tmp_path / "funding-imports").iterdir()) == []
