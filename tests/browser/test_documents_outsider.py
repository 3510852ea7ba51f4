"""A focal point of another State cannot reach an upload, its findings or the drafts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.documents import services
from casework.observations import services as observations
from casework.states.models import StateParty
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_outsider_sees_nothing_of_another_states_work(
    page, live_server, owner, outsider, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    senegal = StateParty.objects.get(iso3="SEN")
    document = services.upload_documents(
        [
            SimpleUploadedFile(
                "rapport-confidentiel.txt", b"Le Senegal a un budget national."
            )
        ],
        state=senegal,
        kind="article7_report",
        year=2025,
        user=owner,
    )[0].document
    draft = observations.generate(senegal, 2025)

    log_in(page, live_server, "outsider")
    for url in (
        f"/documents/{document.pk}/",
        f"/findings/documents/{document.pk}/",
        f"/observations/{draft.pk}/",
    ):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 404, url
    page.goto(f"{live_server.url}/documents/")
    assert "rapport-confidentiel.txt" not in page.content()
    page.goto(f"{live_server.url}/observations/?year=2025")
    assert "Senegal" not in page.inner_text("main")
    page.goto(f"{live_server.url}/documents/upload/")
    options = page.locator("select[name=state] option").all_inner_texts()
    assert [o for o in options if o.strip("-— ")] == ["Peru"]
