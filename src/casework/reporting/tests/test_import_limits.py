"""The report import opens DOCX/XLSX within the safe-open limits, and the template it
writes never turns a focal point's answer into a formula (issue 15)."""

from __future__ import annotations

import io
import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from casework.documents.tests.bombs import write_bomb
from casework.reporting.imports import UnreadableFile, read_upload, template_xlsx
from casework.reporting.tests.factories import answers, make_report

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "docx": write_bomb(folder / "report.docx", "word/document.xml", megabytes=300),
        "xlsx": write_bomb(
            folder / "report.xlsx", "xl/worksheets/sheet1.xml", megabytes=300
        ),
    }


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_is_refused_by_the_reader_naming_the_limit(bombs, kind):
    data = bombs[kind].read_bytes()
    assert len(data) < 2 * MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    with pytest.raises(UnreadableFile) as refused:
        read_upload(f"bomb.{kind}", data)
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    assert growth < 100 * MB
    message = str(refused.value)
    assert f"bomb.{kind}" in message
    assert "300 MB" in message and "200 MB limit" in message


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_upload_is_refused_with_a_clear_message(
    client,
    owner,
    bombs,
    kind,
    settings,
    tmp_path,
    run_queued_tasks,
    django_capture_on_commit_callbacks,
):
    from casework.imports.models import ImportJob

    settings.DATA_DIR = tmp_path
    report = make_report(answers={})
    client.force_login(owner)
    upload = SimpleUploadedFile(f"2025.{kind}", bombs[kind].read_bytes())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:import", args=[report.pk]), {"file": upload}
        )
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    assert growth < 100 * MB  # the web request only stored the file
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("reporting:import_job", args=[job.pk])
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == "failed"
    page = client.get(response["Location"]).content.decode()
    assert f"2025.{kind}" in job.message and "split it into smaller files" in page
    assert "200 MB limit" in job.message
    report.refresh_from_db()
    assert report.answers == {}


def test_a_damaged_workbook_is_refused_by_name():
    with pytest.raises(UnreadableFile, match="broken.xlsx"):
        read_upload("broken.xlsx", b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFile, match="notes.pdf"):
        read_upload("notes.pdf", b"%PDF")


def test_formula_like_answers_are_text_in_the_template_and_read_back_as_typed():
    data = answers()
    data["A"]["measures"] = '=HYPERLINK("http://example.invalid","click")'
    data["J"]["assistance_received"] = [
        {
            "donor": "@SUM(1+1)",
            "amount": "250000",
            "currency": "USD",
            "year": "2025",
            "purpose": "+cmd",
        }
    ]
    content = template_xlsx(data, language="en")
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    measures = next(
        row[3]
        for row in workbook["Report"].iter_rows(values_only=True)
        if row[:2] == ("A", "measures")
    )
    assert measures.startswith("'=")
    proposal = read_upload("back.xlsx", content)
    assert proposal.answers["A"]["measures"] == data["A"]["measures"]
    received = proposal.answers["J"]["assistance_received"][0]
    assert received["donor"] == "@SUM(1+1)" and received["purpose"] == "+cmd"
