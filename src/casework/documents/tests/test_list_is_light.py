"""The documents list reads names and statuses only, a page at a time (issue 19)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.documents import services, views
from casework.documents.models import AnalysisRun, Document
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


def test_the_list_pages_and_never_loads_text_or_results(client, support, monkeypatch):
    senegal = StateParty.objects.get(iso3="SEN")
    files = [
        SimpleUploadedFile(f"report-{n}.txt", (f"Report number {n}. " * 50).encode())
        for n in range(3)
    ]
    services.upload_documents(
        files, state=senegal, kind="article7_report", year=2025, user=support
    )
    Document.objects.update(text="A long extracted text. " * 1000)
    AnalysisRun.objects.update(result={"indicators": {"big": "x" * 10_000}})
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(support)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("documents:list"), {"state": "SEN"})
    page = first.content.decode()
    assert first.status_code == 200
    assert page.count('href="/documents/') >= 2 and "page=2" in page
    assert "state=SEN" in page  # the filter is kept in the page links
    selects = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"documents_document"."text"' not in selects
    assert '"documents_analysisrun"."result"' not in selects
    second = client.get(reverse("documents:list"), {"state": "SEN", "page": 2})
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()
