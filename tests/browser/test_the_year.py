"""Issue 14's "done when": the Committee's whole year, walked in headless Chromium.

Cambodia (one focal point) files and submits its report online, the support unit clears
it; Senegal (two focal points) clears and submits; both get receipts in the inbox and by
e-mail (sent by the worker). A French PDF is uploaded and analysed by the worker's own
loop, the reviewer accepts its findings in one go, the observations cite the platform
register and an exchange visit in English, French and Spanish without contradicting
them, the funding page shows the needs as the State reported them, and the published
observations reach the public State page.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
import time_machine
from django.core import mail

from casework.documents.sample_files import FRENCH_REPORT, make_pdf
from casework.domain.indicators import indicator
from casework.domain.locale import format_date_range
from casework.domain.state_names import short_name
from casework.funding.organisations import seed as seed_organisations
from casework.observations.consistency import contradictions
from casework.observations.knowledge import gather
from casework.observations.models import Observation
from casework.reporting.models import Report
from casework.states.models import StateParty
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2026
MANDATORY = ("A", "B", "C", "D", "E", "F", "G", "H", "I")
VISIT = (dt.date(2025, 10, 6), dt.date(2025, 10, 9))
# How each language names the register in a citation, and says "no information".
REGISTER = {
    "en": "register of national platforms",
    "fr": "registre des plateformes nationales",
    "es": "registro de plataformas nacionales",
}
NO_INFORMATION = {
    "en": "did not provide information",
    "fr": "n'a pas fourni d'informations",
    "es": "no proporcionó información",
}


SHOTS = os.environ.get("CASEWORK_SHOTS", "")  # a directory: keep screenshots


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def run_worker() -> None:
    """The loop `casework worker --burst` runs: every ready task, then return."""
    from casework.cli.worker_loop import SupervisedWorker

    SupervisedWorker(queue="default", batch=True, interval=0.2).run()


def _settle(page) -> None:
    """Let the delayed autosave fire and finish."""
    page.wait_for_timeout(2200)
    page.wait_for_function("document.querySelectorAll('.htmx-request').length === 0")


def _click(page, selector: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_load_state()


def switch_user(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, live_server, username)


def file_report(
    page,
    live_server,
    *,
    language: str | None,
    contact: str,
    need: tuple[str, str],
    received: tuple[str, str],
) -> Report:
    """A focal point starts a blank report in `language` (None: the one offered), fills
    the cover page and Form J (a need, support received), marks forms A–I not
    applicable, then opens the review."""
    page.goto(f"{live_server.url}/reporting/")
    page.select_option("#id_year", str(YEAR))
    if language:
        page.select_option("#id_language", language)
    page.click("button[name=from_last_year][value='0']")
    page.wait_for_url("**/edit/")
    page.fill("#id-COVER\\.contact_name", contact)
    page.fill("#id-COVER\\.contact_organisation", "Mine action centre")
    page.fill("#id-COVER\\.contact_email", "centre@example.org")
    page.fill("#id-COVER\\.report_date", f"{YEAR}-04-09")
    for code in MANDATORY:
        page.select_option(f"#flag-{code}", "not_applicable")
        page.locator(f"#form-{code}.is-carried").wait_for()
    page.fill("[name='J.needs.0.kind']", need[0])
    page.fill("[name='J.needs.0.amount']", need[1])
    page.fill("[name='J.needs.0.currency']", "USD")
    page.fill("[name='J.needs.0.period']", f"{YEAR}-{YEAR + 1}")
    page.fill("[name='J.assistance_received.0.donor']", received[0])
    page.fill("[name='J.assistance_received.0.amount']", received[1])
    page.fill("[name='J.assistance_received.0.currency']", "USD")
    page.fill("[name='J.assistance_received.0.year']", str(YEAR - 1))
    page.locator("[name='J.assistance_received.0.year']").blur()
    _settle(page)
    assert "save-saved" in page.get_attribute("#save-status", "class")
    shot(page, f"edit-{contact[0]}")
    for code in MANDATORY:
        assert page.input_value(f"#flag-{code}") == "not_applicable"
    page.click("#review-link")
    page.wait_for_load_state()
    shot(page, f"review-{contact[0]}")
    pk = int(re.search(r"/reporting/(\d+)/", page.url).group(1))
    return Report.objects.get(pk=pk)


def submit_with_confirmation(page) -> None:
    _click(page, "a.button[href$='/submit/']")
    assert page.locator("form[action$='/do/submit/'] button").is_visible()
    _click(page, "form[action$='/do/submit/'] button")


def receipt_in_inbox(page, live_server, state_name: str) -> str:
    page.goto(f"{live_server.url}/notifications/")
    receipt = page.locator(
        "li.notification", has_text=f"{state_name}, Article 7 report {YEAR}: received"
    )
    assert receipt.count() == 1, page.inner_text("main")
    return receipt.inner_text()


def e_mails_to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if address in m.to]


def test_the_committees_year(
    page,
    live_server,
    make_user,
    owner,
    colleague,
    support,
    committee_member,
    tmp_path,
    settings,
):
    # The browser keeps the real clock: session cookies must not expire in travelled time.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_user("fp_khm", "focal_point", iso3="KHM")  # Cambodia's only focal point
    # The organisation register ships as a data migration, which an earlier
    # transactional test's flush removes: load it again (idempotent).
    seed_organisations()
    url = live_server.url
    senegal = StateParty.objects.get(iso3="SEN")

    with time_machine.travel(dt.datetime(YEAR, 4, 10, 9, 0, tzinfo=dt.UTC), tick=True):
        # 0. The support unit keeps the Committee's records: Senegal's platform and
        # the exchange visit Senegal → Cambodia.
        log_in(page, live_server, "support")
        page.goto(f"{url}/engagement/platforms/SEN/")
        page.select_option("#id_platform-exists", "yes")
        page.fill("#id_platform-established_on", "2019-03-01")
        page.fill("#id_platform-last_meeting_on", "2025-11-20")
        _click(page, "form:has(#id_platform-exists) button[type=submit]")
        assert "Platform saved." in page.inner_text("main")
        page.goto(f"{url}/engagement/visits/")
        page.select_option("#visit-form #id_requesting_state", label="Senegal")
        page.select_option("#visit-form #id_host_state", label="Cambodia")
        page.fill("#visit-form #id_topic_en", "land release by survey")
        page.fill("#visit-form #id_topic_fr", "la remise à disposition des terres")
        page.fill("#visit-form #id_start", VISIT[0].isoformat())
        page.fill("#visit-form #id_end", VISIT[1].isoformat())
        _click(page, "#visit-form button[type=submit]")
        for _ in range(2):  # requested → approved → done
            page.get_by_role("button", name="Move to").click()
            page.wait_for_load_state()

        # 1. Cambodia: one focal point; the support unit clears, the State submits.
        switch_user(page, live_server, "fp_khm")
        cambodia_report = file_report(
            page,
            live_server,
            language="en",
            contact="C. Focal",
            need=("Funding", "1,200,000"),
            received=("Japan", "300,000"),
        )
        _click(page, "form[action$='/do/request_clearance/'] button")
        assert "the support unit clears it" in page.inner_text(".report-actions")
        switch_user(page, live_server, "support")
        page.goto(f"{url}/notifications/")
        asked = page.locator(
            "li.notification.unread",
            has_text="Cambodia, Article 7 report 2026: waiting for your clearance",
        )
        assert "It comes to the support unit" in asked.inner_text()
        page.goto(f"{url}/")
        page.locator(".to-clear a", has_text="Cambodia").click()
        page.wait_for_load_state()
        _click(page, "form[action$='/do/clear/'] button")
        assert "(by the support unit)" in page.inner_text(".report-steps")
        switch_user(page, live_server, "fp_khm")
        page.goto(f"{url}/notifications/")
        page.locator("li.notification a", has_text="cleared").click()
        page.wait_for_load_state()
        submit_with_confirmation(page)
        cambodia_report.refresh_from_db()
        assert cambodia_report.status == Report.Status.SUBMITTED
        assert page.locator(".tracker-status.status-on_time").is_visible()
        run_worker()  # e-mails go out through the worker
        assert "Receipt" in receipt_in_inbox(page, live_server, "Cambodia")
        assert "Cambodia, Article 7 report 2026: received" in e_mails_to(
            "fp_khm@example.org"
        )

        # 2. Senegal: the first focal point sends it, the second clears and submits.
        # The first works in French: set once on the profile, it gives the interface,
        # the report's language and the e-mails.
        switch_user(page, live_server, "owner")
        page.goto(f"{url}/accounts/profile/")
        page.select_option("#id_preferred_language", "fr")
        _click(page, "#notification-settings button[type=submit]")
        assert page.locator("html").get_attribute("lang") == "fr"
        page.goto(f"{url}/reporting/")
        assert page.input_value("#id_language") == "fr"
        senegal_report = file_report(
            page,
            live_server,
            language=None,
            contact="S. Point focal",
            need=("Financement", "2 500 000"),
            received=("Norvège", "450 000"),
        )
        assert senegal_report.language == "fr"
        _click(page, "form[action$='/do/request_clearance/'] button")
        assert "(à un second point focal)" in page.inner_text(".report-steps")
        switch_user(page, live_server, "colleague")
        page.goto(f"{url}/notifications/")
        assert (
            page.locator(
                "li.notification.unread",
                has_text="Senegal, Article 7 report 2026: waiting for your clearance",
            ).count()
            == 1
        )
        page.goto(f"{url}/")
        page.locator(".to-clear a", has_text="Senegal").click()
        page.wait_for_load_state()
        _click(page, "form[action$='/do/clear/'] button")
        assert page.locator(".report-steps .step-cleared").count() == 1
        submit_with_confirmation(page)
        senegal_report.refresh_from_db()
        assert senegal_report.status == Report.Status.SUBMITTED
        assert senegal_report.submitted_by.username == "colleague"
        run_worker()
        assert "Receipt" in receipt_in_inbox(page, live_server, "Senegal")
        assert "Senegal, Article 7 report 2026: received" in e_mails_to(
            "colleague@example.org"
        )
        assert any(
            "waiting for your clearance" in s
            for s in e_mails_to("colleague@example.org")
        )
        # The first focal point's receipt, in French in the inbox and the e-mail.
        french_receipt = "Sénégal, rapport au titre de l'article 7 pour 2026 : reçu"
        assert french_receipt in e_mails_to("owner@example.org")
        switch_user(page, live_server, "owner")
        page.goto(f"{url}/notifications/")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert "Accusé de réception" in (
            page.locator("li.notification", has_text=french_receipt).inner_text()
        )

        # 3. A French PDF on the documents page, analysed by the worker.
        pdf = tmp_path / "rapport-senegal-2026.pdf"
        pdf.write_bytes(
            make_pdf(FRENCH_REPORT, title="Rapport au titre de l'article 7")
        )
        page.goto(f"{url}/documents/upload/")
        page.set_input_files("input[type=file]", str(pdf))
        page.select_option("select[name=kind]", "article7_report")
        page.fill("input[name=year]", str(YEAR))
        page.click("#upload-form button[type=submit]")
        page.locator("#analysis-status [data-status=queued]").wait_for()
        run_worker()
        # The page follows the run by itself (htmx polling), without a reload.
        page.locator("#analysis-status [data-status=done]").wait_for()
        page.reload()
        assert "Langue\nfrançais" in page.inner_text("dl.facts")  # detected

        # 4. The reviewer accepts the findings in one go, with one confirmation.
        switch_user(page, live_server, "support")
        page.goto(f"{url}/documents/")
        page.click("text=rapport-senegal-2026.pdf")
        page.click("text=Review findings")
        page.wait_for_url("**/findings/documents/*/")
        page.locator("article.finding").first.wait_for()
        pending = page.locator(
            "article.finding.decision-pending input[form=bulk-review]"
        )
        count = pending.count()
        assert count >= 3
        for box in pending.all():
            box.check()
        page.click("text=Accept selected")
        page.wait_for_load_state()
        assert f"These {count} findings will be marked" in page.inner_text("main")
        _click(page, "button:has-text('Confirm:')")
        assert page.locator("article.finding.decision-pending").count() == 0
        assert page.locator(".badge[data-decision=accepted]").count() >= count

        # 5. The observations, regenerated from everything, in EN, FR and ES.
        switch_user(page, live_server, "member")
        page.goto(f"{url}/observations/?year={YEAR}")
        page.locator("table a", has_text="Senegal").click()
        page.wait_for_load_state()
        _click(page, "button:has-text('Regenerate from findings (keep edits)')")
        assert page.locator(".pending-review").count() == 0
        assert page.locator(".stale").count() == 0
        knowledge = gather(senegal, YEAR)
        texts = {}
        for language in ("en", "fr", "es"):
            text = page.input_value(f"#id_text_{language}")
            texts[language] = text
            route = f"{short_name('SEN', language)} → {short_name('KHM', language)}"
            assert route in text, language
            assert format_date_range(*VISIT, language) in text, language
            assert REGISTER[language] in text, language
            assert "2019" in text, language  # the platform's year, from the register
            assert contradictions(text, language, knowledge=knowledge) == []
            # Read plainly too: no sentence denies what the records cite.
            denials = [
                sentence
                for sentence in re.split(r"(?<=\.)\s", text)
                if NO_INFORMATION[language] in sentence
            ]
            for code in ("knowledge_exchange", "national_platform"):
                topic = indicator(code).topic(language)
                assert not [d for d in denials if topic in d], (language, code)
        # Drawn from every source: the online report, the PDF, the Committee's records.
        assert "online Article 7 report for 2026" in texts["en"]
        assert "rapport-senegal-2026.pdf" in texts["en"]

        # 6. The funding page shows the needs as Senegal reported them.
        page.goto(f"{url}/funding/states/SEN/")
        needs = page.inner_text("ul.needs")
        assert "Online Article 7 report of Senegal for 2026" in needs
        assert "2,500,000" in needs
        # Beside donors' figures: what Senegal said it received ("Norvège" is matched
        # to the donor Norway), with the report named as its source.
        received_row = page.locator("table.ledger tbody tr", has_text="Norway")
        assert "450,000" in received_row.inner_text()
        assert "Recipient's report (assistance received)" in received_row.inner_text()
        assert (
            "Online Article 7 report of Senegal for 2026" in received_row.inner_text()
        )
        assert "reporting.report:" not in page.inner_text("main")
        # The State's own account is shown, never added to the money received.
        coverage = page.locator(".coverage-table tbody tr", has_text=str(YEAR))
        assert "2,500,000" in coverage.inner_text()
        assert "450,000" not in coverage.inner_text()

        # 7. Agreed, published, and shown on the public State page.
        page.goto(f"{url}/observations/?year={YEAR}")
        page.locator("table a", has_text="Senegal").click()
        page.wait_for_load_state()
        _click(page, "button:has-text('Mark as agreed')")
        assert page.locator("[data-status=agreed]").count() == 1, page.inner_text(
            "main"
        )
        _click(page, "button:has-text('Publish')")
        page.locator("[data-status=published]").wait_for()
        observation = Observation.objects.get(state=senegal, year=YEAR)
        assert observation.status == Observation.Status.PUBLISHED

        page.context.clear_cookies()
        page.goto(f"{url}/states/SEN/")
        public = page.inner_text(".published-observations")
        first = observation.text("en").split("\n\n")[0]
        assert first.split(" [")[0] in public
        assert str(YEAR) in public
