"""Issue 7's browser journey: import the XLSX template, see the gap chart, get the French DOCX."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from casework.exports.readback import docx_text
from casework.extensions.demo import WITH_GAPS
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


def test_import_template_see_gap_chart_download_french_comments(
    page, live_server, support, tmp_path: Path, settings, run_queued_tasks
):
    settings.DATA_DIR = tmp_path
    log_in(page, live_server, "support")
    page.goto(f"{live_server.url}/extensions/")

    with page.expect_download() as template_download:
        page.get_by_text("Download the XLSX template").click()
    workbook = load_workbook(
        io.BytesIO(Path(template_download.value.path()).read_bytes())
    )
    fields, tables = WITH_GAPS
    for row in workbook["Request"].iter_rows(min_row=2):
        if row[0].value in fields:
            row[1].value = fields[row[0].value]
    for title, rows in tables.items():
        for values in rows:
            workbook[title].append(list(values))
    filled = tmp_path / "request.xlsx"
    workbook.save(filled)

    page.set_input_files("#import-form input[type=file]", str(filled))
    page.click("#import-form button[type=submit]")
    page.wait_for_load_state()
    # Stored and queued: the worker reads and saves it while the page polls (issue 15).
    assert page.locator("#import-progress progress").is_visible()
    run_queued_tasks()
    page.wait_for_url("**/extensions/*/")
    page.locator("#gap-chart").wait_for()
    assert page.locator("h1").inner_text().startswith("Extension request of Tajikistan")

    chart = page.locator("#gap-chart svg.funding-gap")
    assert chart.is_visible()
    assert chart.locator("rect.bar.gap").count() == 5
    assert page.get_by_text("No national contribution in any year").is_visible()
    assert "Budget!C2" in page.locator(".ext-findings").inner_text()

    with page.expect_download() as comments_download:
        page.click("#download-fr-docx")
    download = comments_download.value
    assert download.suggested_filename.endswith("-comments-fr.docx")
    text = docx_text(Path(download.path()).read_bytes())
    assert "Commentaires à l'intention du Comité" in text
    assert "approche individualisée" in text
    assert "aucune contribution nationale" in text
