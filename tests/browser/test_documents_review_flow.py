"""Done-when of issue 4: upload a French PDF, analyse, review, observations and compilation."""

from __future__ import annotations

import pytest

from casework.documents.sample_files import FRENCH_REPORT, make_pdf
from casework.exports.readback import docx_text, pdf_text
from tests.browser.conftest import log_in, upload_and_analyse

pytestmark = pytest.mark.django_db(transaction=True)


def _decide(page, indicator: str, decision: str, comment: str) -> None:
    card = page.locator(f"article.finding[data-indicator={indicator}]")
    card.locator("textarea[name=comment]").fill(comment)
    card.locator(f"button[value={decision}]").click()
    page.locator(
        f"article.finding[data-indicator={indicator}] .badge[data-decision={decision}]"
    ).wait_for()


def test_french_pdf_to_reviewed_observations_and_compilation(
    page, live_server, owner, support, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = tmp_path / "rapport-senegal-2025.pdf"
    pdf.write_bytes(make_pdf(FRENCH_REPORT, title="Rapport au titre de l'article 7"))

    # 1. The focal point of Senegal uploads the French PDF.
    log_in(page, live_server, "owner")
    # 2. The worker analyses it; the page follows the run by itself (htmx polling).
    upload_and_analyse(page, live_server, pdf)
    page.locator(
        "#analysis-status [data-status=done], #analysis-status [data-status=partial]"
    ).first.wait_for()

    # 3. A reviewer accepts two findings and rejects one.
    page.context.clear_cookies()
    log_in(page, live_server, "support")
    page.goto(f"{live_server.url}/documents/")
    page.click("text=rapport-senegal-2025.pdf")
    page.click("text=Review findings")
    assert page.locator("article.finding mark").count() >= 3
    _decide(page, "national_resources", "accepted", "budget national confirmé")
    _decide(page, "gender_diversity", "accepted", "données ventilées")
    _decide(page, "challenges", "rejected", "pas assez précis")
    assert "budget national confirmé" in page.inner_text(
        "article.finding[data-indicator=national_resources]"
    )

    # 4. Observations drafted from exactly those decisions, in French and English.
    page.goto(f"{live_server.url}/observations/?year=2025")
    page.click("text=Draft observations")
    french = page.input_value("#id_text_fr")
    english = page.input_value("#id_text_en")
    assert (
        "Le Sénégal a fourni des informations sur les ressources nationales" in french
    )
    assert (
        "Le Sénégal a fourni des informations sur la prise en compte du genre" in french
    )
    assert (
        "Le Sénégal n'a pas fourni d'informations sur les difficultés de mise en œuvre"
        in french
    )
    assert "Senegal provided information on the national resources" in english
    assert (
        "Senegal did not provide information on the challenges to implementation"
        in english
    )
    # The unreviewed finding (assistance received) is not treated as reported.
    assert (
        "provided information on the international assistance received" not in english
    )
    # Unreviewed findings block agreeing (issue 14): the page says "pending review";
    # the reviewer rejects them in one go (with a confirmation), then the draft takes
    # the update offered as a diff before it is agreed.
    detail = page.url
    assert "Pending review" in page.inner_text("main")
    page.click("text=Mark as agreed")
    page.locator(".blockers").wait_for()
    page.locator("[data-status=draft]").wait_for()
    page.goto(f"{live_server.url}/documents/")
    page.click("text=rapport-senegal-2025.pdf")
    page.click("text=Review findings")
    pending = page.locator("article.finding.decision-pending input[form=bulk-review]")
    pending.first.wait_for()  # .all() does not wait for the page to load
    for box in pending.all():
        box.check()
    page.click("text=Reject selected")
    page.click("button:has-text('Confirm:')")
    page.locator("article.finding").first.wait_for()
    page.goto(detail)
    page.click("text=Accept the ticked changes")
    page.click("text=Mark as agreed")
    page.click("text=Publish")
    page.locator("[data-status=published]").wait_for()

    # 5. The compilation in DOCX and PDF, English and French, says the same.
    for language, reported, missing in (
        (
            "fr",
            "Le Sénégal a fourni des informations sur les ressources nationales",
            "Le Sénégal n'a pas fourni d'informations sur les difficultés",
        ),
        (
            "en",
            "Senegal provided information on the national resources",
            "Senegal did not provide information on the challenges",
        ),
    ):
        for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
            response = page.request.get(
                f"{live_server.url}/observations/compilation/2025/{language}/{fmt}/"
            )
            assert response.ok
            text = " ".join(read(response.body()).split())
            assert reported in text, (language, fmt)
            assert missing in text, (language, fmt)
    totals = " ".join(
        docx_text(
            page.request.get(
                f"{live_server.url}/observations/compilation/2025/en/docx/"
            ).body()
        ).split()
    )
    assert "1 of 1 affected States reported on: National platform" not in totals
    assert "reported on: Gender and diversity" in totals
