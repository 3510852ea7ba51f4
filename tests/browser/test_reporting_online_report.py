"""Issue 5's browser journey: a French-speaking focal point files the Article 7 report online."""

import datetime as dt

import pytest
import time_machine

from casework.compliance.models import Submission
from casework.findings.models import Finding
from casework.observations.models import Observation
from casework.reporting.models import Report
from casework.reporting.tests.factories import make_report
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db
SHOTS = "/tmp/shots"  # set to a directory path to keep screenshots while working on the pages


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _in_french(page):
    page.select_option("#language-select", "fr")
    page.click(".language button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"


def _settle(page):
    """Let the delayed autosave fire and finish."""
    page.wait_for_timeout(2200)
    page.wait_for_function("document.querySelectorAll('.htmx-request').length === 0")


def test_focal_point_files_the_report_online(
    page, live_server, owner, colleague, settings
):
    # The browser keeps the real clock: session cookies must not expire in travelled time.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    make_report("SEN", 2026, status=Report.Status.SUBMITTED, language="fr")
    with time_machine.travel(dt.datetime(2027, 4, 10, 9, 0, tzinfo=dt.UTC), tick=True):
        log_in(page, live_server, "owner")
        _in_french(page)
        page.goto(f"{live_server.url}/reporting/")
        page.select_option("#id_year", "2027")
        page.click("button[name=from_last_year][value='1']")
        page.wait_for_url("**/edit/")
        assert page.input_value("#id-A\\.measures").startswith("Loi 2001-05")

        for code in ("B", "D", "E", "H"):
            page.select_option(f"#flag-{code}", "unchanged")
            page.locator(f"#form-{code}.is-carried").wait_for()
        assert "2026" in page.locator("#form-H .carried-note").inner_text()

        page.fill("[name='J.needs.0.kind']", "Financement")
        page.fill("[name='J.needs.0.amount']", "1200000")
        page.fill("[name='J.needs.0.currency']", "USD")
        page.fill("[name='J.needs.0.period']", "2027-2028")
        page.fill("[name='J.needs.0.purpose']", "Dépollution de la zone nord")
        page.click(".add-row[data-table='J.needs']")
        page.fill("[name='J.needs.1.kind']", "Équipement de détection")
        page.fill("[name='J.assistance_received.0.donor']", "Japon")
        page.fill("[name='J.assistance_received.0.amount']", "250000")
        page.fill("[name='J.assistance_received.0.currency']", "USD")
        page.fill("[name='J.assistance_received.0.year']", "2026")
        page.fill("[name='J.assistance_received.0.purpose']", "Déminage à Bignona")
        page.fill("#id-COVER\\.report_date", "2027-04-09")
        page.locator("#id-COVER\\.report_date").blur()
        _settle(page)
        assert "save-saved" in page.get_attribute("#save-status", "class")
        _shot(page, "1-edit")

        page.reload()  # the connection was lost: the draft is still there
        assert page.input_value("[name='J.needs.0.kind']") == "Financement"
        assert page.input_value("[name='J.needs.1.kind']") == "Équipement de détection"
        assert page.input_value("[name='J.assistance_received.0.donor']") == "Japon"
        for code in ("B", "D", "E", "H"):
            assert page.input_value(f"#flag-{code}") == "unchanged"

        page.click("#review-link")
        page.locator("form[action$='/do/request_clearance/'] button").click()
        page.wait_for_load_state()
        assert page.locator(".status-in_clearance").count() >= 1
        report = Report.objects.get(state__iso3="SEN", year=2027)
        detail = f"{live_server.url}/reporting/{report.pk}/"

        page.context.clear_cookies()
        log_in(page, live_server, "colleague")
        _in_french(page)
        page.goto(detail)
        page.locator("form[action$='/do/clear/'] button").click()
        page.wait_for_load_state()
        # Submitting asks first: the button leads to a confirmation page.
        page.locator("a.button[href$='/submit/']").click()
        page.wait_for_load_state()
        page.locator("form[action$='/do/submit/'] button").click()
        page.wait_for_load_state()
        assert page.locator(".tracker-status.status-on_time").is_visible()
        _shot(page, "2-submitted")

        report.refresh_from_db()
        assert report.status == Report.Status.SUBMITTED
        assert report.submitted_at.date() == dt.date(2027, 4, 10)
        submission = Submission.objects.get(state__iso3="SEN", year=2027)
        assert submission.source == "online"

        page.goto(f"{live_server.url}/compliance/2027/")
        assert page.locator("tr[data-iso3=SEN] .a7-on-time").count() == 1

        codes = set(
            Finding.objects.filter(document=report.document).values_list(
                "indicator", flat=True
            )
        )
        assert {"assistance_needs", "assistance_received"} <= codes
        evidence = Finding.objects.get(
            document=report.document, indicator="assistance_received"
        ).evidence
        assert evidence[0]["field"] == "form_j.assistance_received[0]"
        assert "Japon" in evidence[0]["text"]
        observation = Observation.objects.get(state__iso3="SEN", year=2027)
        assert {"assistance_needs", "assistance_received"} <= set(
            observation.reported_codes
        )
        page.goto(f"{live_server.url}/observations/{observation.pk}/")
        assert page.locator("h1").is_visible()
        _shot(page, "3-observations")
