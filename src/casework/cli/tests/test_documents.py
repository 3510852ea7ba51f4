"""`casework documents add` and `casework documents status`, in-process with CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from casework.cli import main
from casework.cli.documents import KINDS, table
from casework.documents.models import AnalysisRun, Document

pytestmark = pytest.mark.django_db

REPORT = (
    "Article 7 report of Senegal for 2025.\n\n"
    "Senegal received support from Norway for survey and clearance in Casamance.\n"
)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "sen-2025.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(main, ["documents", *args], catch_exceptions=False)


def test_the_kinds_offered_are_the_models(db):
    assert list(KINDS) == list(Document.Kind.values)


def test_add_files_the_document_and_queues_its_analysis(
    report, django_capture_on_commit_callbacks, run_queued_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = invoke("add", str(report), "--state", "sen", "--year", "2025")
    assert result.exit_code == 0, result.output
    document = Document.objects.get(filename="sen-2025.txt")
    assert (document.state.iso3, document.year, document.kind) == (
        "SEN",
        2025,
        "article7_report",
    )
    run = document.latest_run
    assert run is not None and run.status == AnalysisRun.Status.QUEUED
    assert f"analysis run {run.pk} queued" in result.output
    queued = invoke("status")
    assert "queued" in queued.output and "sen-2025.txt" in queued.output

    run_queued_tasks()
    run.refresh_from_db()
    assert run.status in (AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL)
    status = invoke("status", "--state", "SEN")
    line = next(line for line in status.output.splitlines() if "sen-2025.txt" in line)
    assert line.split()[0] == str(run.pk) and run.status in line.split()


def test_the_same_file_twice_is_filed_once(report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoke("add", str(report), "--state", "SEN", "--year", "2025")
        again = invoke("add", str(report), "--state", "SEN", "--year", "2025")
    assert again.exit_code == 0
    assert "already filed" in again.output
    assert Document.objects.filter(filename="sen-2025.txt").count() == 1


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (
            None,
            ["--state", "XYZ", "--year", "2025"],
            "no State Party with the ISO3 code",
        ),
        ("missing", ["--state", "SEN", "--year", "2025"], "no such file"),
        (
            "report.exe",
            ["--state", "SEN", "--year", "2025"],
            "does not read this format",
        ),
        ("empty.txt", ["--state", "SEN", "--year", "2025"], "the file is empty"),
        (None, ["--state", "SEN", "--year", "1990"], "1990 is not in the range"),
        (
            None,
            ["--state", "SEN", "--year", "2025", "--kind", "x"],
            "'x' is not one of",
        ),
        (None, ["--year", "2025"], "Missing option '--state'"),
    ],
)
def test_bad_input_is_a_clear_message_and_files_nothing(
    tmp_path, report, make, args, message
):
    path = report
    if make == "missing":
        path = tmp_path / "nowhere.pdf"
    elif make == "empty.txt":
        path = tmp_path / make
        path.write_bytes(b"")
    elif make:
        path = tmp_path / make
        path.write_bytes(b"MZ")
    result = CliRunner().invoke(
        main, ["documents", "add", str(report), str(path), *args]
    )
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not Document.objects.filter(filename="sen-2025.txt").exists()


def test_status_without_runs_says_how_to_start():
    result = invoke("status", "--state", "TON")
    assert result.exit_code == 0
    assert "No analysis runs yet" in result.output


def test_table_pads_columns():
    assert table(("A", "BB"), [("xyz", "1")]).splitlines() == ["A    BB", "xyz  1"]
