"""htmx pages work under the Content-Security-Policy, and the interleaved autosave is
refused in the browser with the person's text kept on the page (issue 15)."""

from __future__ import annotations

import pytest

from casework.reporting.models import Report
from casework.reporting.tests.factories import make_report
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


def _watch_csp(tab) -> list[str]:
    violations: list[str] = []
    tab.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return violations


def test_autosave_works_under_the_csp_and_a_stale_tab_keeps_its_text(
    browser, page, live_server, owner
):
    report = make_report(answers={})
    violations = _watch_csp(page)
    log_in(page, live_server, "owner")
    edit = f"{live_server.url}/reporting/{report.pk}/edit/"
    page.goto(edit)
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("document.documentElement.classList.contains('has-menu')")

    # A second tab of the same person, opened on the same revision.
    other = page.context.new_page()
    other.set_default_timeout(15_000)
    violations_other = _watch_csp(other)
    other.goto(edit)

    page.fill("#id-A\\.measures", "Texte du premier onglet")
    page.locator("#save-status.save-saved").wait_for()
    stored = Report.objects.get(pk=report.pk)
    assert stored.answers["A"]["measures"] == "Texte du premier onglet"

    other.fill("#id-A\\.measures", "Texte du second onglet")
    other.locator("#save-status.save-stale").wait_for()
    assert "Someone else saved this form" in other.inner_text("#save-status")
    assert "Texte du second onglet" in other.input_value("#unsaved-text textarea")
    assert other.input_value("#id-A\\.measures") == "Texte du second onglet"
    stored.refresh_from_db()
    assert stored.answers["A"]["measures"] == "Texte du premier onglet"
    assert violations == [] and violations_other == []
