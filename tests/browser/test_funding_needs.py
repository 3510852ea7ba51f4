"""Issue 8's browser journey: a State's needs-versus-funding chart and donor suggestions."""

import pytest

from casework.funding.demo import load_demo
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


def test_needs_versus_funding_chart_and_donor_suggestions(page, live_server, support):
    load_demo()
    log_in(page, live_server, "support")

    page.goto(f"{live_server.url}/funding/needs/")
    page.get_by_role("link", name="Angola").first.click()
    page.wait_for_load_state()
    chart = page.locator("#needs-versus-funding svg")
    assert chart.is_visible()
    assert "Needs against funding of Angola" in chart.get_attribute("aria-label")
    assert page.locator("#needs-versus-funding rect").count() >= 6

    page.locator("a.suggest").last.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Donor suggestions for Angola")
    first = page.locator("li.suggestion").first
    assert "Demo Northland" in first.locator("h2").inner_text()
    reasons = first.locator("ul.reasons li").all_inner_texts()
    assert any("to Angola in" in reason for reason in reasons)
    assert any("Stated priority" in reason for reason in reasons)

    # One document link per language and format: /…/suggestions/<lang>.<format>.
    assert page.locator("p.downloads a[hreflang]").count() == 6
    with page.expect_download() as download:
        page.locator('a[hreflang="en"]', has_text="DOCX").click()
    assert download.value.suggested_filename == "donor-suggestions-AGO-2025-en.docx"
