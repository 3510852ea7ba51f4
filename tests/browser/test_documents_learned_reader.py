"""A finding the rules miss is found by the learned reader, and the page says so (FR, ES)."""

from __future__ import annotations

import re

import pytest

from casework.documents.sample_files import make_pdf
from tests.browser.conftest import log_in, upload_and_analyse

pytestmark = pytest.mark.django_db(transaction=True)

# Written for this test; no rule of the analyser matches these sentences.
PARAGRAPHS = [
    "Les militaires du génie affectés au déminage sont payés sur le budget de la défense, "
    "et l'État fournit les locaux du centre à Ziguinchor.",
    "Deux cadres du centre ont passé une semaine auprès de leurs homologues de "
    "Guinée-Bissau pour apprendre leur méthode de gestion des données.",
]


def _switch(page, language: str) -> None:
    page.select_option("#language-select", language)
    page.click(".language button")
    page.locator(f"html[lang={language}]").wait_for()


def test_model_finding_is_shown_with_what_found_it(
    page, live_server, owner, support, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = tmp_path / "note-senegal.pdf"
    pdf.write_bytes(make_pdf(PARAGRAPHS, title="Note du Sénégal"))
    log_in(page, live_server, "owner")
    upload_and_analyse(page, live_server, pdf)

    page.context.clear_cookies()
    log_in(page, live_server, "support")
    page.goto(f"{live_server.url}/documents/")
    page.click("text=note-senegal.pdf")
    page.click("text=Review findings")
    card = page.locator("article.finding[data-indicator=national_resources]")
    assert "found by the learned reader (" in card.inner_text()
    assert "budget de la défense" in card.locator("mark").first.inner_text()

    _switch(page, "fr")
    text = page.locator(
        "article.finding[data-indicator=knowledge_exchange]"
    ).inner_text()
    assert re.search(r"trouvé par le lecteur appris \(\d,\d\d\)", text)
    _switch(page, "es")
    text = page.locator(
        "article.finding[data-indicator=national_resources]"
    ).inner_text()
    assert re.search(r"encontrado por el lector aprendido \(\d,\d\d\)", text)
