"""Issue 15 in the browser: a funding import whose worker died is failed by the
housekeeping sweep, and its page tells the support unit, in French, what happened and
what to do; the rates form states its row limit."""

import datetime as dt

import pytest
from django.utils import timezone

from casework import housekeeping
from casework.funding.models import Contribution, ImportBatch
from casework.funding.tests.factories import ContributionFactory
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


def test_a_swept_import_says_what_happened_in_french(page, live_server, support):
    batch = ImportBatch.objects.create(
        kind="table",
        state="running",
        filename="contributions-2025.csv",
        sha256="3" * 64,
        language="fr",
        created_by=support,
    )
    ContributionFactory(batch=batch, is_published=False)  # half a file saved
    ImportBatch.objects.filter(pk=batch.pk).update(
        updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    housekeeping.sweep()
    assert not Contribution.objects.filter(batch=batch).exists()

    log_in(page, live_server, "support")
    page.select_option("#language-select", "fr")
    page.click(".language button")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/funding/imports/{batch.pk}/")
    text = page.locator("main").inner_text()
    assert "contributions-2025.csv" in text
    assert "rien n'a été importé" in text and "Importez à nouveau le fichier" in text
    assert "worker stopped" not in text
    assert page.locator("progress").count() == 0  # not shown as still reading

    page.goto(f"{live_server.url}/funding/rates/")
    limit = page.locator("p.small", has_text="lignes, lues en une fois")
    assert limit.is_visible()
    assert (
        limit.inner_text()
        .replace("\u202f", " ")
        .replace("\xa0", " ")
        .startswith("Jusqu'à 5 000 lignes")
    )
