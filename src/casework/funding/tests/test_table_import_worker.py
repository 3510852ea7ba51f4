"""Issue 15: the CSV/XLSX table import runs in the worker, with a progress bar.

The web request stores the file and queues it; the worker checks the whole file, then
saves its rows in chunks; a failure leaves the batch failed and nothing in the ledger.
"""

import csv
import datetime as dt
import io
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation

from casework.documents.safe_open import Limits
from casework.exports.tables import render_xlsx
from casework.funding import importing, table_import
from casework.funding.models import Contribution, ImportBatch

pytestmark = pytest.mark.django_db

HEADER = table_import.CONTRIBUTION_COLUMNS
GOOD = list(table_import.CONTRIBUTION_EXAMPLE)
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def rows(count: int, *, amount: str = "1500000", start: int = 0) -> list[list[str]]:
    """`count` template rows, each its own row key, amounts as given."""
    return [
        [*GOOD[:5], amount, *GOOD[6:12], f"Clearance {n}", GOOD[13], f"K-{n}"]
        for n in range(start, start + count)
    ]


def csv_bytes(body: list[list[str]], *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(body)
    return buffer.getvalue().encode(encoding)


def upload(client, data: bytes, name: str, **fields):
    """POST the table form; the on-commit enqueue runs, the task does not."""
    return client.post(
        reverse("funding:imports"),
        {
            "kind": "table",
            "file": SimpleUploadedFile(name, data),
            "decimal_mark": "",
            **fields,
        },
    )


def stored_files(settings) -> list[Path]:
    folder = Path(settings.DATA_DIR) / "funding-imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_upload_returns_before_any_row_is_read_and_the_worker_imports_it(
    client,
    support,
    run_queued_tasks,
    monkeypatch,
    settings,
    django_capture_on_commit_callbacks,
):
    data = csv_bytes(rows(6_000))  # over the old in-request cap of 5,000 rows
    client.force_login(support)

    def no_reading(*args, **kwargs):
        raise AssertionError("the web process read the file")

    with monkeypatch.context() as patch:
        patch.setattr(table_import, "open_table", no_reading)
        patch.setattr(table_import, "read_table", no_reading)
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(client, data, "big.csv")

    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("funding:import_detail", args=[batch.pk])
    assert batch.state == ImportBatch.State.QUEUED
    assert (batch.rows_total, batch.read_bytes, batch.size) == (0, 0, len(data))
    assert Contribution.objects.count() == 0
    assert [path.read_bytes() for path in stored_files(settings)] == [data]
    waiting = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert b"<progress" in waiting.content and b"Checking the file" in waiting.content

    run_queued_tasks()

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    assert (batch.created_count, batch.skipped_count, batch.rows_total) == (
        6_000,
        0,
        6_000,
    )
    assert Contribution.objects.filter(batch=batch).count() == 6_000
    assert stored_files(settings) == []  # the stored copy is removed once read
    done = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"  # the poll stops and the page shows the result
    page = client.get(response["Location"]).content.decode()
    assert "<dt>Added</dt><dd>6000</dd>" in page


def test_a_reimport_with_changes_waits_for_review_as_before(
    client, support, run_queued_tasks, django_capture_on_commit_callbacks
):
    client.force_login(support)
    first = render_xlsx({"contributions": (HEADER, rows(3))})
    changed = rows(3)
    changed[1][5] = "1750000"  # a corrected amount
    for data in (first, render_xlsx({"contributions": (HEADER, changed)})):
        with django_capture_on_commit_callbacks(execute=True):
            upload(client, data, "table.xlsx")
        run_queued_tasks()

    one, two = ImportBatch.objects.order_by("pk")
    assert (one.state, one.created_count) == (ImportBatch.State.DONE, 3)
    assert two.state == ImportBatch.State.REVIEW
    assert (two.created_count, two.unchanged_count) == (0, 2)
    assert [item["fields"]["amount"] for item in two.pending["changed"]] == [
        ["1500000.00", "1750000.00"]
    ]
    page = client.get(reverse("funding:import_detail", args=[two.pk])).content
    assert b"Apply the changes" in page


def queue(data: bytes, name: str, *, support, publish: bool = False) -> ImportBatch:
    """A batch as the upload view leaves it (file stored, queued), without a request."""
    return importing.queue_table(
        SimpleUploadedFile(name, data), user=support, publish=publish, decimal_mark=""
    )


def test_bad_rows_get_their_row_and_column_and_the_good_rows_are_saved(support):
    body = rows(4)
    body[2][4] = "20x4"
    batch = queue(csv_bytes(body), "mixed.csv", support=support)

    assert importing.run_table_batch(batch.pk) == 3

    batch.refresh_from_db()
    assert (batch.created_count, batch.skipped_count) == (3, 1)
    assert {"where": "row 4", "message": "year: '20x4' is not a year"} in (
        batch.messages
    )


def test_a_file_over_the_row_limit_fails_naming_the_limit_and_saves_nothing(
    support, monkeypatch
):
    monkeypatch.setattr(table_import, "IMPORT_LIMITS", Limits(rows=100))
    batch = queue(csv_bytes(rows(150)), "long.csv", support=support)

    assert importing.run_table_batch(batch.pk) == 0

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert Contribution.objects.count() == 0
    (message,) = batch.messages
    assert message["where"] == "long.csv"
    assert "more than 100 rows" in message["message"]
    assert "Nothing was imported" in message["message"]


def test_the_row_cap_is_well_beyond_the_old_request_cap():
    assert table_import.IMPORT_LIMITS.rows >= 200_000
    assert table_import.IMPORT_LIMITS.cells >= 200_000 * len(HEADER)


def test_a_database_failure_half_way_leaves_no_entry_of_the_file(support, monkeypatch):
    real = importing.save_rows
    calls = []

    def failing(chunk, **kwargs):
        calls.append(len(chunk))
        if len(calls) == 3:
            raise OperationalError("database is locked")
        return real(chunk, **kwargs)

    monkeypatch.setattr(importing, "save_rows", failing)
    batch = queue(csv_bytes(rows(1_600)), "long.csv", support=support)

    assert importing.run_table_batch(batch.pk) == 0

    batch.refresh_from_db()
    assert calls[:2] == [importing.CHUNK_ROWS, importing.CHUNK_ROWS]  # two were saved
    assert batch.state == ImportBatch.State.FAILED
    assert Contribution.objects.count() == 0 and batch.created_count == 0
    (message,) = batch.messages
    # The third chunk is rows 1,002 to 1,501 (the header is row 1).
    assert message["where"] == f"row {3 * importing.CHUNK_ROWS + 1}"
    assert "database is locked" in message["message"]
    assert "nothing was imported" in message["message"]


def test_entries_are_published_only_once_the_whole_file_is_saved(support, monkeypatch):
    real = importing.save_rows
    published_while_saving = []

    def watching(chunk, **kwargs):
        result = real(chunk, **kwargs)
        published_while_saving.append(
            Contribution.objects.filter(is_published=True).count()
        )
        return result

    monkeypatch.setattr(importing, "save_rows", watching)
    batch = queue(csv_bytes(rows(1_200)), "public.csv", support=support, publish=True)

    importing.run_table_batch(batch.pk)

    assert published_while_saving == [0, 0, 0]
    assert Contribution.objects.filter(is_published=True).count() == 1_200


def test_a_task_delivered_twice_imports_once(support):
    batch = queue(csv_bytes(rows(5)), "twice.csv", support=support)
    assert importing.run_table_batch(batch.pk) == 5
    assert importing.run_table_batch(batch.pk) == 0
    assert Contribution.objects.count() == 5


def test_an_xlsx_zip_bomb_is_refused_in_the_worker_with_bounded_memory(
    client, support, run_queued_tasks, tmp_path, django_capture_on_commit_callbacks
):
    from casework.documents.tests.bombs import write_bomb

    path = write_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", megabytes=300)
    client.force_login(support)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, path.read_bytes(), "bomb.xlsx")
    tracemalloc.start()
    try:
        run_queued_tasks()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    batch = ImportBatch.objects.get()
    assert peak < 100 * MB
    assert batch.state == ImportBatch.State.FAILED
    assert "bomb.xlsx" in batch.messages[0]["message"]
    assert "200 MB limit" in batch.messages[0]["message"]
    assert Contribution.objects.count() == 0
    page = client.get(reverse("funding:import_detail", args=[batch.pk]))
    assert "200 MB limit" in page.content.decode()


def test_a_latin1_and_a_utf16_csv_are_read_in_the_worker(support):
    french = [
        ["Norvège", *row[1:12], "Déminage près de Menongue", *row[13:]]
        for row in rows(2)
    ]
    latin = queue(csv_bytes(french, encoding="latin-1"), "latin.csv", support=support)
    utf16 = queue(
        csv_bytes(rows(2, start=10), encoding="utf-16"), "excel.csv", support=support
    )

    assert importing.run_table_batch(latin.pk) == 2
    assert importing.run_table_batch(utf16.pk) == 2

    latin.refresh_from_db()
    # "Norvège" with NOR is matched to the registry's Norway; the text stays as written.
    described = Contribution.objects.filter(description="Déminage près de Menongue")
    assert described.count() == 2
    assert not Contribution.objects.filter(description__contains="\ufffd").exists()
    assert any(
        "not UTF-8" in item["message"] and "latin.csv" in item["message"]
        for item in latin.messages
    )


def test_a_file_with_a_broken_line_half_way_fails_naming_the_line(support):
    data = csv_bytes(rows(20)) + b"x" * 200_000 + b"\n"  # over csv's field limit
    batch = queue(data, "broken.csv", support=support)

    importing.run_table_batch(batch.pk)

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert "line 22" in batch.messages[0]["message"]
    assert Contribution.objects.count() == 0


def test_the_upload_refuses_another_kind_of_file_without_storing_it(
    client, support, settings
):
    client.force_login(support)
    response = upload(client, b"<xml/>", "table.ods")
    assert response.status_code == 200
    assert "upload a .csv or .xlsx file" in response.content.decode()
    assert ImportBatch.objects.count() == 0 and stored_files(settings) == []


def test_the_progress_bar_covers_checking_then_saving():
    batch = ImportBatch(
        kind=ImportBatch.Kind.TABLE, state=ImportBatch.State.RUNNING, size=1000
    )
    batch.read_bytes = 500
    checking = batch.percent
    batch.rows_total, batch.rows_done = 200, 100
    saving = batch.percent
    batch.rows_done = 200
    assert 0 < checking < saving < batch.percent <= 100
    batch.state = ImportBatch.State.DONE
    assert batch.percent == 100


def test_the_progress_fragment_counts_the_rows_saved(client, support):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.TABLE,
        state=ImportBatch.State.RUNNING,
        filename="x.csv",
        sha256="0" * 64,
        size=1000,
        read_bytes=1000,
        rows_total=12_000,
        rows_done=3_000,
    )
    client.force_login(support)
    fragment = client.get(
        reverse("funding:import_detail", args=[batch.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<progress" in fragment
    assert f'value="{batch.percent}"' in fragment
    assert "Saving the rows: 3,000 of 12,000" in fragment


def write_large_csv(path: Path, count: int) -> Path:
    """A template CSV of `count` rows written as a stream (never whole in memory)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for start in range(0, count, 10_000):
            writer.writerows(rows(min(10_000, count - start), start=start))
    return path


def queue_path(path: Path, *, support) -> ImportBatch:
    with path.open("rb") as handle:
        return importing.queue_table(
            SimpleUploadedFile(path.name, handle.read()),
            user=support,
            publish=False,
            decimal_mark="",
        )


def test_a_100k_row_csv_is_checked_in_the_worker_with_bounded_memory(support, tmp_path):
    path = write_large_csv(tmp_path / "large.csv", 100_000)
    batch = queue_path(path, support=support)
    # Claimed, as run_table_batch does: a batch no longer running stops its reader.
    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.RUNNING)
    tracemalloc.start()
    try:
        with (
            Path(batch.stored_path).open("rb") as handle,
            tempfile.TemporaryFile() as spool,
        ):
            _mark, _notes, count = importing._check_table(batch, handle, spool)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 100_000
    # The file is 15 MB; it is read a line at a time and its rows spooled to disk.
    assert peak < 5 * MB, f"peak {peak / MB:.1f} MB"


@pytest.mark.slow
def test_a_100k_row_csv_imports_in_the_worker(support, tmp_path):
    batch = queue_path(
        write_large_csv(tmp_path / "large.csv", 100_000), support=support
    )

    assert importing.run_table_batch(batch.pk) == 100_000

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE
    assert batch.rows_done == batch.rows_total == 100_000
    assert Contribution.objects.filter(batch=batch).count() == 100_000


def test_the_worker_writes_its_progress_while_it_checks_then_saves(
    support, monkeypatch
):
    monkeypatch.setattr(importing, "PROGRESS_EVERY_S", 0)
    monkeypatch.setattr(table_import, "PROGRESS_ROWS", 100)
    written: list[dict] = []
    real_write = importing._Throttle.__call__

    def write(self, **fields):
        written.append(fields)
        real_write(self, **fields)

    monkeypatch.setattr(importing._Throttle, "__call__", write)
    seen: list[tuple[int, int, int]] = []
    real_save = importing.save_rows

    def save(chunk, *, batch, **kwargs):
        seen.append(
            ImportBatch.objects.values_list(
                "read_bytes", "rows_done", "rows_total"
            ).get(pk=batch.pk)
        )
        return real_save(chunk, batch=batch, **kwargs)

    monkeypatch.setattr(importing, "save_rows", save)
    batch = queue(csv_bytes(rows(1_200)), "progress.csv", support=support)

    importing.run_table_batch(batch.pk)

    # Checking: the bytes read grow, every 100 rows, up to the file's size.
    read = [fields["read_bytes"] for fields in written if "read_bytes" in fields]
    assert len(read) >= 10 and read == sorted(read)
    assert 0 < read[0] < read[-1] <= batch.size
    # Saving: the rows saved after each chunk, as the page reads them from the database.
    assert [fields["rows_done"] for fields in written if "rows_done" in fields] == [
        500,
        1_000,
    ]
    assert seen == [(batch.size, done, 1_200) for done in (0, 500, 1_000)]


# --- a worker that dies mid-import ----------------------------------------------------


class Killed(BaseException):
    """What a killed worker does: nothing after this point runs (not even `except`)."""


def kill_after_chunks(monkeypatch, chunks: int) -> None:
    real = importing.save_rows
    calls = []

    def dying(chunk, **kwargs):
        calls.append(len(chunk))
        if len(calls) > chunks:
            raise Killed
        return real(chunk, **kwargs)

    monkeypatch.setattr(importing, "save_rows", dying)


def age(batch: ImportBatch, minutes: int) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_the_sweep_fails_a_batch_whose_worker_died_and_removes_its_entries(
    support, monkeypatch
):
    kill_after_chunks(monkeypatch, 2)
    batch = queue(csv_bytes(rows(1_200)), "long.csv", support=support)
    with pytest.raises(Killed):
        importing.run_table_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.RUNNING  # nobody could say otherwise
    assert Contribution.objects.filter(batch=batch).count() == 2 * importing.CHUNK_ROWS

    assert importing.reap_stalled_batches() == 0  # it wrote a moment ago: kept
    age(batch, 20)
    assert importing.reap_stalled_batches() == 1

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.FAILED
    assert Contribution.objects.filter(batch=batch).count() == 0
    (message,) = batch.messages
    assert message["where"] == "long.csv"
    assert "worker stopped" in message["message"]
    assert "Import the file again" in message["message"]
    assert importing.reap_stalled_batches() == 0  # done once


def test_the_sweep_message_is_in_the_uploaders_language(support, monkeypatch):
    kill_after_chunks(monkeypatch, 0)
    with translation.override("fr"):
        batch = queue(csv_bytes(rows(10)), "court.csv", support=support)
    with pytest.raises(Killed):
        importing.run_table_batch(batch.pk)
    age(batch, 20)
    assert importing.reap_stalled_batches() == 1
    batch.refresh_from_db()
    assert "Importez à nouveau le fichier" in batch.messages[0]["message"]


def test_a_slow_worker_whose_batch_was_swept_stops_and_leaves_nothing(
    support, monkeypatch
):
    """The sweep judged the worker dead while it was only slow: at its next progress
    step the worker finds its batch failed and stops, deleting what it had saved."""
    monkeypatch.setattr(importing, "PROGRESS_EVERY_S", 0.0)
    real = importing.save_rows
    calls = []

    def slow(chunk, **kwargs):
        result = real(chunk, **kwargs)
        calls.append(len(chunk))
        if len(calls) == 1:  # the sweep runs now, with every running batch overdue
            assert importing.reap_stalled_batches(older_than=-dt.timedelta(hours=1))
        return result

    monkeypatch.setattr(importing, "save_rows", slow)
    batch = queue(csv_bytes(rows(1_200)), "slow.csv", support=support)

    assert importing.run_table_batch(batch.pk) == 0

    batch.refresh_from_db()
    assert len(calls) == 1  # no chunk saved after the sweep
    assert batch.state == ImportBatch.State.FAILED
    assert Contribution.objects.filter(batch=batch).count() == 0
    assert "worker stopped" in batch.messages[0]["message"]


def test_stored_uploads_no_batch_refers_to_are_swept_once_old(support, settings):
    batch = queue(csv_bytes(rows(2)), "kept.csv", support=support)
    folder = Path(settings.DATA_DIR) / "funding-imports"
    orphan, young = folder / "orphan.csv", folder / "young.csv"
    orphan.write_bytes(b"x")
    young.write_bytes(b"x")
    old = time.time() - 3 * 86_400
    for path in (orphan, Path(batch.stored_path)):
        os.utime(path, (old, old))

    assert importing.sweep_orphan_uploads() == 1

    assert not orphan.exists()
    assert young.exists() and Path(batch.stored_path).exists()
