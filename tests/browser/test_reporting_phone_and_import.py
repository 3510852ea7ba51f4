"""Issue 5 on a phone: fill a table row, import last year's XLSX template, review, apply."""

import pytest

from casework.reporting.imports import template_xlsx
from casework.reporting.models import Report
from casework.reporting.tests.factories import answers, make_report
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db
SHOTS = None  # a directory path keeps screenshots while working on the pages


def test_phone_user_imports_last_years_template(
    browser, live_server, owner, tmp_path, settings, run_queued_tasks
):
    settings.DATA_DIR = tmp_path
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused: list[str] = []  # the polling must work under the Content-Security-Policy
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        report = make_report(answers={}, language="en")
        log_in(page, live_server, "owner")
        page.goto(f"{live_server.url}/reporting/{report.pk}/edit/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400  # no sideways scrolling on a phone
        page.fill("[name='J.needs.0.kind']", "Funding")
        page.locator("[name='J.needs.0.kind']").blur()
        page.wait_for_timeout(1200)
        page.wait_for_function(
            "document.querySelectorAll('.htmx-request').length === 0"
        )
        report.refresh_from_db()
        assert report.answers["J"]["needs"][0]["kind"] == "Funding"
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/phone-edit.png")

        last_year = tmp_path / "report-2025.xlsx"
        last_year.write_bytes(template_xlsx(answers(), language="en"))
        page.click("text=Import from a file")
        page.set_input_files("#id_file", str(last_year))
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        # Stored and queued: the worker reads it while the page polls (issue 15).
        assert page.locator("#import-progress progress").is_visible()
        run_queued_tasks()
        page.locator("input[name=take][value='A.measures']").wait_for()
        assert page.locator("input[name=take][value='A.measures']").is_checked()
        page.uncheck("input[name=take][value='J.needs']")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/edit/")
        assert page.input_value("#id-A\\.measures").startswith("Loi 2001-05")
        assert (
            page.input_value("[name='J.needs.0.kind']") == "Funding"
        )  # kept, not ticked
        assert Report.objects.get(pk=report.pk).answers["C"]["mined_areas"]
        assert refused == []
    finally:
        context.close()
