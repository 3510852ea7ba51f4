"""The cross-State view serves stored figures; the worker recomputes them after a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings import coverage, services
from casework.findings.tasks import recompute_coverage
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

PAGE = "Le Sénégal a consacré un budget national aux opérations."
URL = reverse("findings:coverage")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Stored figures live in the cache, which outlives each test's database."""
    from django.core.cache import cache

    cache.clear()


def _document(iso3: str, year: int, sha: str) -> Document:
    original = StoredOriginal.objects.create(sha256=sha * 64, size=1, extension=".txt")
    document = Document.objects.create(
        state=StateParty.objects.get(iso3=iso3),
        kind="article7_report",
        year=year,
        filename=f"{iso3}-{year}.txt",
        original=original,
        text=PAGE,
        pages=1,
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    services.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {
                "present": True,
                "score": 0.9,
                "evidence": [{"page": 1, "text": PAGE}],
            }
        },
    )
    return document


def _csv(client) -> str:
    return client.get(URL + "?download=year").content.decode()


def test_after_a_review_the_page_serves_the_stored_figures_until_the_worker_ran(
    client, support, run_queued_tasks, django_capture_on_commit_callbacks
):
    document = _document("SEN", 2025, "a")
    client.force_login(support)
    first = client.get(URL).content.decode()
    assert 'id="coverage-updated"' in first and "being computed" not in first
    assert "2025,national_resources,0,1,0.000" in _csv(client)

    services.review(document.findings.get(), support, decision="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        stale = client.get(URL).content.decode()
    # still the figures computed before the review, said to be on their way
    assert "being computed in the background" in stale  # said to be on their way
    assert "2025,national_resources,0,1,0.000" in _csv(client)

    run_queued_tasks()
    fresh = client.get(URL).content.decode()
    assert "being computed" not in fresh
    assert "2025,national_resources,1,1,1.000" in _csv(client)


def test_a_recompute_is_queued_once_per_change(
    client, support, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    document = _document("SEN", 2025, "b")
    client.force_login(support)
    client.get(URL)
    services.review(document.findings.get(), support, decision="rejected")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL)
        client.get(URL)
    queued = DBTaskResult.objects.filter(task_path=recompute_coverage.module_path)
    assert queued.count() == 1


def test_a_current_page_reads_no_finding_or_document(client, support):
    _document("SEN", 2024, "c")
    _document("PER", 2025, "d")
    client.force_login(support)
    page = client.get(URL).content.decode()
    assert 'value="2025"' in page and 'value="2024"' in page  # the years, stored too
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL)
    assert again.status_code == 200
    scans = [
        q["sql"]
        for q in queries.captured_queries
        if "findings_finding" in q["sql"] or "documents_document" in q["sql"]
    ]
    assert scans == []


def test_stored_figures_are_named_in_the_reader_language(client, support):
    _document("SEN", 2025, "e")
    client.force_login(support)
    client.get(URL)
    french = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Chiffres mis à jour le" in french
    with translation.override("fr"):
        served = coverage.cached_coverage(years=[], group="", kind="", basis="all")
        french_affected = str(coverage.GROUPS["affected"])
    assert french_affected != "Affected States (Article 5 obligation)"
    assert [s.label for s in served.by_group] == [french_affected]


def test_the_task_skips_figures_that_are_current(support):
    _document("SEN", 2025, "f")
    options = {"years": [], "group": "", "kind": "", "basis": "all"}
    assert coverage.refresh(**options) is True  # nothing stored yet
    assert coverage.refresh(**options) is False
    _document("PER", 2025, "g")  # a new document: the stamps change
    assert coverage.refresh(**options) is True
    served = coverage.cached_coverage(**options)
    assert served.by_year[0].states == 2 and served.stale is False
